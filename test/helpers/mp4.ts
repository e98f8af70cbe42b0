/**
 * A small ISO Base Media File Format (MP4) box parser for tests.
 *
 * It reads the box tree and the few header boxes needed to check that a file is a
 * well-formed, fast-start MP4 (`ftyp`, `mvhd`, `tkhd`, `mdhd`, `hdlr`). It does not
 * decode media; it validates sizes strictly and throws on a malformed tree.
 */

/** One box of the tree. */
export interface Mp4Box {
  /** The four-character type, e.g. `moov` (Latin-1). */
  type: string;
  /** The whole box's size in bytes, header included (resolved for `size == 0`). */
  size: number;
  /** Offset of the box's first byte in the parsed buffer. */
  offset: number;
  /** Header length: 8, 16 with a 64-bit `largesize`, plus 16 for a `uuid` box. */
  headerSize: number;
  /** The child boxes, only on the container types in {@link MP4_CONTAINER_TYPES}. */
  children?: Mp4Box[];
}

/** Box types whose payload is parsed as a list of child boxes. */
const MP4_CONTAINER_TYPES: ReadonlySet<string> = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf']);

/** A handler type from `hdlr`: `vide` video, `soun` audio, or any other four-character code. */
type Mp4HandlerType = 'vide' | 'soun' | 'hint' | 'meta' | 'text' | 'sbtl' | 'subt' | (string & {});

/** One track as read from `tkhd`, `mdhd` and `hdlr`. */
interface Mp4Track {
  /** The handler type from `hdlr`. */
  handler: Mp4HandlerType;
  /** Presentation width in pixels, from `tkhd`'s 16.16 fixed-point width. 0 for audio. */
  width: number;
  /** Presentation height in pixels, from `tkhd`'s 16.16 fixed-point height. 0 for audio. */
  height: number;
  /** Media timescale from `mdhd`, in units per second. */
  timescale: number;
  /** Media duration from `mdhd`, in `timescale` units. */
  duration: number;
  /** `duration / timescale`. */
  durationSeconds: number;
}

/** What {@link describeMp4} reads from a file. */
export interface Mp4Description {
  /** The `ftyp` brands. */
  brands: { major: string; minorVersion: number; compatible: string[] };
  /** Whether there is a top-level `moov` box. */
  hasMoov: boolean;
  /** Whether there are top-level `moov` and `mdat` boxes and the first `moov` comes before the first `mdat` (fast start). */
  moovBeforeMdat: boolean;
  /** The types of the top-level boxes, in file order. */
  topLevel: string[];
  /** One entry per `trak` in `moov`, in file order. */
  tracks: Mp4Track[];
  /** Movie duration from `mvhd` (`duration / timescale`), or `null` without `mvhd`. */
  durationSeconds: number | null;
}

/** Thrown on a truncated or malformed box tree. */
export class Mp4ParseError extends Error {
  override name = 'Mp4ParseError';
}

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function parseBoxes(bytes: Uint8Array, view: DataView, start: number, end: number, depth: number): Mp4Box[] {
  if (depth > 32) throw new Mp4ParseError(`boxes nested deeper than 32 at offset ${start}`);
  const boxes: Mp4Box[] = [];
  let offset = start;
  while (offset < end) {
    if (end - offset < 8) throw new Mp4ParseError(`truncated box header at offset ${offset}: ${end - offset} bytes left`);
    const size32 = view.getUint32(offset);
    const type = fourCC(bytes, offset + 4);
    let headerSize = 8;
    let size: number;
    if (size32 === 1) {
      if (end - offset < 16) throw new Mp4ParseError(`truncated largesize of '${type}' at offset ${offset}`);
      const large = view.getBigUint64(offset + 8);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw new Mp4ParseError(`largesize ${large} of '${type}' at offset ${offset} is too large`);
      size = Number(large);
      headerSize = 16;
    } else if (size32 === 0) {
      size = end - offset; // extends to the end of the enclosing box (or file)
    } else {
      size = size32;
    }
    if (type === 'uuid') headerSize += 16;
    if (size < headerSize) throw new Mp4ParseError(`box '${type}' at offset ${offset} has size ${size}, smaller than its ${headerSize}-byte header`);
    if (offset + size > end) throw new Mp4ParseError(`box '${type}' at offset ${offset} (size ${size}) overruns its parent, which ends at ${end}`);
    const box: Mp4Box = { type, size, offset, headerSize };
    if (MP4_CONTAINER_TYPES.has(type)) box.children = parseBoxes(bytes, view, offset + headerSize, offset + size, depth + 1);
    boxes.push(box);
    offset += size;
  }
  return boxes;
}

/**
 * Parses the box tree of an MP4 (ISO-BMFF) file.
 *
 * Handles 32-bit sizes, 64-bit `largesize` (`size == 1`) and `size == 0` (the box runs
 * to the end of its parent, or of the file). Descends into the containers in
 * {@link MP4_CONTAINER_TYPES}; every other box is a leaf.
 *
 * @throws {Mp4ParseError} On a truncated header, a size smaller than the header, or a box overrunning its parent.
 */
export function parseMp4(bytes: Uint8Array): Mp4Box[] {
  return parseBoxes(bytes, viewOf(bytes), 0, bytes.byteLength, 0);
}

/** The first child of `boxes` of the given `type`, or, with a path such as `moov/trak/mdia`, the first box along it. */
export function findBox(boxes: readonly Mp4Box[] | undefined, path: string): Mp4Box | undefined {
  let found: Mp4Box | undefined;
  let level = boxes;
  for (const type of path.split('/')) {
    found = level?.find((b) => b.type === type);
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}

/** A reader over one box's payload (the bytes after its header). */
class Payload {
  readonly #view: DataView;
  readonly #bytes: Uint8Array;
  readonly #box: Mp4Box;
  readonly #start: number;
  readonly #end: number;

  constructor(bytes: Uint8Array, view: DataView, box: Mp4Box) {
    this.#bytes = bytes;
    this.#view = view;
    this.#box = box;
    this.#start = box.offset + box.headerSize;
    this.#end = box.offset + box.size;
  }

  #at(rel: number, length: number): number {
    const at = this.#start + rel;
    if (at + length > this.#end) throw new Mp4ParseError(`'${this.#box.type}' at offset ${this.#box.offset} is too short: needs ${rel + length} payload bytes`);
    return at;
  }

  u8(rel: number): number {
    return this.#view.getUint8(this.#at(rel, 1));
  }

  u32(rel: number): number {
    return this.#view.getUint32(this.#at(rel, 4));
  }

  u64(rel: number): number {
    const value = this.#view.getBigUint64(this.#at(rel, 8));
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Mp4ParseError(`64-bit value in '${this.#box.type}' is too large`);
    return Number(value);
  }

  fourCC(rel: number): string {
    return fourCC(this.#bytes, this.#at(rel, 4));
  }

  get length(): number {
    return this.#end - this.#start;
  }
}

/** Reads `creation/modification time, [track_ID, reserved,] timescale?, duration` of a v0/v1 full box. */
function timesOf(p: Payload, type: 'mvhd' | 'mdhd'): { timescale: number; duration: number } {
  const version = p.u8(0);
  if (version === 1) return { timescale: p.u32(20), duration: p.u64(24) };
  if (version === 0) return { timescale: p.u32(12), duration: p.u32(16) };
  throw new Mp4ParseError(`unsupported ${type} version ${version}`);
}

function ratio(duration: number, timescale: number): number {
  if (timescale === 0) throw new Mp4ParseError('timescale is 0');
  return duration / timescale;
}

/**
 * Describes an MP4 file: its brands, whether it is fast-start, its tracks and duration.
 *
 * Reads `ftyp`, `mvhd` (version 0 and 1), and per `trak` its `tkhd` (width and height as
 * 16.16 fixed point), `mdia/mdhd` and `mdia/hdlr`.
 *
 * @throws {Mp4ParseError} When the tree is malformed, `ftyp` is missing, or a `trak` lacks `tkhd`, `mdhd` or `hdlr`.
 */
export function describeMp4(bytes: Uint8Array): Mp4Description {
  const view = viewOf(bytes);
  const boxes = parseMp4(bytes);
  const payload = (box: Mp4Box) => new Payload(bytes, view, box);

  const ftyp = findBox(boxes, 'ftyp');
  if (!ftyp) throw new Mp4ParseError('no ftyp box');
  const f = payload(ftyp);
  if (f.length < 8 || f.length % 4 !== 0) throw new Mp4ParseError(`ftyp payload has bad length ${f.length}`);
  const compatible: string[] = [];
  for (let rel = 8; rel < f.length; rel += 4) compatible.push(f.fourCC(rel));
  const brands = { major: f.fourCC(0), minorVersion: f.u32(4), compatible };

  const topLevel = boxes.map((b) => b.type);
  const moovIndex = topLevel.indexOf('moov');
  const mdatIndex = topLevel.indexOf('mdat');
  const moov = boxes[moovIndex];

  const mvhd = findBox(moov?.children, 'mvhd');
  let durationSeconds: number | null = null;
  if (mvhd) {
    const { timescale, duration } = timesOf(payload(mvhd), 'mvhd');
    durationSeconds = ratio(duration, timescale);
  }

  const tracks: Mp4Track[] = [];
  for (const trak of moov?.children?.filter((b) => b.type === 'trak') ?? []) {
    const tkhd = findBox(trak.children, 'tkhd');
    const mdhd = findBox(trak.children, 'mdia/mdhd');
    const hdlr = findBox(trak.children, 'mdia/hdlr');
    if (!tkhd || !mdhd || !hdlr) throw new Mp4ParseError(`trak at offset ${trak.offset} lacks tkhd, mdia/mdhd or mdia/hdlr`);
    const t = payload(tkhd);
    const tkhdVersion = t.u8(0);
    if (tkhdVersion !== 0 && tkhdVersion !== 1) throw new Mp4ParseError(`unsupported tkhd version ${tkhdVersion}`);
    // After version/flags: times + track_ID + reserved + duration (20 or 32 bytes), then
    // reserved[2], layer, alternate_group, volume, reserved (16 bytes), matrix (36 bytes).
    const widthAt = 4 + (tkhdVersion === 1 ? 32 : 20) + 16 + 36;
    const { timescale, duration } = timesOf(payload(mdhd), 'mdhd');
    tracks.push({
      handler: payload(hdlr).fourCC(8), // after version/flags and pre_defined
      width: t.u32(widthAt) / 0x10000,
      height: t.u32(widthAt + 4) / 0x10000,
      timescale,
      duration,
      durationSeconds: ratio(duration, timescale),
    });
  }

  return {
    brands,
    hasMoov: moovIndex !== -1,
    moovBeforeMdat: moovIndex !== -1 && mdatIndex !== -1 && moovIndex < mdatIndex,
    topLevel,
    tracks,
    durationSeconds,
  };
}

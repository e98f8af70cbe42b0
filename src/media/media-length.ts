/**
 * The playing length of an audio or video file held in memory, read from its container
 * headers without decoding anything: MP4 and MOV (ISO base media / QuickTime boxes), WAV
 * (RIFF chunks) and MP3 (MPEG audio frames).
 *
 * It only reads: bytes come from users, so every offset is checked against the end of the
 * buffer (or of the enclosing box or chunk) before it is read, every loop advances by at
 * least one header, and anything that does not add up gives `undefined` rather than a guess
 * or an exception. It uses `Uint8Array` and `DataView` only, so it runs unchanged on Node,
 * Bun, Deno, browsers and edge workers.
 *
 * @module
 */

/** The containers this module can read. */
type Format = 'mp4' | 'wav' | 'mp3';

/** MIME types per container. MOV shares MP4's box layout, so one reader serves both. */
const FORMAT_OF_MIME_TYPE: Readonly<Record<string, Format>> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mp4',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
};

/**
 * The length in seconds of an MP4/MOV (from `mvhd`, or the longest `mdhd` track), WAV (RIFF
 * `fmt ` + `data` chunk sizes) or MP3 (Xing/Info or VBRI frame count if present, else CBR:
 * (file bytes - ID3v2 tag - ID3v1 tag) * 8 / bitrate of the first frame) held in memory;
 * `undefined` when the bytes are not one of these or are malformed. Never throws.
 * Synchronous, no dependencies, works on every runtime (Uint8Array + DataView only, no Buffer).
 *
 * The MIME type picks the reader to try first; when it is another type, or that reader
 * finds nothing, the container is recognised by its leading bytes instead, so a mislabelled
 * file still gets its length.
 *
 * @param bytes - The whole file.
 * @param mimeType - Its lower-case MIME type, such as `video/mp4`, `video/quicktime`,
 *   `audio/wav`, `audio/x-wav`, `audio/mpeg` or `audio/mp3`.
 * @returns The length in seconds (finite, not negative), or `undefined` when it cannot be read.
 */
export function mediaSeconds(bytes: Uint8Array, mimeType: string): number | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const declared = FORMAT_OF_MIME_TYPE[mimeType];
    let seconds = declared === undefined ? undefined : secondsOf(declared, view);
    if (seconds === undefined) {
      const sniffed = sniffFormat(view);
      if (sniffed !== undefined && sniffed !== declared) seconds = secondsOf(sniffed, view);
    }
    return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
  } catch {
    // Every read is bounds-checked above; this only keeps the promise never to throw should a
    // check be missed, because a length we cannot read must not fail the caller's upload.
    return undefined;
  }
}

function secondsOf(format: Format, view: DataView): number | undefined {
  switch (format) {
    case 'mp4':
      return mp4Seconds(view);
    case 'wav':
      return wavSeconds(view);
    case 'mp3':
      return mp3Seconds(view);
  }
}

/** A four-character code as the big-endian 32-bit number it is stored as, so tags compare as numbers. */
function fourCC(code: string): number {
  return ((code.charCodeAt(0) << 24) | (code.charCodeAt(1) << 16) | (code.charCodeAt(2) << 8) | code.charCodeAt(3)) >>> 0;
}

/** The container named by the leading bytes, if any. */
function sniffFormat(view: DataView): Format | undefined {
  const length = view.byteLength;
  if (length >= 12 && view.getUint32(0) === RIFF && view.getUint32(8) === WAVE) return 'wav';
  // The first box's type is a reliable tag: every MP4 starts with `ftyp`, and QuickTime files
  // from before `ftyp` existed start with one of the others.
  if (length >= 8 && MP4_FIRST_BOXES.has(view.getUint32(4))) return 'mp4';
  if (length >= 3 && view.getUint8(0) === 0x49 && view.getUint8(1) === 0x44 && view.getUint8(2) === 0x33) return 'mp3'; // "ID3"
  // A bare MPEG audio stream has no magic number, only frame syncs; two consecutive valid
  // frames at the start are strong enough evidence.
  if (confirmedFrame(view, 0, length) !== undefined) return 'mp3';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// MP4 and MOV: ISO/IEC 14496-12 boxes (QuickTime calls them atoms and lays them out the same).

const FTYP = fourCC('ftyp');
const MOOV = fourCC('moov');
const MVHD = fourCC('mvhd');
const TRAK = fourCC('trak');
const MDIA = fourCC('mdia');
const MDHD = fourCC('mdhd');

const MP4_FIRST_BOXES: ReadonlySet<number> = new Set(
  [FTYP, MOOV, fourCC('mdat'), fourCC('free'), fourCC('skip'), fourCC('wide'), fourCC('pnot')],
);

/** A box: its type, where its payload starts and where the box ends. */
interface Box {
  readonly type: number;
  readonly body: number;
  readonly end: number;
}

/**
 * The boxes laid end to end in `[start, end)`. Yields `null` (and stops) at a header that is
 * malformed or runs past `end`; each box is at least 8 bytes, so this always terminates.
 */
function* boxesIn(view: DataView, start: number, end: number): Generator<Box | null> {
  let offset = start;
  // Fewer than 8 bytes left cannot hold a header: QuickTime ends some atom lists with a
  // 4-byte zero terminator, so this is the end of the list rather than an error.
  while (end - offset >= 8) {
    const size32 = view.getUint32(offset);
    const type = view.getUint32(offset + 4);
    let body = offset + 8;
    let boxEnd: number;
    if (size32 === 1) {
      // A 64-bit `largesize` follows the type. Above 2^53 the sum loses precision but is far
      // past any buffer, so the bound check below still rejects it.
      if (end - offset < 16) {
        yield null;
        return;
      }
      boxEnd = offset + view.getUint32(offset + 8) * 2 ** 32 + view.getUint32(offset + 12);
      body = offset + 16;
    } else if (size32 === 0) {
      // Size 0: the box runs to the end of its parent (in practice the last top-level box).
      boxEnd = end;
    } else {
      boxEnd = offset + size32;
    }
    if (boxEnd < body || boxEnd > end) {
      yield null;
      return;
    }
    yield { type, body, end: boxEnd };
    offset = boxEnd;
  }
}

/** The first child of type `type` in `parent`, or `undefined` if none or the list is malformed. */
function childOf(view: DataView, parent: Box, type: number): Box | undefined {
  for (const box of boxesIn(view, parent.body, parent.end)) {
    if (box === null) return undefined;
    if (box.type === type) return box;
  }
  return undefined;
}

function mp4Seconds(view: DataView): number | undefined {
  // Walk only the top level, and stop at `moov`: the media data (`mdat`) after it may be huge
  // or cut short without affecting the header we need.
  for (const box of boxesIn(view, 0, view.byteLength)) {
    if (box === null) return undefined;
    if (box.type === MOOV) return movieSeconds(view, box);
  }
  return undefined;
}

/** The movie's length from `mvhd`, or else from the longest track's `mdhd`. */
function movieSeconds(view: DataView, moov: Box): number | undefined {
  let longestTrack: number | undefined;
  for (const box of boxesIn(view, moov.body, moov.end)) {
    if (box === null) return undefined;
    if (box.type === MVHD) {
      // `mvhd` is the presentation length (after edit lists), which is what a player shows.
      const seconds = headerSeconds(view, box);
      if (seconds !== undefined) return seconds;
    } else if (box.type === TRAK) {
      // Some writers (fragmented or streamed files) leave `mvhd` empty; the tracks may still know.
      const mdia = childOf(view, box, MDIA);
      const mdhd = mdia && childOf(view, mdia, MDHD);
      const seconds = mdhd && headerSeconds(view, mdhd);
      if (seconds !== undefined && (longestTrack === undefined || seconds > longestTrack)) longestTrack = seconds;
    }
  }
  return longestTrack;
}

/**
 * `duration / timescale` from an `mvhd` or `mdhd` box, which share this layout: version (1
 * byte), flags (3), then creation time, modification time, timescale and duration — all 32-bit
 * in version 0; in version 1 the times and the duration are 64-bit. `undefined` when the
 * duration is unknown (all ones, or 0 as fragmented files write) or the box is short.
 */
function headerSeconds(view: DataView, box: Box): number | undefined {
  const { body, end } = box;
  if (end - body < 4) return undefined;
  const version = view.getUint8(body);
  const fields = body + 4;
  let timescale: number;
  let duration: number;
  if (version === 0) {
    if (end - fields < 16) return undefined;
    timescale = view.getUint32(fields + 8);
    duration = view.getUint32(fields + 12);
    if (duration === 0xffffffff) return undefined;
  } else if (version === 1) {
    if (end - fields < 28) return undefined;
    timescale = view.getUint32(fields + 16);
    const high = view.getUint32(fields + 20);
    const low = view.getUint32(fields + 24);
    if (high === 0xffffffff && low === 0xffffffff) return undefined;
    duration = high * 2 ** 32 + low;
  } else {
    return undefined;
  }
  if (timescale === 0 || duration === 0) return undefined;
  return duration / timescale;
}

// ---------------------------------------------------------------------------------------------
// WAV: a RIFF file of form type WAVE, with little-endian chunk sizes.

const RIFF = fourCC('RIFF');
const WAVE = fourCC('WAVE');
const FMT = fourCC('fmt ');
const DATA = fourCC('data');

function wavSeconds(view: DataView): number | undefined {
  const length = view.byteLength;
  if (length < 12 || view.getUint32(0) !== RIFF || view.getUint32(8) !== WAVE) return undefined;
  // The RIFF size at offset 4 is ignored: streaming writers leave a placeholder there.
  let bytesPerSecond: number | undefined;
  let dataBytes: number | undefined;
  let offset = 12;
  // Chunks may come in any order (`LIST`, `fact`, ... often sit between `fmt ` and `data`).
  while (length - offset >= 8 && (bytesPerSecond === undefined || dataBytes === undefined)) {
    const id = view.getUint32(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === FMT) {
      // WAVEFORMAT: format tag (2), channels (2), sample rate (4), average bytes per second
      // (4), block align (2). The average rate is what turns byte counts into time for every
      // format tag, PCM or not.
      if (size < 14 || length - body < 14) return undefined;
      const sampleRate = view.getUint32(body + 4, true);
      const blockAlign = view.getUint16(body + 12, true);
      // Some writers leave the average rate 0; for PCM it is sample rate x block align.
      bytesPerSecond = view.getUint32(body + 8, true) || sampleRate * blockAlign;
    } else if (id === DATA) {
      // ffmpeg and other writers that cannot seek back (pipes) leave 0xFFFFFFFF: the samples
      // run to the end of the file.
      dataBytes = size === 0xffffffff ? length - body : size;
      if (dataBytes > length - body) return undefined; // truncated
    }
    // Chunks are padded to an even length; the pad byte is not counted in the size.
    offset = body + size + (size & 1);
  }
  if (!bytesPerSecond || dataBytes === undefined) return undefined;
  return dataBytes / bytesPerSecond;
}

// ---------------------------------------------------------------------------------------------
// MP3 (and MPEG audio layers I and II, which share the frame header): ISO/IEC 11172-3 and
// 13818-3, with the MPEG 2.5 extension.

/** How far past the ID3v2 tag to look for the first frame: encoders may leave padding or junk. */
const MAX_FRAME_SCAN = 64 * 1024;

/** Bit rates in kbit/s by bit-rate index (1-14; 0 is free format, 15 invalid). */
const BITRATES_KBPS = {
  mpeg1: {
    1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  },
  // MPEG 2 and 2.5 (the "low sampling frequency" extensions).
  lsf: {
    1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  },
} as const;

/** Sampling rates in Hz by the 2-bit version field (0: MPEG 2.5, 2: MPEG 2, 3: MPEG 1) and rate index. */
const SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = {
  0: [11025, 12000, 8000],
  2: [22050, 24000, 16000],
  3: [44100, 48000, 32000],
};

/** What a frame header says. */
interface Frame {
  readonly mpeg1: boolean;
  readonly layer: 1 | 2 | 3;
  readonly mono: boolean;
  readonly bitrate: number; // bit/s
  readonly sampleRate: number; // Hz
  readonly samples: number; // per frame
  readonly length: number; // bytes, header included
}

/** The frame header at `offset`, or `undefined` if there is none or it uses a reserved value. */
function frameAt(view: DataView, offset: number, end: number): Frame | undefined {
  if (offset < 0 || end - offset < 4) return undefined;
  const header = view.getUint32(offset);
  if (header >>> 21 !== 0x7ff) return undefined; // 11-bit frame sync
  const version = (header >>> 19) & 3;
  const layerBits = (header >>> 17) & 3;
  const bitrateIndex = (header >>> 12) & 15;
  const rateIndex = (header >>> 10) & 3;
  // Version 1 and layer 0 are reserved, bit-rate index 0 is free format (no fixed frame
  // length, so no frame count from bytes) and 15 is invalid, rate index 3 and emphasis 2 are
  // reserved. Rejecting them also weeds out most false syncs in non-audio data.
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  if ((header & 3) === 2) return undefined;
  const mpeg1 = version === 3;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrate = (BITRATES_KBPS[mpeg1 ? 'mpeg1' : 'lsf'][layer][bitrateIndex] ?? 0) * 1000;
  const sampleRate = SAMPLE_RATES[version]?.[rateIndex] ?? 0;
  if (bitrate === 0 || sampleRate === 0) return undefined;
  const padding = (header >>> 9) & 1;
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  // Layer I counts in 4-byte slots; layers II and III in bytes. Multiply before dividing so
  // exact lengths (384 bytes at 128 kbit/s, 48 kHz) stay exact in floating point.
  const length =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  return { mpeg1, layer, mono: ((header >>> 6) & 3) === 3, bitrate, sampleRate, samples, length };
}

/**
 * A frame at `offset` that is followed by a frame of the same stream (or ends exactly at
 * `end`). Random bytes often contain something that looks like one frame header; two in a
 * row at the right distance almost never happen by chance.
 */
function confirmedFrame(view: DataView, offset: number, end: number): Frame | undefined {
  const frame = frameAt(view, offset, end);
  if (frame === undefined) return undefined;
  const nextOffset = offset + frame.length;
  if (nextOffset === end) return frame;
  const next = frameAt(view, nextOffset, end);
  if (next === undefined) return undefined;
  const sameStream = next.mpeg1 === frame.mpeg1 && next.layer === frame.layer && next.sampleRate === frame.sampleRate;
  return sameStream ? frame : undefined;
}

/** The 4 bytes at `offset` are `tag` (with `offset + 4` already known to be within bounds). */
function hasTag(view: DataView, offset: number, tag: number): boolean {
  return view.getUint32(offset) === tag;
}

const ID3 = 0x494433; // "ID3" in the top 24 bits of the first word
const TAG = 0x544147; // "TAG", the ID3v1 marker
const XING = fourCC('Xing');
const INFO = fourCC('Info');
const VBRI = fourCC('VBRI');

function mp3Seconds(view: DataView): number | undefined {
  let start = 0;
  let end = view.byteLength;
  // ID3v2 tags come first, sometimes more than one after re-tagging: "ID3", version (2),
  // flags (1), then a 28-bit size in four 7-bit bytes that excludes the 10-byte header (and
  // the 10-byte footer when flag 0x10 is set).
  while (end - start >= 10 && view.getUint32(start) >>> 8 === ID3) {
    let size = 0;
    for (let i = 6; i < 10; i++) {
      const byte = view.getUint8(start + i);
      if (byte & 0x80) return undefined; // not a valid synchsafe integer
      size = size * 128 + byte;
    }
    const footer = view.getUint8(start + 5) & 0x10 ? 10 : 0;
    start += 10 + size + footer;
    if (start > end) return undefined; // the tag claims more bytes than there are
  }
  // An ID3v1 tag is the last 128 bytes, starting "TAG".
  if (end - start >= 128 && view.getUint32(end - 128) >>> 8 === TAG) end -= 128;

  const scanEnd = Math.min(end - 4, start + MAX_FRAME_SCAN);
  for (let offset = start; offset <= scanEnd; offset++) {
    // Skip quickly to candidate sync bytes before parsing a header.
    if (view.getUint8(offset) !== 0xff) continue;
    const frame = confirmedFrame(view, offset, end);
    if (frame !== undefined) return streamSeconds(view, frame, offset, end);
  }
  return undefined;
}

/** The length of the stream whose first frame is `frame` at `offset`, with audio up to `end`. */
function streamSeconds(view: DataView, frame: Frame, offset: number, end: number): number {
  if (frame.layer === 3) {
    // VBR encoders put the frame count in the first frame, which holds no audio. LAME writes
    // a Xing tag ("Info" for CBR) right after the side information, whose size depends on
    // the version and channel count; Fraunhofer writes VBRI at a fixed 32 bytes after the header.
    const sideInfo = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
    const xing = offset + 4 + sideInfo;
    // "Xing"/"Info" (4), flags (4), then the frame count (4) when flag bit 0 is set.
    if (end - xing >= 12 && (hasTag(view, xing, XING) || hasTag(view, xing, INFO)) && view.getUint32(xing + 4) & 1) {
      const frames = view.getUint32(xing + 8);
      if (frames > 0) return (frames * frame.samples) / frame.sampleRate;
    }
    const vbri = offset + 36;
    // "VBRI" (4), version (2), delay (2), quality (2), stream bytes (4), frame count (4).
    if (end - vbri >= 18 && hasTag(view, vbri, VBRI)) {
      const frames = view.getUint32(vbri + 14);
      if (frames > 0) return (frames * frame.samples) / frame.sampleRate;
    }
  }
  // No frame count: assume constant bit rate, so the audio bytes over the first frame's bit
  // rate give the length. Counted from the first frame, so any junk after the ID3v2 tag is
  // left out too.
  return ((end - offset) * 8) / frame.bitrate;
}

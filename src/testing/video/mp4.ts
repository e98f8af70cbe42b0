/**
 * An MP4 muxer for one H.264 track (ISO/IEC 14496-12 for the boxes, 14496-15 for `avc1` and
 * `avcC`): `ftyp`, then `moov` before `mdat` (fast start, so a player starts before the end
 * arrives), every sample in one chunk.
 *
 * @module
 */

/** What {@link muxMp4} needs: the parameter sets, and each frame as length-prefixed NAL units. */
export interface Mp4Track {
  /** Visible width in pixels. */
  readonly width: number;
  /** Visible height in pixels. */
  readonly height: number;
  /** Frames a second, a whole number. */
  readonly fps: number;
  /** The sequence parameter set NAL unit. */
  readonly sps: Uint8Array;
  /** The picture parameter set NAL unit. */
  readonly pps: Uint8Array;
  /** One sample per frame, in decoding order: NAL units each after its 4-byte length. */
  readonly samples: readonly Uint8Array[];
  /** The indexes (from 0) of the samples that are IDR pictures, the sync samples. */
  readonly keyframes: readonly number[];
}

/** Movie time is in milliseconds; the track counts 512 ticks a frame, as ffmpeg does. */
const MOVIE_TIMESCALE = 1000;
const TICKS_PER_FRAME = 512;
const UNITY_MATRIX = [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000];

/** The whole file. */
export function muxMp4(track: Mp4Track): Uint8Array<ArrayBuffer> {
  const ftyp = box('ftyp', ascii('isom'), u32(0x200), ascii('isom'), ascii('iso2'), ascii('avc1'), ascii('mp41'));
  const mdatSize = 8 + track.samples.reduce((sum, sample) => sum + sample.length, 0);
  // The chunk offset is where mdat's payload starts, after moov, whose size does not depend on it.
  const moovSize = moov(track, 0).length;
  const moovBox = moov(track, ftyp.length + moovSize + 8);
  const file = new Uint8Array(ftyp.length + moovBox.length + mdatSize);
  file.set(ftyp, 0);
  file.set(moovBox, ftyp.length);
  let at = ftyp.length + moovBox.length;
  new DataView(file.buffer).setUint32(at, mdatSize);
  file.set(ascii('mdat'), at + 4);
  at += 8;
  for (const sample of track.samples) {
    file.set(sample, at);
    at += sample.length;
  }
  return file;
}

/** A sample from NAL units: each after its length in 4 bytes (`lengthSizeMinusOne` 3 in `avcC`). */
export function lengthPrefixed(...nalUnits: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(nalUnits.reduce((sum, nal) => sum + 4 + nal.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const nal of nalUnits) {
    view.setUint32(at, nal.length);
    out.set(nal, at + 4);
    at += 4 + nal.length;
  }
  return out;
}

function moov(track: Mp4Track, chunkOffset: number): Uint8Array {
  const frames = track.samples.length;
  const movieDuration = Math.round((frames * MOVIE_TIMESCALE) / track.fps);
  const mvhd = fullBox('mvhd', 0, 0, u32(0, 0, MOVIE_TIMESCALE, movieDuration, 0x0001_0000), u16(0x0100, 0), u32(0, 0, ...UNITY_MATRIX, 0, 0, 0, 0, 0, 0, 2));
  // flags 3: track_enabled and track_in_movie.
  const tkhd = fullBox('tkhd', 0, 3, u32(0, 0, 1, 0, movieDuration, 0, 0), u16(0, 0, 0, 0), u32(...UNITY_MATRIX, track.width * 0x1_0000, track.height * 0x1_0000));
  const mdhd = fullBox('mdhd', 0, 0, u32(0, 0, track.fps * TICKS_PER_FRAME, frames * TICKS_PER_FRAME), u16(0x55c4 /* 'und' */, 0));
  const hdlr = fullBox('hdlr', 0, 0, u32(0), ascii('vide'), u32(0, 0, 0), ascii('VideoHandler\0'));
  const vmhd = fullBox('vmhd', 0, 1, u16(0, 0, 0, 0));
  const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), avc1(track)),
    fullBox('stts', 0, 0, u32(1, frames, TICKS_PER_FRAME)),
    fullBox('stss', 0, 0, u32(track.keyframes.length, ...track.keyframes.map((index) => index + 1))),
    fullBox('stsc', 0, 0, u32(1, 1, frames, 1)),
    fullBox('stsz', 0, 0, u32(0, frames, ...track.samples.map((sample) => sample.length))),
    fullBox('stco', 0, 0, u32(1, chunkOffset)),
  );
  return box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', vmhd, dinf, stbl))));
}

/** The sample entry (14496-12 §12.1.3 VisualSampleEntry, 14496-15 §5.3.4 AVCConfigurationBox). */
function avc1(track: Mp4Track): Uint8Array {
  const compressor = new Uint8Array(32); // compressorname: a Pascal string in 32 bytes, empty
  const avcC = box(
    'avcC',
    // configurationVersion, then profile, compatibility and level as in the SPS; 4-byte lengths; one SPS, one PPS.
    u8(1, track.sps[1] ?? 0, track.sps[2] ?? 0, track.sps[3] ?? 0, 0xfc | 3, 0xe0 | 1),
    u16(track.sps.length),
    track.sps,
    u8(1),
    u16(track.pps.length),
    track.pps,
  );
  return box(
    'avc1',
    u8(0, 0, 0, 0, 0, 0),
    u16(1, 0, 0), // data_reference_index, pre_defined, reserved
    u32(0, 0, 0),
    u16(track.width, track.height),
    u32(0x0048_0000, 0x0048_0000, 0), // 72 dpi both ways
    u16(1), // frame_count
    compressor,
    u16(0x0018, 0xffff), // depth, pre_defined -1
    avcC,
  );
}

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const size = 8 + parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(ascii(type), 4);
  let at = 8;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function fullBox(type: string, version: number, flags: number, ...parts: Uint8Array[]): Uint8Array {
  return box(type, u32(((version << 24) | flags) >>> 0), ...parts);
}

function u8(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function u16(...values: number[]): Uint8Array {
  const out = new Uint8Array(2 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((value, index) => view.setUint16(2 * index, value));
  return out;
}

function u32(...values: number[]): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((value, index) => view.setUint32(4 * index, value >>> 0));
  return out;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

import { describe, expect, it } from 'vitest';
import { mediaSeconds } from '../../src/media/media-length.ts';
import { sampleVideoBytes } from '../../src/testing/sample-video.ts';

// Every fixture except the repository's sample MP4 is built here, byte by byte, so the tests
// need no ffmpeg and no binary files. The builders follow the container specs directly
// (ISO/IEC 14496-12 boxes, RIFF/WAVE chunks, ISO/IEC 11172-3 frame headers, ID3v2.4).

// ---------------------------------------------------------------------------------------------
// Byte helpers

function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function ascii(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function u32be(value: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

function u64be(value: number): Uint8Array<ArrayBuffer> {
  return concat(u32be(Math.floor(value / 2 ** 32)), u32be(value % 2 ** 32));
}

function u16le(value: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.of(value & 0xff, (value >>> 8) & 0xff);
}

function u32le(value: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

function zeros(length: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(length);
}

/** mulberry32: deterministic "random" bytes, so a failure reproduces. */
function randomBytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  let state = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** The result must be `undefined` or a finite, non-negative number, and the call must not throw. */
function expectSane(seconds: number | undefined): void {
  if (seconds !== undefined) {
    expect(Number.isFinite(seconds)).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(0);
  }
}

const ALL_TYPES = ['video/mp4', 'video/quicktime', 'audio/wav', 'audio/x-wav', 'audio/mpeg', 'audio/mp3', 'application/octet-stream'];

// ---------------------------------------------------------------------------------------------
// MP4 / MOV builders

/** A box with a 32-bit size. */
function box(type: string, ...payload: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const body = concat(...payload);
  return concat(u32be(8 + body.length), ascii(type), body);
}

/** A box with `size == 1` and a 64-bit `largesize`. */
function largeBox(type: string, ...payload: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const body = concat(...payload);
  return concat(u32be(1), ascii(type), u64be(16 + body.length), body);
}

/** A box with `size == 0`: it runs to the end of the file. */
function openBox(type: string, ...payload: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return concat(u32be(0), ascii(type), ...payload);
}

function ftyp(major: string): Uint8Array<ArrayBuffer> {
  return box('ftyp', ascii(major), u32be(0x200), ascii(major), ascii('mp41'));
}

/** `mvhd` or `mdhd` timing fields; `tail` is the rest of the real box (rate, matrix, language, ...). */
function timingBox(type: 'mvhd' | 'mdhd', version: 0 | 1, timescale: number, duration: number, tail: number): Uint8Array<ArrayBuffer> {
  const times = version === 0 ? concat(u32be(0), u32be(0)) : concat(u64be(0), u64be(0));
  const length = version === 0 ? u32be(duration) : u64be(duration);
  return box(type, Uint8Array.of(version, 0, 0, 0), times, u32be(timescale), length, zeros(tail));
}

function mvhd(version: 0 | 1, timescale: number, duration: number): Uint8Array<ArrayBuffer> {
  return timingBox('mvhd', version, timescale, duration, 80);
}

/** A `trak` holding only `mdia/mdhd`, which is all the reader looks at. */
function trak(version: 0 | 1, timescale: number, duration: number): Uint8Array<ArrayBuffer> {
  return box('trak', box('tkhd', zeros(84)), box('mdia', timingBox('mdhd', version, timescale, duration, 4), box('hdlr', zeros(25))));
}

// ---------------------------------------------------------------------------------------------
// WAV builder

interface WavOptions {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  readonly seconds: number;
  /** Chunks between `fmt ` and `data`. */
  readonly between?: readonly Uint8Array[];
  /** Put `data` before `fmt ` (legal, if unusual). */
  readonly dataFirst?: boolean;
  /** Overrides the `data` chunk's size field. */
  readonly dataSize?: number;
  /** Overrides the average bytes per second in `fmt `. */
  readonly byteRate?: number;
  /** Writes a 40-byte WAVE_FORMAT_EXTENSIBLE `fmt ` chunk. */
  readonly extensible?: boolean;
}

function riffChunk(id: string, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  return concat(ascii(id), u32le(payload.length), payload, payload.length % 2 === 1 ? zeros(1) : zeros(0));
}

function wav(options: WavOptions): Uint8Array<ArrayBuffer> {
  const blockAlign = (options.channels * options.bitsPerSample) / 8;
  const frames = Math.round(options.seconds * options.sampleRate);
  const fields = concat(
    u16le(options.extensible ? 0xfffe : 1),
    u16le(options.channels),
    u32le(options.sampleRate),
    u32le(options.byteRate ?? options.sampleRate * blockAlign),
    u16le(blockAlign),
    u16le(options.bitsPerSample),
  );
  // cbSize 22, valid bits, channel mask, then the 16-byte PCM sub-format GUID.
  const extension = options.extensible ? concat(u16le(22), u16le(options.bitsPerSample), u32le(3), zeros(16)) : zeros(0);
  const fmt = riffChunk('fmt ', concat(fields, extension));
  const samples = zeros(frames * blockAlign);
  const data = concat(ascii('data'), u32le(options.dataSize ?? samples.length), samples);
  const chunks = options.dataFirst ? [data, fmt] : [fmt, ...(options.between ?? []), data];
  const body = concat(ascii('WAVE'), ...chunks);
  return concat(ascii('RIFF'), u32le(body.length), body);
}

// ---------------------------------------------------------------------------------------------
// MPEG audio builders

interface FrameOptions {
  /** 2-bit version field: 3 MPEG 1, 2 MPEG 2, 0 MPEG 2.5. */
  readonly version?: number;
  /** 2-bit layer field: 1 Layer III, 2 Layer II, 3 Layer I. */
  readonly layerBits?: number;
  readonly bitrateIndex: number;
  readonly rateIndex: number;
  readonly padding?: boolean;
  readonly mono?: boolean;
  /** The whole frame's length in bytes, header included (the caller knows it from the spec tables). */
  readonly length: number;
  /** Bytes to place right after the 4-byte header (side information, Xing/VBRI tags). */
  readonly body?: Uint8Array;
}

function frame(options: FrameOptions): Uint8Array<ArrayBuffer> {
  const header =
    (0x7ff << 21) |
    ((options.version ?? 3) << 19) |
    ((options.layerBits ?? 1) << 17) |
    (1 << 16) | // no CRC
    (options.bitrateIndex << 12) |
    (options.rateIndex << 10) |
    ((options.padding ? 1 : 0) << 9) |
    ((options.mono ? 3 : 0) << 6);
  const out = zeros(options.length);
  out.set(u32be(header), 0);
  if (options.body) out.set(options.body, 4);
  return out;
}

/**
 * `count` MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz, stereo. A frame holds 1152 samples
 * = 417.959... bytes at this rate, so, as encoders do, some frames get a padding byte (418)
 * to keep the average exact.
 */
function mp3Frames44k(count: number): Uint8Array<ArrayBuffer> {
  const exact = (1152 / 8) * (128_000 / 44_100);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i += 1) {
    const length = Math.floor((i + 1) * exact) - Math.floor(i * exact);
    frames.push(frame({ bitrateIndex: 9, rateIndex: 0, padding: length === 418, length }));
  }
  return concat(...frames);
}

/** `count` MPEG-1 Layer III frames at 128 kbit/s, 48 kHz: exactly 384 bytes and 24 ms each. */
function mp3Frames48k(count: number): Uint8Array<ArrayBuffer> {
  return concat(...Array.from({ length: count }, () => frame({ bitrateIndex: 9, rateIndex: 1, length: 384 })));
}

/** An ID3v2.4 tag with one `TIT2` frame padded to `size` bytes after the 10-byte header. */
function id3v2(size: number): Uint8Array<ArrayBuffer> {
  const synchsafe = Uint8Array.of((size >>> 21) & 0x7f, (size >>> 14) & 0x7f, (size >>> 7) & 0x7f, size & 0x7f);
  const title = concat(ascii('TIT2'), zeros(3), Uint8Array.of(6), zeros(2), Uint8Array.of(3), ascii('hello'));
  const body = zeros(size);
  body.set(title);
  return concat(ascii('ID3'), Uint8Array.of(4, 0, 0), synchsafe, body);
}

function id3v1(): Uint8Array<ArrayBuffer> {
  const tag = zeros(128);
  tag.set(ascii('TAGhello'));
  return tag;
}

/** A Xing (or Info) tag with only the frame count, as placed after the side information. */
function xingTag(name: 'Xing' | 'Info', frames: number, sideInfo: number): Uint8Array<ArrayBuffer> {
  return concat(zeros(sideInfo), ascii(name), u32be(1), u32be(frames));
}

// ---------------------------------------------------------------------------------------------

describe('mediaSeconds: MP4 and MOV', () => {
  it('reads the 3 s sample MP4 from its mvhd', () => {
    const bytes = sampleVideoBytes();
    expect(mediaSeconds(bytes, 'video/mp4')).toBeCloseTo(3, 1);
    expect(mediaSeconds(bytes, 'video/quicktime')).toBeCloseTo(3, 1);
  });

  it('recognises the sample MP4 by its bytes when the MIME type is something else', () => {
    const bytes = sampleVideoBytes();
    expect(mediaSeconds(bytes, 'application/octet-stream')).toBeCloseTo(3, 1);
    expect(mediaSeconds(bytes, 'audio/mpeg')).toBeCloseTo(3, 1);
  });

  it('honours the view offset of a Uint8Array into a larger buffer', () => {
    const sample = sampleVideoBytes();
    const padded = concat(randomBytes(13, 1), sample, randomBytes(9, 2));
    expect(mediaSeconds(padded.subarray(13, 13 + sample.length), 'video/mp4')).toBeCloseTo(3, 1);
  });

  it('reads a MOV with a version-1 mvhd whose 64-bit duration exceeds 2^32', () => {
    // 5e9 µs = 5000 s; the high word of the duration is 1.
    const mov = concat(ftyp('qt  '), box('wide'), box('mdat', zeros(64)), box('moov', mvhd(1, 1_000_000, 5_000_000_000)));
    expect(mediaSeconds(mov, 'video/quicktime')).toBe(5000);
  });

  it('reads a version-0 mvhd with a QuickTime timescale of 600', () => {
    const mov = concat(ftyp('qt  '), box('moov', mvhd(0, 600, 600 * 42 + 300)));
    expect(mediaSeconds(mov, 'video/quicktime')).toBe(42.5);
  });

  it('skips 64-bit (size == 1) boxes before moov', () => {
    const file = concat(ftyp('isom'), largeBox('mdat', zeros(1000)), largeBox('free'), box('moov', mvhd(0, 1000, 7250)));
    expect(mediaSeconds(file, 'video/mp4')).toBe(7.25);
  });

  it('reads a moov that is itself a 64-bit box', () => {
    const file = concat(ftyp('isom'), largeBox('moov', mvhd(0, 90_000, 90_000 * 12)));
    expect(mediaSeconds(file, 'video/mp4')).toBe(12);
  });

  it('reads a last moov whose size is 0 (runs to the end of the file)', () => {
    const file = concat(ftyp('isom'), box('mdat', zeros(500)), openBox('moov', mvhd(0, 1000, 1500)));
    expect(mediaSeconds(file, 'video/mp4')).toBe(1.5);
  });

  it('finds moov after mdat (no fast start)', () => {
    const file = concat(ftyp('isom'), box('free'), box('mdat', randomBytes(4096, 3)), box('moov', mvhd(0, 1000, 2000)));
    expect(mediaSeconds(file, 'video/mp4')).toBe(2);
  });

  it('reads an old QuickTime file without ftyp, also when sniffed', () => {
    const mov = concat(box('wide'), box('mdat', zeros(32)), box('moov', mvhd(0, 600, 1800)));
    expect(mediaSeconds(mov, 'video/quicktime')).toBe(3);
    expect(mediaSeconds(mov, 'application/octet-stream')).toBe(3);
  });

  it('falls back to the longest mdhd track when mvhd has no duration', () => {
    const tracks = [trak(0, 44_100, 44_100 * 4), trak(1, 90_000, 90_000 * 6 + 45_000), trak(0, 1000, 3000)];
    const zero = concat(ftyp('isom'), box('moov', mvhd(0, 1000, 0), ...tracks));
    expect(mediaSeconds(zero, 'video/mp4')).toBe(6.5);
    const unknown = concat(ftyp('isom'), box('moov', mvhd(0, 1000, 0xffffffff), ...tracks));
    expect(mediaSeconds(unknown, 'video/mp4')).toBe(6.5);
    const missing = concat(ftyp('isom'), box('moov', ...tracks));
    expect(mediaSeconds(missing, 'video/mp4')).toBe(6.5);
    const timescaleZero = concat(ftyp('isom'), box('moov', mvhd(0, 0, 1000), ...tracks));
    expect(mediaSeconds(timescaleZero, 'video/mp4')).toBe(6.5);
  });

  it('prefers mvhd over longer tracks, before or after them', () => {
    // mvhd is the presentation length after edit lists; a track's media may run longer.
    const after = concat(ftyp('isom'), box('moov', trak(0, 1000, 9000), mvhd(0, 1000, 8000)));
    expect(mediaSeconds(after, 'video/mp4')).toBe(8);
    const before = concat(ftyp('isom'), box('moov', mvhd(0, 1000, 8000), trak(0, 1000, 9000)));
    expect(mediaSeconds(before, 'video/mp4')).toBe(8);
  });

  it('tolerates a QuickTime 4-byte zero terminator at the end of moov', () => {
    const file = concat(ftyp('qt  '), box('moov', mvhd(0, 600, 1200), zeros(4)));
    expect(mediaSeconds(file, 'video/quicktime')).toBe(2);
  });

  it('gives undefined when no duration is known (fragmented files leave it 0)', () => {
    expect(mediaSeconds(concat(ftyp('isom'), box('moov', mvhd(0, 1000, 0), trak(0, 1000, 0))), 'video/mp4')).toBeUndefined();
    expect(mediaSeconds(concat(ftyp('isom'), box('moov')), 'video/mp4')).toBeUndefined();
    expect(mediaSeconds(concat(ftyp('isom'), box('mdat', zeros(100))), 'video/mp4')).toBeUndefined();
  });
});

describe('mediaSeconds: malformed MP4 and MOV', () => {
  it('gives undefined for every truncation that cuts moov, and 3 s once moov is whole', () => {
    const sample = sampleVideoBytes();
    const moovEnd = 32 + 0x60f; // ftyp is 32 bytes, moov 1551
    for (let length = 0; length <= moovEnd + 64; length += 1) {
      const seconds = mediaSeconds(sample.subarray(0, length), 'video/mp4');
      if (length < moovEnd) expect(seconds, `length ${length}`).toBeUndefined();
      else expect(seconds, `length ${length}`).toBeCloseTo(3, 1);
    }
  });

  it('gives undefined when a box size points past the end', () => {
    const moov = box('moov', mvhd(0, 1000, 3000));
    const view = new DataView(moov.buffer);
    view.setUint32(0, moov.length + 1);
    expect(mediaSeconds(concat(ftyp('isom'), moov), 'video/mp4')).toBeUndefined();
    const beforeMoov = concat(ftyp('isom'), u32be(0xfffffff0), ascii('mdat'), zeros(16), box('moov', mvhd(0, 1000, 3000)));
    expect(mediaSeconds(beforeMoov, 'video/mp4')).toBeUndefined();
    // A child that overruns moov, even though the file is long enough.
    const child = concat(ftyp('isom'), box('moov', u32be(200), ascii('mvhd'), zeros(8)), zeros(400));
    expect(mediaSeconds(child, 'video/mp4')).toBeUndefined();
  });

  it('gives undefined for sizes smaller than a box header', () => {
    for (const size of [2, 4, 7]) {
      const file = concat(ftyp('isom'), u32be(size), ascii('free'), box('moov', mvhd(0, 1000, 3000)));
      expect(mediaSeconds(file, 'video/mp4'), `size ${size}`).toBeUndefined();
    }
    // size == 1 with a largesize smaller than its own 16-byte header.
    const large = concat(ftyp('isom'), u32be(1), ascii('free'), u64be(8), box('moov', mvhd(0, 1000, 3000)));
    expect(mediaSeconds(large, 'video/mp4')).toBeUndefined();
    // size == 1 with the largesize itself cut off.
    expect(mediaSeconds(concat(ftyp('isom'), u32be(1), ascii('moov'), zeros(4)), 'video/mp4')).toBeUndefined();
    const tinyChild = concat(ftyp('isom'), box('moov', u32be(3), ascii('mvhd'), mvhd(0, 1000, 3000)));
    expect(mediaSeconds(tinyChild, 'video/mp4')).toBeUndefined();
  });

  it('gives undefined for zero-size boxes that swallow the rest of the file', () => {
    expect(mediaSeconds(zeros(64), 'video/mp4')).toBeUndefined();
    expect(mediaSeconds(concat(ftyp('isom'), zeros(8), box('moov', mvhd(0, 1000, 3000))), 'video/mp4')).toBeUndefined();
    expect(mediaSeconds(concat(ftyp('isom'), openBox('mdat', box('moov', mvhd(0, 1000, 3000)))), 'video/mp4')).toBeUndefined();
  });

  it('gives undefined for a short or unknown-version mvhd without tracks', () => {
    const short = box('mvhd', Uint8Array.of(0, 0, 0, 0), zeros(8));
    expect(mediaSeconds(concat(ftyp('isom'), box('moov', short)), 'video/mp4')).toBeUndefined();
    const shortV1 = box('mvhd', Uint8Array.of(1, 0, 0, 0), zeros(24));
    expect(mediaSeconds(concat(ftyp('isom'), box('moov', shortV1)), 'video/mp4')).toBeUndefined();
    const v2 = mvhd(0, 1000, 3000);
    v2[8] = 2;
    expect(mediaSeconds(concat(ftyp('isom'), box('moov', v2)), 'video/mp4')).toBeUndefined();
    const ones = concat(ftyp('isom'), box('moov', mvhd(1, 1000, 0)));
    new DataView(ones.buffer).setBigUint64(ones.length - 88, 0xffffffffffffffffn);
    expect(mediaSeconds(ones, 'video/mp4')).toBeUndefined();
  });

  it('returns at once for huge declared sizes, and walks many small boxes in linear time', () => {
    const started = performance.now();
    // 64-bit sizes of 2^62 and 2^64 - 1, and a 32-bit 4 GiB - 1, on a tiny file.
    const huge64 = concat(ftyp('isom'), u32be(1), ascii('mdat'), u32be(0x40000000), u32be(0), box('moov', mvhd(0, 1000, 3000)));
    const max64 = concat(ftyp('isom'), u32be(1), ascii('moov'), u32be(0xffffffff), u32be(0xffffffff), mvhd(0, 1000, 3000));
    const max32 = concat(ftyp('isom'), u32be(0xffffffff), ascii('moov'), mvhd(0, 1000, 3000));
    for (const file of [huge64, max64, max32]) expect(mediaSeconds(file, 'video/mp4')).toBeUndefined();
    // 4 MiB of 8-byte `free` boxes (half a million) before moov.
    const count = 512 * 1024;
    const many = new Uint8Array(count * 8);
    const view = new DataView(many.buffer);
    for (let i = 0; i < count; i += 1) {
      view.setUint32(i * 8, 8);
      view.setUint32(i * 8 + 4, 0x66726565); // "free"
    }
    expect(mediaSeconds(concat(ftyp('isom'), many, box('moov', mvhd(0, 1000, 4000))), 'video/mp4')).toBe(4);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('never throws on corrupted copies of the sample MP4', () => {
    const sample = sampleVideoBytes();
    const noise = randomBytes(4 * 4000, 42);
    for (let i = 0; i < 4000; i += 1) {
      const copy = sample.slice(0, 2048);
      // Corrupt one byte in the header area, where the box sizes and mvhd live.
      const at = ((noise[i * 4] ?? 0) << 8 | (noise[i * 4 + 1] ?? 0)) % 1600;
      copy[at] = noise[i * 4 + 2] ?? 0;
      for (const type of ['video/mp4', 'audio/mpeg']) expectSane(mediaSeconds(copy, type));
    }
  });
});

describe('mediaSeconds: WAV', () => {
  it('reads 16-bit mono PCM', () => {
    expect(mediaSeconds(wav({ sampleRate: 8000, channels: 1, bitsPerSample: 16, seconds: 1.5 }), 'audio/wav')).toBe(1.5);
  });

  it('reads 24-bit stereo PCM under audio/x-wav and when sniffed', () => {
    const bytes = wav({ sampleRate: 48_000, channels: 2, bitsPerSample: 24, seconds: 2.25 });
    expect(mediaSeconds(bytes, 'audio/x-wav')).toBe(2.25);
    expect(mediaSeconds(bytes, 'application/octet-stream')).toBe(2.25);
    expect(mediaSeconds(bytes, 'video/mp4')).toBe(2.25);
  });

  it('skips chunks between fmt and data, with their pad bytes', () => {
    // An odd-sized LIST chunk is followed by a pad byte that its size does not count.
    const list = riffChunk('LIST', concat(ascii('INFOISFT'), u32le(5), ascii('Lavf'), zeros(1)));
    expect(list.length % 2).toBe(0);
    const fact = riffChunk('fact', u32le(22_050));
    const bytes = wav({ sampleRate: 22_050, channels: 1, bitsPerSample: 8, seconds: 1, between: [list, fact] });
    expect(mediaSeconds(bytes, 'audio/wav')).toBe(1);
  });

  it('reads data before fmt', () => {
    expect(mediaSeconds(wav({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, seconds: 0.75, dataFirst: true }), 'audio/wav')).toBe(0.75);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE', () => {
    const bytes = wav({ sampleRate: 44_100, channels: 2, bitsPerSample: 32, seconds: 0.5, extensible: true });
    expect(mediaSeconds(bytes, 'audio/wav')).toBe(0.5);
  });

  it('reads a streamed WAV whose data size is the 0xFFFFFFFF placeholder', () => {
    const bytes = wav({ sampleRate: 44_100, channels: 1, bitsPerSample: 16, seconds: 2.5, dataSize: 0xffffffff });
    expect(mediaSeconds(bytes, 'audio/wav')).toBe(2.5);
  });

  it('derives the byte rate from sample rate and block align when fmt leaves it 0', () => {
    const bytes = wav({ sampleRate: 32_000, channels: 2, bitsPerSample: 16, seconds: 1.25, byteRate: 0 });
    expect(mediaSeconds(bytes, 'audio/wav')).toBe(1.25);
  });

  it('reads an empty data chunk as 0 s', () => {
    expect(mediaSeconds(wav({ sampleRate: 8000, channels: 1, bitsPerSample: 16, seconds: 0 }), 'audio/wav')).toBe(0);
  });
});

describe('mediaSeconds: malformed WAV', () => {
  const good = (): Uint8Array<ArrayBuffer> => wav({ sampleRate: 8000, channels: 1, bitsPerSample: 16, seconds: 1 });

  it('gives undefined when the data chunk runs past the end (truncated file)', () => {
    const bytes = good();
    expect(mediaSeconds(bytes.subarray(0, bytes.length - 1), 'audio/wav')).toBeUndefined();
    expect(mediaSeconds(wav({ sampleRate: 8000, channels: 1, bitsPerSample: 16, seconds: 1, dataSize: 0x7fffffff }), 'audio/wav')).toBeUndefined();
  });

  it('gives undefined without fmt, without data, or with a short fmt', () => {
    const data = riffChunk('data', zeros(16_000));
    const fmt = good().subarray(12, 36);
    expect(mediaSeconds(concat(ascii('RIFF'), u32le(0), ascii('WAVE'), data), 'audio/wav')).toBeUndefined();
    expect(mediaSeconds(concat(ascii('RIFF'), u32le(0), ascii('WAVE'), fmt), 'audio/wav')).toBeUndefined();
    const shortFmt = riffChunk('fmt ', concat(u16le(1), u16le(1), u32le(8000)));
    expect(mediaSeconds(concat(ascii('RIFF'), u32le(0), ascii('WAVE'), shortFmt, data), 'audio/wav')).toBeUndefined();
  });

  it('gives undefined for a byte rate of 0 with nothing to derive it from', () => {
    const bytes = good();
    new DataView(bytes.buffer).setUint32(24, 0, true); // sample rate
    new DataView(bytes.buffer).setUint32(28, 0, true); // byte rate
    expect(mediaSeconds(bytes, 'audio/wav')).toBeUndefined();
  });

  it('gives undefined for RIFF files that are not WAVE, and for huge chunk sizes', () => {
    const avi = good();
    avi.set(ascii('AVI '), 8);
    expect(mediaSeconds(avi, 'audio/wav')).toBeUndefined();
    const huge = concat(ascii('RIFF'), u32le(0), ascii('WAVE'), ascii('LIST'), u32le(0xfffffff0), good().subarray(12));
    expect(mediaSeconds(huge, 'audio/wav')).toBeUndefined();
  });

  it('never throws on any truncation', () => {
    const bytes = wav({ sampleRate: 8000, channels: 1, bitsPerSample: 8, seconds: 0.01, between: [riffChunk('LIST', zeros(7))] });
    for (let length = 0; length <= bytes.length; length += 1) {
      const seconds = mediaSeconds(bytes.subarray(0, length), 'audio/wav');
      if (length < bytes.length) expect(seconds, `length ${length}`).toBeUndefined();
      else expect(seconds).toBe(0.01);
    }
  });
});

describe('mediaSeconds: MP3', () => {
  it('reads a CBR stream of 128 kbit/s 44.1 kHz frames (417/418 bytes) from its byte count', () => {
    const bytes = mp3Frames44k(115);
    expect(mediaSeconds(bytes, 'audio/mpeg')).toBeCloseTo((115 * 1152) / 44_100, 2);
    expect(mediaSeconds(bytes, 'audio/mp3')).toBeCloseTo(3, 1);
  });

  it('reads 125 frames at 128 kbit/s 48 kHz as exactly 3 s', () => {
    expect(mediaSeconds(mp3Frames48k(125), 'audio/mpeg')).toBe(3);
  });

  it('reads MPEG-2 Layer III (576 samples per frame)', () => {
    // 64 kbit/s at 24 kHz, mono: 72 x 64000 / 24000 = 192 bytes and 24 ms per frame.
    const frames = Array.from({ length: 100 }, () => frame({ version: 2, bitrateIndex: 8, rateIndex: 1, mono: true, length: 192 }));
    expect(mediaSeconds(concat(...frames), 'audio/mpeg')).toBeCloseTo(2.4, 10);
  });

  it('reads MPEG-1 Layer II', () => {
    // 192 kbit/s at 48 kHz: 144 x 192000 / 48000 = 576 bytes and 24 ms per frame.
    const frames = Array.from({ length: 50 }, () => frame({ layerBits: 2, bitrateIndex: 10, rateIndex: 1, length: 576 }));
    expect(mediaSeconds(concat(...frames), 'audio/mpeg')).toBeCloseTo(1.2, 10);
  });

  it('leaves ID3v2 and ID3v1 tags out of the CBR byte count', () => {
    const bytes = concat(id3v2(1000), mp3Frames48k(125), id3v1());
    expect(mediaSeconds(bytes, 'audio/mpeg')).toBe(3);
    // A second ID3v2 tag (re-tagging tools append one), and a tag with a footer.
    const footer = id3v2(300);
    footer[5] = 0x10;
    const twice = concat(id3v2(200), footer, zeros(10), mp3Frames48k(125));
    expect(mediaSeconds(twice, 'audio/mpeg')).toBe(3);
  });

  it('finds the first frame after padding that follows the ID3v2 tag', () => {
    const bytes = concat(id3v2(64), zeros(777), mp3Frames48k(50));
    expect(mediaSeconds(bytes, 'audio/mpeg')).toBeCloseTo(1.2, 10);
  });

  it('is recognised by its ID3 tag or its first frames when the MIME type says otherwise', () => {
    expect(mediaSeconds(concat(id3v2(100), mp3Frames48k(125)), 'application/octet-stream')).toBe(3);
    expect(mediaSeconds(mp3Frames48k(125), 'application/octet-stream')).toBe(3);
    expect(mediaSeconds(mp3Frames48k(125), 'audio/wav')).toBe(3);
  });

  it('uses the Xing frame count over the byte count (VBR)', () => {
    // The tag claims 1000 frames; only 10 are present, so the answer can only come from the tag.
    const first = frame({ bitrateIndex: 9, rateIndex: 0, length: 417, body: xingTag('Xing', 1000, 32) });
    const bytes = concat(id3v2(100), first, mp3Frames44k(10));
    expect(mediaSeconds(bytes, 'audio/mpeg')).toBeCloseTo((1000 * 1152) / 44_100, 10);
  });

  it('finds the Xing tag after mono MPEG-1 and MPEG-2 side information, and reads Info tags', () => {
    const mono = frame({ bitrateIndex: 9, rateIndex: 1, mono: true, length: 384, body: xingTag('Info', 250, 17) });
    expect(mediaSeconds(concat(mono, mp3Frames48k(3)), 'audio/mpeg')).toBeCloseTo(6, 10);
    const lsf = (body?: Uint8Array) => frame({ version: 2, bitrateIndex: 8, rateIndex: 1, length: 192, ...(body ? { body } : {}) });
    const stereo = concat(lsf(xingTag('Xing', 500, 17)), lsf(), lsf());
    expect(mediaSeconds(stereo, 'audio/mpeg')).toBeCloseTo((500 * 576) / 24_000, 10);
  });

  it('falls back to the byte count when the Xing tag has no frame count', () => {
    const noCount = concat(zeros(32), ascii('Xing'), u32be(0x0e), u32be(9999));
    const bytes = concat(frame({ bitrateIndex: 9, rateIndex: 1, length: 384, body: noCount }), mp3Frames48k(124));
    expect(mediaSeconds(bytes, 'audio/mpeg')).toBe(3);
  });

  it('uses the VBRI frame count', () => {
    const vbri = concat(zeros(32), ascii('VBRI'), u16le(0x0100), zeros(2), zeros(2), u32be(99_999), u32be(2000));
    const bytes = concat(frame({ bitrateIndex: 9, rateIndex: 1, length: 384, body: vbri }), mp3Frames48k(5));
    expect(mediaSeconds(bytes, 'audio/mpeg')).toBeCloseTo((2000 * 1152) / 48_000, 10);
  });
});

describe('mediaSeconds: malformed MP3', () => {
  it('gives undefined for an ID3v2 tag that claims more bytes than the file has', () => {
    expect(mediaSeconds(concat(id3v2(5000).subarray(0, 400), mp3Frames48k(2)), 'audio/mpeg')).toBeUndefined();
    const notSynchsafe = concat(id3v2(100), mp3Frames48k(10));
    notSynchsafe[9] = 0x80;
    expect(mediaSeconds(notSynchsafe, 'audio/mpeg')).toBeUndefined();
  });

  it('gives undefined for tags without audio, and for a lone header followed by junk', () => {
    expect(mediaSeconds(concat(id3v2(100), id3v1()), 'audio/mpeg')).toBeUndefined();
    const lone = concat(frame({ bitrateIndex: 9, rateIndex: 1, length: 384 }), randomBytes(2000, 7).map((byte) => byte & 0x7f));
    expect(mediaSeconds(lone, 'audio/mpeg')).toBeUndefined();
  });

  it('gives undefined for reserved or free-format header values', () => {
    const cases: FrameOptions[] = [
      { bitrateIndex: 15, rateIndex: 1, length: 384 }, // invalid bit rate
      { bitrateIndex: 0, rateIndex: 1, length: 384 }, // free format
      { bitrateIndex: 9, rateIndex: 3, length: 384 }, // reserved sample rate
      { version: 1, bitrateIndex: 9, rateIndex: 1, length: 384 }, // reserved version
      { layerBits: 0, bitrateIndex: 9, rateIndex: 1, length: 384 }, // reserved layer
    ];
    for (const options of cases) {
      const bytes = concat(...Array.from({ length: 20 }, () => frame(options)));
      expect(mediaSeconds(bytes, 'audio/mpeg'), JSON.stringify(options)).toBeUndefined();
    }
  });

  it('never throws on truncations and corruptions of a tagged stream', () => {
    const bytes = concat(id3v2(40), frame({ bitrateIndex: 9, rateIndex: 1, length: 384, body: xingTag('Xing', 30, 32) }), mp3Frames48k(4), id3v1());
    for (let length = 0; length <= bytes.length; length += 1) expectSane(mediaSeconds(bytes.subarray(0, length), 'audio/mpeg'));
    const noise = randomBytes(3000, 11);
    for (let i = 0; i < 1000; i += 1) {
      const copy = bytes.slice();
      copy[((noise[i * 3] ?? 0) * 7 + (noise[i * 3 + 1] ?? 0)) % 500] = noise[i * 3 + 2] ?? 0;
      expectSane(mediaSeconds(copy, 'audio/mpeg'));
    }
  });
});

describe('mediaSeconds: anything else', () => {
  it('gives undefined for random bytes under every MIME type', () => {
    for (const [index, length] of [0, 1, 3, 7, 8, 12, 100, 4096, 65_536].entries()) {
      const bytes = randomBytes(length, 1000 + index);
      for (const type of ALL_TYPES) expect(mediaSeconds(bytes, type), `${length} bytes as ${type}`).toBeUndefined();
    }
  });

  it('gives undefined for other formats', () => {
    const png = concat(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), randomBytes(200, 5));
    for (const type of [...ALL_TYPES, 'image/png']) expect(mediaSeconds(png, type)).toBeUndefined();
    expect(mediaSeconds(ascii('not a media file at all'), 'text/plain')).toBeUndefined();
  });
});

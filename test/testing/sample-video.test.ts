import { describe, expect, it, vi } from 'vitest';
import { SAMPLE_VIDEO_BASE64, sampleVideoBytes } from '../../src/testing/sample-video.ts';
import { describeMp4, findBox, Mp4ParseError, parseMp4 } from '../helpers/mp4.ts';

/** Byte size and sha256 of the fixture, as documented in src/testing/fixtures/README.md. */
const FIXTURE_SIZE = 34122;
const FIXTURE_SHA256 = '044c48b8bb85eb34e91a937bd0456f15a3bd35a4c508e1210f529332bca76fa8';

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('sample video fixture', () => {
  it('decodes to the documented bytes', async () => {
    expect(SAMPLE_VIDEO_BASE64).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const bytes = sampleVideoBytes();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.byteLength).toBe(FIXTURE_SIZE);
    expect(bytes.byteLength).toBeLessThanOrEqual(60 * 1024);
    expect(await sha256Hex(bytes)).toBe(FIXTURE_SHA256);
  });

  it('returns the same cached array on every call', () => {
    expect(sampleVideoBytes()).toBe(sampleVideoBytes());
  });

  it('is a fast-start MP4 with one 320x180 video track of about 3 s', () => {
    const mp4 = describeMp4(sampleVideoBytes());
    expect(mp4.brands.major).toBe('isom');
    expect(mp4.brands.compatible).toEqual(['isom', 'iso2', 'avc1', 'mp41']);
    expect(mp4.hasMoov).toBe(true);
    expect(mp4.moovBeforeMdat).toBe(true);
    expect(mp4.topLevel[0]).toBe('ftyp');
    expect(mp4.topLevel.filter((t) => t === 'mdat')).toHaveLength(1);
    expect(mp4.tracks).toHaveLength(1);
    const [video] = mp4.tracks;
    expect(video).toMatchObject({ handler: 'vide', width: 320, height: 180 });
    expect(video?.durationSeconds).toBeGreaterThan(2.5);
    expect(video?.durationSeconds).toBeLessThan(3.5);
    expect(mp4.durationSeconds).toBeGreaterThan(2.5);
    expect(mp4.durationSeconds).toBeLessThan(3.5);
  });

  it('holds an H.264 (avc1) sample entry', () => {
    const boxes = parseMp4(sampleVideoBytes());
    const stsd = findBox(boxes, 'moov/trak/mdia/minf/stbl/stsd');
    expect(stsd).toBeDefined();
    // stsd payload: version/flags (4), entry_count (4), then the first entry's size (4) and type (4).
    const at = (stsd?.offset ?? 0) + 8 + 8 + 4;
    expect(new TextDecoder('latin1').decode(sampleVideoBytes().subarray(at, at + 4))).toBe('avc1');
  });

  describe('base64 decoding', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Uint8Array, 'fromBase64');
    const restore = () => {
      if (descriptor) Object.defineProperty(Uint8Array, 'fromBase64', descriptor);
      else Reflect.deleteProperty(Uint8Array, 'fromBase64');
    };

    it('uses Uint8Array.fromBase64 when the runtime has it', async () => {
      const calls: { self: unknown; input: string }[] = [];
      Object.defineProperty(Uint8Array, 'fromBase64', {
        configurable: true,
        writable: true,
        value(this: unknown, input: string) {
          calls.push({ self: this, input });
          return Uint8Array.from(atob(input), (c) => c.charCodeAt(0));
        },
      });
      try {
        vi.resetModules();
        const fresh = await import('../../src/testing/sample-video.ts');
        const bytes = fresh.sampleVideoBytes();
        fresh.sampleVideoBytes();
        expect(calls).toEqual([{ self: Uint8Array, input: SAMPLE_VIDEO_BASE64 }]);
        expect(bytes).toEqual(sampleVideoBytes());
      } finally {
        restore();
      }
    });

    it('falls back to atob without Uint8Array.fromBase64', async () => {
      Reflect.deleteProperty(Uint8Array, 'fromBase64');
      try {
        vi.resetModules();
        const fresh = await import('../../src/testing/sample-video.ts');
        const bytes = fresh.sampleVideoBytes();
        expect(bytes.byteLength).toBe(FIXTURE_SIZE);
        expect(await sha256Hex(bytes)).toBe(FIXTURE_SHA256);
      } finally {
        restore();
      }
    });
  });
});

// --- hand-built boxes -------------------------------------------------------------------------

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const u8 = (n: number): number[] => [n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u64 = (n: bigint): number[] => [...u32(Number(n >> 32n)), ...u32(Number(n & 0xffffffffn))];
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** A box with a 32-bit size. */
const box = (type: string, ...parts: number[][]): number[] => {
  const body = parts.flat();
  return [...u32(8 + body.length), ...ascii(type), ...body];
};
/** A box with size == 1 and a 64-bit largesize. */
const largeBox = (type: string, ...parts: number[][]): number[] => {
  const body = parts.flat();
  return [...u32(1), ...ascii(type), ...u64(BigInt(16 + body.length)), ...body];
};
/** A box with size == 0: it runs to the end of its parent or of the file. */
const openBox = (type: string, ...parts: number[][]): number[] => [...u32(0), ...ascii(type), ...parts.flat()];
const fullBox = (version: number): number[] => [...u8(version), 0, 0, 0];
const matrix = [...u32(0x10000), ...zeros(12), ...u32(0x10000), ...zeros(12), ...u32(0x40000000)];

describe('parseMp4', () => {
  it('reads a 64-bit largesize box and continues after it', () => {
    const bytes = new Uint8Array([...largeBox('free', [1, 2, 3, 4]), ...box('skip')]);
    expect(parseMp4(bytes)).toEqual([
      { type: 'free', size: 20, offset: 0, headerSize: 16 },
      { type: 'skip', size: 8, offset: 20, headerSize: 8 },
    ]);
  });

  it('reads largesize containers, size-0 boxes and version-1 headers', () => {
    const mvhd = box('mvhd', fullBox(1), u64(1n), u64(2n), u32(1000), u64(4500n), zeros(80));
    const tkhd = box('tkhd', fullBox(1), u64(1n), u64(2n), u32(1), zeros(4), u64(4500n), zeros(16), matrix, u32(640.5 * 0x10000), u32(360 * 0x10000));
    const mdhd = box('mdhd', fullBox(1), u64(1n), u64(2n), u32(48_000), u64(216_000n), zeros(4));
    const hdlr = box('hdlr', fullBox(0), zeros(4), ascii('soun'), zeros(12), [0]);
    const file = [
      ...box('ftyp', ascii('mp42'), u32(1), ascii('mp42'), ascii('isom')),
      ...largeBox('moov', mvhd, largeBox('trak', tkhd, box('mdia', mdhd, hdlr))),
      ...openBox('mdat', [9, 9, 9]),
    ];
    const bytes = new Uint8Array(file);

    const tree = parseMp4(bytes);
    expect(tree.map((b) => [b.type, b.offset, b.size, b.headerSize])).toEqual([
      ['ftyp', 0, 24, 8],
      ['moov', 24, 16 + mvhd.length + 16 + tkhd.length + 8 + mdhd.length + hdlr.length, 16],
      ['mdat', file.length - 11, 11, 8],
    ]);
    expect(findBox(tree, 'moov/trak')?.headerSize).toBe(16);
    expect(findBox(tree, 'moov/trak/mdia/hdlr')?.children).toBeUndefined();

    expect(describeMp4(bytes)).toEqual({
      brands: { major: 'mp42', minorVersion: 1, compatible: ['mp42', 'isom'] },
      hasMoov: true,
      moovBeforeMdat: true,
      topLevel: ['ftyp', 'moov', 'mdat'],
      tracks: [{ handler: 'soun', width: 640.5, height: 360, timescale: 48_000, duration: 216_000, durationSeconds: 4.5 }],
      durationSeconds: 4.5,
    });
  });

  it('lets a size-0 box inside a container run to the end of that container', () => {
    const bytes = new Uint8Array(box('moov', box('mvhd', zeros(4)), openBox('udta', [1, 2])));
    const moov = parseMp4(bytes)[0];
    expect(moov?.children).toEqual([
      { type: 'mvhd', size: 12, offset: 8, headerSize: 8 },
      { type: 'udta', size: 10, offset: 20, headerSize: 8 },
    ]);
  });

  it('parses a view with a non-zero byteOffset', () => {
    const inner = [...largeBox('free', [7]), ...box('skip')];
    const outer = new Uint8Array([0xaa, 0xbb, 0xcc, ...inner]);
    expect(parseMp4(outer.subarray(3))).toEqual(parseMp4(new Uint8Array(inner)));
  });

  it('reports moov after mdat', () => {
    const bytes = new Uint8Array([...box('ftyp', ascii('isom'), u32(0)), ...box('mdat', [1]), ...box('moov')]);
    expect(describeMp4(bytes)).toMatchObject({ hasMoov: true, moovBeforeMdat: false, tracks: [], durationSeconds: null });
  });

  it('rejects malformed trees', () => {
    const bad: [string, number[]][] = [
      ['truncated header', [0, 0, 0, 8, ...ascii('fr')]],
      ['size below header', [...u32(4), ...ascii('free')]],
      ['overrunning box', [...u32(16), ...ascii('free'), 1, 2]],
      ['truncated largesize', [...u32(1), ...ascii('free'), 0, 0, 0, 0]],
      ['largesize below header', [...u32(1), ...ascii('free'), ...u64(8n)]],
      ['unsafe largesize', [...u32(1), ...ascii('free'), ...u64(1n << 60n)]],
      ['child overrunning its container', box('moov', [...u32(64), ...ascii('trak')])],
    ];
    for (const [name, bytes] of bad) {
      expect(() => parseMp4(new Uint8Array(bytes)), name).toThrow(Mp4ParseError);
    }
    expect(() => describeMp4(new Uint8Array(box('moov')))).toThrow(/no ftyp/);
  });

  it('parses an empty buffer as no boxes', () => {
    expect(parseMp4(new Uint8Array(0))).toEqual([]);
  });
});

/**
 * The simulator's videos (src/testing/video/): each file as ffprobe and ffmpeg see it (codec,
 * size, frames, length, a clean decode, and the exact picture), the shape read from a submit body,
 * the input headers it follows, and a video downloaded through the SDK from the simulator.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVideo, sampleVideoBytes, videoShapeOf, type VideoShape } from 'modelstudio-video/testing';
import { macroblocks } from '../../src/testing/video/h264.ts';
import { readMediaHeader } from '../../src/testing/video/media-header.ts';
import { PALETTE, slidingSquare } from '../../src/testing/video/scene.ts';
import { decodeErrors, decodeYuv, ffprobeMissing, probeVideo } from '../helpers/ffprobe.ts';
import { simulatedClient } from '../helpers/simulated-client.ts';

const skipReason = ffprobeMissing();
if (skipReason) console.warn(`The video tests that run ffprobe are skipped: ${skipReason}.`);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msv-video-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function saved(bytes: Uint8Array, name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** A PNG as far as its IHDR chunk, which is all a header reader looks at. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}

const dataUrl = (bytes: Uint8Array, type: string) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('generateVideo, as ffprobe and ffmpeg see it', () => {
  const cases: [string, VideoShape, number][] = [
    ['480P 16:9, 5 s', { width: 832, height: 480, seconds: 5 }, 120],
    ['720P 9:16, 10 s', { width: 720, height: 1280, seconds: 10 }, 240],
    ['1080P 16:9, 5 s (1088 rows coded, 8 cropped)', { width: 1920, height: 1080, seconds: 5 }, 120],
    ['720P 1:1, 5 s', { width: 960, height: 960, seconds: 5 }, 120],
    ['1080P 3:4, 2 s', { width: 1248, height: 1648, seconds: 2 }, 48],
    ['854x480 (no side a multiple of 16), 3 s', { width: 854, height: 486, seconds: 3 }, 72],
    ['wan3.0 1080P 9:16 at 30 fps, 6 s', { width: 1080, height: 1920, seconds: 6, fps: 30 }, 180],
    ['a fractional length, 5.04 s', { width: 832, height: 480, seconds: 5.04 }, 121],
  ];

  it.for(cases)('%s: h264 yuv420p of that size, frame count and length, decoded without an error', async ([, shape, frames], context) => {
    if (skipReason) context.skip(skipReason);
    const file = await saved(generateVideo(shape), `${shape.width}x${shape.height}-${shape.seconds}.mp4`);
    const fps = shape.fps ?? 24;
    const probed = probeVideo(file);
    expect(probed).toMatchObject({ codec: 'h264', profile: 'Constrained Baseline', width: shape.width, height: shape.height, pixFmt: 'yuv420p', frames, frameRate: `${fps}/1` });
    expect(Math.abs(probed.seconds - shape.seconds)).toBeLessThanOrEqual(1 / fps);
    expect(decodeErrors(file)).toBe('');
  });

  it('decodes to exactly the picture it encodes: the slate background and the sliding orange square, every sample of every frame', async (context) => {
    if (skipReason) context.skip(skipReason);
    for (const shape of [{ width: 352, height: 200, seconds: 3.5 }, { width: 62, height: 34, seconds: 1, fps: 5 }, { width: 16, height: 16, seconds: 0.5 }]) {
      const { width, height } = shape;
      const fps = shape.fps ?? 24;
      const yuv = decodeYuv(await saved(generateVideo(shape), `exact-${width}x${height}.mp4`));
      const { widthMbs, heightMbs } = macroblocks(shape);
      const scene = slidingSquare(width, height, widthMbs, heightMbs, fps);
      const frameSize = (width * height * 3) / 2;
      expect(yuv.length).toBe(frameSize * Math.round(shape.seconds * fps));
      let wrong = 0;
      const squares = new Set<string>();
      for (let frame = 0; frame < yuv.length / frameSize; frame++) {
        const map = scene.frame(frame);
        squares.add(map.join(''));
        const plane = (offset: number, x: number, y: number) => yuv[frame * frameSize + offset + y * (offset ? width / 2 : width) + x];
        const colour = (x: number, y: number, shift: number) => PALETTE[map[(y >> shift) * widthMbs + (x >> shift)] ?? 0];
        for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (plane(0, x, y) !== colour(x, y, 4)?.y) wrong++;
        for (let y = 0; y < height / 2; y++) {
          for (let x = 0; x < width / 2; x++) {
            if (plane(width * height, x, y) !== colour(x, y, 3)?.cb) wrong++;
            if (plane((width * height * 5) / 4, x, y) !== colour(x, y, 3)?.cr) wrong++;
          }
        }
      }
      expect(wrong, `${width}x${height}`).toBe(0);
      // The square moves when the picture has room for it.
      if (width >= 64) expect(squares.size).toBeGreaterThan(10);
    }
  });

  it('stays small: 5 s at 1080P under 100 KB, and 15 s of 1080P at 30 fps too; a minute of 720P under 200 KB', () => {
    expect(generateVideo({ width: 1920, height: 1080, seconds: 5 }).byteLength).toBeLessThan(100_000);
    expect(generateVideo({ width: 1080, height: 1920, seconds: 15, fps: 30 }).byteLength).toBeLessThan(100_000);
    expect(generateVideo({ width: 1280, height: 720, seconds: 60 }).byteLength).toBeLessThan(200_000);
  });

  it('is a fast-start MP4 whose keyframes come every 2 seconds', () => {
    const bytes = generateVideo({ width: 1280, height: 720, seconds: 5 });
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.slice(4, 12)).toBe('ftypisom');
    expect(text.indexOf('moov')).toBeLessThan(text.indexOf('mdat'));
    const stss = text.indexOf('stss');
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const count = view.getUint32(stss + 8);
    expect(Array.from({ length: count }, (_, i) => view.getUint32(stss + 12 + 4 * i))).toEqual([1, 49, 97]);
  });

  it('gives the same bytes for the same shape, from its cache or made again, and other bytes for another shape', () => {
    const first = generateVideo({ width: 640, height: 360, seconds: 2 });
    const copy = first.slice();
    expect(generateVideo({ width: 640, height: 360, seconds: 2, fps: 24 })).toBe(first);
    for (let i = 1; i <= 20; i++) generateVideo({ width: 16 * i, height: 32, seconds: 1 }); // pushes it out of the cache
    const again = generateVideo({ width: 640, height: 360, seconds: 2 });
    expect(again).not.toBe(first);
    expect(again).toEqual(copy);
    expect(generateVideo({ width: 640, height: 360, seconds: 3 })).not.toEqual(copy);
  });

  it('runs in any runtime: its modules import only each other and use no Node API', async () => {
    const folder = new URL('../../src/testing/video/', import.meta.url);
    const names = await readdir(folder);
    expect(names).toContain('h264.ts');
    for (const name of names) {
      const text = await readFile(new URL(name, folder), 'utf8');
      // Import and export statements, not the examples of the comments.
      for (const [, path] of text.matchAll(/^(?:import|export)\b[^;]*?from\s+'([^']+)'/gm)) expect(path, name).toMatch(/^\.\/[\w-]+\.ts$/);
      expect(text, name).not.toMatch(/\bBuffer\b|\bprocess\b|node:|\brequire\(/);
    }
  });

  it('refuses a shape it cannot make, with a RangeError that says why', () => {
    expect(() => generateVideo({ width: 1281, height: 720, seconds: 5 })).toThrow(/width must be an even number of pixels from 16 to 4096, not 1281/);
    expect(() => generateVideo({ width: 1280, height: 8, seconds: 5 })).toThrow(RangeError);
    expect(() => generateVideo({ width: 1280, height: 720, seconds: 0 })).toThrow(/seconds must be a positive number/);
    expect(() => generateVideo({ width: 1280, height: 720, seconds: 5, fps: 23.976 })).toThrow(/fps must be a whole number/);
    expect(() => generateVideo({ width: 4096, height: 4096, seconds: 1, fps: 60 })).toThrow(/4096x4096 at 60 fps is beyond every H.264 level/);
  });
});

describe('videoShapeOf', () => {
  const t2v = (parameters: Record<string, unknown>, model = 'wan2.7-t2v') => videoShapeOf({ model, input: { prompt: 'a fox' }, parameters });

  it('serves an exact size as asked, made even, and the length asked', () => {
    expect(t2v({ size: '832*480', duration: 10 }, 'wan2.6-t2v')).toEqual({ width: 832, height: 480, seconds: 10, fps: 24 });
    expect(t2v({ size: '1088*832', resolution: '480P' }, 'wan2.6-t2v')).toMatchObject({ width: 1088, height: 832 });
    expect(t2v({ size: '1279*721' }, 'wan2.6-t2v')).toMatchObject({ width: 1280, height: 722 });
    // A size no encoder makes falls back to the resolution and ratio, else to 720P 16:9.
    expect(t2v({ size: '99999*720' }, 'wan2.6-t2v')).toMatchObject({ width: 1280, height: 720 });
    expect(t2v({ size: 'big' }, 'wan2.6-t2v')).toMatchObject({ width: 1280, height: 720, seconds: 5 });
  });

  it('maps resolution and ratio by the table of docs/protocol.md §3.1 and §9.2', () => {
    const table: [string, string, number, number][] = [
      ['480P', '16:9', 832, 480], ['480P', '9:16', 480, 832], ['480P', '1:1', 624, 624],
      ['720P', '16:9', 1280, 720], ['720P', '9:16', 720, 1280], ['720P', '1:1', 960, 960], ['720P', '4:3', 1104, 832], ['720P', '3:4', 832, 1104],
      ['1080P', '16:9', 1920, 1080], ['1080P', '9:16', 1080, 1920], ['1080P', '1:1', 1440, 1440], ['1080P', '4:3', 1648, 1248], ['1080P', '3:4', 1248, 1648],
    ];
    for (const [resolution, ratio, width, height] of table) expect(t2v({ resolution, ratio }), `${resolution} ${ratio}`).toMatchObject({ width, height });
    expect(t2v({ resolution: '1080p' })).toMatchObject({ width: 1920, height: 1080 });
    expect(t2v({ ratio: '9:16' })).toMatchObject({ width: 720, height: 1280 });
  });

  it('gives a ratio outside the table the pixels of the resolution at 16:9 (HappyHorse 21:9, 4:5; 480P 4:3)', () => {
    for (const [resolution, ratio, pixels] of [['720P', '21:9', 1280 * 720], ['1080P', '4:5', 1920 * 1080], ['480P', '4:3', 832 * 480]] as const) {
      const { width, height } = t2v({ resolution, ratio }, 'happyhorse-1.1-t2v');
      const [w, h] = ratio.split(':').map(Number) as [number, number];
      expect(width % 2 + (height % 2)).toBe(0);
      expect(Math.abs(width / height / (w / h) - 1)).toBeLessThan(0.01);
      expect(Math.abs((width * height) / pixels - 1)).toBeLessThan(0.01);
    }
  });

  it("reads Kling's mode and aspect_ratio", () => {
    expect(t2v({ mode: 'pro', aspect_ratio: '9:16', duration: 8 }, 'kling/kling-v3-video-generation')).toEqual({ width: 1080, height: 1920, seconds: 8, fps: 24 });
    expect(t2v({ mode: 'std', aspect_ratio: '1:1' }, 'kling/kling-v3-video-generation')).toMatchObject({ width: 960, height: 960 });
  });

  it("takes the model's defaults for what the body leaves out, and 30 fps for wan3.0 and VACE", () => {
    expect(t2v({}, 'wan2.6-t2v')).toEqual({ width: 1280, height: 720, seconds: 5, fps: 24 });
    expect(videoShapeOf({ model: 'wan2.6-t2v', parameters: {} }, { size: '1920*1080', seconds: 10 })).toEqual({ width: 1920, height: 1080, seconds: 10, fps: 24 });
    expect(videoShapeOf({ parameters: { ratio: '1:1' } }, { size: '1920*1080', resolution: '1080P' })).toMatchObject({ width: 1440, height: 1440 });
    expect(videoShapeOf({ parameters: {} }, { resolution: '480P', ratio: '9:16', fps: 16 })).toEqual({ width: 480, height: 832, seconds: 5, fps: 16 });
    expect(t2v({ resolution: '1080P' }, 'wan3.0-video')).toMatchObject({ fps: 30 });
    expect(videoShapeOf({ model: 'wanx2.1-vace-plus', input: { function: 'image_reference' }, parameters: { size: '1280*720' } })).toMatchObject({ fps: 30 });
    // -1 lets the model choose: the default length.
    expect(t2v({ duration: -1 }, 'wan3.0-video')).toMatchObject({ seconds: 5 });
    expect(videoShapeOf({ input: 'text', parameters: [] })).toEqual({ width: 1280, height: 720, seconds: 5, fps: 24 });
  });

  it('follows the input picture when the body gives no ratio: a data: URL, or an upload through inputBytes', () => {
    const image = dataUrl(pngHeader(1200, 900), 'image/png');
    expect(videoShapeOf({ model: 'wan2.6-i2v', input: { img_url: image }, parameters: { resolution: '720P' } })).toMatchObject({ width: 1104, height: 832 });
    const uploads = new Map([['oss://bucket/portrait.png', pngHeader(900, 1600)]]);
    const i2v = { model: 'wan2.7-i2v', input: { media: [{ type: 'first_frame', url: 'oss://bucket/portrait.png' }] }, parameters: { resolution: '1080P' } };
    expect(videoShapeOf(i2v, {}, (url) => uploads.get(url))).toMatchObject({ width: 1080, height: 1920 });
    // Without the bytes, or with an asked ratio, the input does not decide.
    expect(videoShapeOf(i2v)).toMatchObject({ width: 1920, height: 1080 });
    expect(videoShapeOf({ ...i2v, parameters: { resolution: '1080P', ratio: '1:1' } }, {}, (url) => uploads.get(url))).toMatchObject({ width: 1440, height: 1440 });
    expect(videoShapeOf({ ...i2v, parameters: { resolution: '1080P', ratio: 'adaptive' } }, {}, (url) => uploads.get(url))).toMatchObject({ width: 1080, height: 1920 });
    // A reference image is no first frame: the defaults hold.
    const r2v = { model: 'wan2.7-r2v', input: { media: [{ type: 'reference_image', url: 'oss://bucket/portrait.png' }] }, parameters: {} };
    expect(videoShapeOf(r2v, {}, (url) => uploads.get(url))).toMatchObject({ width: 1280, height: 720 });
  });

  it('keeps the length and the ratio of a video to edit when the body gives none (duration 0)', () => {
    const input = generateVideo({ width: 720, height: 1280, seconds: 3 });
    const uploads = new Map([['oss://bucket/clip.mp4', input]]);
    const edit = { model: 'wan2.7-videoedit', input: { prompt: 'make it snow', media: [{ type: 'video', url: 'oss://bucket/clip.mp4' }] }, parameters: { resolution: '720P', duration: 0 } };
    expect(videoShapeOf(edit, {}, (url) => uploads.get(url))).toEqual({ width: 720, height: 1280, seconds: 3, fps: 24 });
    expect(videoShapeOf({ ...edit, parameters: { resolution: '720P', duration: 4 } }, {}, (url) => uploads.get(url))).toMatchObject({ seconds: 4 });
    const animate = { model: 'wan2.2-animate-move', input: { image_url: 'https://example.com/me.png', video_url: dataUrl(input, 'video/mp4') }, parameters: { mode: 'wan-std' } };
    expect(videoShapeOf(animate)).toEqual({ width: 720, height: 1280, seconds: 3, fps: 24 });
  });
});

describe('readMediaHeader', () => {
  it('reads the size of PNG, JPEG, WebP and BMP images', () => {
    expect(readMediaHeader(pngHeader(1200, 900))).toEqual({ width: 1200, height: 900 });
    // SOI, an APP0 segment, then SOF0 (baseline): precision, height, width.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x02, 0xd0, 0x05, 0x00, 3, 0, 0, 0]);
    expect(readMediaHeader(jpeg)).toEqual({ width: 1280, height: 720 });
    const riff = (chunk: string, payload: number[]) => new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...`WEBP${chunk}`].map((c) => c.charCodeAt(0)), [0, 0, 0, 0], payload));
    expect(readMediaHeader(riff('VP8X', [0, 0, 0, 0, 0xff, 0x03, 0, 0x3f, 0x02, 0]))).toEqual({ width: 1024, height: 576 });
    expect(readMediaHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]))).toEqual({ width: 640, height: 480 });
    // VP8L: 0x2f, then 14 bits of width - 1 (99) and 14 of height - 1 (49).
    const vp8l = 99 | (49 << 14);
    expect(readMediaHeader(riff('VP8L', [0x2f, vp8l & 0xff, (vp8l >> 8) & 0xff, (vp8l >> 16) & 0xff, 0]))).toEqual({ width: 100, height: 50 });
    const bmp = new Uint8Array(26);
    bmp.set([0x42, 0x4d]);
    new DataView(bmp.buffer).setInt32(18, 800, true);
    new DataView(bmp.buffer).setInt32(22, -600, true); // top-down rows
    expect(readMediaHeader(bmp)).toEqual({ width: 800, height: 600 });
  });

  it('reads the size and length of MP4 videos, turned by the track matrix, and nothing from anything else', () => {
    expect(readMediaHeader(generateVideo({ width: 832, height: 480, seconds: 5 }))).toEqual({ width: 832, height: 480, seconds: 5 });
    expect(readMediaHeader(sampleVideoBytes())).toEqual({ width: 320, height: 180, seconds: 3 });
    const turned = generateVideo({ width: 640, height: 360, seconds: 1 }).slice();
    const matrix = new TextDecoder('latin1').decode(turned).indexOf('tkhd') + 4 + 4 + 20 + 16;
    const view = new DataView(turned.buffer);
    [0, 0x1_0000, 0, -0x1_0000, 0].forEach((value, i) => view.setInt32(matrix + 4 * i, value));
    expect(readMediaHeader(turned)).toEqual({ width: 360, height: 640, seconds: 1 });
    expect(readMediaHeader(new TextEncoder().encode('GIF89a, not read'))).toBeUndefined();
    expect(readMediaHeader(pngHeader(100, 100).subarray(0, 20))).toBeUndefined();
    expect(readMediaHeader(new Uint8Array())).toBeUndefined();
  });
});

describe('the simulator serves the video a task asked for', () => {
  it('720P, 5 s through the SDK: ffprobe says 1280x720, 5 s', async (context) => {
    if (skipReason) context.skip(skipReason);
    const { sim, client } = simulatedClient({ speed: 1000 }, { polling: { initialIntervalMs: 10, maxIntervalMs: 20 } });
    const result = await client.textToVideo({ prompt: 'A red fox trotting through fresh snow', resolution: '720P', duration: 5 });
    const file = join(dir, 'fox.mp4');
    await result.videos[0].download(file);
    expect(probeVideo(file)).toMatchObject({ codec: 'h264', width: 1280, height: 720, frames: 120, seconds: 5 });
    expect(decodeErrors(file)).toBe('');
    const task = sim.tasks.all()[0];
    expect(task && videoShapeOf(task.body)).toEqual({ width: 1280, height: 720, seconds: 5, fps: 24 });
  });

  it('1080P 9:16 for wan2.7, and an image to video that follows its 4:3 image', async (context) => {
    if (skipReason) context.skip(skipReason);
    const { client } = simulatedClient({ speed: 1000 }, { polling: { initialIntervalMs: 10, maxIntervalMs: 20 } });
    const tall = await client.textToVideo({ model: 'wan2.7-t2v', prompt: 'A waterfall', resolution: '1080P', aspectRatio: '9:16', duration: 3 });
    const tallFile = join(dir, 'tall.mp4');
    await tall.videos[0].download(tallFile);
    expect(probeVideo(tallFile)).toMatchObject({ width: 1080, height: 1920, frames: 72 });
    const frame = await client.imageToVideo({ image: { data: pngHeader(1600, 1200), fileName: 'frame.png', mimeType: 'image/png' }, resolution: '720P', duration: 2 });
    const bytes = new Uint8Array(await new Response(await frame.videos[0].fetchVideo()).arrayBuffer());
    expect(readMediaHeader(bytes)).toEqual({ width: 1104, height: 832, seconds: 2 });
  });
});

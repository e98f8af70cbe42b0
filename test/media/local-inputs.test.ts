import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError, type ModelStudioClientOptions } from 'modelstudio-video';
import { sampleVideoBytes, type Simulator } from 'modelstudio-video/testing';
import { simulatedClient } from '../helpers/simulated-client.ts';

let dir: string;
let sim: Simulator;
let sent: Request[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msv-local-'));
  sent = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function client(options: ModelStudioClientOptions = {}) {
  const made = simulatedClient({ speed: 1000 }, {
    polling: { initialIntervalMs: 10, maxIntervalMs: 20 },
    fetch: (input, init) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return sim.handle(request);
    },
    ...options,
  });
  sim = made.sim;
  return made.client;
}

/** A small but real PNG: the 8-byte signature and an IHDR chunk are enough for these tests. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 120 }, (_, i) => i)]);
const routeOf = (request: Request) => `${request.method} ${new URL(request.url).pathname}`;

describe('local inputs', () => {
  it('a small image file goes inline as a data: URI by default', async () => {
    const path = join(dir, 'frame.png');
    await writeFile(path, PNG);
    const result = await client().imageToVideo({ image: { path }, prompt: 'it moves' });
    expect(result.status).toBe('SUCCEEDED');
    const imgUrl = String((sim.tasks.all()[0]?.body.input as { img_url: string }).img_url);
    expect(imgUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(new Uint8Array(Buffer.from(imgUrl.split(',')[1] ?? '', 'base64'))).toEqual(PNG);
    expect(sent.map(routeOf)).not.toContain('GET /api/v1/uploads');
  });

  it("upload: 'storage' sends it through the upload policy, and the model receives exactly the uploaded bytes", async () => {
    const path = join(dir, 'frame.png');
    await writeFile(path, PNG);
    await client({ upload: 'storage' }).imageToVideo({ image: { path } });
    const task = sim.tasks.all()[0];
    const imgUrl = String((task?.body.input as { img_url: string }).img_url);
    expect(imgUrl).toMatch(/^oss:\/\/dashscope-instant\/.+-frame\.png$/);
    expect(task?.headers['x-dashscope-ossresourceresolve']).toBe('enable');
    expect(task?.uploads.get(imgUrl)).toEqual(PNG);
    const upload = sent.find((r) => routeOf(r) === 'POST /oss-upload');
    expect(upload?.headers.get('authorization')).toBeNull();
    const policy = sent.find((r) => routeOf(r) === 'GET /api/v1/uploads');
    expect(new URL(policy?.url ?? '').searchParams.get('model')).toBe('wan2.6-i2v');
  });

  it('a reference video given as bytes is uploaded (videos never go inline), for wan2.6 and wan2.7 shapes', async () => {
    const video = sampleVideoBytes();
    const c = client();
    await c.referenceToVideo({ prompt: 'character1 waves', references: [{ data: video, fileName: 'me.mp4', mimeType: 'video/mp4' }] });
    await c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1 waves', references: [new File([video], 'me.mp4', { type: 'video/mp4' })] });
    const [first, second] = sim.tasks.all();
    const urls = (first?.body.input as { reference_urls: string[] }).reference_urls;
    expect(urls).toHaveLength(1);
    expect(first?.uploads.get(urls[0] ?? '')).toEqual(video);
    const media = (second?.body.input as { media: { type: string; url: string }[] }).media;
    expect(media[0]?.type).toBe('reference_video');
    expect(second?.uploads.get(media[0]?.url ?? '')).toEqual(video);
  });

  it('a new mode uploads its local inputs too: the character image and the driving video of an animation', async () => {
    const video = sampleVideoBytes();
    const path = join(dir, 'me.png');
    await writeFile(path, PNG);
    const c = client({ upload: 'storage' });
    await c.animateCharacter({ image: { path }, video: { data: video, fileName: 'dance.mp4', mimeType: 'video/mp4' } });
    const animated = sim.tasks.all()[0];
    const animateInput = animated?.body.input as { image_url: string; video_url: string };
    expect(animateInput.image_url).toMatch(/^oss:\/\/dashscope-instant\/.+-me\.png$/);
    expect(animated?.uploads.get(animateInput.image_url)).toEqual(PNG);
    expect(animated?.uploads.get(animateInput.video_url)).toEqual(video);
    expect(animated?.headers['x-dashscope-ossresourceresolve']).toBe('enable');
    const policies = sent.filter((r) => routeOf(r) === 'GET /api/v1/uploads').map((r) => new URL(r.url).searchParams.get('model'));
    expect(policies).toEqual(['wan2.2-animate-move']);
  });

  it('reuses one upload policy per model while it is valid', async () => {
    const c = client({ upload: 'storage' });
    await c.imageToVideo({ image: new Blob([PNG], { type: 'image/png' }) });
    await c.imageToVideo({ image: { data: PNG, fileName: 'b.png', mimeType: 'image/png' } });
    expect(sent.filter((r) => routeOf(r) === 'GET /api/v1/uploads')).toHaveLength(1);
    expect(sent.filter((r) => routeOf(r) === 'POST /oss-upload')).toHaveLength(2);
  });

  it('checks type and size before reading or sending anything', () => {
    const c = client();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    expect(() => c.imageToVideo({ image: { data: big, fileName: 'huge.png', mimeType: 'image/png' } })).toThrow(
      /image "huge\.png" is 10\.00 MiB, above the image limit of 10\.00 MiB/,
    );
    expect(() => c.imageToVideo({ image: { path: join(dir, 'notes.txt') } })).toThrow(/cannot tell the type of "notes\.txt"/);
    expect(() => c.imageToVideo({ image: new Blob(['gif'], { type: 'image/gif' }) })).toThrow(/is image\/gif, not an accepted image type/);
    expect(sent).toHaveLength(0);
  });

  it('a file that cannot be read rejects with ValidationError, and no task is created', async () => {
    const error = await client().imageToVideo({ image: { path: join(dir, 'missing.png') } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    // Named by the request's field and the path as given, never the wire's input.img_url.
    expect((error as ValidationError).issues).toEqual([{ path: 'image', message: `${join(dir, 'missing.png')} cannot be read: no such file` }]);
    expect(sim.tasks.size).toBe(0);
  });

  it("upload: 'inline' refuses a video", async () => {
    const error = await client({ upload: 'inline' })
      .referenceToVideo({ prompt: 'character1', references: [{ data: sampleVideoBytes(), fileName: 'v.mp4', mimeType: 'video/mp4' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'references[0]', message: "a video cannot be sent inline; use upload: 'storage' or 'auto'" },
    ]);
    expect(sim.tasks.size).toBe(0);
  });
});

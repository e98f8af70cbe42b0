/**
 * `generateVideo` of the OpenClaw provider against the simulator (region intl, fast): OpenClaw's
 * request mapped to the SDK mode and model, inputs placed by role (URLs as they are, buffers
 * uploaded), results with URLs or checked MP4 bytes, validation and budget before anything is
 * sent, and a running task resumed by a new provider instance from the same task store.
 */
import { describe, expect, it } from 'vitest';
import {
  AbortError, BudgetError, DownloadError, ModelStudioClient, TaskFailedError, ValidationError, type ModelStudioClientOptions,
} from 'modelstudio-video';
import {
  createMemoryTaskStore, createOpenClawVideoProvider, type OpenClawTaskStore, type OpenClawVideoGenerationProvider,
  type OpenClawVideoGenerationRequest, type OpenClawVideoProviderOptions,
} from 'modelstudio-video/openclaw';
import { createSimulator, sampleVideoBytes, videoOfTask, type Simulator, type SimulatorOptions } from 'modelstudio-video/testing';

const FIRST = 'https://cdn.example.com/first.png';
const LAST = 'https://cdn.example.com/last.png';
const CLIP = 'https://cdn.example.com/clip.mp4';
/** The PNG signature and some bytes: enough for the SDK, which checks type and size. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 120 }, (_, i) => i)]);

function simulator(options: SimulatorOptions = {}): Simulator {
  return createSimulator({ region: 'intl', speed: 1000, ...options });
}

function clientFor(sim: Simulator, options: ModelStudioClientOptions = {}): ModelStudioClient {
  return new ModelStudioClient({
    apiKey: sim.apiKey, baseUrl: sim.baseUrl, region: 'intl', fetch: sim.fetch, polling: { initialIntervalMs: 10, maxIntervalMs: 20 }, ...options,
  });
}

function providerFor(sim: Simulator, options: OpenClawVideoProviderOptions = {}, clientOptions: ModelStudioClientOptions = {}): OpenClawVideoGenerationProvider {
  return createOpenClawVideoProvider({ client: clientFor(sim, clientOptions), ...options });
}

function request(fields: Partial<OpenClawVideoGenerationRequest> & Pick<OpenClawVideoGenerationRequest, 'model'>): OpenClawVideoGenerationRequest {
  return { provider: 'modelstudio', prompt: 'A lighthouse in a storm', ...fields };
}

const bodyOf = (sim: Simulator, index = 0) => sim.tasks.all()[index]?.body as { model: string; input: Record<string, unknown>; parameters?: Record<string, unknown> };
/** The video the simulator serves for its first task, of the shape that task asked for. */
const servedVideo = (sim: Simulator) => videoOfTask(sim.tasks.all()[0] ?? { body: {}, uploads: new Map() });

/** A store that tells when a task id was saved. */
function watchedStore(): OpenClawTaskStore & { saved: Promise<string>; size: () => number } {
  const inner = new Map<string, string>();
  let resolve!: (taskId: string) => void;
  const saved = new Promise<string>((r) => (resolve = r));
  return {
    saved,
    size: () => inner.size,
    get: (key) => inner.get(key),
    set: (key, taskId) => {
      inner.set(key, taskId);
      resolve(taskId);
    },
    delete: (key) => void inner.delete(key),
  };
}

describe('generateVideo', () => {
  it('text to video: size in WxH, duration, audio and watermark on the wire; the URL back as video/mp4', async () => {
    const sim = simulator();
    const result = await providerFor(sim).generateVideo(
      request({ model: 'wan2.6-t2v', size: '1280x720', durationSeconds: 6, audio: true, watermark: false, providerOptions: { seed: 7, negativePrompt: 'blur' } }),
    );
    expect(sim.tasks.size).toBe(1);
    const body = bodyOf(sim);
    expect(body).toEqual({
      model: 'wan2.6-t2v',
      input: { prompt: 'A lighthouse in a storm', negative_prompt: 'blur' },
      parameters: { size: '1280*720', duration: 6, audio: true, watermark: false, seed: 7 },
    });
    const taskId = sim.tasks.all()[0]?.taskId;
    expect(result.model).toBe('wan2.6-t2v');
    expect(result.videos).toHaveLength(1);
    expect(result.videos[0]).toMatchObject({ mimeType: 'video/mp4', fileName: `${taskId}.mp4` });
    expect(result.videos[0]?.url).toContain(`/videos/${taskId}.mp4`);
    expect(result.videos[0]?.buffer).toBeUndefined();
    expect(result.metadata).toMatchObject({ taskId, taskStatus: 'SUCCEEDED', mode: 'textToVideo', openClawMode: 'generate', resumed: false });
  });

  it('wan2.7 takes resolution + ratio: an exact size goes as its resolution and ratio', async () => {
    const sim = simulator();
    await providerFor(sim).generateVideo(request({ model: 'wan2.7-t2v', aspectRatio: '9:16', resolution: '720p' }));
    expect(bodyOf(sim).parameters).toMatchObject({ resolution: '720P', ratio: '9:16' });
  });

  it('image to video, first + last frame: wan2.7-i2v gets media first_frame and last_frame, whatever their order', async () => {
    const sim = simulator();
    const result = await providerFor(sim).generateVideo(
      request({ model: 'wan2.7-i2v', resolution: '720P', inputImages: [{ url: LAST, role: 'last_frame' }, { url: FIRST, role: 'first_frame' }] }),
    );
    expect(bodyOf(sim).input.media).toEqual([{ type: 'first_frame', url: FIRST }, { type: 'last_frame', url: LAST }]);
    expect(result.metadata).toMatchObject({ mode: 'imageToVideo', openClawMode: 'imageToVideo' });
  });

  it('images without roles are the first then the last frame; a video continues a clip (first_clip)', async () => {
    const sim = simulator();
    const provider = providerFor(sim);
    await provider.generateVideo(request({ model: 'wan2.2-kf2v-flash', inputImages: [{ url: FIRST }, { url: LAST }] }));
    expect(bodyOf(sim, 0).input).toMatchObject({ first_frame_url: FIRST, last_frame_url: LAST });
    await provider.generateVideo(request({ model: 'wan2.7-i2v', inputVideos: [{ url: CLIP }], inputImages: [{ url: LAST }] }));
    expect(bodyOf(sim, 1).input.media).toEqual([{ type: 'first_clip', url: CLIP }, { type: 'last_frame', url: LAST }]);
  });

  it('a reference image given as a buffer (a local file) is sent by the SDK: inline, byte for byte', async () => {
    const sim = simulator();
    await providerFor(sim).generateVideo(
      request({ model: 'wan2.7-r2v', prompt: 'character1 waves', inputImages: [{ buffer: PNG, mimeType: 'image/png', role: 'reference_image' }] }),
    );
    const media = bodyOf(sim).input.media as { type: string; url: string }[];
    expect(media).toHaveLength(1);
    expect(media[0]?.type).toBe('reference_image');
    expect(media[0]?.url.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(media[0]?.url.split(',')[1] ?? '', 'base64')).toEqual(PNG);
  });

  it('a reference video given as a buffer is uploaded, and the model receives exactly those bytes', async () => {
    const sim = simulator();
    const video = Buffer.from(sampleVideoBytes());
    await providerFor(sim).generateVideo(
      request({ model: 'wan2.6-r2v', prompt: 'character1 waves', inputVideos: [{ buffer: video, fileName: 'me.mp4', role: 'reference_video' }] }),
    );
    const task = sim.tasks.all()[0];
    const urls = (task?.body.input as { reference_urls: string[] }).reference_urls;
    expect(urls[0]).toMatch(/^oss:\/\//);
    expect(task?.uploads.get(urls[0] ?? '')).toEqual(new Uint8Array(video));
  });

  it('edits a video: the video is the source, images are references', async () => {
    const sim = simulator();
    await providerFor(sim).generateVideo(
      request({ model: 'wan2.7-videoedit', prompt: 'make it snow', inputVideos: [{ url: CLIP }], inputImages: [{ url: FIRST }] }),
    );
    expect(bodyOf(sim).input.media).toEqual([{ type: 'video', url: CLIP }, { type: 'reference_image', url: FIRST }]);
  });

  it('download: returns the bytes too, checked to be an MP4', async () => {
    const sim = simulator();
    const result = await providerFor(sim, { download: true }).generateVideo(request({ model: 'wan2.6-t2v' }));
    const buffer = result.videos[0]?.buffer;
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(new Uint8Array(buffer ?? [])).toEqual(servedVideo(sim));
    expect(buffer?.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(result.videos[0]).toMatchObject({ mimeType: 'video/mp4', metadata: { bytes: buffer?.byteLength } });
  });

  it('download: a link that serves no MP4 fails; the paid task stays stored, and the retry resumes it without a new task', async () => {
    const sim = simulator();
    const store = watchedStore();
    const notMp4: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.startsWith('/videos/')) return sim.fetch(input, init);
      return new Response(new Uint8Array(64), { headers: { 'content-type': 'video/mp4' } });
    };
    const broken = providerFor(sim, { download: true, taskStore: store }, { fetch: notMp4 });
    await expect(broken.generateVideo(request({ model: 'wan2.6-t2v' }))).rejects.toThrow(DownloadError);
    expect(store.size()).toBe(1);
    const fixed = providerFor(sim, { download: true, taskStore: store });
    const result = await fixed.generateVideo(request({ model: 'wan2.6-t2v' }));
    expect(result.metadata?.resumed).toBe(true);
    expect(result.videos[0]?.buffer?.byteLength).toBe(servedVideo(sim).byteLength);
    expect(sim.tasks.size).toBe(1);
    expect(store.size()).toBe(0);
  });

  it('every model of the caps answers through the provider, in its first OpenClaw mode', async () => {
    const sim = simulator({ limits: false });
    const provider = providerFor(sim, {}, { rateLimits: false });
    for (const model of provider.models) {
      const entry = provider.catalogByModel[model];
      const mode = entry?.modes[0];
      const block = mode === 'generate' ? entry?.capabilities.generate : mode ? entry?.capabilities[mode] : undefined;
      const images = Math.min(2, block?.maxInputImages ?? 0);
      const takesFunction = block?.providerOptions?.function !== undefined;
      const fields: Partial<OpenClawVideoGenerationRequest> = {
        ...(mode !== 'generate' && images > 0 && { inputImages: [FIRST, LAST].slice(0, images).map((url) => ({ url })) }),
        ...(mode === 'videoToVideo' && { inputVideos: [{ url: CLIP }] }),
        ...(takesFunction && { providerOptions: { function: mode === 'videoToVideo' ? 'video_extension' : 'image_reference' } }),
      };
      const result = await provider.generateVideo(request({ model, ...fields }));
      expect(result.videos.length, model).toBe(1);
    }
    expect(sim.tasks.size).toBe(provider.models.length);
    expect(new Set(sim.tasks.all().map((task) => task.model))).toEqual(new Set(provider.models));
  });
});

describe('validation and cost, before anything is paid', () => {
  it.each([
    ['a duration the model does not serve', request({ model: 'wan2.6-t2v', durationSeconds: 99 }), /duration 99 is above the maximum of 15/],
    ['an option no providerOption names', request({ model: 'wan2.6-t2v', providerOptions: { fps: 60 } }), /providerOptions\.fps is not an option of wan2\.6-t2v/],
    ['an option given through providerOptions that has its own field', request({ model: 'wan2.6-t2v', providerOptions: { duration: 5 } }), /providerOptions\.duration is set from the request/],
    ['a mistyped option', request({ model: 'wan2.6-t2v', providerOptions: { seed: 'seven' } }), /seed must be an integer/],
    ['a buffer without a type', request({ model: 'wan2.6-i2v', inputImages: [{ buffer: PNG }] }), /inputImages\[0\]\.mimeType is required/],
    ['an unknown role', request({ model: 'wan2.6-i2v', inputImages: [{ url: FIRST, role: 'middle_frame' }] }), /inputImages\[0\]\.role "middle_frame" is not a role/],
    ['images for a text model', request({ model: 'wan2.6-t2v', inputImages: [{ url: FIRST }] }), /wan2\.6-t2v does not make videos from input images/],
    ['a last frame on a model without one', request({ model: 'wan2.6-i2v', inputImages: [{ url: FIRST }, { url: LAST, role: 'last_frame' }] }), /a last_frame is not taken/],
    ['an unknown model', request({ model: 'wan9-t2v' }), /unknown model "wan9-t2v"/],
  ])('%s: a ValidationError, and no request leaves', async (_name, bad, message) => {
    const sim = simulator();
    const error = await providerFor(sim).generateVideo(bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as Error).message)).toMatch(message);
    expect(sim.stats.requests.submit + sim.stats.requests.upload + sim.stats.requests['upload-policy']).toBe(0);
  });

  it('maxCost under the estimate: a BudgetError, nothing sent', async () => {
    const sim = simulator();
    const error = await providerFor(sim).generateVideo(request({ model: 'wan2.6-t2v', resolution: '1080P', durationSeconds: 10, providerOptions: { maxCost: 0.5 } })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetError);
    expect(sim.stats.requests.submit).toBe(0);
  });

  it('the estimate before, and the actual cost after, in the metadata', async () => {
    const sim = simulator();
    const result = await providerFor(sim).generateVideo(request({ model: 'wan2.6-t2v', resolution: '720P', aspectRatio: '16:9', durationSeconds: 5 }));
    const { estimatedCost, cost } = result.metadata as { estimatedCost: { amount: number; currency: string }; cost: { amount: number; currency: string } };
    expect(estimatedCost).toMatchObject({ amount: 0.5, currency: 'USD' });
    expect(cost).toMatchObject({ amount: 0.5, currency: 'USD' });
  });

  it('a task that fails is forgotten, so the next request submits a new one', async () => {
    const sim = simulator();
    const store = watchedStore();
    const provider = providerFor(sim, { taskStore: store });
    const failing = request({ model: 'wan2.6-t2v', prompt: 'moderation-trigger' });
    await expect(provider.generateVideo(failing)).rejects.toThrow(TaskFailedError);
    expect(store.size()).toBe(0);
    await expect(provider.generateVideo(failing)).rejects.toThrow(TaskFailedError);
    expect(sim.tasks.size).toBe(2);
  });
});

describe('resume after a restart', () => {
  /** Tasks that take about a second, so that a provider can stop while one runs. */
  const slow = () => simulator({ speed: 1, timing: { pendingMs: 300, runningMs: 700 } });

  it('a new provider with the same task store resumes the running task by id: the service saw one task', async () => {
    const sim = slow();
    const store = watchedStore();
    const same = request({ model: 'wan2.7-i2v', inputImages: [{ url: FIRST, role: 'first_frame' }, { url: LAST, role: 'last_frame' }], durationSeconds: 5 });
    // The gateway stops while the task runs.
    const gateway = new AbortController();
    const first = providerFor(sim, { taskStore: store }).generateVideo({ ...same, signal: gateway.signal });
    const taskId = await store.saved;
    gateway.abort();
    const stopped = await first.catch((caught: unknown) => caught);
    expect(stopped).toBeInstanceOf(AbortError);
    expect((stopped as AbortError).taskId).toBe(taskId);
    expect(store.size()).toBe(1);
    // After the restart: a new provider and client, the same store, the same request.
    const result = await providerFor(sim, { taskStore: store }).generateVideo(same);
    expect(result.metadata).toMatchObject({ resumed: true, taskId });
    expect(sim.tasks.size).toBe(1);
    expect(sim.stats.requests.submit).toBe(1);
    expect(store.size()).toBe(0);
  });

  it('the key is the request: another prompt, input or option is another task', async () => {
    const sim = slow();
    const store = createMemoryTaskStore();
    const provider = providerFor(sim, { taskStore: store });
    const base = request({ model: 'wan2.6-i2v', inputImages: [{ buffer: PNG, mimeType: 'image/png', fileName: 'a.png' }] });
    const keys = await Promise.all([
      base,
      { ...base, inputImages: [{ buffer: PNG, mimeType: 'image/png', fileName: 'renamed.png' }] }, // same bytes: same key
      { ...base, prompt: 'Another prompt' },
      { ...base, inputImages: [{ buffer: Buffer.concat([PNG, Buffer.from([1])]), mimeType: 'image/png' }] },
      { ...base, providerOptions: { seed: 1 } },
    ].map(async (fields) => (await provider.generateVideo(fields)).metadata?.requestKey));
    expect(keys[1]).toBe(keys[0]);
    expect(new Set(keys).size).toBe(4);
    expect(sim.tasks.size).toBe(4); // the two identical requests at once shared one task
  });

  it('a stored task that was canceled meanwhile is not resumed: a new one is submitted', async () => {
    const sim = slow();
    const store = watchedStore();
    const same = request({ model: 'wan2.6-t2v' });
    const gateway = new AbortController();
    const first = providerFor(sim, { taskStore: store }).generateVideo({ ...same, signal: gateway.signal });
    const taskId = await store.saved;
    gateway.abort();
    await first.catch(() => undefined);
    await clientFor(sim).tasks.cancel(taskId);
    const result = await providerFor(sim, { taskStore: store }).generateVideo(same);
    expect(result.metadata).toMatchObject({ resumed: false });
    expect(result.metadata?.taskId).not.toBe(taskId);
    expect(sim.tasks.size).toBe(2);
  });
});

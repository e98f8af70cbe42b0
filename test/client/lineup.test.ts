/**
 * What the whole lineup adds to the client (issue 11): the region a client checks against, each
 * model's own limits (with overrides), dated snapshots, `submitTask` (the escape hatch), usage of
 * every generation, and a new model of a known family as one caps entry.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  ModelStudioClient, ValidationError, modelCaps, type ModelCaps, type ModelStudioClientOptions, type VideoTask,
} from 'modelstudio-video';
import { buildSchema } from '../../src/models/schema.ts';
import { WIRE_FAMILIES } from '../../src/models/families/index.ts';
import { maxOverlap } from '../helpers/overlap.ts';
import { settle, settleAll } from '../helpers/settle.ts';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';
import { BASE_URL, TEST_KEY, useMsw } from '../helpers/msw.ts';

const { server, requests } = useMsw();

const IMAGE = 'https://cdn.example.com/a.png';
const VIDEO = 'https://cdn.example.com/b.mp4';

describe('the region a client checks requests against', () => {
  const key = { apiKey: TEST_KEY };
  it.each([
    ['the default host', {}, 'intl'],
    ['region cn', { region: 'cn' }, 'cn'],
    ['region us', { region: 'us' }, 'us'],
    ['the Beijing host as baseUrl', { baseUrl: 'https://dashscope.aliyuncs.com/' }, 'cn'],
    ['a Singapore workspace host', { baseUrl: 'https://ws-9.ap-southeast-1.maas.aliyuncs.com' }, 'intl'],
    ['a Virginia workspace host', { baseUrl: 'https://ws-9.us-east-1.maas.aliyuncs.com' }, 'us'],
    ['a proxy with no known region', { baseUrl: 'https://proxy.example.com/dashscope' }, undefined],
    ['a proxy declared to be in cn', { baseUrl: 'https://proxy.example.com', region: 'cn' }, 'cn'],
    ['MODELSTUDIO_BASE_URL of Beijing', { env: { MODELSTUDIO_BASE_URL: 'https://dashscope.aliyuncs.com' } }, 'cn'],
  ] as const)('%s → %s', (_name, options, region) => {
    const client = new ModelStudioClient({ ...key, ...options });
    expect(client.region).toBe(region);
    expect(client.toJSON()).toEqual({ baseUrl: client.baseUrl, workspace: undefined, region, apiKey: '[redacted]' });
  });

  it("the SDK's default models go by their regional names: a us client sends wan2.6-t2v-us", async () => {
    const { sim, client } = simulatedClient({ region: 'us', speed: 1000 }, { region: 'us' });
    const result = await client.textToVideo({ prompt: 'A fox' });
    expect(sim.tasks.get(result.taskId)?.body.model).toBe('wan2.6-t2v-us');
    // A default the region serves under no name fails before sending, saying so.
    expect(() => client.editVideo({ video: VIDEO, prompt: 'snow' })).toThrow('wan2.7-videoedit is not served in us (only cn, intl)');
  });

  it('a proxy with no known region skips the region check and sends any name', async () => {
    server.use(http.post('https://proxy.example.com/api/v1/services/aigc/video-generation/video-synthesis', () =>
      HttpResponse.json({ output: { task_id: 't-1', task_status: 'PENDING' }, request_id: 'r-1' })));
    const following = new AbortController();
    const client = new ModelStudioClient({ apiKey: TEST_KEY, baseUrl: 'https://proxy.example.com', polling: { initialIntervalMs: 3_600_000 } });
    const task = client.textToVideo({ model: 'wanx2.1-t2v-turbo', prompt: 'A fox' }, { signal: following.signal });
    task.catch(() => undefined);
    await task.whenSubmitted();
    expect(requests.map((request) => (request.body as { model: string }).model)).toEqual(['wanx2.1-t2v-turbo']);
    following.abort();
  });

  it("the same model under the region's own name is sent as is", async () => {
    const { sim, client } = simulatedClient({ region: 'cn', speed: 1000 }, { region: 'cn' });
    const result = await client.textToVideo({ model: 'wanx2.1-t2v-turbo', prompt: 'A fox' });
    expect(sim.tasks.get(result.taskId)?.body.model).toBe('wanx2.1-t2v-turbo');
  });

  it('the simulator of a region refuses a name of another region like the service (404 ModelNotFound)', async () => {
    // No region on this client: the check is the simulator's.
    const { sim, client } = simulatedClient({ region: 'cn' }, { maxRetries: 0 });
    await expect(client.textToVideo({ model: 'wan2.1-t2v-turbo', prompt: 'A fox' })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/Model not exist: wan2\.1-t2v-turbo/),
    });
    expect(sim.tasks.size).toBe(0);
  });
});

describe("each model's own limits", () => {
  useFakeClock();

  it('wan2.1 models keep 2 tasks at once and wan2.6 models 5, from the caps: zero 429s', async () => {
    const { sim, client } = simulatedClient();
    const tasks = [
      ...Array.from({ length: 6 }, () => client.textToVideo({ model: 'wan2.1-t2v-turbo', prompt: 'A fox' })),
      ...Array.from({ length: 10 }, () => client.textToVideo({ prompt: 'A fox' })),
    ];
    const outcomes = await settleAll(tasks, 1_800_000);
    expect(outcomes.filter((outcome) => outcome.error)).toEqual([]);
    expect(maxOverlap(sim, 'wan2.1-t2v-turbo')).toBe(2);
    expect(maxOverlap(sim, 'wan2.6-t2v')).toBe(5);
    expect(sim.stats.throttled).toEqual({});
  });

  it('an unpublished model (wan3.0) keeps the conservative 2; rateLimits.models raises it', async () => {
    const run = async (options: ModelStudioClientOptions) => {
      const { sim, client } = simulatedClient({}, options);
      await settleAll(Array.from({ length: 8 }, () => client.textToVideo({ model: 'wan3.0-video', prompt: 'A fox' })), 3_600_000);
      return maxOverlap(sim, 'wan3.0-video');
    };
    expect(await run({})).toBe(2);
    expect(await run({ rateLimits: { models: { 'wan3.0-video': { concurrentTasks: 4 } } } })).toBe(4);
    // A global override applies to every model; a per-model one wins over it.
    expect(await run({ rateLimits: { concurrentTasks: 3 } })).toBe(3);
    expect(await run({ rateLimits: { concurrentTasks: 3, models: { 'wan3.0-video': { concurrentTasks: 1 } } } })).toBe(1);
  });

  it('a dated snapshot has its own name on the wire and its own slots', async () => {
    const { sim, client } = simulatedClient();
    const base = Array.from({ length: 5 }, () => client.textToVideo({ model: 'wan2.7-t2v', prompt: 'A fox' }));
    // Not in the table: a later snapshot takes its base model's caps.
    const snapshot = client.textToVideo({ model: 'wan2.7-t2v-2026-09-01' as 'wan2.7-t2v', prompt: 'A fox', duration: 12 });
    const submitted = await settle(snapshot.whenSubmitted(), 1_000);
    expect(submitted.value?.model).toBe('wan2.7-t2v-2026-09-01');
    await settleAll([...base, snapshot], 1_800_000);
    const bodies = sim.tasks.all().map((task) => task.body.model);
    expect(bodies.filter((model) => model === 'wan2.7-t2v-2026-09-01')).toHaveLength(1);
    expect(() => client.textToVideo({ model: 'wan2.7-t2v-2026-09-01' as 'wan2.7-t2v', prompt: 'A fox', duration: 16 })).toThrow(
      'duration 16 is above the maximum of 15 for wan2.7-t2v-2026-09-01',
    );
  });
});

describe('client.submitTask, the escape hatch', () => {
  it('sends the body as is to the path given, with the same handle, events and result', async () => {
    const { sim, client } = simulatedClient({ speed: 1000 });
    const body = { model: 'wan2.2-animate-move', input: { image_url: IMAGE, video_url: VIDEO }, parameters: { mode: 'wan-std' } };
    const task: VideoTask = client.submitTask(body, { path: '/api/v1/services/aigc/image2video/video-synthesis' });
    const events: string[] = [];
    task.on('submitted', () => events.push('submitted'));
    task.on('status', ({ status }) => events.push(status));
    const result = await task;
    expect(result.status).toBe('SUCCEEDED');
    expect(events[0]).toBe('submitted');
    expect(events.at(-1)).toBe('SUCCEEDED');
    const stored = sim.tasks.get(result.taskId);
    expect(stored?.path).toBe('/api/v1/services/aigc/image2video/video-synthesis');
    expect(stored?.body).toEqual(body);
    // Another process resumes it by id, and the video downloads as usual.
    const resumed = await new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch }).tasks.wait(result.taskId);
    expect(resumed.videos[0].url).toBe(result.videos[0].url);
  });

  it("defaults the path to the model's endpoint when the SDK knows the model", async () => {
    const { sim, client } = simulatedClient({ speed: 1000 });
    const result = await client.submitTask({ model: 'wan2.2-kf2v-flash', input: { first_frame_url: IMAGE, last_frame_url: IMAGE } });
    expect(sim.tasks.get(result.taskId)?.path).toBe('/api/v1/services/aigc/image2video/video-synthesis');
    expect(sim.tasks.get(result.taskId)?.body.parameters).toEqual({});
  });

  it('a model unknown to the SDK goes to the video-synthesis path, to the service to judge', async () => {
    server.use(http.post(`${BASE_URL}/api/v1/services/aigc/video-generation/video-synthesis`, () =>
      HttpResponse.json({ code: 'ModelNotFound', message: 'Model not exist: wan3.1-video', request_id: 'r-9' }, { status: 404 })));
    const client = new ModelStudioClient({ apiKey: TEST_KEY, maxRetries: 0 });
    const task = client.submitTask({ model: 'wan3.1-video', input: { prompt: 'A fox', media: [] }, parameters: { duration: 40 } });
    await expect(task).rejects.toMatchObject({ name: 'NotFoundError', code: 'ModelNotFound', requestId: 'r-9' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({ model: 'wan3.1-video', input: { prompt: 'A fox', media: [] }, parameters: { duration: 40 } });
  });

  it('keeps to the known limits of a model it has no typed request for (animate: 1 task at once)', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-09T03:00:00Z') });
    try {
      const { sim, client } = simulatedClient();
      const body = { model: 'wan2.2-animate-mix', input: { image_url: IMAGE, video_url: VIDEO }, parameters: { mode: 'wan-pro' } };
      const outcomes = await settleAll(Array.from({ length: 3 }, () => client.submitTask(body)), 1_800_000);
      expect(outcomes.filter((outcome) => outcome.error)).toEqual([]);
      expect(maxOverlap(sim, 'wan2.2-animate-mix')).toBe(1);
      expect(sim.stats.throttled).toEqual({});
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['a body that is not an object', 'x', undefined, '- must be { model, input, parameters }, got "x"'],
    ['no model', { input: {} }, undefined, '- model must be a non-empty string, got nothing'],
    ['input an array', { model: 'm', input: [] }, undefined, '- input must be an object, got an array'],
    ['parameters a string', { model: 'm', input: {}, parameters: 'x' }, undefined, '- parameters must be an object, got "x"'],
    ['an extra top-level key', { model: 'm', input: {}, stream: true }, undefined, '- stream is not part of a submit body (model, input, parameters)'],
    ['a path to another host', { model: 'm', input: {} }, '//evil.example.com/api/v1/x', `- path "//evil.example.com/api/v1/x" is not a path on the service's host (expected /api/v1/...)`],
    ['an absolute URL as path', { model: 'm', input: {} }, 'https://evil.example.com/api/v1/x', `- path "https://evil.example.com/api/v1/x" is not a path on the service's host (expected /api/v1/...)`],
    ['a path that climbs out', { model: 'm', input: {} }, '/api/v1/../../x', `- path "/api/v1/../../x" is not a path on the service's host (expected /api/v1/...)`],
  ] as const)('refuses %s with a ValidationError, sending nothing', async (_name, body, path, line) => {
    const client = new ModelStudioClient({ apiKey: TEST_KEY });
    let thrown: unknown;
    try {
      client.submitTask(body as never, path === undefined ? {} : { path });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).message.split('\n')).toContain(line);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toHaveLength(0);
  });
});

describe('usage of every generation (docs/protocol.md §9.5)', () => {
  const answer = (usage: Record<string, unknown>) =>
    http.get(`${BASE_URL}/api/v1/tasks/:id`, ({ params }) =>
      HttpResponse.json({
        request_id: 'r-1',
        output: { task_id: params.id, task_status: 'SUCCEEDED', video_url: 'https://cdn.example.com/v.mp4?Expires=1999999999', end_time: '2026-01-09 11:11:41.650' },
        usage,
      }));

  it.each([
    ['wan2.1', { video_duration: 5, video_ratio: '832*480', video_count: 1 }, { videoDuration: 5, videoRatio: '832*480', outputSeconds: 5, inputSeconds: 0 }],
    ['wan2.2 / 2.5', { duration: 10, SR: 480, video_count: 1 }, { duration: 10, sr: 480, outputSeconds: 10, inputSeconds: 0 }],
    ['wan2.6 t2v', { duration: 5, output_video_duration: 5, SR: 720, video_count: 1, size: '1280*720' }, { size: '1280*720', outputSeconds: 5, inputSeconds: 0 }],
    ['wan2.6 r2v with a video', { duration: 10, input_video_duration: 5, output_video_duration: 5, SR: 1080, video_count: 1 }, { outputSeconds: 5, inputSeconds: 5 }],
    ['wan2.6 i2v flash', { duration: 5, output_video_duration: 5, SR: 720, video_count: 1, audio: false }, { audio: false, outputSeconds: 5 }],
    ['wan2.7 with floats', { duration: 7.54, input_video_duration: 2.5, output_video_duration: 5.04, SR: 1080, ratio: '9:16', fps: 24, video_count: 1 }, { ratio: '9:16', fps: 24, outputSeconds: 5.04, inputSeconds: 2.5 }],
    ['wan2.6 r2v without input_video_duration', { duration: 12, output_video_duration: 8 }, { outputSeconds: 8, inputSeconds: 4 }],
    ['numbers sent as strings', { duration: '5', SR: '720' }, { duration: 5, sr: 720, outputSeconds: 5 }],
  ] as const)('%s', async (_name, usage, expected) => {
    server.use(answer(usage));
    const client = new ModelStudioClient({ apiKey: TEST_KEY });
    const result = await client.tasks.get('task-1');
    expect(result.usage).toMatchObject({ ...expected, raw: usage });
  });
});

describe('a model of a known family is one caps entry', () => {
  it('a fake model added to a copied table gets a schema, checks and a body with no other code', () => {
    // A copied table with one more entry: a media model with its own prompt limit, durations and ratios.
    const table: Record<string, ModelCaps> = {
      ...modelCaps,
      'wan9.0-t2v': {
        ...modelCaps['wan2.7-t2v'],
        modes: { textToVideo: { options: ['prompt', 'duration', 'resolution', 'aspectRatio', 'seed'], required: ['prompt'] } },
        prompt: { maxLength: 20 },
        duration: { min: 4, max: 8, default: 4 },
        aspectRatios: ['1:1'],
      },
    };
    const caps = table['wan9.0-t2v'] as ModelCaps;
    const schema = buildSchema('wan9.0-t2v', caps, 'textToVideo');
    const good = schema.safeParse({ prompt: 'A fox', duration: 8, aspectRatio: '1:1', resolution: '720P' });
    expect(good.success).toBe(true);
    const wire = WIRE_FAMILIES[caps.family].toWire({ model: 'wan9.0-t2v', caps, mode: 'textToVideo' }, good.data as never);
    expect(wire.parameters).toMatchObject({ resolution: '720P', ratio: '1:1', duration: 8 });
    expect(wire.input).toMatchObject({ prompt: 'A fox' });
    const bad = schema.safeParse({ prompt: 'A fox running through snow', duration: 9, aspectRatio: '16:9', shotType: 'multi' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)).toEqual([
      'prompt is 26 characters, above the maximum of 20 for wan9.0-t2v',
      'duration 9 is above the maximum of 8 for wan9.0-t2v (allowed 4–8)',
      'aspectRatio "16:9" is not supported by wan9.0-t2v (allowed: 1:1)',
      'shotType is not supported by wan9.0-t2v: not documented for this model; use extraParameters.shot_type to send it anyway',
    ]);
  });

  it('a fake model of the animation family, new in this lineup, is one entry too: schema, checks and body', () => {
    const table: Record<string, ModelCaps> = {
      ...modelCaps,
      'wan9.0-animate': {
        ...modelCaps['wan2.2-animate-move'],
        modes: { animateCharacter: { options: ['image', 'video', 'quality'], required: ['image', 'video'] } },
        video: { ...modelCaps['wan2.2-animate-move'].video, maxSeconds: 10 },
      },
    };
    const caps = table['wan9.0-animate'] as ModelCaps;
    const schema = buildSchema('wan9.0-animate', caps, 'animateCharacter');
    const good = schema.safeParse({ image: IMAGE, video: VIDEO, quality: 'pro' });
    expect(good.success).toBe(true);
    const family = WIRE_FAMILIES[caps.family];
    expect(family.path).toBe('/api/v1/services/aigc/image2video/video-synthesis');
    const wire = family.toWire({ model: 'wan9.0-animate', caps, mode: 'animateCharacter' }, good.data as never);
    expect(wire).toEqual({
      input: { image_url: IMAGE, ref_image_url: undefined, video_url: VIDEO, audio_url: undefined, watermark: undefined },
      parameters: { mode: 'wan-pro', resolution: undefined, video_extension: undefined },
    });
    const bad = schema.safeParse({ image: IMAGE, quality: 'max', watermark: true });
    expect(bad.error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)).toEqual([
      'video is required',
      'quality "max" is not supported by wan9.0-animate (allowed: std, pro)',
      'watermark is not supported by wan9.0-animate: use wan2.2-animate-move or wan2.2-animate-mix, or extraInput.watermark to send it anyway',
    ]);
  });
});

/**
 * The simulator against docs/protocol.md, row by row, with raw requests (no SDK) through `sim.handle`.
 * Every simulator runs on a manual clock, so each status and time below is exact.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSimulator, manualClock, videoOfTask,
  type FaultRule, type Simulator, type SimulatorClock, type SimulatorOptions,
} from 'modelstudio-video/testing';

type Wire = Record<string, unknown>;

const START = Date.parse('2026-01-09T03:07:28.590Z');
const SUBMIT = '/api/v1/services/aigc/video-generation/video-synthesis';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SERVICE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
const SYNC_MESSAGE = 'current user api does not support synchronous calls';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Default task timing: 2 s pending, then 20 s + 4 s per second of video running. */
const runMs = (duration = 5) => 2_000 + 20_000 + 4_000 * duration;

interface Setup {
  readonly sim: Simulator;
  readonly clock: SimulatorClock;
}

function setup(options: Omit<SimulatorOptions, 'clock'> = {}): Setup {
  const clock = manualClock(START);
  return { sim: createSimulator({ ...options, clock }), clock };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Wire;
}

interface SendInit {
  readonly json?: unknown;
  readonly body?: BodyInit;
  readonly headers?: Record<string, string>;
  /** The API key to send; `null` sends no Authorization header. */
  readonly key?: string | null;
}

function request(sim: Simulator, method: string, path: string, init: SendInit = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? sim.apiKey : init.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  if (init.json !== undefined) headers['Content-Type'] ??= 'application/json';
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  const url = path.startsWith('http') ? path : `${sim.baseUrl}${path}`;
  return new Request(url, { method, headers, ...(body !== undefined && { body }) });
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Wire = {};
  if (/json/.test(response.headers.get('content-type') ?? '')) body = JSON.parse(text) as Wire;
  return { status: response.status, headers: response.headers, text, body };
}

async function send(sim: Simulator, method: string, path: string, init: SendInit = {}): Promise<Answer> {
  return read(await sim.handle(request(sim, method, path, init)));
}

const ASYNC = { 'X-DashScope-Async': 'enable' } as const;
const OSS = { ...ASYNC, 'X-DashScope-OssResourceResolve': 'enable' } as const;

function submit(sim: Simulator, json: unknown, headers: Record<string, string> = ASYNC): Promise<Answer> {
  return send(sim, 'POST', SUBMIT, { json, headers });
}

async function submitOk(sim: Simulator, json: unknown, headers: Record<string, string> = ASYNC): Promise<string> {
  const answer = await submit(sim, json, headers);
  expect(answer.status, answer.text).toBe(200);
  const output = answer.body.output as Wire;
  expect(output.task_status).toBe('PENDING');
  return String(output.task_id);
}

async function query(sim: Simulator, taskId: string): Promise<{ answer: Answer; output: Wire }> {
  const answer = await send(sim, 'GET', `/api/v1/tasks/${taskId}`);
  expect(answer.status, answer.text).toBe(200);
  return { answer, output: answer.body.output as Wire };
}

async function statusOf(sim: Simulator, taskId: string): Promise<unknown> {
  return (await query(sim, taskId)).output.task_status;
}

/** The service's error answer (docs/protocol.md §5): JSON `{ code, message, request_id }` and nothing else. */
function expectServiceError(answer: Answer, status: number, code: string, message?: string | RegExp): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(answer.body).sort()).toEqual(['code', 'message', 'request_id']);
  expect(answer.body.code).toBe(code);
  expect(answer.body.message).toBeTypeOf('string');
  expect(answer.body.request_id).toMatch(UUID);
  if (typeof message === 'string') expect(answer.body.message).toBe(message);
  else if (message) expect(answer.body.message).toMatch(message);
}

/** The OSS error answer: XML `<Error><Code>`. */
function expectOssError(answer: Answer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/xml');
  expect(answer.text).toMatch(/^<\?xml /);
  expect(answer.text).toContain(`<Code>${code}</Code>`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function expectConnectionFailure(error: unknown, code: 'ECONNREFUSED' | 'ECONNRESET'): void {
  expect(error).toBeInstanceOf(TypeError);
  expect((error as TypeError).cause).toMatchObject({ code });
}

const T2V = { model: 'wan2.6-t2v', input: { prompt: 'A lighthouse in a storm' } } as const;
const I2V = { model: 'wan2.6-i2v', input: { img_url: 'https://example.com/cat.png', prompt: 'The cat yawns' } } as const;
const R2V = { model: 'wan2.6-r2v', input: { prompt: 'character1 waves', reference_urls: ['https://example.com/me.mp4'] } } as const;
const R2V_FLASH = { model: 'wan2.6-r2v-flash', input: { prompt: 'character1 waves', reference_urls: ['https://example.com/me.png'] } } as const;
const R27 = {
  model: 'wan2.7-r2v',
  input: { prompt: 'character1 waves', media: [{ type: 'reference_video', url: 'https://example.com/me.mp4' }] },
} as const;

const videoUrls = (count: number, ext = 'mp4') => Array.from({ length: count }, (_, i) => `https://example.com/ref${i}.${ext}`);

// ---------------------------------------------------------------------------------------------
describe('§2 endpoints and headers', () => {
  it('submit answers 200 with output.task_id, task_status PENDING and request_id', async () => {
    const { sim } = setup();
    const answer = await submit(sim, T2V);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(answer.body).sort()).toEqual(['output', 'request_id']);
    expect(answer.body.output).toEqual({ task_id: expect.stringMatching(UUID), task_status: 'PENDING' });
    expect(answer.body.request_id).toMatch(UUID);
    expect(sim.tasks.size).toBe(1);
    expect(sim.tasks.all()[0]?.requestId).toBe(answer.body.request_id);
  });

  it.each([
    ['missing', {}],
    ['not "enable"', { 'X-DashScope-Async': 'disable' }],
  ])('a submit with X-DashScope-Async %s fails: video models are async only', async (_, headers) => {
    const { sim } = setup();
    const answer = await submit(sim, T2V, headers);
    expectServiceError(answer, 403, 'AccessDenied', SYNC_MESSAGE);
    expect(sim.tasks.size).toBe(0);
  });

  const authenticated: readonly [string, string, string, SendInit][] = [
    ['submit', 'POST', SUBMIT, { json: T2V, headers: ASYNC }],
    ['query', 'GET', '/api/v1/tasks/00000000-0000-4000-8000-000000000000', {}],
    ['cancel', 'POST', '/api/v1/tasks/00000000-0000-4000-8000-000000000000/cancel', {}],
    ['list', 'GET', '/api/v1/tasks?page_no=1&page_size=10', {}],
    ['upload policy', 'GET', '/api/v1/uploads?action=getPolicy&model=wan2.6-i2v', {}],
  ];

  it.each(authenticated)('%s without an API key -> 401 InvalidApiKey', async (_, method, path, init) => {
    const { sim } = setup();
    expectServiceError(await send(sim, method, path, { ...init, key: null }), 401, 'InvalidApiKey');
    expect(sim.tasks.size).toBe(0);
  });

  it.each(authenticated)('%s with a wrong API key (or another region\'s) -> 401 InvalidApiKey', async (_, method, path, init) => {
    const { sim } = setup();
    expectServiceError(await send(sim, method, path, { ...init, key: 'sk-from-another-region' }), 401, 'InvalidApiKey');
    expect(sim.tasks.size).toBe(0);
  });

  it('accepts the key it was configured with', async () => {
    const { sim } = setup({ apiKey: 'sk-custom-123' });
    expect(sim.apiKey).toBe('sk-custom-123');
    expectServiceError(await send(sim, 'POST', SUBMIT, { json: T2V, headers: ASYNC, key: 'sk-simulator' }), 401, 'InvalidApiKey');
    expect((await submit(sim, T2V)).status).toBe(200);
  });

  it('accepts the optional X-DashScope-WorkSpace header and keeps the submit headers, without the key', async () => {
    const { sim } = setup();
    const taskId = await submitOk(sim, T2V, { ...ASYNC, 'X-DashScope-WorkSpace': 'ws-123' });
    const headers = sim.tasks.get(taskId)?.headers ?? {};
    expect(headers['x-dashscope-workspace']).toBe('ws-123');
    expect(headers['x-dashscope-async']).toBe('enable');
    expect(headers).not.toHaveProperty('authorization');
    expect(JSON.stringify(headers)).not.toContain(sim.apiKey);
  });

  it('keeps the submit body exactly as received', async () => {
    const { sim } = setup();
    const body = { ...T2V, parameters: { size: '1280*720', duration: 5, unknown_flag: true } };
    const taskId = await submitOk(sim, body);
    expect(sim.tasks.get(taskId)?.body).toEqual(body);
  });

  it.each([
    ['an unknown path', 'GET', '/api/v1/nothing-here'],
    ['the submit path with GET', 'GET', SUBMIT],
    ['a task with DELETE', 'DELETE', '/api/v1/tasks/abc'],
    ['cancel with GET', 'GET', '/api/v1/tasks/abc/cancel'],
    ['a trailing slash on the submit path', 'POST', `${SUBMIT}/`],
  ])('%s -> 404 InvalidURL', async (_, method, path) => {
    const { sim } = setup();
    expectServiceError(await send(sim, method, path), 404, 'InvalidURL');
    expect(sim.stats.requests.unknown).toBe(1);
  });

  it('a body that is not JSON -> 400 InvalidParameter', async () => {
    const { sim } = setup();
    const answer = await send(sim, 'POST', SUBMIT, { body: '{"model":', headers: { ...ASYNC, 'Content-Type': 'application/json' } });
    expectServiceError(answer, 400, 'InvalidParameter');
  });

  it('sim.fetch behaves like fetch bound to the simulator', async () => {
    const { sim } = setup();
    const response = await sim.fetch(`${sim.baseUrl}${SUBMIT}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.apiKey}`, 'Content-Type': 'application/json', ...ASYNC },
      body: JSON.stringify(T2V),
    });
    expect(response.status).toBe(200);
    expect(sim.tasks.size).toBe(1);
  });

  it('strips trailing slashes from its base URL', () => {
    expect(createSimulator({ baseUrl: 'https://dashscope-intl.aliyuncs.com//' }).baseUrl).toBe('https://dashscope-intl.aliyuncs.com');
  });
});

// ---------------------------------------------------------------------------------------------
describe('§3 submit bodies refused at submit', () => {
  const refused: readonly { name: string; body: unknown; status?: number; code?: string; message: string | RegExp }[] = [
    { name: 'a body that is an array', body: [T2V], message: /not a JSON object/ },
    { name: 'no model', body: { input: { prompt: 'x' } }, message: 'Field required: model' },
    { name: 'an unknown model', body: { model: 'wan9.9-t2v', input: { prompt: 'x' } }, status: 404, code: 'ModelNotFound', message: /wan9\.9-t2v/ },
    { name: 'no input', body: { model: 'wan2.6-t2v' }, message: 'Field required: input' },
    // wan2.6-t2v
    { name: 't2v without prompt', body: { model: 'wan2.6-t2v', input: {} }, message: 'Field required: input.prompt' },
    { name: 't2v with an empty prompt', body: { model: 'wan2.6-t2v', input: { prompt: '' } }, message: 'Field required: input.prompt' },
    { name: 't2v with a 1501-char prompt', body: { model: 'wan2.6-t2v', input: { prompt: 'a'.repeat(1501) } }, message: /1500/ },
    { name: 't2v with a 501-char negative_prompt', body: { model: 'wan2.6-t2v', input: { prompt: 'x', negative_prompt: 'n'.repeat(501) } }, message: /500/ },
    { name: 't2v with size 1280x720 (x, not *)', body: { ...T2V, parameters: { size: '1280x720' } }, message: /size is not supported: 1280x720/ },
    { name: 't2v with a 480P size of older models', body: { ...T2V, parameters: { size: '832*480' } }, message: /size is not supported/ },
    { name: 't2v with seed -1', body: { ...T2V, parameters: { seed: -1 } }, message: /seed/ },
    { name: 't2v with seed 2147483648', body: { ...T2V, parameters: { seed: 2147483648 } }, message: /seed/ },
    { name: 't2v with an audio_url that is not a URL', body: { model: 'wan2.6-t2v', input: { prompt: 'x', audio_url: 'voice.mp3' } }, message: /audio_url/ },
    // wan2.6-i2v
    { name: 'i2v without img_url', body: { model: 'wan2.6-i2v', input: { prompt: 'x' } }, message: 'Field required: input.img_url' },
    { name: 'i2v with an ftp img_url', body: { model: 'wan2.6-i2v', input: { img_url: 'ftp://example.com/a.png' } }, message: /img_url/ },
    { name: 'i2v with a data: URI that is not an image', body: { model: 'wan2.6-i2v', input: { img_url: 'data:text/plain;base64,aGk=' } }, message: /img_url/ },
    { name: 'i2v with resolution 480P', body: { ...I2V, parameters: { resolution: '480P' } }, message: /resolution is not supported: 480P/ },
    // wan2.6-r2v and -flash
    { name: 'r2v without reference_urls', body: { model: 'wan2.6-r2v', input: { prompt: 'x' } }, message: 'Field required: input.reference_urls' },
    { name: 'r2v with no references', body: { model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: [] } }, message: /At least 1/ },
    { name: 'r2v without prompt', body: { model: 'wan2.6-r2v', input: { reference_urls: ['https://example.com/a.mp4'] } }, message: 'Field required: input.prompt' },
    { name: 'r2v with a bad size', body: { ...R2V, parameters: { size: '1920x1080' } }, message: /size is not supported/ },
    { name: 'r2v with 5 reference videos', body: { model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: videoUrls(5) } }, message: /Too many reference videos: 5/ },
    { name: 'r2v-flash with 5 reference videos', body: { model: 'wan2.6-r2v-flash', input: { prompt: 'x', reference_urls: videoUrls(5, 'mov') } }, message: /Too many reference videos/ },
    { name: 'r2v-flash with a bad size', body: { ...R2V_FLASH, parameters: { size: '640*360' } }, message: /size is not supported/ },
    // wan2.7-r2v
    { name: 'wan2.7 with resolution 4K', body: { ...R27, parameters: { resolution: '4K' } }, message: /resolution is not supported: 4K/ },
    { name: 'wan2.7 with ratio 21:9', body: { ...R27, parameters: { ratio: '21:9' } }, message: /ratio is not supported: 21:9/ },
    { name: 'wan2.7 without prompt', body: { model: 'wan2.7-r2v', input: { media: R27.input.media } }, message: 'Field required: input.prompt' },
    {
      name: 'wan2.7 with 6 reference videos',
      body: { model: 'wan2.7-r2v', input: { prompt: 'x', media: videoUrls(6).map((url) => ({ type: 'reference_video', url })) } },
      message: /Too many reference videos: 6/,
    },
    { name: 'wan2.7 with an empty media list', body: { model: 'wan2.7-r2v', input: { prompt: 'x', media: [] } }, message: /At least 1/ },
  ];

  it.each(refused)('$name -> 400 (or 404) with the service error body, and no task', async ({ body, status, code, message }) => {
    const { sim } = setup();
    expectServiceError(await submit(sim, body), status ?? 400, code ?? 'InvalidParameter', message);
    expect(sim.tasks.size).toBe(0);
  });
});

// §3 counts the prompt in characters: a prompt of 1500 characters outside the BMP (emoji, rare CJK)
// is 3000 UTF-16 code units and must still be accepted.
it('§3 counts a 1500-character prompt of astral characters as 1500 characters, not 3000 code units', async () => {
  const { sim } = setup();
  const prompt = '\u{1F98A}'.repeat(1500);
  expect([...prompt]).toHaveLength(1500);
  expect((await submit(sim, { model: 'wan2.6-t2v', input: { prompt } })).status).toBe(200);
});

describe('§3 submit bodies accepted', () => {
  const sizes = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088', '1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'];
  const accepted: readonly { name: string; body: Wire }[] = [
    ...sizes.map((size) => ({ name: `t2v size ${size}`, body: { ...T2V, parameters: { size } } })),
    ...sizes.map((size) => ({ name: `r2v size ${size}`, body: { ...R2V, parameters: { size } } })),
    { name: 't2v with a 1500-char prompt', body: { model: 'wan2.6-t2v', input: { prompt: 'a'.repeat(1500) } } },
    {
      name: 't2v with every documented parameter',
      body: {
        model: 'wan2.6-t2v',
        input: { prompt: 'x', negative_prompt: 'blur', audio_url: 'https://example.com/a.mp3' },
        parameters: { size: '1920*1080', duration: 15, prompt_extend: false, shot_type: 'multi', watermark: true, seed: 2147483647, audio: true },
      },
    },
    { name: 't2v with duration 2 (the minimum)', body: { ...T2V, parameters: { duration: 2 } } },
    { name: 'i2v without a prompt', body: { model: 'wan2.6-i2v', input: { img_url: 'https://example.com/cat.webp' } } },
    { name: 'i2v with a data:image URI', body: { model: 'wan2.6-i2v', input: { img_url: 'data:image/png;base64,iVBORw0KGgo=' } } },
    { name: 'i2v 720P', body: { ...I2V, parameters: { resolution: '720P', duration: 15 } } },
    { name: 'r2v with 4 videos and 3 images', body: { model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: [...videoUrls(4), ...videoUrls(3, 'jpg')] } } },
    { name: 'r2v with duration 10 (its maximum)', body: { ...R2V, parameters: { duration: 10 } } },
    { name: 'r2v-flash with audio', body: { ...R2V_FLASH, parameters: { audio: true, size: '720*1280' } } },
    {
      name: 'wan2.7 with images, videos, resolution and ratio',
      body: {
        model: 'wan2.7-r2v',
        input: {
          prompt: 'x',
          media: [
            { type: 'reference_image', url: 'https://example.com/a.png' },
            { type: 'reference_video', url: 'https://example.com/b.mov' },
          ],
        },
        parameters: { resolution: '720P', ratio: '3:4', duration: 10 },
      },
    },
  ];

  it.each(accepted)('$name -> 200, then SUCCEEDED', async ({ body }) => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, body);
    clock.advance(runMs(15));
    expect(await statusOf(sim, taskId)).toBe('SUCCEEDED');
  });
});

describe('§3/§4 errors that only surface as a FAILED task', () => {
  const failing: readonly { name: string; body: Wire; options?: Omit<SimulatorOptions, 'clock'>; code: string; message: string | RegExp }[] = [
    { name: 'the wan2.6 reference_urls shape sent to wan2.7', body: { model: 'wan2.7-r2v', input: { prompt: 'x', reference_urls: ['https://example.com/a.mp4'] } }, code: 'InvalidParameter', message: 'Field required: input.media' },
    { name: 'the wan2.6 img_url shape sent to wan2.7', body: { model: 'wan2.7-r2v', input: { prompt: 'x', img_url: 'https://example.com/a.png' } }, code: 'InvalidParameter', message: 'Field required: input.media' },
    { name: 't2v duration 16', body: { ...T2V, parameters: { duration: 16 } }, code: 'InvalidParameter', message: /duration/ },
    { name: 't2v duration 1', body: { ...T2V, parameters: { duration: 1 } }, code: 'InvalidParameter', message: /duration/ },
    { name: 't2v duration 5.5', body: { ...T2V, parameters: { duration: 5.5 } }, code: 'InvalidParameter', message: /duration/ },
    { name: 'r2v duration 11 (max 10)', body: { ...R2V, parameters: { duration: 11 } }, code: 'InvalidParameter', message: /duration/ },
    { name: 'r2v-flash duration 15 (max 10)', body: { ...R2V_FLASH, parameters: { duration: 15 } }, code: 'InvalidParameter', message: /duration/ },
    { name: 'wan2.7 duration 16', body: { ...R27, parameters: { duration: 16 } }, code: 'InvalidParameter', message: /duration/ },
    {
      name: 't2v duration 7 with supportedDurations [5, 10, 15]',
      body: { ...T2V, parameters: { duration: 7 } },
      options: { supportedDurations: { 'wan2.6-t2v': [5, 10, 15] } },
      code: 'InvalidParameter',
      message: /duration is not supported: 7/,
    },
    {
      name: 'wan2.7-r2v 15 s with a reference video (at most 10 s then)',
      body: { model: 'wan2.7-r2v', input: { prompt: 'x', media: [{ type: 'reference_video', url: 'https://example.com/b.mov' }] }, parameters: { duration: 15 } },
      code: 'InvalidParameter',
      message: /duration is not supported: 15/,
    },
    { name: 'a prompt with the moderation trigger word', body: { model: 'wan2.6-t2v', input: { prompt: 'A MODERATION-TRIGGER scene' } }, code: 'DataInspectionFailed', message: /inappropriate/ },
    {
      name: 'a prompt with a configured moderation word',
      body: { ...I2V, input: { ...I2V.input, prompt: 'something forbidden here' } },
      options: { moderationWords: ['forbidden'] },
      code: 'DataInspectionFailed',
      message: /inappropriate/,
    },
  ];

  it.each(failing)('$name: accepted (200), then FAILED with output.code and output.message', async ({ body, options, code, message }) => {
    const { sim, clock } = setup(options);
    const taskId = await submitOk(sim, body);
    expect(await statusOf(sim, taskId)).toBe('PENDING');
    clock.advance(2_000);
    expect(await statusOf(sim, taskId)).toBe('RUNNING');
    clock.advance(1_000);
    const { answer, output } = await query(sim, taskId);
    expect(output.task_status).toBe('FAILED');
    expect(output.code).toBe(code);
    if (typeof message === 'string') expect(output.message).toBe(message);
    else expect(output.message).toMatch(message);
    expect(output.end_time).toMatch(SERVICE_TIME);
    expect(output).not.toHaveProperty('video_url');
    expect(answer.body).not.toHaveProperty('usage');
  });

  it('supportedDurations leaves the listed durations (and the default) working', async () => {
    const { sim, clock } = setup({ supportedDurations: { 'wan2.6-t2v': [5, 10, 15] } });
    const ten = await submitOk(sim, { ...T2V, parameters: { duration: 10 } });
    const unset = await submitOk(sim, T2V);
    const otherModel = await submitOk(sim, { ...I2V, parameters: { duration: 7 } });
    clock.advance(runMs(10));
    expect(await statusOf(sim, ten)).toBe('SUCCEEDED');
    expect(await statusOf(sim, unset)).toBe('SUCCEEDED');
    expect(await statusOf(sim, otherModel)).toBe('SUCCEEDED');
  });

  it('moderation looks at the prompt only, case-insensitively, and is off with an empty word list', async () => {
    const { sim, clock } = setup({ moderationWords: [] });
    const taskId = await submitOk(sim, { model: 'wan2.6-t2v', input: { prompt: 'moderation-trigger' } });
    clock.advance(runMs());
    expect(await statusOf(sim, taskId)).toBe('SUCCEEDED');
  });
});

// ---------------------------------------------------------------------------------------------
describe('§4 query answers', () => {
  it('PENDING -> RUNNING -> SUCCEEDED with exact UTC+8 times, and the fields of each status', async () => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, { ...T2V, parameters: { duration: 5 } });

    const pending = await query(sim, taskId);
    expect(Object.keys(pending.answer.body).sort()).toEqual(['output', 'request_id']);
    expect(pending.output).toEqual({
      task_id: taskId,
      task_status: 'PENDING',
      submit_time: '2026-01-09 11:07:28.590',
      orig_prompt: T2V.input.prompt,
    });

    clock.advance(1_999);
    expect(await statusOf(sim, taskId)).toBe('PENDING');
    clock.advance(1);
    const running = await query(sim, taskId);
    expect(running.output).toEqual({
      task_id: taskId,
      task_status: 'RUNNING',
      submit_time: '2026-01-09 11:07:28.590',
      scheduled_time: '2026-01-09 11:07:30.590',
      orig_prompt: T2V.input.prompt,
    });

    clock.advance(39_999);
    expect(await statusOf(sim, taskId)).toBe('RUNNING');
    clock.advance(1);
    const done = await query(sim, taskId);
    expect(Object.keys(done.answer.body).sort()).toEqual(['output', 'request_id', 'usage']);
    const end = START + runMs(5);
    expect(done.output).toEqual({
      task_id: taskId,
      task_status: 'SUCCEEDED',
      submit_time: '2026-01-09 11:07:28.590',
      scheduled_time: '2026-01-09 11:07:30.590',
      end_time: '2026-01-09 11:08:10.590',
      orig_prompt: T2V.input.prompt,
      actual_prompt: expect.stringContaining(T2V.input.prompt),
      video_url: expect.any(String),
    });
    const link = new URL(String(done.output.video_url));
    expect(link.origin).toBe(sim.baseUrl);
    expect(link.pathname).toBe(`/videos/${taskId}.mp4`);
    expect(link.searchParams.get('Expires')).toBe(String(Math.floor((end + DAY_MS) / 1000)));
    expect(link.searchParams.get('Signature')).toMatch(/.+/);
    expect(done.answer.body.usage).toEqual({ duration: 5, output_video_duration: 5, video_count: 1, SR: 1080 });
  });

  it('writes times as the UTC+8 wall clock, rolling the date over', async () => {
    const clock = manualClock(Date.parse('2026-12-31T20:30:00.007Z'));
    const sim = createSimulator({ clock });
    const taskId = await submitOk(sim, T2V);
    expect((await query(sim, taskId)).output.submit_time).toBe('2027-01-01 04:30:00.007');
  });

  it.each([
    ['wan2.6-t2v by default', T2V, true],
    ['wan2.6-t2v with prompt_extend true', { ...T2V, parameters: { prompt_extend: true } }, true],
    ['wan2.6-t2v with prompt_extend false', { ...T2V, parameters: { prompt_extend: false } }, false],
    ['wan2.6-i2v with a prompt', I2V, true],
    ['wan2.6-i2v with prompt_extend false', { ...I2V, parameters: { prompt_extend: false } }, false],
    ['wan2.6-r2v (no prompt rewriting)', { ...R2V, parameters: { prompt_extend: true } }, false],
    ['wan2.6-r2v-flash (no prompt rewriting)', R2V_FLASH, false],
    // It takes prompt_extend (the official body of docs/protocol.md §3.4), so it rewrites unless told not to.
    ['wan2.7-r2v', R27, true],
    ['wan2.7-r2v with prompt_extend false', { ...R27, parameters: { prompt_extend: false } }, false],
  ] as const)('actual_prompt for %s: %s', async (_, body, rewritten) => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, body);
    clock.advance(runMs());
    const { output } = await query(sim, taskId);
    expect(output.task_status).toBe('SUCCEEDED');
    expect(output.orig_prompt).toBe(body.input.prompt);
    if (rewritten) expect(output.actual_prompt).toMatch(/.+/);
    else expect(output).not.toHaveProperty('actual_prompt');
  });

  it('has no orig_prompt or actual_prompt when an i2v task had no prompt', async () => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, { model: 'wan2.6-i2v', input: { img_url: 'https://example.com/a.png' } });
    clock.advance(runMs());
    const { output } = await query(sim, taskId);
    expect(output).not.toHaveProperty('orig_prompt');
    expect(output).not.toHaveProperty('actual_prompt');
  });

  /** Usage fields that are not numbers (docs/protocol.md §9.5): wan2.6's size and audio, wan2.7's ratio. */
  const USAGE_TYPES: Record<string, string> = { size: 'string', ratio: 'string', audio: 'boolean' };

  it.each([
    ['wan2.6-t2v default', T2V, { output_video_duration: 5, video_count: 1, SR: 1080 }, false],
    ['wan2.6-t2v 720P, 10 s', { ...T2V, parameters: { size: '720*1280', duration: 10 } }, { duration: 10, output_video_duration: 10, video_count: 1, SR: 720 }, false],
    ['wan2.6-i2v 720P', { ...I2V, parameters: { resolution: '720P', duration: 3 } }, { duration: 3, output_video_duration: 3, video_count: 1, SR: 720 }, false],
    ['wan2.6-r2v with a video', { ...R2V, parameters: { size: '1280*720' } }, { output_video_duration: 5, video_count: 1, SR: 720 }, true],
    ['wan2.6-r2v-flash with an image', { ...R2V_FLASH, parameters: { duration: 8 } }, { output_video_duration: 8, video_count: 1, SR: 1080 }, true],
    ['wan2.7-r2v 720P', { ...R27, parameters: { resolution: '720P', ratio: '1:1' } }, { output_video_duration: 5, video_count: 1, SR: 720 }, true],
  ] as const)('usage of %s', async (_, body, expected, hasInputVideo) => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, body);
    clock.advance(runMs(10));
    const usage = (await query(sim, taskId)).answer.body.usage as Wire;
    expect(usage).toMatchObject(expected);
    for (const [key, value] of Object.entries(usage)) expect(typeof value).toBe(USAGE_TYPES[key] ?? 'number');
    expect('input_video_duration' in usage).toBe(hasInputVideo);
  });

  it('reports input_video_duration above zero for reference videos', async () => {
    const { sim, clock } = setup();
    const withVideo = await submitOk(sim, R2V);
    const withImage = await submitOk(sim, R2V_FLASH);
    clock.advance(runMs());
    const video = (await query(sim, withVideo)).answer.body.usage as Wire;
    const image = (await query(sim, withImage)).answer.body.usage as Wire;
    expect(video.input_video_duration).toBeGreaterThan(0);
    expect(image.input_video_duration).toBe(0);
  });

  it('answers UNKNOWN (HTTP 200) for an id it never issued', async () => {
    const { sim } = setup();
    const { answer, output } = await query(sim, 'no-such-task');
    expect(answer.body.request_id).toMatch(UUID);
    expect(output).toEqual({ task_id: 'no-such-task', task_status: 'UNKNOWN' });
  });

  it('answers UNKNOWN once a task is 24 h old', async () => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, T2V);
    clock.advance(DAY_MS - 1);
    expect(await statusOf(sim, taskId)).toBe('SUCCEEDED');
    clock.advance(1);
    expect((await query(sim, taskId)).output).toEqual({ task_id: taskId, task_status: 'UNKNOWN' });
    expect(sim.tasks.status(taskId)).toBe('UNKNOWN');
  });

  it('moves tasks on the configured speed and timing', async () => {
    const fast = setup({ speed: 10 });
    const a = await submitOk(fast.sim, T2V);
    fast.clock.advance(runMs() / 10 - 1);
    expect(await statusOf(fast.sim, a)).toBe('RUNNING');
    fast.clock.advance(1);
    expect(await statusOf(fast.sim, a)).toBe('SUCCEEDED');

    const fixed = setup({ timing: { pendingMs: 500, runningMs: 1_000 } });
    const b = await submitOk(fixed.sim, T2V);
    fixed.clock.advance(500);
    expect(await statusOf(fixed.sim, b)).toBe('RUNNING');
    fixed.clock.advance(1_000);
    expect(await statusOf(fixed.sim, b)).toBe('SUCCEEDED');

    const computed = setup({ timing: (body) => ({ runningMs: (body.model === 'wan2.6-i2v' ? 10 : 1) * 1_000 }) });
    const t2v = await submitOk(computed.sim, T2V);
    const i2v = await submitOk(computed.sim, I2V);
    computed.clock.advance(3_000);
    expect(await statusOf(computed.sim, t2v)).toBe('SUCCEEDED');
    expect(await statusOf(computed.sim, i2v)).toBe('RUNNING');
  });
});

// ---------------------------------------------------------------------------------------------
describe('§2/§4 cancel', () => {
  it('cancels a PENDING task: 200, then CANCELED with an end_time and no scheduled_time, for good', async () => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, T2V);
    clock.advance(1_000);
    const answer = await send(sim, 'POST', `/api/v1/tasks/${taskId}/cancel`);
    expect(answer.status).toBe(200);
    expect(answer.body.request_id).toMatch(UUID);
    const { output } = await query(sim, taskId);
    expect(output).toMatchObject({ task_status: 'CANCELED', submit_time: '2026-01-09 11:07:28.590', end_time: '2026-01-09 11:07:29.590' });
    expect(output).not.toHaveProperty('scheduled_time');
    expect(output).not.toHaveProperty('video_url');
    clock.advance(runMs());
    expect(await statusOf(sim, taskId)).toBe('CANCELED');
  });

  it.each([
    ['RUNNING', 2_000],
    ['SUCCEEDED', runMs()],
  ])('refuses to cancel a %s task: 400 UnsupportedOperation, and the task goes on', async (status, advance) => {
    const { sim, clock } = setup();
    const taskId = await submitOk(sim, T2V);
    clock.advance(advance);
    expect(await statusOf(sim, taskId)).toBe(status);
    expectServiceError(await send(sim, 'POST', `/api/v1/tasks/${taskId}/cancel`), 400, 'UnsupportedOperation');
    clock.advance(runMs());
    expect(await statusOf(sim, taskId)).toBe('SUCCEEDED');
  });

  it('refuses to cancel a FAILED or an already CANCELED task', async () => {
    const { sim, clock } = setup();
    const failed = await submitOk(sim, { ...T2V, parameters: { duration: 99 } });
    const canceled = await submitOk(sim, T2V);
    expect((await send(sim, 'POST', `/api/v1/tasks/${canceled}/cancel`)).status).toBe(200);
    expectServiceError(await send(sim, 'POST', `/api/v1/tasks/${canceled}/cancel`), 400, 'UnsupportedOperation');
    clock.advance(runMs());
    expect(await statusOf(sim, failed)).toBe('FAILED');
    expectServiceError(await send(sim, 'POST', `/api/v1/tasks/${failed}/cancel`), 400, 'UnsupportedOperation');
  });

  it('answers a cancel of an unknown task with a 4xx service error', async () => {
    const { sim } = setup();
    const answer = await send(sim, 'POST', '/api/v1/tasks/no-such-task/cancel');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expectServiceError(answer, answer.status, String(answer.body.code));
  });
});

// ---------------------------------------------------------------------------------------------
describe('§2 list', () => {
  /**
   * A at 11:07:28.590 (t2v, 2 s: SUCCEEDED at +30 s), B at 11:07:29.590 (i2v, RUNNING at +30 s),
   * C at 11:07:31.000 (t2v, CANCELED); the listing is read at +30 s.
   */
  async function threeTasks() {
    const { sim, clock } = setup();
    const a = await submitOk(sim, { ...T2V, parameters: { duration: 2 } });
    clock.advance(1_000);
    const b = await submitOk(sim, I2V);
    clock.advance(1_410);
    const c = await submitOk(sim, T2V);
    expect((await send(sim, 'POST', `/api/v1/tasks/${c}/cancel`)).status).toBe(200);
    clock.advance(30_000 - 2_410);
    const list = async (query: string) => {
      const answer = await send(sim, 'GET', `/api/v1/tasks?${query}`);
      expect(answer.status, answer.text).toBe(200);
      return { body: answer.body, ids: (answer.body.data as Wire[]).map((item) => item.task_id) };
    };
    return { sim, a, b, c, list };
  }

  it('lists newest first with total, total_page, page_no, page_size and per-task fields', async () => {
    const { a, b, c, list } = await threeTasks();
    const { body, ids } = await list('page_no=1&page_size=10');
    expect(ids).toEqual([c, b, a]);
    expect(body).toMatchObject({ request_id: expect.stringMatching(UUID), total: 3, total_page: 1, page_no: 1, page_size: 10 });
    const [itemC, itemB, itemA] = body.data as Wire[];
    expect(itemA).toMatchObject({ task_id: a, status: 'SUCCEEDED', model_name: 'wan2.6-t2v', start_time: '2026-01-09 11:07:28.590', end_time: '2026-01-09 11:07:58.590' });
    expect(itemB).toMatchObject({ task_id: b, status: 'RUNNING', model_name: 'wan2.6-i2v', start_time: '2026-01-09 11:07:29.590' });
    expect(itemB).not.toHaveProperty('end_time');
    expect(itemC).toMatchObject({ task_id: c, status: 'CANCELED', start_time: '2026-01-09 11:07:31.000', end_time: '2026-01-09 11:07:31.000' });
  });

  it('pages', async () => {
    const { a, b, c, list } = await threeTasks();
    const first = await list('page_no=1&page_size=2');
    expect(first.ids).toEqual([c, b]);
    expect(first.body).toMatchObject({ total: 3, total_page: 2, page_no: 1, page_size: 2 });
    const second = await list('page_no=2&page_size=2');
    expect(second.ids).toEqual([a]);
    expect(second.body).toMatchObject({ total: 3, total_page: 2, page_no: 2 });
    const beyond = await list('page_no=3&page_size=2');
    expect(beyond.ids).toEqual([]);
    expect(beyond.body.total).toBe(3);
  });

  it('filters by status and model_name', async () => {
    const { a, b, c, list } = await threeTasks();
    expect((await list('status=SUCCEEDED')).ids).toEqual([a]);
    expect((await list('status=RUNNING')).ids).toEqual([b]);
    expect((await list('status=CANCELED')).ids).toEqual([c]);
    expect((await list('status=PENDING')).ids).toEqual([]);
    expect((await list('model_name=wan2.6-t2v')).ids).toEqual([c, a]);
    expect((await list('model_name=wan2.6-t2v&status=CANCELED')).ids).toEqual([c]);
    expect((await list('model_name=wan2.6-r2v')).body).toMatchObject({ total: 0, total_page: 0, data: [] });
  });

  it('filters by start_time and end_time, YYYYMMDDhhmmss in UTC+8, inclusive at second precision', async () => {
    const { a, b, c, list } = await threeTasks();
    expect((await list('start_time=20260109110729')).ids).toEqual([c, b]);
    expect((await list('end_time=20260109110729')).ids).toEqual([b, a]);
    expect((await list('start_time=20260109110729&end_time=20260109110730')).ids).toEqual([b]);
    expect((await list('start_time=20260109110732')).ids).toEqual([]);
    // The same wall-clock time read as UTC would be 8 h later than every task.
    expect((await list('end_time=20260109030800')).ids).toEqual([]);
    expect((await list('start_time=20260109030800')).ids).toEqual([c, b, a]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('§6 limits', () => {
  it('answers the 6th submit within one second for one model with 429 Throttling.RateQuota, and admits again after it', async () => {
    // Tasks end at once, so only the rate limit (not the concurrency limit) applies.
    const { sim, clock } = setup({ timing: { pendingMs: 0, runningMs: 0 } });
    for (let i = 0; i < 5; i += 1) {
      await submitOk(sim, T2V);
      clock.advance(100);
    }
    clock.advance(499); // the first submit was 999 ms ago
    expectServiceError(await submit(sim, T2V), 429, 'Throttling.RateQuota');
    expect(sim.tasks.size).toBe(5);
    expect(sim.stats.throttled['Throttling.RateQuota']).toBe(1);
    clock.advance(1);
    await submitOk(sim, T2V);
  });

  it('answers a submit beyond 5 unfinished tasks of a model with a 429 Throttling code, until one ends', async () => {
    const { sim, clock } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(await submitOk(sim, T2V));
      clock.advance(1_000);
    }
    const refused = await submit(sim, T2V);
    expect(refused.status).toBe(429);
    expectServiceError(refused, 429, String(refused.body.code));
    expect(refused.body.code).toMatch(/^Throttling/);
    expect(sim.tasks.size).toBe(5);
    // Another model is independent.
    await submitOk(sim, I2V);
    // The first task ends at 42 s after its submit; it is now 5 s after it.
    clock.advance(runMs() - 5_000);
    await submitOk(sim, T2V);
  });

  it('frees a concurrency slot when a PENDING task is canceled', async () => {
    const { sim } = setup({ limits: { submitsPerSecond: 100 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await submitOk(sim, T2V));
    expect((await submit(sim, T2V)).status).toBe(429);
    expect((await send(sim, 'POST', `/api/v1/tasks/${ids[0] ?? ''}/cancel`)).status).toBe(200);
    await submitOk(sim, T2V);
  });

  it('keeps each model\'s submit rate separate', async () => {
    const { sim } = setup({ timing: { pendingMs: 0, runningMs: 0 } });
    for (let i = 0; i < 5; i += 1) await submitOk(sim, T2V);
    expect((await submit(sim, T2V)).status).toBe(429);
    for (let i = 0; i < 5; i += 1) await submitOk(sim, R2V);
    await submitOk(sim, I2V);
    await submitOk(sim, R27);
  });

  it('answers the 21st query within one second, across tasks and the list, with 429 Throttling.RateQuota', async () => {
    const { sim, clock } = setup();
    const a = await submitOk(sim, T2V);
    const b = await submitOk(sim, I2V);
    for (let i = 0; i < 18; i += 1) expect((await send(sim, 'GET', `/api/v1/tasks/${i % 2 ? a : b}`)).status).toBe(200);
    expect((await send(sim, 'GET', '/api/v1/tasks/unknown-id')).status).toBe(200);
    expect((await send(sim, 'GET', '/api/v1/tasks')).status).toBe(200);
    expectServiceError(await send(sim, 'GET', `/api/v1/tasks/${a}`), 429, 'Throttling.RateQuota');
    expectServiceError(await send(sim, 'GET', '/api/v1/tasks'), 429, 'Throttling.RateQuota');
    // Submits and cancels are not queries.
    await submitOk(sim, R2V);
    clock.advance(1_000);
    expect((await send(sim, 'GET', `/api/v1/tasks/${a}`)).status).toBe(200);
    expect(sim.stats.throttled['Throttling.RateQuota']).toBe(2);
  });

  it('applies custom limits', async () => {
    const { sim } = setup({ limits: { submitsPerSecond: 2, runningTasks: 10, queriesPerSecond: 3 } });
    await submitOk(sim, T2V);
    await submitOk(sim, T2V);
    expectServiceError(await submit(sim, T2V), 429, 'Throttling.RateQuota');
    for (let i = 0; i < 3; i += 1) expect((await send(sim, 'GET', '/api/v1/tasks/x')).status).toBe(200);
    expect((await send(sim, 'GET', '/api/v1/tasks/x')).status).toBe(429);
  });

  it('enforces nothing with limits: false', async () => {
    const { sim } = setup({ limits: false });
    for (let i = 0; i < 30; i += 1) await submitOk(sim, T2V);
    for (let i = 0; i < 50; i += 1) expect((await send(sim, 'GET', '/api/v1/tasks/x')).status).toBe(200);
    expect(sim.stats.throttled).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
describe('§7 uploads', () => {
  interface Policy {
    readonly policy: string;
    readonly signature: string;
    readonly upload_dir: string;
    readonly upload_host: string;
    readonly oss_access_key_id: string;
    readonly x_oss_object_acl: string;
    readonly x_oss_forbid_overwrite: string;
    readonly expire_in_seconds: number;
    readonly max_file_size_mb: number;
  }

  async function getPolicy(sim: Simulator, model = 'wan2.6-i2v'): Promise<Policy> {
    const answer = await send(sim, 'GET', `/api/v1/uploads?action=getPolicy&model=${model}`);
    expect(answer.status, answer.text).toBe(200);
    return answer.body.data as Policy;
  }

  const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);

  /** The §7 form, in the documented order with `file` last; `overrides` replace or drop (undefined) fields. */
  function policyForm(policy: Policy, fileName: string, overrides: Record<string, string | undefined> = {}, bytes: Uint8Array<ArrayBuffer> = IMAGE): FormData {
    const fields: Record<string, string | undefined> = {
      OSSAccessKeyId: policy.oss_access_key_id,
      Signature: policy.signature,
      policy: policy.policy,
      'x-oss-object-acl': policy.x_oss_object_acl,
      'x-oss-forbid-overwrite': policy.x_oss_forbid_overwrite,
      key: `${policy.upload_dir}/${fileName}`,
      success_action_status: '200',
      ...overrides,
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
    form.append('file', new Blob([bytes], { type: 'image/png' }), fileName);
    return form;
  }

  function upload(sim: Simulator, policy: Policy, form: FormData): Promise<Answer> {
    return send(sim, 'POST', policy.upload_host, { body: form, key: null });
  }

  it('gives a policy with every §7 field', async () => {
    const { sim } = setup();
    const policy = await getPolicy(sim);
    expect(policy).toMatchObject({
      policy: expect.stringMatching(/.+/),
      signature: expect.stringMatching(/.+/),
      upload_dir: expect.stringMatching(/.+/),
      upload_host: expect.stringMatching(/^https?:\/\//),
      oss_access_key_id: expect.stringMatching(/.+/),
      x_oss_object_acl: expect.stringMatching(/.+/),
      x_oss_forbid_overwrite: 'true',
      expire_in_seconds: expect.any(Number),
      max_file_size_mb: expect.any(Number),
    });
    expect(policy.expire_in_seconds).toBeGreaterThan(0);
    expect(policy.max_file_size_mb).toBeGreaterThan(0);
    expect(policy.upload_dir).not.toMatch(/\/$/);
    const other = await getPolicy(sim);
    expect(other.upload_dir).not.toBe(policy.upload_dir);
  });

  it.each([
    ['an unknown model', '/api/v1/uploads?action=getPolicy&model=wan9.9', 404, 'ModelNotFound'],
    ['no model', '/api/v1/uploads?action=getPolicy', 400, 'InvalidParameter'],
    ['another action', '/api/v1/uploads?action=list&model=wan2.6-i2v', 400, 'InvalidParameter'],
  ])('refuses a policy for %s', async (_, path, status, code) => {
    const { sim } = setup();
    expectServiceError(await send(sim, 'GET', path), status, code);
  });

  it('stores a §7 multipart upload, answers success_action_status 200, and resolves it as oss:// with the header', async () => {
    const { sim, clock } = setup();
    const policy = await getPolicy(sim);
    const answer = await upload(sim, policy, policyForm(policy, 'cat.png'));
    expect(answer.status).toBe(200);
    const key = `${policy.upload_dir}/cat.png`;
    expect(sim.uploads.get(key)).toMatchObject({ bytes: IMAGE, contentType: 'image/png', fileName: 'cat.png' });

    const url = `oss://${key}`;
    const taskId = await submitOk(sim, { model: 'wan2.6-i2v', input: { img_url: url } }, OSS);
    expect(sim.tasks.get(taskId)?.uploads.get(url)).toEqual(IMAGE);
    clock.advance(runMs());
    expect(await statusOf(sim, taskId)).toBe('SUCCEEDED');
  });

  it('answers 204 when success_action_status is not sent (the OSS default)', async () => {
    const { sim } = setup();
    const policy = await getPolicy(sim);
    expect((await upload(sim, policy, policyForm(policy, 'a.png', { success_action_status: undefined }))).status).toBe(204);
  });

  it('resolves uploads in reference_urls and in wan2.7 media[] too', async () => {
    const { sim } = setup();
    const policy = await getPolicy(sim, 'wan2.6-r2v');
    expect((await upload(sim, policy, policyForm(policy, 'me.png'))).status).toBe(200);
    const url = `oss://${policy.upload_dir}/me.png`;
    const r2v = await submitOk(sim, { model: 'wan2.6-r2v', input: { prompt: 'character1', reference_urls: [url] } }, OSS);
    expect(sim.tasks.get(r2v)?.uploads.get(url)).toEqual(IMAGE);
    const r27 = await submitOk(sim, { model: 'wan2.7-r2v', input: { prompt: 'character1', media: [{ type: 'reference_image', url }] } }, OSS);
    expect(sim.tasks.get(r27)?.uploads.get(url)).toEqual(IMAGE);
  });

  it.each([
    ['a bad Signature', { Signature: 'not-the-signature' }, 'SignatureDoesNotMatch'],
    ['a wrong OSSAccessKeyId', { OSSAccessKeyId: 'someone-else' }, 'InvalidAccessKeyId'],
    ['an unknown policy', { policy: btoa('{"expiration":"2030-01-01T00:00:00Z","conditions":[]}') }, 'AccessDenied'],
    ['a key outside upload_dir', { key: 'elsewhere/cat.png' }, 'AccessDenied'],
    ['a key equal to a sibling directory', { key: 'dashscope-instant/other/cat.png' }, 'AccessDenied'],
  ])('refuses an upload with %s: 403 in OSS XML, nothing stored', async (_, overrides, code) => {
    const { sim } = setup();
    const policy = await getPolicy(sim);
    expectOssError(await upload(sim, policy, policyForm(policy, 'cat.png', overrides)), 403, code);
    expect(sim.uploads.keys()).toEqual([]);
  });

  it('refuses to overwrite an object: 409 FileAlreadyExists', async () => {
    const { sim } = setup();
    const policy = await getPolicy(sim);
    expect((await upload(sim, policy, policyForm(policy, 'cat.png'))).status).toBe(200);
    expectOssError(await upload(sim, policy, policyForm(policy, 'cat.png', {}, new Uint8Array([9, 9, 9]))), 409, 'FileAlreadyExists');
    expect(sim.uploads.get(`${policy.upload_dir}/cat.png`)?.bytes).toEqual(IMAGE);
  });

  it('refuses an upload once the policy expired', async () => {
    const { sim, clock } = setup();
    const policy = await getPolicy(sim);
    clock.advance(policy.expire_in_seconds * 1000);
    expect((await upload(sim, policy, policyForm(policy, 'in-time.png'))).status).toBe(200);
    clock.advance(1);
    expectOssError(await upload(sim, policy, policyForm(policy, 'late.png')), 403, 'AccessDenied');
  });

  it('refuses a body that is not multipart, and a form without a file', async () => {
    const { sim } = setup();
    const policy = await getPolicy(sim);
    expectOssError(await send(sim, 'POST', policy.upload_host, { body: 'hello', key: null, headers: { 'Content-Type': 'text/plain' } }), 400, 'InvalidArgument');
    const form = policyForm(policy, 'cat.png');
    form.delete('file');
    expectOssError(await upload(sim, policy, form), 400, 'InvalidArgument');
  });

  // OSS reads a PostObject form up to `file` and ignores every field after it (hence "file last" in
  // §7): a form with the file first has no key, signature or policy as far as OSS is concerned.
  it('refuses a form whose file is not the last field (OSS ignores fields after file)', async () => {
    const { sim } = setup();
    const policy = await getPolicy(sim);
    const form = new FormData();
    form.append('file', new Blob([IMAGE], { type: 'image/png' }), 'cat.png');
    form.append('OSSAccessKeyId', policy.oss_access_key_id);
    form.append('Signature', policy.signature);
    form.append('policy', policy.policy);
    form.append('x-oss-object-acl', policy.x_oss_object_acl);
    form.append('x-oss-forbid-overwrite', policy.x_oss_forbid_overwrite);
    form.append('key', `${policy.upload_dir}/cat.png`);
    form.append('success_action_status', '200');
    const answer = await upload(sim, policy, form);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(sim.uploads.keys()).toEqual([]);
  });

  it('refuses an oss:// input without X-DashScope-OssResourceResolve: 400, no task', async () => {
    const { sim } = setup();
    const policy = await getPolicy(sim);
    expect((await upload(sim, policy, policyForm(policy, 'cat.png'))).status).toBe(200);
    const answer = await submit(sim, { model: 'wan2.6-i2v', input: { img_url: `oss://${policy.upload_dir}/cat.png` } }, ASYNC);
    expectServiceError(answer, 400, 'InvalidParameter', /X-DashScope-OssResourceResolve/);
    expect(sim.tasks.size).toBe(0);
  });

  it.each([
    ['i2v img_url', (url: string) => ({ model: 'wan2.6-i2v', input: { img_url: url } })],
    ['r2v reference_urls', (url: string) => ({ model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: [url] } })],
    ['t2v audio_url', (url: string) => ({ model: 'wan2.6-t2v', input: { prompt: 'x', audio_url: url } })],
  ])('refuses an unknown oss:// key in %s: 400, no task', async (_, body) => {
    const { sim } = setup();
    expectServiceError(await submit(sim, body('oss://dashscope-instant/nothing/here.png'), OSS), 400, 'InvalidParameter', /oss/);
    expect(sim.tasks.size).toBe(0);
  });

  it('lets an uploaded object expire after 48 h', async () => {
    const { sim, clock } = setup({ limits: false });
    const policy = await getPolicy(sim);
    expect((await upload(sim, policy, policyForm(policy, 'cat.png'))).status).toBe(200);
    const body = { model: 'wan2.6-i2v', input: { img_url: `oss://${policy.upload_dir}/cat.png` } };
    clock.advance(48 * 3_600_000 - 1);
    await submitOk(sim, body, OSS);
    clock.advance(1);
    expectServiceError(await submit(sim, body, OSS), 400, 'InvalidParameter');
  });
});

// ---------------------------------------------------------------------------------------------
describe('result video serving', () => {
  async function succeededLink(options: Omit<SimulatorOptions, 'clock'> = {}) {
    const { sim, clock } = setup(options);
    const taskId = await submitOk(sim, T2V);
    clock.advance(runMs());
    const { output } = await query(sim, taskId);
    return { sim, clock, taskId, link: String(output.video_url) };
  }

  // T2V asks for no size or length: the simulator's defaults, 720P 16:9 and 5 s.
  const bytes = videoOfTask({ body: T2V, uploads: new Map() });
  const size = bytes.length;

  it('serves the whole MP4 with Content-Type, Content-Length and Accept-Ranges, without an API key', async () => {
    const { sim, link } = await succeededLink();
    const response = await sim.handle(new Request(link));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe(String(size));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, size - 1],
    ['bytes=-500', size - 500, size - 1],
    ['bytes=-999999', 0, size - 1],
    [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
    ['bytes=5-5', 5, 5],
  ])('answers Range %s with 206 and Content-Range', async (range, first, last) => {
    const { sim, link } = await succeededLink();
    const response = await sim.handle(new Request(link, { headers: { Range: range } }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${first}-${last}/${size}`);
    expect(response.headers.get('content-length')).toBe(String(last - first + 1));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.subarray(first, last + 1));
  });

  it.each([`bytes=${size}-`, `bytes=${size + 5}-${size + 10}`, 'bytes=-0'])(
    'answers the unsatisfiable Range %s with 416 and Content-Range bytes */size',
    async (range) => {
      const { sim, link } = await succeededLink();
      const response = await sim.handle(new Request(link, { headers: { Range: range } }));
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${size}`);
    },
  );

  it('answers HEAD with the headers and no body, with and without a Range', async () => {
    const { sim, link } = await succeededLink();
    const head = await sim.handle(new Request(link, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(size));
    expect(head.headers.get('content-type')).toBe('video/mp4');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const ranged = await sim.handle(new Request(link, { method: 'HEAD', headers: { Range: 'bytes=0-9' } }));
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-9/${size}`);
    expect((await ranged.arrayBuffer()).byteLength).toBe(0);
  });

  it('refuses an expired link with 403 (OSS XML)', async () => {
    const { sim, clock, link } = await succeededLink();
    const expires = Number(new URL(link).searchParams.get('Expires')) * 1000;
    clock.advance(expires - clock.now());
    expect((await sim.handle(new Request(link))).status).toBe(200);
    clock.advance(1);
    expectOssError(await read(await sim.handle(new Request(link))), 403, 'AccessDenied');
  });

  it.each([
    ['a changed Signature', (url: URL) => url.searchParams.set('Signature', 'deadbeef')],
    ['a moved Expires', (url: URL) => url.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600))],
    ['no Signature', (url: URL) => url.searchParams.delete('Signature')],
    ['another task id', (url: URL) => (url.pathname = '/videos/00000000-0000-4000-8000-000000000000.mp4')],
  ])('refuses a link with %s: 403 SignatureDoesNotMatch', async (_, tamper) => {
    const { sim, link } = await succeededLink();
    const url = new URL(link);
    tamper(url);
    expectOssError(await read(await sim.handle(new Request(url))), 403, 'SignatureDoesNotMatch');
  });
});

// ---------------------------------------------------------------------------------------------
describe('fault injection', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function submitRequest(sim: Simulator): Request {
    return request(sim, 'POST', SUBMIT, { json: T2V, headers: ASYNC });
  }

  it('latency delays the answer by latencyMs on the timers', async () => {
    vi.useFakeTimers();
    const { sim } = setup({ faults: [{ kind: 'latency', latencyMs: 1_000 }] });
    let settled = false;
    const pending = sim.handle(submitRequest(sim)).then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    expect(sim.tasks.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    expect((await pending).status).toBe(200);
    expect(sim.stats.faults.latency).toBe(1);
  });

  it('latency with a [min, max] range draws from the seeded source: same seed, same delay', async () => {
    vi.useFakeTimers();
    const delayOf = async (seed: number): Promise<number> => {
      const { sim } = setup({ seed, faults: [{ kind: 'latency', latencyMs: [200, 400] }] });
      let settled = false;
      void sim.handle(request(sim, 'GET', '/api/v1/tasks/x')).then(() => {
        settled = true;
      });
      let waited = 0;
      while (!settled) {
        await vi.advanceTimersByTimeAsync(1);
        waited += 1;
      }
      return waited;
    };
    const first = await delayOf(42);
    expect(first).toBeGreaterThanOrEqual(200);
    expect(first).toBeLessThanOrEqual(401);
    expect(await delayOf(42)).toBe(first);
  });

  it('refuse rejects like a refused connection (TypeError, cause.code ECONNREFUSED) and creates no task', async () => {
    const { sim } = setup({ faults: [{ kind: 'refuse' }] });
    expectConnectionFailure(await rejection(sim.handle(submitRequest(sim))), 'ECONNREFUSED');
    expect(sim.tasks.size).toBe(0);
    expect(sim.stats.faults.refuse).toBe(1);
  });

  it('drop rejects like a reset connection (ECONNRESET) and creates no task', async () => {
    const { sim } = setup({ faults: [{ kind: 'drop' }] });
    expectConnectionFailure(await rejection(sim.handle(submitRequest(sim))), 'ECONNRESET');
    expect(sim.tasks.size).toBe(0);
    expect(sim.stats.faults.drop).toBe(1);
  });

  it('error answers the status with the service error body and creates no task', async () => {
    const { sim } = setup({ faults: [{ kind: 'error', status: 503, code: 'ServiceUnavailable' }] });
    expectServiceError(await read(await sim.handle(submitRequest(sim))), 503, 'ServiceUnavailable');
    expect(sim.tasks.size).toBe(0);
  });

  it('error defaults to 500 InternalError', async () => {
    const { sim } = setup({ faults: [{ kind: 'error' }] });
    expectServiceError(await send(sim, 'GET', '/api/v1/tasks/x'), 500, 'InternalError');
  });

  it('throttle answers 429 with Retry-After and creates no task', async () => {
    const { sim } = setup({ faults: [{ kind: 'throttle', retryAfterSeconds: 7, code: 'Throttling.RateQuota' }] });
    const answer = await read(await sim.handle(submitRequest(sim)));
    expectServiceError(answer, 429, 'Throttling.RateQuota');
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(sim.tasks.size).toBe(0);
    expect(sim.stats.faults.throttle).toBe(1);
  });

  it('throttle defaults to code Throttling and Retry-After: 1', async () => {
    const { sim } = setup({ faults: [{ kind: 'throttle' }] });
    const answer = await send(sim, 'GET', '/api/v1/tasks/x');
    expectServiceError(answer, 429, 'Throttling');
    expect(answer.headers.get('retry-after')).toBe('1');
  });

  it('lose-response on submit rejects with ECONNRESET, yet the task was created and runs', async () => {
    const { sim, clock } = setup({ faults: [{ kind: 'lose-response', routes: ['submit'] }] });
    expectConnectionFailure(await rejection(sim.handle(submitRequest(sim))), 'ECONNRESET');
    expect(sim.tasks.size).toBe(1);
    const [task] = sim.tasks.all();
    clock.advance(runMs());
    expect(await statusOf(sim, task?.taskId ?? '')).toBe('SUCCEEDED');
    expect(sim.stats.faults['lose-response']).toBe(1);
  });

  it('rate draws from the seeded random source: the same seed fires on the same requests', async () => {
    const pattern = async (seed: number): Promise<string> => {
      const { sim } = setup({ seed, limits: false, faults: [{ kind: 'error', rate: 0.5 }] });
      let marks = '';
      for (let i = 0; i < 40; i += 1) marks += (await send(sim, 'GET', '/api/v1/tasks/x')).status === 500 ? 'x' : '.';
      return marks;
    };
    const first = await pattern(1234);
    expect(await pattern(1234)).toBe(first);
    expect(await pattern(99)).not.toBe(first);
    const fired = first.split('').filter((mark) => mark === 'x').length;
    expect(fired).toBeGreaterThan(5);
    expect(fired).toBeLessThan(35);
  });

  it('rate 0 never fires', async () => {
    const { sim } = setup({ faults: [{ kind: 'drop', rate: 0 }] });
    for (let i = 0; i < 10; i += 1) expect((await send(sim, 'GET', '/api/v1/tasks/x')).status).toBe(200);
    expect(sim.stats.faults.drop).toBe(0);
  });

  it('times limits how often a rule fires', async () => {
    const { sim } = setup({ faults: [{ kind: 'error', times: 2 }] });
    expect((await send(sim, 'GET', '/api/v1/tasks/x')).status).toBe(500);
    expect((await send(sim, 'GET', '/api/v1/tasks/x')).status).toBe(500);
    expect((await send(sim, 'GET', '/api/v1/tasks/x')).status).toBe(200);
    expect(sim.stats.faults.error).toBe(2);
  });

  it('routes limit a rule to the named routes', async () => {
    const { sim } = setup({ faults: [{ kind: 'drop', routes: ['query'] }] });
    const taskId = await submitOk(sim, T2V);
    expect((await send(sim, 'GET', '/api/v1/tasks')).status).toBe(200);
    expectConnectionFailure(await rejection(sim.handle(request(sim, 'GET', `/api/v1/tasks/${taskId}`))), 'ECONNRESET');
  });

  it('faults.add and faults.clear change the rules at run time', async () => {
    const { sim } = setup();
    const rule: FaultRule = { kind: 'error', status: 502, code: 'BadGateway', routes: ['list'] };
    sim.faults.add(rule);
    expect((await send(sim, 'GET', '/api/v1/tasks')).status).toBe(502);
    sim.faults.clear();
    expect((await send(sim, 'GET', '/api/v1/tasks')).status).toBe(200);
  });

  it('faults apply to the upload and video routes too', async () => {
    const { sim } = setup({ faults: [{ kind: 'drop', routes: ['video', 'upload'] }] });
    expectConnectionFailure(await rejection(sim.handle(new Request(`${sim.baseUrl}/videos/x.mp4?Expires=1&Signature=x`))), 'ECONNRESET');
    expectConnectionFailure(await rejection(sim.handle(new Request(`${sim.baseUrl}/oss-upload`, { method: 'POST', body: new FormData() }))), 'ECONNRESET');
  });

  it('stats count requests by route, throttles by code and faults by kind', async () => {
    const { sim, clock } = setup({ limits: { submitsPerSecond: 1 }, faults: [{ kind: 'error', routes: ['cancel'], times: 1 }] });
    const taskId = await submitOk(sim, T2V);
    expect((await submit(sim, T2V)).status).toBe(429);
    await send(sim, 'GET', `/api/v1/tasks/${taskId}`);
    await send(sim, 'GET', '/api/v1/tasks');
    await send(sim, 'POST', `/api/v1/tasks/${taskId}/cancel`);
    await send(sim, 'GET', '/api/v1/uploads?action=getPolicy&model=wan2.6-t2v');
    await send(sim, 'GET', '/nowhere');
    clock.advance(runMs());
    const link = String((await query(sim, taskId)).output.video_url);
    await sim.handle(new Request(link));
    expect(sim.stats.requests).toEqual({ submit: 2, query: 2, cancel: 1, list: 1, 'upload-policy': 1, upload: 0, video: 1, unknown: 1 });
    expect(sim.stats.throttled).toEqual({ 'Throttling.RateQuota': 1 });
    expect(sim.stats.faults).toMatchObject({ error: 1, drop: 0, refuse: 0, latency: 0, throttle: 0, 'lose-response': 0 });
  });

  it('close() makes every later request fail like a refused connection', async () => {
    const { sim } = setup();
    await submitOk(sim, T2V);
    sim.close();
    expectConnectionFailure(await rejection(sim.handle(submitRequest(sim))), 'ECONNREFUSED');
    expectConnectionFailure(await rejection(sim.fetch(`${sim.baseUrl}/api/v1/tasks`)), 'ECONNREFUSED');
    expect(sim.tasks.size).toBe(1);
  });
});

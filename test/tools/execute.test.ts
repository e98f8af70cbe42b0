/**
 * Each tool's `execute` against the in-process simulator, under fake timers: the results a model
 * reads (plain JSON, never the key), invalid arguments returned with nothing sent, and the
 * return-at-once flow followed with `get_video_task`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, type ModelStudioClientOptions, type ProgressEvent } from 'modelstudio-video';
import type { Simulator } from 'modelstudio-video/testing';
import { createVideoTools, findVideoTool, type VideoTool, type VideoToolResult, type VideoToolsOptions } from 'modelstudio-video/tools';
import { MODE_OPTIONS, type OptionKey } from 'modelstudio-video';
import { maxOverlap } from '../helpers/overlap.ts';
import { settle } from '../helpers/settle.ts';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

const API_KEY = 'sk-tools-secret-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const IMAGE = 'https://example.com/people/alice.png';
const VIDEO = 'https://example.com/people/bob.mp4';

let sim: Simulator;
/** Every result a test saw, to check none holds the key. */
let seen: VideoToolResult[];

useFakeClock();
beforeEach(() => {
  seen = [];
});
afterEach(() => {
  // Whatever happened, no result carried the key.
  for (const result of seen) expect(JSON.stringify(result)).not.toContain(API_KEY);
});

/** No prices: the simulator's host has no region. */
const UNPRICED = { amount: null, reason: expect.stringContaining('the region is unknown') };

/** The tools of a client of a new simulator; `region: 'intl'` prices its calls in USD. */
function tools(options: VideoToolsOptions = {}, clientOptions: Partial<ModelStudioClientOptions> = {}) {
  const made = simulatedClient({ apiKey: API_KEY }, clientOptions);
  sim = made.sim;
  const list = createVideoTools(made.client, options);
  const get = (name: string): VideoTool => {
    const tool = list.find((candidate) => candidate.name === name);
    if (!tool) throw new Error(`no tool ${name}`);
    return tool;
  };
  return { list, get };
}

/** Runs a call, moving fake time by `ms`, and returns its result. */
async function call(tool: VideoTool, args: unknown, ms = 600_000, context: Parameters<VideoTool['execute']>[1] = {}): Promise<VideoToolResult> {
  const { value, error } = await settle(tool.execute(args, context), ms);
  if (error) throw error;
  const result = value as VideoToolResult;
  seen.push(result);
  // Plain JSON: the same after a round trip (no Date, no class instance, no undefined).
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  return result;
}

function requestCount(): number {
  return Object.values(sim.stats.requests).reduce((sum, count) => sum + count, 0);
}

describe('a mode tool that waits', () => {
  it('text_to_video returns the video with its expiry, usage, estimated and actual cost, and reports progress', async () => {
    const progress: ProgressEvent[] = [];
    const result = await call(
      tools({}, { region: 'intl' }).get('text_to_video'),
      { prompt: 'A red fox trotting through fresh snow at dawn', resolution: '720P', aspectRatio: '16:9', duration: 5 },
      600_000,
      { onProgress: (event) => progress.push(event) },
    );
    expect(result).toEqual({
      ok: true,
      taskId: expect.stringMatching(UUID),
      model: 'wan2.6-t2v',
      status: 'SUCCEEDED',
      videos: [{ url: expect.stringMatching(/^https:\/\/dashscope\.simulator\.invalid\/videos\/.+\.mp4\?Expires=\d+/), expiresAt: expect.stringMatching(ISO) }],
      usage: { billedSeconds: 5, outputVideoSeconds: 5, videoCount: 1 },
      estimatedCost: { amount: 0.5, low: 0.5, high: 0.5, currency: 'USD', basis: expect.stringMatching(/^5 s × 0\.1 USD\/s at 720P; /) },
      cost: { amount: 0.5, currency: 'USD', seconds: 5 },
      // The simulator rewrites prompts as promptExtend does.
      actualPrompt: expect.stringContaining('A red fox trotting through fresh snow at dawn'),
    });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ status: 'SUCCEEDED', estimatedFraction: 1 });
    expect(sim.tasks.all()[0]?.body).toMatchObject({ model: 'wan2.6-t2v', parameters: { size: '1280*720', duration: 5 } });
    expect(sim.stats.requests.submit).toBe(1);
  });

  it('takes the arguments as the JSON string OpenAI sends, and treats null as absent', async () => {
    const result = await call(tools().get('text_to_video'), JSON.stringify({ prompt: 'Waves at sunset', negativePrompt: null, seed: null, duration: 3 }));
    expect(result).toMatchObject({ ok: true, status: 'SUCCEEDED' });
    expect(sim.tasks.all()[0]?.body).toMatchObject({ input: { prompt: 'Waves at sunset' }, parameters: { duration: 3 } });
  });

  it('reference_to_video picks the model named in the arguments, and reports billed seconds of reference video', async () => {
    const result = await call(tools().get('reference_to_video'), {
      model: 'wan2.7-r2v',
      prompt: 'character1 walks a dog along a beach with character2',
      references: [IMAGE, { url: 'https://example.com/dog', type: 'image' }, VIDEO],
      resolution: '720P',
      aspectRatio: '9:16',
    });
    expect(result).toMatchObject({ ok: true, model: 'wan2.7-r2v', status: 'SUCCEEDED', usage: { billedSeconds: 10, outputVideoSeconds: 5, inputVideoSeconds: 5 } });
    expect(sim.tasks.all()[0]?.body).toMatchObject({
      model: 'wan2.7-r2v',
      input: { media: [{ type: 'reference_image', url: IMAGE }, { type: 'reference_image' }, { type: 'reference_video', url: VIDEO }] },
      parameters: { resolution: '720P', ratio: '9:16' },
    });
  });

  it('edit_video edits a video with wan2.7-videoedit, the default model, and a reference image', async () => {
    const result = await call(tools().get('edit_video'), {
      video: 'https://example.com/clips/street.mp4',
      prompt: 'Make it a watercolor painting; the cyclist wears the jacket of image1',
      references: [IMAGE],
      resolution: '720P',
      audioSetting: 'origin',
    });
    expect(result).toMatchObject({ ok: true, model: 'wan2.7-videoedit', status: 'SUCCEEDED', videos: [{ url: expect.stringContaining('/videos/') }] });
    expect(sim.tasks.all()[0]?.body).toMatchObject({
      model: 'wan2.7-videoedit',
      input: { media: [{ type: 'video', url: 'https://example.com/clips/street.mp4' }, { type: 'reference_image', url: IMAGE }] },
      parameters: { resolution: '720P', audio_setting: 'origin' },
    });
  });

  it('edit_video runs a VACE function of wan2.1-vace-plus', async () => {
    const result = await call(tools().get('edit_video'), {
      model: 'wan2.1-vace-plus',
      function: 'video_repainting',
      video: 'https://example.com/clips/dance.mp4',
      controlCondition: 'posebody',
      strength: 0.8,
      prompt: 'A robot dances in a neon-lit warehouse',
    });
    expect(result).toMatchObject({ ok: true, model: 'wan2.1-vace-plus', status: 'SUCCEEDED', videos: [{ url: expect.any(String) }] });
    expect(sim.tasks.all()[0]?.body).toMatchObject({
      model: 'wan2.1-vace-plus',
      input: { function: 'video_repainting', video_url: 'https://example.com/clips/dance.mp4', prompt: 'A robot dances in a neon-lit warehouse' },
      parameters: { control_condition: 'posebody', strength: 0.8 },
    });
  });

  it("edit_video returns the VACE function's missing input as a problem to fix, with nothing sent", async () => {
    const result = await call(tools().get('edit_video'), { model: 'wan2.1-vace-plus', function: 'video_edit', video: 'https://example.com/clips/dance.mp4', prompt: 'x' }, 0);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error.issues).toContainEqual({ path: 'maskImage', message: expect.stringMatching(/is required by wan2\.1-vace-plus's video_edit/) });
    expect(requestCount()).toBe(0);
  });

  it('image_to_video with the only model offered used when the arguments name none', async () => {
    const result = await call(tools({ models: { imageToVideo: ['wan2.6-i2v'] } }).get('image_to_video'), { image: IMAGE, prompt: 'She smiles' });
    expect(result).toMatchObject({ ok: true, model: 'wan2.6-i2v', status: 'SUCCEEDED' });
  });

  it('animate_character and lip_sync run the new modes: URL arguments, the body they send, the video from output.results', async () => {
    const tools_ = tools();
    const animated = await call(tools_.get('animate_character'), { image: IMAGE, video: 'https://cdn.example.com/dance.mp4', quality: 'pro' });
    expect(animated).toMatchObject({ ok: true, model: 'wan2.2-animate-move', status: 'SUCCEEDED', videos: [{ url: expect.stringContaining('/videos/') }] });
    const synced = await call(tools_.get('lip_sync'), { video: 'https://cdn.example.com/talk.mp4', drivingAudio: 'https://cdn.example.com/new.mp3', extendVideo: true });
    expect(synced).toMatchObject({ ok: true, model: 'videoretalk', status: 'SUCCEEDED' });
    const bodies = sim.tasks.all().map((task) => task.body);
    expect(bodies).toContainEqual({ model: 'wan2.2-animate-move', input: { image_url: IMAGE, video_url: 'https://cdn.example.com/dance.mp4' }, parameters: { mode: 'wan-pro' } });
    expect(bodies).toContainEqual({ model: 'videoretalk', input: { video_url: 'https://cdn.example.com/talk.mp4', audio_url: 'https://cdn.example.com/new.mp3' }, parameters: { video_extension: true } });
  });

  it('a task that fails on the service comes back as a readable failure with its task id', async () => {
    const result = await call(tools().get('text_to_video'), { prompt: 'a moderation-trigger scene' });
    expect(result).toEqual({
      ok: false,
      taskId: expect.stringMatching(UUID),
      status: 'FAILED',
      error: { type: 'TaskFailedError', code: 'DataInspectionFailed', message: expect.stringContaining('DataInspectionFailed') },
      estimatedCost: UNPRICED,
      // A failed task is free, priced or not.
      cost: { amount: 0, seconds: 0 },
      next: expect.stringContaining('Content moderation rejected'),
    });
  });

  it('with maxWaitMs, hands back the running task to follow with get_video_task', async () => {
    const { get } = tools({ maxWaitMs: 10_000 });
    const first = await call(get('text_to_video'), { prompt: 'A slow sunrise' }, 11_000);
    expect(first).toEqual({
      ok: true,
      taskId: expect.stringMatching(UUID),
      model: 'wan2.6-t2v',
      status: 'RUNNING',
      estimatedCost: UNPRICED,
      next: expect.stringContaining('get_video_task'),
    });
    const queriesThen = sim.stats.requests.query;
    await vi.advanceTimersByTimeAsync(120_000);
    // The tool stopped following the task: the agent polls now.
    expect(sim.stats.requests.query).toBe(queriesThen);
    const later = await call(get('get_video_task'), { task_id: (first as { taskId: string }).taskId }, 0);
    expect(later).toMatchObject({ ok: true, status: 'SUCCEEDED', videos: [{ url: expect.any(String) }] });
  });

  it('an abort from the application rejects with an AbortError carrying the task id', async () => {
    const controller = new AbortController();
    const running = tools().get('text_to_video').execute({ prompt: 'A fox' }, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(3_000);
    controller.abort();
    const { error } = await settle(running, 1_000);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).taskId).toMatch(UUID);
  });
});

describe('wait: false, then get_video_task', () => {
  it('returns the task id as soon as the task exists, then the agent follows it to the video', async () => {
    const { get } = tools({ wait: false });
    const submitted = await call(get('text_to_video'), { prompt: 'A paper boat sails down a rainy street', duration: 5 }, 0);
    expect(submitted).toEqual({
      ok: true,
      taskId: expect.stringMatching(UUID),
      model: 'wan2.6-t2v',
      status: 'PENDING',
      estimatedCost: UNPRICED,
      next: 'Call get_video_task with this task_id in 15–30 s, and again until the status is SUCCEEDED or FAILED.',
    });
    expect(sim.stats.requests).toMatchObject({ submit: 1, query: 0 });
    // The tool stopped following the task: no poll happens until the agent asks.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sim.stats.requests.query).toBe(0);

    const taskId = (submitted as { taskId: string }).taskId;
    const getTask = get('get_video_task');
    const statuses: string[] = [];
    for (let check = 0; check < 10; check += 1) {
      const result = await call(getTask, { task_id: taskId }, 0);
      statuses.push(result.ok ? result.status : 'error');
      if (result.status === 'SUCCEEDED') {
        // The tool set remembers the model of the task it started, to price it.
        expect(result).toEqual({
          ok: true,
          taskId,
          model: 'wan2.6-t2v',
          status: 'SUCCEEDED',
          videos: [{ url: expect.stringContaining(`/videos/${taskId}.mp4`), expiresAt: expect.stringMatching(ISO) }],
          usage: { billedSeconds: 5, outputVideoSeconds: 5, videoCount: 1 },
          cost: { ...UNPRICED, seconds: 5 },
          actualPrompt: expect.stringContaining('A paper boat'),
        });
        break;
      }
      expect(result).toMatchObject({ ok: true, taskId, next: expect.stringContaining('get_video_task') });
      await vi.advanceTimersByTimeAsync(20_000);
    }
    expect(statuses[0]).toBe('RUNNING');
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(sim.stats.requests.submit).toBe(1);
  });

  it('a burst of 20 calls that return at once keeps to the account: zero 429s, never more than 5 running; a slot frees at the expected end, or sooner when get_video_task sees the task ended', async () => {
    const { get } = tools({ wait: false });
    const calls = Array.from({ length: 20 }, (_, index) => get('text_to_video').execute({ prompt: `burst ${index}`, duration: 5 }, {}));
    await vi.advanceTimersByTimeAsync(5_000);
    // 5 tasks run; the 15 other calls wait in the client for a slot, not on the service.
    expect(sim.tasks.size).toBe(5);
    await vi.advanceTimersByTimeAsync(55_000);
    // At 60 s the first 5 ended on the service (42 s), but no one looked: their slots are kept
    // until the expected end (134 s for 5 s at 1080P).
    expect(sim.tasks.size).toBe(5);
    const first = sim.tasks.all()[0]?.taskId ?? '';
    expect(await call(get('get_video_task'), { task_id: first }, 0)).toMatchObject({ status: 'SUCCEEDED' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sim.tasks.size).toBe(6);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    const results = await Promise.all(calls);
    expect(results.filter((result) => result.ok && result.status === 'PENDING')).toHaveLength(20);
    expect(sim.tasks.size).toBe(20);
    expect(sim.stats.throttled).toEqual({});
    expect(maxOverlap(sim, 'wan2.6-t2v')).toBeLessThanOrEqual(5);
  });

  it('get_video_task tells an unknown id apart, as a failure the model can read', async () => {
    const result = await call(tools().get('get_video_task'), '{"task_id":"00000000-0000-0000-0000-000000000000"}', 0);
    expect(result).toEqual({
      ok: false,
      taskId: '00000000-0000-0000-0000-000000000000',
      status: 'UNKNOWN',
      error: { type: 'TaskNotFoundError', code: 'UNKNOWN', message: expect.stringContaining('unknown to the service') },
      next: expect.stringContaining('Check the task_id'),
    });
  });

  it('get_video_task turns a service error into a failure the model can read, without the key that was refused', async () => {
    const wrongKey = 'sk-wrong-key-9876543210';
    const { client } = simulatedClient({ apiKey: API_KEY }, { apiKey: wrongKey, maxRetries: 0 });
    const getTask = findVideoTool(createVideoTools(client), 'get_video_task');
    const result = await call(getTask, { task_id: '0385dc79-5ff8-4d82-bcb6-000000000000' }, 10_000);
    expect(result).toMatchObject({
      ok: false,
      taskId: '0385dc79-5ff8-4d82-bcb6-000000000000',
      error: { type: 'AuthenticationError', code: 'InvalidApiKey' },
      next: expect.stringContaining('retrying will not help'),
    });
    expect(JSON.stringify(result)).not.toContain(wrongKey);
  });

  it('get_video_task reports a failed task with its code and message', async () => {
    const { get } = tools({ wait: false });
    const submitted = await call(get('text_to_video'), { prompt: 'moderation-trigger' }, 0);
    await vi.advanceTimersByTimeAsync(30_000);
    const result = await call(get('get_video_task'), { task_id: (submitted as { taskId: string }).taskId }, 0);
    expect(result).toMatchObject({ ok: false, status: 'FAILED', error: { type: 'TaskFailedError', code: 'DataInspectionFailed' } });
  });
});

describe('media arguments are URL text only: no argument makes the application read a local file', () => {
  const MEDIA_OPTIONS: readonly OptionKey[] = ['image', 'lastFrame', 'continueFrom', 'drivingAudio', 'firstFrame', 'video', 'maskImage', 'audioUrl', 'references'];
  const MODES = { text_to_video: 'textToVideo', image_to_video: 'imageToVideo', reference_to_video: 'referenceToVideo', edit_video: 'editVideo' } as const;
  const cases = Object.entries(MODES).flatMap(([name, mode]) =>
    MEDIA_OPTIONS.filter((key) => (MODE_OPTIONS[mode] as readonly OptionKey[]).includes(key)).map((key) => [name, key] as const),
  );

  it('covers every media option of every mode', () => {
    expect(new Set(cases.map(([, key]) => key))).toEqual(new Set(MEDIA_OPTIONS));
  });

  it.each(cases)('%s refuses { path } as %s before the client sees it', async (name, key) => {
    const local = { path: '/etc/passwd' };
    const value = key === 'references' ? [local, { ...local, type: 'image' }] : local;
    const result = await call(tools().get(name), { prompt: 'x', [key]: value }, 0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issues = (result.error.issues ?? []).filter((issue) => issue.path.startsWith(key));
    expect(issues.length, JSON.stringify(result.error.issues)).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message).toMatch(/^must be (an image|a video|an audio|a) URL|^must be a URL string, or \{ url, type/);
    expect(requestCount()).toBe(0);
  });

  it('refuses a local voice of a reference too', async () => {
    const result = await call(tools().get('reference_to_video'), { prompt: 'character1 sings', model: 'wan2.7-r2v', references: [{ url: IMAGE, type: 'image', voice: { path: '/etc/passwd' } }] }, 0);
    expect(result.ok ? [] : result.error.issues?.map((issue) => issue.path)).toEqual(['references[0]']);
    expect(requestCount()).toBe(0);
  });
});

describe('invalid arguments come back as a result the model can fix, with nothing sent', () => {
  const cases: [string, string, unknown, RegExp][] = [
    ['a duration above the model maximum', 'text_to_video', { prompt: 'A fox', duration: 20 }, /^duration: 20 is above the maximum of 15 for wan2\.6-t2v/],
    ['a duration that only wan2.7 allows, for wan2.6', 'reference_to_video', { prompt: 'character1 waves', references: [IMAGE], duration: 12 }, /^duration: 12 is above the maximum of 10 for wan2\.6-r2v/],
    ['a missing prompt', 'text_to_video', {}, /^prompt: is required by wan2\.6-t2v/],
    ['an option the tool does not offer', 'text_to_video', { prompt: 'A fox', extraParameters: { x: 1 } }, /^extraParameters: unknown argument "extraParameters" for text_to_video/],
    ['a model of another mode', 'text_to_video', { prompt: 'A fox', model: 'wan2.6-i2v' }, /^model: "wan2\.6-i2v" is not offered by text_to_video \(allowed: wan2\.6-t2v, /],
    ['an edit model for text', 'text_to_video', { prompt: 'A fox', model: 'wan2.7-videoedit' }, /^model: "wan2\.7-videoedit" is not offered by text_to_video/],
    ['a local file as the image', 'image_to_video', { image: { path: '/etc/passwd' } }, /^image: must be an image URL as a string, got object/],
    ['a local file as a reference', 'reference_to_video', { prompt: 'character1', references: [{ path: '/home/me/.ssh/id_rsa', type: 'image' }] }, /^references\[0\]: must be a URL string, or \{ url, type, voice \}/],
    ['a local file as the video to edit', 'edit_video', { prompt: 'x', video: { path: '/home/me/private.mp4' } }, /^video: must be a video URL as a string, got object/],
    ['a local path as the video to edit, written as text', 'edit_video', { prompt: 'x', video: '~/private.mp4' }, /^video: "~\/private\.mp4" looks like a local file path/],
    ['a local path written as text', 'image_to_video', { image: '/etc/passwd' }, /^image: "\/etc\/passwd" looks like a local file path/],
    ['a file: URL', 'image_to_video', { image: 'file:///etc/passwd' }, /^image: URL scheme file: is not accepted/],
    ['arguments that are not JSON', 'text_to_video', '{"prompt": "A fox",', /^: the arguments are not valid JSON/],
    ['arguments that are not an object', 'text_to_video', '["A fox"]', /^: the arguments must be a JSON object, got an array/],
    ['get_video_task without a task id', 'get_video_task', {}, /^task_id: must be the task_id string/],
    ['get_video_task with an unknown argument', 'get_video_task', { task_id: 'x', wait: true }, /^: unknown argument "wait" \(get_video_task takes task_id\)/],
  ];

  it.each(cases)('%s', async (_what, name, args, expected) => {
    const result = await call(tools().get(name), args, 0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.type).toBe('ValidationError');
    expect(result.next).toBe('Fix the arguments named in error.issues and call again. Nothing was sent and nothing was billed.');
    const lines = (result.error.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
    expect(lines.some((line) => expected.test(line)), lines.join('\n')).toBe(true);
    expect(result.error.message).toContain(result.error.issues?.[0]?.message ?? 'missing');
    expect(result).not.toHaveProperty('taskId');
    expect(requestCount()).toBe(0);
  });

  it('lists every problem of a kind at once: the tool checks first, then the client', async () => {
    const result = await call(tools().get('text_to_video'), { prompt: '', duration: 1.5, resolution: '4K', extraInput: {} }, 0);
    expect(result.ok ? [] : result.error.issues?.map((issue) => issue.path)).toEqual(['extraInput']);
    // Each tools() has a simulator of its own: count this one's requests before the next.
    expect(requestCount()).toBe(0);
    const second = await call(tools().get('text_to_video'), { prompt: '', duration: 1.5, resolution: '4K' }, 0);
    expect(second.ok ? [] : second.error.issues?.map((issue) => issue.path)).toEqual(['prompt', 'duration', 'resolution']);
    expect(requestCount()).toBe(0);
  });
});

/**
 * The official DashScope Python SDK's `VideoSynthesis.call`, replayed request for request against
 * the simulator server over HTTP: the package index is out of reach here, so the requests are
 * rebuilt from the SDK's source (dashscope/dashscope-sdk-python, aigc/video_synthesis.py,
 * api_entities/http_request.py and client/base_api.py; read 2026-11-28, see docs/protocol.md §10).
 * What it sends that our SDK does not: `input.extend_prompt` and `input.function:
 * "video-synthesis"` on every call, `charset=utf-8` content types, its own user agent, and the
 * image2video endpoint chosen by "kf2v" in the model name. The simulator must take all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';

type Wire = Record<string, unknown>;

let server: SimulatorServer;
const clock = manualClock(Date.parse('2026-01-09T03:07:28.590Z'));

beforeAll(async () => {
  server = await startSimulatorServer({ clock });
});
afterAll(async () => {
  await server.close();
});

/** The keyword arguments of `VideoSynthesis.call` this replay covers. */
interface CallKwargs {
  readonly model: string;
  readonly prompt?: string;
  readonly media?: readonly Wire[];
  readonly first_frame_url?: string;
  readonly last_frame_url?: string;
  readonly resolution?: string;
  readonly duration?: number;
  readonly prompt_extend?: boolean;
  readonly watermark?: boolean;
  readonly seed?: number;
}

/** `VideoSynthesis._get_input`: prompt and extend_prompt always, function from the task group, then the URL keys. */
function sdkInput(kwargs: CallKwargs): Wire {
  const input: Wire = { prompt: kwargs.prompt, extend_prompt: true, function: 'video-synthesis' };
  if (kwargs.first_frame_url) input.first_frame_url = kwargs.first_frame_url;
  if (kwargs.last_frame_url) input.last_frame_url = kwargs.last_frame_url;
  if (kwargs.media) input.media = kwargs.media;
  return input;
}

/** `ApiRequestData.to_request_object`: model, input and parameters, None values dropped. */
function sdkBody(kwargs: CallKwargs): Wire {
  const drop = (record: Wire) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null));
  const { resolution, duration, prompt_extend, watermark, seed } = kwargs;
  return { model: kwargs.model, input: drop(sdkInput(kwargs)), parameters: drop({ resolution, duration, prompt_extend, watermark, seed }) };
}

/** `VideoSynthesis.call`: async_call (the path by "kf2v" in the name), then `wait` (1 s, doubling every third poll, up to 5 s). */
async function videoSynthesisCall(kwargs: CallKwargs): Promise<{ submit: Wire; final: Wire; polls: number }> {
  const task = kwargs.model.includes('kf2v') ? 'image2video' : 'video-generation';
  const headers = {
    Accept: 'application/json; charset=utf-8',
    Authorization: `Bearer ${server.apiKey}`,
    'Content-Type': 'application/json; charset=utf-8',
    'X-DashScope-Async': 'enable',
    'user-agent': 'dashscope/1.25.2; python/3.11.7; platform/Linux; processor/x86_64',
  };
  const response = await fetch(`${server.baseUrl}/api/v1/services/aigc/${task}/video-synthesis`, {
    method: 'POST',
    headers,
    body: JSON.stringify(sdkBody(kwargs)),
  });
  const submit = (await response.json()) as Wire;
  expect(response.status, JSON.stringify(submit)).toBe(200);
  const taskId = String((submit.output as Wire).task_id);
  let wait = 1_000;
  let polls = 0;
  for (;;) {
    clock.advance(wait);
    const answer = await fetch(`${server.baseUrl}/api/v1/tasks/${taskId}`, { headers: { Accept: headers.Accept, Authorization: headers.Authorization } });
    const final = (await answer.json()) as Wire;
    polls += 1;
    const status = String((final.output as Wire).task_status);
    if (['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN'].includes(status)) return { submit, final, polls };
    if (polls % 3 === 0) wait = Math.min(wait * 2, 5_000);
  }
}

describe("the Python SDK's VideoSynthesis.call, unchanged, against the simulator server", () => {
  it('wan2.7-i2v with media [first_frame, last_frame]', async () => {
    const { submit, final } = await videoSynthesisCall({
      model: 'wan2.7-i2v',
      prompt: 'The bud opens into a red flower',
      media: [
        { type: 'first_frame', url: 'https://cdn.example.com/bud.png' },
        { type: 'last_frame', url: 'https://cdn.example.com/bloom.png' },
      ],
      resolution: '720P',
      duration: 5,
      prompt_extend: true,
      watermark: false,
    });
    expect((submit.output as Wire).task_status).toBe('PENDING');
    const output = final.output as Wire;
    expect(output.task_status).toBe('SUCCEEDED');
    expect(String(output.video_url)).toMatch(/\/videos\/.+\.mp4\?Expires=\d+/);
    expect(final.usage).toMatchObject({ output_video_duration: 5, SR: 720, video_count: 1 });
    const stored = server.simulator.tasks.get(String(output.task_id));
    expect(stored?.path).toBe('/api/v1/services/aigc/video-generation/video-synthesis');
    expect(stored?.body.input).toMatchObject({ extend_prompt: true, function: 'video-synthesis' });
  });

  it('wan2.2-kf2v-flash with first_frame_url and last_frame_url, on the image2video endpoint', async () => {
    const { final } = await videoSynthesisCall({
      model: 'wan2.2-kf2v-flash',
      prompt: 'Dawn turns to dusk over the bay',
      first_frame_url: 'https://cdn.example.com/dawn.png',
      last_frame_url: 'https://cdn.example.com/dusk.png',
      resolution: '480P',
      seed: 7,
    });
    const output = final.output as Wire;
    expect(output.task_status).toBe('SUCCEEDED');
    expect(final.usage).toMatchObject({ duration: 5, SR: 480, video_count: 1 });
    expect(server.simulator.tasks.get(String(output.task_id))?.path).toBe('/api/v1/services/aigc/image2video/video-synthesis');
  });

  it('a kf2v model sent to the video-generation endpoint is refused, as the SDK never does', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/services/aigc/video-generation/video-synthesis`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json', 'X-DashScope-Async': 'enable' },
      body: JSON.stringify({ model: 'wan2.2-kf2v-flash', input: { first_frame_url: 'https://cdn.example.com/a.png', last_frame_url: 'https://cdn.example.com/b.png' } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'InvalidParameter', message: expect.stringContaining('image2video') });
  });
});

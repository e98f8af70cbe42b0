/**
 * The simulator, driven over real HTTP on 127.0.0.1 by a client written only from docs/protocol.md
 * (./independent-client.ts), unchanged for every model of §3. Simulated time moves only when the
 * client "sleeps" between polls, so the suite is deterministic and fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';
import { describeMp4 } from '../helpers/mp4.ts';
import { DashScopeHttpError, IndependentClient, type Wire } from './independent-client.ts';

const START = Date.parse('2026-01-09T03:07:28.590Z');
const SERVICE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

let server: SimulatorServer;
let client: IndependentClient;
const clock = manualClock(START);

beforeAll(async () => {
  server = await startSimulatorServer({ clock });
  client = new IndependentClient({
    // §1: a trailing slash on the base URL is stripped.
    baseUrl: `${server.baseUrl}/`,
    apiKey: server.apiKey,
    sleep: async (ms) => {
      clock.advance(ms);
    },
  });
});

afterAll(async () => {
  await server.close();
});

/** Bytes that start like the file type they claim to be; the service never decodes them here. */
function fakeFile(magic: number[], size = 2048): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(magic);
  for (let i = magic.length; i < size; i += 1) bytes[i] = (i * 31) % 256;
  return bytes;
}
const PNG = fakeFile([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MP4 = fakeFile([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70], 4096);
const MP3 = fakeFile([0x49, 0x44, 0x33], 1024);

function record(value: unknown): Wire {
  expect(value).toBeTypeOf('object');
  expect(value).not.toBeNull();
  return value as Wire;
}

interface Upload {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

interface ModelCase {
  readonly model: string;
  readonly uploads: readonly Upload[];
  /** The submit body, given the oss:// URLs of the uploads in order. */
  readonly body: (urls: readonly string[]) => Wire;
  readonly sr: number;
  readonly reportsInputVideo: boolean;
  readonly rewritesPrompt: boolean;
  /** The endpoint (§2): image2video for the first + last frame models. */
  readonly endpoint?: 'image2video';
  /** The usage fields of an older generation (§9.5), where they differ from wan2.6's. */
  readonly usage?: Wire;
}

const cases: readonly ModelCase[] = [
  {
    model: 'wan2.6-t2v',
    uploads: [{ name: 'voice.mp3', type: 'audio/mpeg', bytes: MP3 }],
    body: ([audio]) => ({
      model: 'wan2.6-t2v',
      input: { prompt: 'A lighthouse in a storm', negative_prompt: 'blur', audio_url: audio },
      parameters: { size: '1280*720', duration: 5, prompt_extend: true, watermark: false, seed: 42 },
    }),
    sr: 720,
    reportsInputVideo: false,
    rewritesPrompt: true,
  },
  {
    model: 'wan2.6-i2v',
    uploads: [{ name: 'cat.png', type: 'image/png', bytes: PNG }],
    body: ([image]) => ({
      model: 'wan2.6-i2v',
      input: { img_url: image, prompt: 'The cat yawns' },
      parameters: { resolution: '1080P', duration: 5 },
    }),
    sr: 1080,
    reportsInputVideo: false,
    rewritesPrompt: true,
  },
  {
    model: 'wan2.6-r2v',
    uploads: [
      { name: 'me.png', type: 'image/png', bytes: PNG },
      { name: 'dog.mp4', type: 'video/mp4', bytes: MP4 },
    ],
    body: (urls) => ({
      model: 'wan2.6-r2v',
      input: { prompt: 'character1 walks character2 on a beach', reference_urls: urls },
      parameters: { size: '1920*1080', duration: 5, shot_type: 'multi' },
    }),
    sr: 1080,
    reportsInputVideo: true,
    rewritesPrompt: false,
  },
  {
    model: 'wan2.6-r2v-flash',
    uploads: [{ name: 'dancer.mp4', type: 'video/mp4', bytes: MP4 }],
    body: ([video]) => ({
      model: 'wan2.6-r2v-flash',
      input: { prompt: 'character1 dances in the rain', reference_urls: [video, 'https://example.com/stage.jpg'] },
      parameters: { size: '720*1280', duration: 4, audio: true },
    }),
    sr: 720,
    reportsInputVideo: true,
    rewritesPrompt: false,
  },
  {
    model: 'wan2.7-r2v',
    uploads: [
      { name: 'face.png', type: 'image/png', bytes: PNG },
      { name: 'walk.mp4', type: 'video/mp4', bytes: MP4 },
    ],
    body: ([image, video]) => ({
      model: 'wan2.7-r2v',
      input: {
        prompt: 'character1 walks like character2',
        media: [
          { type: 'reference_image', url: image },
          { type: 'reference_video', url: video },
        ],
      },
      parameters: { resolution: '720P', ratio: '9:16', duration: 6 },
    }),
    sr: 720,
    reportsInputVideo: true,
    // It takes prompt_extend (the official body of docs/protocol.md §3.4), so it rewrites by default.
    rewritesPrompt: true,
  },
  // §9: the families beyond the first five models.
  {
    model: 'wan2.7-i2v',
    uploads: [
      { name: 'bud.png', type: 'image/png', bytes: PNG },
      { name: 'bloom.png', type: 'image/png', bytes: PNG },
    ],
    body: ([first, last]) => ({
      model: 'wan2.7-i2v',
      input: { prompt: 'The bud opens', media: [{ type: 'first_frame', url: first }, { type: 'last_frame', url: last }] },
      parameters: { resolution: '720P', duration: 5, prompt_extend: true },
    }),
    sr: 720,
    reportsInputVideo: false,
    rewritesPrompt: true,
  },
  {
    model: 'wan2.7-i2v',
    uploads: [
      { name: 'singer.png', type: 'image/png', bytes: PNG },
      { name: 'song.mp3', type: 'audio/mpeg', bytes: MP3 },
    ],
    body: ([image, audio]) => ({
      model: 'wan2.7-i2v',
      input: { prompt: 'She sings', media: [{ type: 'first_frame', url: image }, { type: 'driving_audio', url: audio }] },
      parameters: { resolution: '1080P', duration: 8 },
    }),
    sr: 1080,
    reportsInputVideo: false,
    rewritesPrompt: true,
  },
  {
    model: 'wan2.7-videoedit',
    uploads: [
      { name: 'street.mp4', type: 'video/mp4', bytes: MP4 },
      { name: 'winter.png', type: 'image/png', bytes: PNG },
    ],
    body: ([video, style]) => ({
      model: 'wan2.7-videoedit',
      input: { prompt: 'Make it snow', media: [{ type: 'video', url: video }, { type: 'reference_image', url: style }] },
      parameters: { resolution: '720P', duration: 6, audio_setting: 'origin' },
    }),
    sr: 720,
    reportsInputVideo: true,
    rewritesPrompt: true,
  },
  {
    model: 'wan3.0-video',
    uploads: [
      { name: 'host.png', type: 'image/png', bytes: PNG },
      { name: 'voice.mp3', type: 'audio/mpeg', bytes: MP3 },
    ],
    body: ([image, voice]) => ({
      model: 'wan3.0-video',
      input: { prompt: 'character1 greets the audience', media: [{ type: 'reference_image', url: image }, { type: 'reference_audio', url: voice }] },
      parameters: { resolution: '480P', ratio: 'adaptive', duration: 12, audio: true },
    }),
    sr: 480,
    reportsInputVideo: true,
    rewritesPrompt: true,
  },
  {
    model: 'wan2.2-kf2v-flash',
    endpoint: 'image2video',
    uploads: [
      { name: 'dawn.png', type: 'image/png', bytes: PNG },
      { name: 'dusk.png', type: 'image/png', bytes: PNG },
    ],
    body: ([first, last]) => ({
      model: 'wan2.2-kf2v-flash',
      input: { first_frame_url: first, last_frame_url: last, prompt: 'The day passes' },
      parameters: { resolution: '480P', duration: 5 },
    }),
    sr: 480,
    reportsInputVideo: false,
    rewritesPrompt: true,
    usage: { duration: 5, SR: 480, video_count: 1 },
  },
  {
    model: 'wan2.1-vace-plus',
    uploads: [{ name: 'dance.mp4', type: 'video/mp4', bytes: MP4 }],
    body: ([video]) => ({
      model: 'wan2.1-vace-plus',
      input: { function: 'video_repainting', prompt: 'A robot dances', video_url: video },
      parameters: { control_condition: 'posebody', strength: 0.8, duration: 5 },
    }),
    sr: 720,
    reportsInputVideo: false,
    rewritesPrompt: true,
    usage: { video_duration: 5, video_count: 1 },
  },
  // §10: HappyHorse (the media family) and the animation family.
  {
    model: 'happyhorse-1.1-r2v',
    uploads: [
      { name: 'rider.png', type: 'image/png', bytes: PNG },
      { name: 'horse.png', type: 'image/png', bytes: PNG },
    ],
    body: ([rider, horse]) => ({
      model: 'happyhorse-1.1-r2v',
      input: { prompt: '[Image 1] rides [Image 2] across a field', media: [{ type: 'reference_image', url: rider }, { type: 'reference_image', url: horse }] },
      parameters: { resolution: '720P', ratio: '4:5', duration: 6, watermark: false },
    }),
    sr: 720,
    reportsInputVideo: true,
    rewritesPrompt: false,
  },
  {
    model: 'wan2.2-animate-move',
    endpoint: 'image2video',
    uploads: [
      { name: 'me.png', type: 'image/png', bytes: PNG },
      { name: 'dance.mp4', type: 'video/mp4', bytes: MP4 },
    ],
    body: ([image, video]) => ({ model: 'wan2.2-animate-move', input: { image_url: image, video_url: video }, parameters: { mode: 'wan-std' } }),
    sr: 720,
    reportsInputVideo: false,
    rewritesPrompt: false,
    usage: { video_duration: 5, video_count: 1 },
  },
  {
    model: 'wan2.2-s2v',
    endpoint: 'image2video',
    uploads: [
      { name: 'portrait.png', type: 'image/png', bytes: PNG },
      { name: 'hello.mp3', type: 'audio/mpeg', bytes: MP3 },
    ],
    body: ([image, audio]) => ({ model: 'wan2.2-s2v', input: { image_url: image, audio_url: audio }, parameters: { resolution: '480P' } }),
    sr: 480,
    reportsInputVideo: false,
    rewritesPrompt: false,
    usage: { video_count: 1 },
  },
  {
    model: 'videoretalk',
    endpoint: 'image2video',
    uploads: [
      { name: 'talk.mp4', type: 'video/mp4', bytes: MP4 },
      { name: 'words.mp3', type: 'audio/mpeg', bytes: MP3 },
    ],
    body: ([video, audio]) => ({ model: 'videoretalk', input: { video_url: video, audio_url: audio }, parameters: { video_extension: false } }),
    sr: 720,
    reportsInputVideo: false,
    rewritesPrompt: false,
    usage: { video_count: 1 },
  },
  {
    model: 'kling/kling-v3-video-generation',
    uploads: [
      { name: 'bud.png', type: 'image/png', bytes: PNG },
      { name: 'bloom.png', type: 'image/png', bytes: PNG },
    ],
    body: ([first, last]) => ({
      model: 'kling/kling-v3-video-generation',
      input: { prompt: 'The bud opens', media: [{ type: 'first_frame', url: first }, { type: 'last_frame', url: last }] },
      parameters: { mode: 'std', duration: 6, watermark: true },
    }),
    sr: 1080,
    reportsInputVideo: false,
    rewritesPrompt: false,
    usage: { output_video_duration: 6, video_count: 1 },
  },
];

describe.each(cases.map((entry, index) => ({ ...entry, name: `${entry.model} #${index + 1}` })))('$name through the independent client over HTTP', (modelCase) => {
  it('uploads its inputs, runs PENDING -> RUNNING -> SUCCEEDED and serves a playable MP4', async () => {
    const urls: string[] = [];
    for (const upload of modelCase.uploads) urls.push(await client.upload(modelCase.model, upload.name, upload.bytes, upload.type));
    for (const url of urls) expect(url).toMatch(/^oss:\/\/dashscope-instant\/.+\/[\w.-]+$/);

    const submitted = await client.submit(modelCase.body(urls), { ossResolve: true, ...(modelCase.endpoint && { endpoint: modelCase.endpoint }) });
    expect(submitted.status).toBe('PENDING');
    expect(submitted.taskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // The service resolved each oss:// URL to exactly the bytes that were uploaded.
    const task = server.simulator.tasks.get(submitted.taskId);
    expect(task?.model).toBe(modelCase.model);
    modelCase.uploads.forEach((upload, index) => {
      expect(task?.uploads.get(urls[index] ?? '')).toEqual(upload.bytes);
    });
    expect(task?.headers['x-dashscope-async']).toBe('enable');
    expect(task?.headers['x-dashscope-ossresourceresolve']).toBe('enable');

    const statuses: string[] = [];
    const answer = await client.waitForTask(submitted.taskId, { intervalMs: 5_000, onStatus: (status) => statuses.push(status) });
    expect(statuses.filter((status, index) => status !== statuses[index - 1])).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);

    const output = record(answer.output);
    expect(answer.request_id).toBeTypeOf('string');
    expect(output.task_id).toBe(submitted.taskId);
    for (const field of ['submit_time', 'scheduled_time', 'end_time'] as const) expect(output[field]).toMatch(SERVICE_TIME);
    const submitTime = String(output.submit_time);
    expect(submitTime <= String(output.scheduled_time) && String(output.scheduled_time) <= String(output.end_time)).toBe(true);
    expect(output.orig_prompt).toBe(record(modelCase.body(urls).input).prompt);
    expect('actual_prompt' in output).toBe(modelCase.rewritesPrompt);

    const usage = record(answer.usage);
    expect(Object.keys(usage).length).toBeGreaterThan(0);
    // Numbers, but for wan2.1's video_ratio, wan2.6's size and audio and wan2.7's ratio (docs/protocol.md §9.5).
    const kinds: Wire = { video_ratio: 'string', size: 'string', ratio: 'string', audio: 'boolean' };
    for (const [key, value] of Object.entries(usage)) expect(typeof value).toBe(kinds[key] ?? 'number');
    expect(usage).toMatchObject(modelCase.usage ?? { output_video_duration: record(modelCase.body(urls).parameters).duration, video_count: 1, SR: modelCase.sr });
    expect('input_video_duration' in usage).toBe(modelCase.reportsInputVideo);

    // Character animation and talking heads answer under output.results (docs/protocol.md §10).
    const videoUrl = String(output.video_url ?? record(output.results).video_url);
    expect(new URL(videoUrl).searchParams.get('Expires')).toMatch(/^\d+$/);
    const download = await client.download(videoUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('video/mp4');
    expect(Number(download.headers.get('content-length'))).toBe(download.bytes.length);
    const mp4 = describeMp4(download.bytes);
    expect(mp4.hasMoov).toBe(true);
    expect(mp4.tracks.some((track) => track.handler === 'vide')).toBe(true);
  });
});

describe('task control through the independent client over HTTP', () => {
  it('reports submit_time in UTC+8 and ends a canceled PENDING task as CANCELED', async () => {
    const before = clock.now();
    const { taskId } = await client.submit({ model: 'wan2.6-t2v', input: { prompt: 'A quiet harbour' }, parameters: { size: '960*960' } });
    const pending = record((await client.getTask(taskId)).output);
    expect(pending.submit_time).toBe(new Date(before + 8 * 3_600_000).toISOString().replace('T', ' ').replace('Z', ''));
    expect(pending).not.toHaveProperty('scheduled_time');
    expect(pending).not.toHaveProperty('end_time');

    await client.cancel(taskId);
    const statuses: string[] = [];
    const answer = await client.waitForTask(taskId, { onStatus: (status) => statuses.push(status) });
    expect(statuses).toEqual(['CANCELED']);
    expect(record(answer.output)).not.toHaveProperty('video_url');
  });

  it('cannot cancel a RUNNING task: 400 UnsupportedOperation with the error body', async () => {
    const { taskId } = await client.submit({ model: 'wan2.6-t2v', input: { prompt: 'A busy market' } });
    clock.advance(10_000);
    const error = await client.cancel(taskId).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DashScopeHttpError);
    expect(error).toMatchObject({ status: 400, code: 'UnsupportedOperation', requestId: expect.stringMatching(/.+/) });
    await client.waitForTask(taskId);
  });

  it('lists the tasks newest first, by page, filtered by model and status', async () => {
    const all = await client.list({ page_no: 1, page_size: 100 });
    const total = Number(all.total);
    expect(total).toBe(server.simulator.tasks.size);
    const data = all.data as Wire[];
    expect(data.map((item) => item.task_id)).toEqual(server.simulator.tasks.all().map((task) => task.taskId).reverse());

    const page = await client.list({ page_no: 2, page_size: 2 });
    expect(page).toMatchObject({ total, total_page: Math.ceil(total / 2), page_no: 2, page_size: 2 });
    expect((page.data as Wire[]).map((item) => item.task_id)).toEqual(data.slice(2, 4).map((item) => item.task_id));

    const r2v = await client.list({ model_name: 'wan2.6-r2v', status: 'SUCCEEDED' });
    const expected = server.simulator.tasks
      .all()
      .filter((task) => task.model === 'wan2.6-r2v' && server.simulator.tasks.status(task.taskId) === 'SUCCEEDED')
      .map((task) => task.taskId)
      .reverse();
    expect((r2v.data as Wire[]).map((item) => item.task_id)).toEqual(expected);
    for (const item of r2v.data as Wire[]) expect(item).toMatchObject({ model_name: 'wan2.6-r2v', status: 'SUCCEEDED' });
  });

  it('gets UNKNOWN for an id the service never issued', async () => {
    const answer = await client.waitForTask('00000000-0000-4000-8000-000000000000');
    expect(record(answer.output)).toMatchObject({ task_status: 'UNKNOWN' });
  });
});

describe('connection faults over the socket', () => {
  it('a submit whose answer is lost fails in fetch, yet the task exists; a closed server refuses', async () => {
    const lossy = await startSimulatorServer({ clock: manualClock(START), faults: [{ kind: 'lose-response', routes: ['submit'], times: 1 }] });
    const lossyClient = new IndependentClient({ baseUrl: lossy.baseUrl, apiKey: lossy.apiKey });
    try {
      const error = await lossyClient.submit({ model: 'wan2.6-t2v', input: { prompt: 'A paid task' } }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      // The socket closes with no answer: fetch rejects with a TypeError (undici names the cause).
      expect(error).toBeInstanceOf(TypeError);
      expect(lossy.simulator.tasks.size).toBe(1);
      // The task can be found again by listing: the reason a client must not blindly resubmit.
      const listed = await lossyClient.list();
      expect((listed.data as Wire[]).map((item) => item.task_id)).toEqual([lossy.simulator.tasks.all()[0]?.taskId]);
    } finally {
      await lossy.close();
    }
    const refused = await lossyClient.list().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });
});

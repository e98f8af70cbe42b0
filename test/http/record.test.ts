/**
 * The client's `record` option: every exchange of a run written as a transcript (docs/recording.md),
 * in the order the requests left, with nothing secret in it: against the simulator (submit, 429
 * retry, polls, upload policy, upload, download, list, cancel), and against a hostile server that
 * echoes the key and signed links back. A transcript file that cannot be written stops the client
 * before anything is sent.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ModelStudioClient, TRANSCRIPT_FORMAT, TRANSCRIPT_VERSION, ValidationError, type TranscriptExchange, type TranscriptRecord,
} from 'modelstudio-video';
import { createSimulator, parseTranscript } from 'modelstudio-video/testing';
import { BASE_URL, SUBMIT_URL, TEST_KEY, useMsw } from '../helpers/msw.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-record-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A small PNG: the signature and some bytes are what the SDK and the simulator read. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 200 }, (_, i) => i % 256)]);

const exchanges = (records: readonly TranscriptRecord[]) =>
  records.filter((record): record is TranscriptExchange => record.type === 'exchange').sort((a, b) => a.seq - b.seq);
const pathOf = (exchange: TranscriptExchange) => `${exchange.request.method} ${new URL(exchange.request.url).pathname}`;

describe('record against the simulator', () => {
  it('writes a header, then one exchange per request in order: a 429 and its retry, polls, the upload policy and upload, a list, a cancel, a download as metadata', async () => {
    const sim = createSimulator({
      speed: 1000,
      timing: (body) => (String((body.input as { prompt?: unknown }).prompt).includes('slow') ? { pendingMs: 600_000 } : { pendingMs: 20_000, runningMs: 40_000 }),
      faults: [{ kind: 'throttle', routes: ['submit'], times: 1, retryAfterSeconds: 0 }],
    });
    const records: TranscriptRecord[] = [];
    const client = new ModelStudioClient({
      apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, record: (record) => void records.push(record), polling: { initialIntervalMs: 10, maxIntervalMs: 30 },
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ type: 'header', format: TRANSCRIPT_FORMAT, version: TRANSCRIPT_VERSION, baseUrl: sim.baseUrl, sdk: expect.stringMatching(/^modelstudio-video\//) });

    const fox = await client.textToVideo({ prompt: 'A red fox in snow', duration: 2, size: '1280*720' });
    const cat = await client.imageToVideo({ image: { data: PNG, mimeType: 'image/png', fileName: 'cat.png' }, prompt: 'The cat yawns' }, { upload: 'storage' });
    const slow = client.textToVideo({ prompt: 'A slow sunrise' });
    const { taskId: slowId } = await slow.whenSubmitted();
    await client.tasks.cancel(slowId);
    await expect(slow).rejects.toMatchObject({ name: 'TaskCanceledError' });
    const listed: string[] = [];
    for await (const task of client.tasks.list({ pageSize: 10 })) listed.push(task.taskId);
    const stream = await fox.videos[0].fetchVideo();
    const videoBytes = (await new Response(stream).arrayBuffer()).byteLength;

    const recorded = exchanges(records);
    expect(recorded.map((exchange) => exchange.seq)).toEqual(recorded.map((_, index) => index + 1));
    // The throttled submit and its retry are two exchanges, in order.
    const submits = recorded.filter((exchange) => pathOf(exchange) === 'POST /api/v1/services/aigc/video-generation/video-synthesis');
    expect(submits.map((exchange) => exchange.response?.status)).toEqual([429, 200, 200, 200]);
    expect(submits[0]?.response?.body).toMatchObject({ code: 'Throttling' });
    expect(submits[1]?.request.body).toEqual({ model: 'wan2.6-t2v', input: { prompt: 'A red fox in snow' }, parameters: { size: '1280*720', duration: 2 } });
    expect(submits[1]?.request.headers).toMatchObject({ authorization: 'Bearer [redacted]', 'content-type': 'application/json', 'x-dashscope-async': 'enable' });
    expect(submits[1]?.response?.body).toMatchObject({ output: { task_id: fox.taskId, task_status: 'PENDING' } });
    // Polls: the last of the fox's answers is its success, with the link's signature redacted and Expires kept.
    const foxPolls = recorded.filter((exchange) => pathOf(exchange) === `GET /api/v1/tasks/${fox.taskId}`);
    expect(foxPolls.length).toBeGreaterThanOrEqual(1);
    const foxEnd = foxPolls.at(-1)?.response?.body as { output: { task_status: string; video_url: string } };
    expect(foxEnd.output.task_status).toBe('SUCCEEDED');
    expect(foxEnd.output.video_url).toMatch(/\?Expires=\d+&OSSAccessKeyId=\[redacted\]&Signature=\[redacted\]$/);
    // The upload: the policy's credentials and the form's, redacted; the file described, not kept.
    const policy = recorded.find((exchange) => pathOf(exchange) === 'GET /api/v1/uploads');
    expect(new URL(policy?.request.url ?? '').searchParams.get('model')).toBe('wan2.6-i2v');
    expect(policy?.response?.body).toMatchObject({ data: { signature: '[redacted]', oss_access_key_id: '[redacted]', upload_dir: expect.any(String) } });
    const upload = recorded.find((exchange) => pathOf(exchange) === 'POST /oss-upload');
    expect(upload?.request.bodySummary).toEqual({
      kind: 'multipart',
      fields: {
        OSSAccessKeyId: '[redacted]', Signature: '[redacted]', policy: expect.any(String), 'x-oss-object-acl': expect.any(String),
        'x-oss-forbid-overwrite': 'true', key: expect.stringMatching(/cat\.png$/), success_action_status: '200',
      },
      files: [{ field: 'file', fileName: 'cat.png', contentType: 'image/png', bytes: PNG.byteLength }],
    });
    expect(upload?.response?.status).toBe(200);
    const catSubmit = submits[2]?.request;
    expect(catSubmit?.body).toMatchObject({ model: 'wan2.6-i2v', input: { img_url: expect.stringMatching(/^oss:\/\/.*cat\.png$/) } });
    expect(catSubmit?.headers['x-dashscope-ossresourceresolve']).toBe('enable');
    expect(cat.status).toBe('SUCCEEDED');
    // The cancel, and the list page with every task of the run.
    expect(recorded.find((exchange) => pathOf(exchange) === `POST /api/v1/tasks/${slowId}/cancel`)?.response?.status).toBe(200);
    const list = recorded.find((exchange) => pathOf(exchange) === 'GET /api/v1/tasks');
    expect(new URL(list?.request.url ?? '').searchParams.get('page_size')).toBe('10');
    expect(listed).toEqual(expect.arrayContaining([fox.taskId, cat.taskId, slowId]));
    // The download: its type and length, never its bytes.
    const download = recorded.at(-1);
    expect(download && pathOf(download)).toBe(`GET /videos/${fox.taskId}.mp4`);
    expect(download?.response).toMatchObject({ status: 200, bodySummary: { kind: 'binary', contentType: 'video/mp4', bytes: videoBytes } });
    expect(download?.response?.body).toBeUndefined();
    expect(download?.request.url).toMatch(/Signature=\[redacted\]/);
    // Nothing secret anywhere.
    const text = JSON.stringify(records);
    expect(text).not.toContain(sim.apiKey);
    expect(text).not.toMatch(/Signature=(?!\[redacted\])/);
    for (const exchange of recorded) {
      expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(exchange.startedAt))).toBe(false);
    }
  });

  it('writes the same records to a file, one JSON line each, that parseTranscript reads back', async () => {
    const sim = createSimulator({ speed: 1000 });
    const file = join(dir, 'run.jsonl');
    await writeFile(file, 'an older run\n');
    const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, record: file, polling: { initialIntervalMs: 10 } });
    // The file is created (emptied) at once, with the header.
    expect(parseTranscript(await readFile(file, 'utf8')).exchanges).toEqual([]);
    const result = await client.textToVideo({ prompt: 'Koi in a pond', duration: 2 });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('an older run');
    expect(text.endsWith('\n')).toBe(true);
    const transcript = parseTranscript(text);
    expect(transcript.header.baseUrl).toBe(sim.baseUrl);
    expect(transcript.exchanges[0]?.response?.body).toMatchObject({ output: { task_id: result.taskId } });
    expect(transcript.exchanges.at(-1)?.response?.body).toMatchObject({ output: { task_status: 'SUCCEEDED' } });
    expect(text).not.toContain(sim.apiKey);
  });
});

describe('record against a hostile server', () => {
  const { server } = useMsw();

  it('redacts the key wherever the server echoes it, and every credential of a signed link', async () => {
    const signed =
      'https://bucket.oss-ap-southeast-1.aliyuncs.com/out.mp4?Expires=1900000000&OSSAccessKeyId=LTAIabc&Signature=s1g%2Fx' +
      '&x-oss-signature=v4sig&x-oss-credential=LTAI%2F20260101&security-token=CAIS123&X-Amz-Signature=amz';
    server.use(
      http.post(SUBMIT_URL, async ({ request }) => {
        const auth = request.headers.get('authorization') ?? '';
        return HttpResponse.json(
          { output: { task_id: 'task-1', task_status: 'PENDING', echo: auth, note: `your key ${auth.slice(7)} was used`, [auth.slice(7)]: 'as a key' }, request_id: 'r1' },
          { headers: { 'x-echo': auth, 'set-cookie': 'session=secret' } },
        );
      }),
      http.get(`${BASE_URL}/api/v1/tasks/task-1`, ({ request }) =>
        HttpResponse.json({
          request_id: 'r2',
          output: { task_id: 'task-1', task_status: 'SUCCEEDED', video_url: signed, message: `see ${signed}`, api_key: 'leaked', security_token: 'sts', caller_uid: '1234567890' },
          usage: { duration: 5 },
          echoed: request.headers.get('authorization'),
        })),
    );
    const records: TranscriptRecord[] = [];
    const client = new ModelStudioClient({ apiKey: TEST_KEY, region: 'intl', record: (record) => void records.push(record), polling: { initialIntervalMs: 1 } });
    const result = await client.textToVideo({ prompt: 'A fox' });
    expect(result.videos[0].url).toBe(signed);

    const text = JSON.stringify(records);
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain(encodeURIComponent(TEST_KEY));
    for (const secret of ['LTAIabc', 's1g', 'v4sig', 'LTAI%2F2026', 'CAIS123', '=amz', 'session=secret', 'leaked', '"sts"', '1234567890']) expect(text).not.toContain(secret);
    const [submit, query] = exchanges(records);
    expect(submit?.response?.headers['x-echo']).toBe('Bearer [redacted]');
    expect(submit?.response?.headers['set-cookie']).toBe('[redacted]');
    expect(submit?.response?.body).toMatchObject({ output: { echo: 'Bearer [redacted]', note: 'your key [redacted] was used', '[redacted]': 'as a key' } });
    expect((query?.response?.body as { output: { video_url: string } }).output.video_url).toBe(
      'https://bucket.oss-ap-southeast-1.aliyuncs.com/out.mp4?Expires=1900000000&OSSAccessKeyId=[redacted]&Signature=[redacted]' +
        '&x-oss-signature=[redacted]&x-oss-credential=[redacted]&security-token=[redacted]&X-Amz-Signature=[redacted]',
    );
    expect(query?.response?.body).toMatchObject({ output: { api_key: '[redacted]', security_token: '[redacted]', caller_uid: '[redacted]' }, echoed: 'Bearer [redacted]' });
  });

  it('records a dropped connection as an error, and an inline image by its length only', async () => {
    server.use(http.post(SUBMIT_URL, () => HttpResponse.error()));
    const records: TranscriptRecord[] = [];
    const client = new ModelStudioClient({ apiKey: TEST_KEY, record: (record) => void records.push(record), maxRetries: 0, submitRecovery: false });
    const task = client.imageToVideo({ image: { data: PNG, mimeType: 'image/png', fileName: 'cat.png' }, prompt: 'The cat yawns' }, { upload: 'inline' });
    await expect(task).rejects.toThrow();
    const [submit] = exchanges(records);
    expect(submit?.response).toBeUndefined();
    expect(submit?.error).toMatchObject({ name: 'TypeError' });
    expect(submit?.request.body).toMatchObject({ input: { img_url: `data:image/png;base64,[${PNG.byteLength} bytes not recorded]` } });
  });
});

describe('a transcript file that cannot be written', () => {
  const { requests } = useMsw();

  const refusal = (record: string) => {
    try {
      new ModelStudioClient({ apiKey: TEST_KEY, record });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('throws a ValidationError naming the record option and why, from the constructor, before anything is sent', async () => {
    const missing = refusal(join(dir, 'no-such-folder', 'run.jsonl'));
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).issues).toEqual([{ path: 'record', message: expect.stringMatching(/cannot write .*run\.jsonl: its folder does not exist/) }]);
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    expect((refusal(folder) as ValidationError).issues[0]?.message).toMatch(/cannot write .*a-folder: it is a folder; give a file name/);
    const underFile = join(dir, 'plain-file');
    await writeFile(underFile, '');
    expect((refusal(join(underFile, 'run.jsonl')) as ValidationError).issues[0]?.message).toMatch(/a part of its path is a file/);
    expect((refusal('  ') as ValidationError).issues[0]).toEqual({ path: 'record', message: 'must be a file path or a function' });
    expect(requests).toHaveLength(0);
  });

  it('refuses a read-only file', async () => {
    // Root writes through file modes; /proc/version is read-only for every user.
    const readOnly = process.getuid?.() === 0 ? '/proc/version' : join(dir, 'read-only.jsonl');
    if (readOnly !== '/proc/version') {
      await writeFile(readOnly, '');
      await chmod(readOnly, 0o444);
    }
    const error = refusal(readOnly);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.message).toMatch(/^cannot write \/.*(permission denied|EIO|read-only)/);
  });
});

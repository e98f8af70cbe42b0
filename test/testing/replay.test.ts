/**
 * `replayFetch`: a run recorded against the simulator (several modes, an upload, a 429 retried, a
 * failed task, a cancel, a list page, a download) played back through a fresh client with no
 * simulator gives the same task ids, statuses, links, costs and failures; a request the transcript
 * does not have is answered with a `ReplayMismatch` that says why.
 */
import { describe, expect, it } from 'vitest';
import { ModelStudioClient, TaskFailedError, type ModelStudioClientOptions, type TranscriptRecord, type VideoResult } from 'modelstudio-video';
import { createSimulator, jsonDifferences, replayFetch } from 'modelstudio-video/testing';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 200 }, (_, i) => i % 256)]);
const FAST = { polling: { initialIntervalMs: 10, maxIntervalMs: 30 } } as const;

/** What a run saw, in a form two runs can be compared by. */
interface Seen {
  readonly results: readonly { taskId: string; status: string; model: string | undefined; url: string | undefined; cost: unknown; usage: unknown }[];
  readonly failure: { taskId: string; code: string | undefined; message: string } | undefined;
  readonly canceled: string;
  readonly listed: readonly { taskId: string; status: string }[];
  readonly downloadBytes: number;
}

/** The run: the same calls, one after another, whatever the client talks to. */
async function run(client: ModelStudioClient): Promise<Seen> {
  const results: VideoResult[] = [];
  results.push(await client.textToVideo({ prompt: 'A red fox in snow', duration: 2, resolution: '720P', aspectRatio: '16:9' }));
  results.push(await client.imageToVideo({ image: { data: PNG, mimeType: 'image/png', fileName: 'cat.png' }, prompt: 'The cat yawns', resolution: '720P' }, { upload: 'storage' }));
  results.push(await client.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'Image 1 walks a dog', references: ['https://example.com/me.png'], resolution: '720P', duration: 2 }));
  results.push(await client.editVideo({ model: 'wan2.7-videoedit', video: 'https://example.com/street.mp4', prompt: 'make it snow', resolution: '720P' }));
  let failure: Seen['failure'];
  try {
    await client.textToVideo({ prompt: 'a moderation-trigger scene', duration: 2 });
  } catch (error) {
    if (!(error instanceof TaskFailedError)) throw error;
    failure = { taskId: error.taskId, code: error.code, message: error.message };
  }
  const slow = client.textToVideo({ prompt: 'A slow sunrise', duration: 2 });
  const { taskId: canceled } = await slow.whenSubmitted();
  await client.tasks.cancel(canceled);
  await slow.catch(() => undefined);
  const listed: { taskId: string; status: string }[] = [];
  for await (const task of client.tasks.list({ pageSize: 20 })) listed.push({ taskId: task.taskId, status: task.status });
  const stream = await (results[0] as VideoResult).videos[0].fetchVideo();
  const downloadBytes = (await new Response(stream).arrayBuffer()).byteLength;
  return {
    results: results.map((result) => ({
      taskId: result.taskId, status: result.status, model: result.model, url: result.videos[0].url, cost: result.cost, usage: result.usage,
    })),
    failure,
    canceled,
    listed,
    downloadBytes,
  };
}

/** A link as a transcript holds it: its credentials redacted, by design. */
const redactedLink = (url: string | undefined) => url?.replace(/(OSSAccessKeyId|Signature)=[^&]*/g, '$1=[redacted]');

describe('replayFetch', () => {
  it('plays a recorded run back through a fresh client with no simulator: same ids, statuses, links, costs, failure, list and download', async () => {
    const sim = createSimulator({
      speed: 1000,
      timing: (body) => (String((body.input as { prompt?: unknown }).prompt).includes('slow') ? { pendingMs: 600_000 } : { pendingMs: 20_000, runningMs: 40_000 }),
      faults: [{ kind: 'throttle', routes: ['submit'], times: 1, retryAfterSeconds: 0 }],
    });
    const records: TranscriptRecord[] = [];
    // intl prices on both sides, so that the costs are numbers to compare.
    const common: ModelStudioClientOptions = { region: 'intl', ...FAST };
    const recorded = await run(new ModelStudioClient({ ...common, apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, record: (record) => void records.push(record) }));
    expect(recorded.failure?.code).toBe('DataInspectionFailed');
    expect(recorded.results.every((result) => typeof (result.cost as { amount?: unknown } | undefined)?.amount === 'number')).toBe(true);
    sim.close();

    const replay = replayFetch(records);
    // The service's own host and another key: nothing of the simulator is left.
    const replayed = await run(new ModelStudioClient({ ...common, apiKey: 'sk-replay-000000000000000000', fetch: replay }));

    expect(replay.misses).toEqual([]);
    expect(replay.unused()).toEqual([]);
    expect(replayed).toEqual({ ...recorded, results: recorded.results.map((result) => ({ ...result, url: redactedLink(result.url) })) });
    // The 429 was answered again, and retried again.
    const submits = replay.requests.filter(({ request }) => request.method === 'POST' && request.url.endsWith('/video-synthesis'));
    expect(submits[0]?.exchange?.response?.status).toBe(429);
    expect(submits[1]?.exchange?.response?.status).toBe(200);
    // Each submit the replay saw is the recorded one, but for the uploaded object's random name.
    for (const { request, exchange } of submits) {
      const differences = jsonDifferences(exchange?.request.body, request.body);
      expect(differences.every((line) => /^input\.img_url: expected "oss:\/\/.*cat\.png", sent "oss:\/\/.*cat\.png"$/.test(line)), differences.join('\n')).toBe(true);
    }
  });

  it('answers a request the transcript does not have with 400 ReplayMismatch saying why, and lists it', async () => {
    const sim = createSimulator({ speed: 1000 });
    const records: TranscriptRecord[] = [];
    const recording = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, record: (record) => void records.push(record), ...FAST });
    const fox = await recording.textToVideo({ prompt: 'A fox', duration: 2 });

    // Another body shape: a parameter the recording did not send.
    const shape = replayFetch(records);
    const client = new ModelStudioClient({ apiKey: 'sk-replay-000000000000000000', fetch: shape, ...FAST });
    await expect(client.textToVideo({ prompt: 'A fox', duration: 2, seed: 7 })).rejects.toMatchObject({ name: 'BadRequestError', code: 'ReplayMismatch' });
    expect(shape.misses[0]).toMatch(/the body of POST \/api\/v1\/services\/aigc\/video-generation\/video-synthesis differs in shape .*parameters\.seed: sent 7, expected absent/);

    // A path it never saw, and a path whose answers were all used.
    const used = replayFetch(records);
    const reader = new ModelStudioClient({ apiKey: 'sk-replay-000000000000000000', fetch: used, ...FAST });
    await expect(reader.tasks.cancel(fox.taskId)).rejects.toMatchObject({ code: 'ReplayMismatch' });
    expect(used.misses[0]).toMatch(new RegExp(`^the transcript has no POST /api/v1/tasks/${fox.taskId}/cancel; the transcript's next unused requests: POST /api/v1/services/aigc/video-generation/video-synthesis \\(#1\\)`));
    await reader.textToVideo({ prompt: 'A fox', duration: 2 });
    await expect(reader.tasks.get(fox.taskId)).rejects.toMatchObject({ code: 'ReplayMismatch' });
    expect(used.misses[1]).toMatch(new RegExp(`answers? to GET /api/v1/tasks/${fox.taskId} were all used`));

    // With match: 'path', the shape does not count: the caller compares the bodies.
    const loose = replayFetch(records, { match: 'path' });
    const result = await new ModelStudioClient({ apiKey: 'sk-replay-000000000000000000', fetch: loose, ...FAST }).textToVideo({ prompt: 'A fox', duration: 2, seed: 7 });
    expect(result.taskId).toBe(fox.taskId);
    expect(jsonDifferences(loose.requests[0]?.exchange?.request.body, loose.requests[0]?.request.body)).toEqual(['parameters.seed: sent 7, expected absent']);
  });

  it('raises a recorded dropped connection again, so that the SDK treats it as it treated the original', async () => {
    const sim = createSimulator({ speed: 1000, faults: [{ kind: 'drop', routes: ['query'], times: 1 }] });
    const records: TranscriptRecord[] = [];
    const recording = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, record: (record) => void records.push(record), ...FAST });
    const fox = await recording.textToVideo({ prompt: 'A fox', duration: 2 });
    const dropped = records.find((record) => record.type === 'exchange' && record.error !== undefined);
    expect(dropped).toMatchObject({ error: { name: 'TypeError', code: 'ECONNRESET' } });

    const replay = replayFetch(records);
    const result = await new ModelStudioClient({ apiKey: 'sk-replay-000000000000000000', fetch: replay, ...FAST }).textToVideo({ prompt: 'A fox', duration: 2 });
    expect(result.taskId).toBe(fox.taskId);
    expect(replay.unused()).toEqual([]);
  });
});

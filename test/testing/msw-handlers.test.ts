/**
 * The simulator as msw handlers on the real DashScope host, driving the SDK under fake timers: the
 * default simulator clock follows Date.now(), which the fake timers move.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError, ModelStudioClient, SubmitOutcomeUnknownError, type VideoResult } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';
import { simulatorHandlers } from 'modelstudio-video/testing/msw';
import { describeMp4 } from '../helpers/mp4.ts';
import { useFakeClock } from '../helpers/simulated-client.ts';

const BASE_URL = 'https://dashscope-intl.aliyuncs.com';

const server = setupServer();
let sim: Simulator;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
// The simulator's tasks are submitted at this time; a test reads it back (11:07:28.590 in Beijing).
useFakeClock(new Date('2026-01-09T03:07:28.590Z'));
beforeEach(() => {
  sim = createSimulator({ baseUrl: BASE_URL });
  server.use(...simulatorHandlers(sim));
});
afterEach(() => {
  server.resetHandlers();
});
afterAll(() => server.close());

function client(): ModelStudioClient {
  return new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: BASE_URL, maxRetries: 0 });
}

/** Settles a promise while moving the fake timers (and so the simulator's clock). */
async function settle<T>(promise: PromiseLike<T>, ms = 10 * 60_000): Promise<{ value?: T; error?: unknown }> {
  const outcome = Promise.resolve(promise).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

describe('simulatorHandlers', () => {
  it('runs a textToVideo task to success on the real host, and serves its video', async () => {
    const task = client().textToVideo({ prompt: 'A red fox trotting through fresh snow', resolution: '720P', aspectRatio: '16:9', duration: 5 });
    const statuses: string[] = [];
    task.on('status', (event) => statuses.push(event.status));
    const { value, error } = await settle(task);
    expect(error).toBeUndefined();
    const result = value as VideoResult;
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.model).toBe('wan2.6-t2v');
    expect(sim.tasks.size).toBe(1);
    expect(sim.tasks.get(result.taskId)?.body).toMatchObject({ model: 'wan2.6-t2v', parameters: { size: '1280*720', duration: 5 } });
    // Submitted at the fake time, in UTC+8.
    expect(result.times.submit).toBe('2026-01-09 11:07:28.590');
    expect(result.usage).toMatchObject({ outputVideoDuration: 5, videoCount: 1, sr: 720 });

    const [video] = result.videos;
    expect(video?.url.startsWith(`${BASE_URL}/videos/`)).toBe(true);
    // Expires is in whole seconds: 24 h after the end, rounded down.
    expect(video?.expiresAt?.getTime()).toBe(Math.floor(((result.endedAt?.getTime() ?? 0) + 24 * 3_600_000) / 1000) * 1000);
    const response = await fetch(video?.url ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const mp4 = describeMp4(bytes);
    expect(mp4.hasMoov).toBe(true);
    expect(mp4.tracks.some((track) => track.handler === 'vide')).toBe(true);
  });

  it('turns a drop fault on a query into a network error (ConnectionError)', async () => {
    sim.faults.add({ kind: 'drop', routes: ['query'] });
    const { error } = await settle(client().tasks.get('00000000-0000-4000-8000-000000000000'), 1_000);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(sim.stats.faults.drop).toBe(1);
  });

  it('turns a drop fault on a submit into a network error, with no task created', async () => {
    sim.faults.add({ kind: 'drop', routes: ['submit'] });
    // The handle looks for the task over its 15 s settle window, finds none, and fails.
    const { error } = await settle(client().textToVideo({ prompt: 'A lighthouse' }), 20_000);
    // The SDK cannot tell a dropped submit from a lost answer, so it reports the outcome as unknown,
    // wrapping the network error.
    expect(error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect((error as SubmitOutcomeUnknownError).cause).toBeInstanceOf(ConnectionError);
    expect(sim.tasks.size).toBe(0);
    expect(sim.stats.requests.submit).toBe(1);
  });
});

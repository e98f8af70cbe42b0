// Test your own code with the simulator, in vitest: no account, no network, no real waiting.
// createSimulator() runs the service in process; hand its fetch, base URL and key to the client.
// Its clock follows Date.now(), so vitest's fake timers move the simulated tasks and the SDK's
// polling together: a minute-long task passes in milliseconds. Fault rules (sim.faults.add) and
// moderationWords make the service misbehave on purpose.
//
//   npx vitest run examples/simulator.test.ts
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelStudioClient, TaskFailedError } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';

// The code under test: your own function that uses the SDK.
type Trailer = { ok: true; url: string; statuses: string[] } | { ok: false; reason: string };

async function makeTrailer(client: ModelStudioClient, prompt: string): Promise<Trailer> {
  const task = client.textToVideo({ prompt: `${prompt}, cinematic trailer shot`, resolution: '720P', aspectRatio: '16:9', duration: 5 });
  const statuses: string[] = [];
  task.on('status', ({ status }) => statuses.push(status));
  try {
    const result = await task;
    return { ok: true, url: result.videos[0].url, statuses };
  } catch (error) {
    if (error instanceof TaskFailedError && error.code === 'DataInspectionFailed') {
      return { ok: false, reason: 'The prompt was rejected by content moderation; rephrase it.' };
    }
    throw error;
  }
}

function clientFor(sim: Simulator): ModelStudioClient {
  return new ModelStudioClient({ fetch: sim.fetch, baseUrl: sim.baseUrl, apiKey: sim.apiKey });
}

describe('makeTrailer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('submits one 720P task and returns its video once it succeeds', async () => {
    const sim = createSimulator();
    const trailer = makeTrailer(clientFor(sim), 'A lighthouse in a storm');

    // The simulated task takes 2 s pending + 40 s running; the SDK polls at 2, 5, 9.5, ... 56.4 s.
    await vi.advanceTimersByTimeAsync(60_000);

    const result = await trailer;
    expect(result).toEqual({ ok: true, url: expect.stringContaining('/videos/'), statuses: ['PENDING', 'RUNNING', 'SUCCEEDED'] });
    // One submit, so one task billed, with the body your code meant to send.
    expect(sim.tasks.size).toBe(1);
    expect(sim.tasks.all()[0]?.body).toMatchObject({
      model: 'wan2.6-t2v',
      input: { prompt: 'A lighthouse in a storm, cinematic trailer shot' },
      parameters: { size: '1280*720', duration: 5 },
    });
  });

  it('keeps polling through server errors, and reports a moderation failure', async () => {
    const sim = createSimulator({ moderationWords: ['explosion'] });
    // The next two task queries answer HTTP 500: the SDK retries and keeps polling.
    sim.faults.add({ kind: 'error', routes: ['query'], times: 2 });
    const client = clientFor(sim);

    const good = makeTrailer(client, 'A lighthouse in a storm');
    const flagged = makeTrailer(client, 'A huge explosion in a city');
    await vi.advanceTimersByTimeAsync(60_000);

    await expect(good).resolves.toMatchObject({ ok: true });
    await expect(flagged).resolves.toEqual({ ok: false, reason: 'The prompt was rejected by content moderation; rephrase it.' });
    expect(sim.stats.faults.error).toBe(2);
    expect(sim.tasks.size).toBe(2); // no submit was repeated
  });
});

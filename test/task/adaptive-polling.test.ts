import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelStudioClient, type VideoResult } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';

let sim: Simulator;
let polls: number;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-09T03:00:00Z') });
  sim = createSimulator({ timing: { pendingMs: 2_000, runningMs: 40_000 } });
  polls = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

function client() {
  return new ModelStudioClient({
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    fetch: (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET') polls += 1;
      return sim.handle(request);
    },
  });
}

/** Runs one task; returns its polls and how long after its end on the service the caller knew. */
async function measure(c: ModelStudioClient): Promise<{ polls: number; lagMs: number }> {
  const before = polls;
  let knownAt = 0;
  const done = c.textToVideo({ prompt: 'a fox' }).then((result: VideoResult) => {
    knownAt = Date.now();
    return result;
  });
  await vi.advanceTimersByTimeAsync(120_000);
  const result = await done;
  return { polls: polls - before, lagMs: knownAt - (result.endedAt?.getTime() ?? 0) };
}

describe('adaptive polling', () => {
  it('learns a model\'s run time from finished tasks and then finds the next ones sooner with fewer polls', async () => {
    const c = client();
    const first = await measure(c);
    // The plain backoff schedule: polls at 2, 5, 9.5, 16.3, 26.4, 41.6, 56.6 s for a 42 s task.
    expect(first.polls).toBe(7);
    expect(first.lagMs).toBeGreaterThan(14_000);

    const second = await measure(c);
    expect(second.polls).toBeLessThan(first.polls);
    expect(second.lagMs).toBeLessThan(1_000);
  });

  it('backs off again when a task runs past the expected time', async () => {
    const c = client();
    await measure(c);
    // The same client, now facing a task five times longer than the ones it learned from.
    sim = createSimulator({ timing: { pendingMs: 2_000, runningMs: 200_000 } });
    const before = polls;
    const outcome = c.textToVideo({ prompt: 'a long one' }).then(() => Date.now());
    await vi.advanceTimersByTimeAsync(400_000);
    await outcome;
    // Polling every 2 s from the expected end (42 s) to the real one (202 s) would take 80 polls;
    // backing off from the expected end keeps it near the plain schedule's 19.
    expect(polls - before).toBeLessThan(25);
  });
});

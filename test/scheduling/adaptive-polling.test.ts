import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelStudioClient, type VideoResult } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';
import { useFakeClock } from '../helpers/simulated-client.ts';

let sim: Simulator;
let polls: number;

useFakeClock();
beforeEach(() => {
  sim = createSimulator({ timing: { pendingMs: 2_000, runningMs: 40_000 } });
  polls = 0;
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
    // Before any task of the kind finished: the backoff (2, 5, 9.5, 16.3, 26.4 s), then from 33.5 s
    // (the prior's earliest plausible end) a poll every 4% of the time elapsed: 6 more up to 42.4 s.
    expect(first.polls).toBe(12);
    expect(first.lagMs).toBeGreaterThan(0);
    expect(first.lagMs).toBeLessThanOrEqual(0.04 * 42_000);

    // Then one early poll, and one at the learned end: seen done within milliseconds.
    const second = await measure(c);
    expect(second.polls).toBe(2);
    expect(second.lagMs).toBeLessThan(50);
  });

  it('backs off again when a task runs past the expected time', async () => {
    const c = client();
    await measure(c);
    // The same client, now facing a task five times longer than the ones it learned from.
    sim = createSimulator({ timing: { pendingMs: 2_000, runningMs: 200_000 } });
    const before = polls;
    const outcome = c.textToVideo({ prompt: 'a long one' }).then((result) => Date.now() - (result.endedAt?.getTime() ?? 0));
    await vi.advanceTimersByTimeAsync(400_000);
    const outcomeLag = await outcome;
    // Polling every 2 s from the expected end (42 s) to the real one (202 s) would take 80 polls;
    // backing off from the expected end keeps it near the plain schedule's 19.
    expect(polls - before).toBeLessThan(25);
    // And the overrun is still seen within one longest interval.
    expect(outcomeLag).toBeLessThanOrEqual(15_000);
  });

  it('before any task of its kind finished, expects a run time from the request and the model\'s caps: shorter and smaller videos sooner', async () => {
    const c = client();
    const fractionAfter10s = (task: { progress: { estimatedFraction: number } }) => task.progress.estimatedFraction;
    const short = c.textToVideo({ prompt: 'short', duration: 2, size: '1280*720' });
    const long = c.textToVideo({ prompt: 'long', duration: 10, size: '1920*1080' });
    // wan2.2-i2v-flash defaults to 5 s at 720P in its caps: between the two.
    const flash = c.imageToVideo({ model: 'wan2.2-i2v-flash', image: 'https://example.com/a.png', prompt: 'flash' });
    await vi.advanceTimersByTimeAsync(10_000);
    // 1 - exp(-10 s / prior): priors of 134 s x 2/5 x 0.7 = 37.5 s, 134 s x 2 = 268 s, 134 s x 0.7 = 94 s.
    expect(fractionAfter10s(short)).toBeCloseTo(1 - Math.exp(-10 / 37.52), 2);
    expect(fractionAfter10s(long)).toBeCloseTo(1 - Math.exp(-10 / 268), 2);
    expect(fractionAfter10s(flash)).toBeCloseTo(1 - Math.exp(-10 / 93.8), 2);
    await vi.advanceTimersByTimeAsync(400_000);
    await Promise.all([short, long, flash]);
  });
});


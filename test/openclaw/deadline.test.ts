/**
 * Time, under fake timers: one deadline (30 minutes by default) covers the submit, the polling and
 * the download together; a task that runs longer than OpenClaw's built-in provider waits (120 polls
 * 2.5 s apart, 5 minutes) finishes here, with far fewer polls.
 */
import { describe, expect, it, vi } from 'vitest';
import { TimeoutError } from 'modelstudio-video';
import { createOpenClawVideoProvider, type OpenClawTaskStore, type OpenClawVideoGenerationResult } from 'modelstudio-video/openclaw';
import type { FaultRule, Simulator } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

const MINUTE = 60_000;
/** Real time, to let hashing (off the event loop's timers) finish while the fake clock stands still. */
const realSetTimeout = globalThis.setTimeout;

useFakeClock();

function setup(options: { runningMs: number; faults?: readonly FaultRule[]; download?: boolean; taskStore?: OpenClawTaskStore }) {
  const { sim, client } = simulatedClient(
    { region: 'intl', timing: { pendingMs: 2_000, runningMs: options.runningMs }, faults: options.faults ?? [] },
    { region: 'intl', timeout: 60 * MINUTE },
  );
  const provider = createOpenClawVideoProvider({ client, download: options.download, taskStore: options.taskStore });
  return { sim, provider };
}

/** Watches a call without awaiting it, so that the fake clock can move first. */
function watch(promise: Promise<OpenClawVideoGenerationResult>) {
  const state: { result?: OpenClawVideoGenerationResult; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (result) => Object.assign(state, { result, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}

/** Lets the call reach the service: the request key is hashed on real time. */
async function untilRequested(sim: Simulator): Promise<void> {
  for (let attempt = 0; attempt < 500 && sim.stats.requests.submit === 0; attempt += 1) {
    await new Promise((resolve) => realSetTimeout(resolve, 1));
    await vi.advanceTimersByTimeAsync(0);
  }
  expect(sim.stats.requests.submit).toBe(1);
}

describe('one deadline', () => {
  it('by default 30 minutes for a task that never ends: a TimeoutError at 30:00, not before; the task stays stored', async () => {
    const ids = new Map<string, string>();
    const store: OpenClawTaskStore = { get: (key) => ids.get(key), set: (key, taskId) => void ids.set(key, taskId), delete: (key) => void ids.delete(key) };
    const { sim, provider } = setup({ runningMs: 24 * 60 * MINUTE, taskStore: store });
    const call = watch(provider.generateVideo({ model: 'wan2.6-t2v', prompt: 'A lighthouse in a storm' }));
    await untilRequested(sim);
    await vi.advanceTimersByTimeAsync(30 * MINUTE - 1);
    expect(call.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toBeInstanceOf(TimeoutError);
    const error = call.error as TimeoutError;
    expect(error.message).toMatch(/did not finish within 1800 s, one deadline for upload, submit, polling and download/);
    expect(error.taskId).toBe(sim.tasks.all()[0]?.taskId);
    expect(error.message).toContain('the same request resumes it');
    expect([...ids.values()]).toEqual([error.taskId]);
  });

  it('a slow submit (10 minutes) comes out of the same 30 minutes, not on top of them', async () => {
    const { sim, provider } = setup({ runningMs: 24 * 60 * MINUTE, faults: [{ kind: 'latency', routes: ['submit'], latencyMs: 10 * MINUTE }] });
    const call = watch(provider.generateVideo({ model: 'wan2.6-t2v', prompt: 'A lighthouse in a storm' }));
    await untilRequested(sim);
    await vi.advanceTimersByTimeAsync(30 * MINUTE - 1);
    expect(call.done).toBe(false);
    expect(sim.tasks.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toBeInstanceOf(TimeoutError);
  });

  it('the download counts too: a task of 20 minutes and a download of 15 end at the deadline', async () => {
    const { sim, provider } = setup({ runningMs: 20 * MINUTE, download: true, faults: [{ kind: 'latency', routes: ['video'], latencyMs: 15 * MINUTE }] });
    const call = watch(provider.generateVideo({ model: 'wan2.6-t2v', prompt: 'A lighthouse in a storm', timeoutMs: 30 * MINUTE }));
    await untilRequested(sim);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect((call.error as TimeoutError).taskId).toBe(sim.tasks.all()[0]?.taskId);
    expect(sim.stats.requests.video).toBe(1);
  });

  it("OpenClaw's timeoutMs sets the deadline of the call", async () => {
    const { sim, provider } = setup({ runningMs: 24 * 60 * MINUTE });
    const call = watch(provider.generateVideo({ model: 'wan2.6-t2v', prompt: 'A lighthouse in a storm', timeoutMs: 2 * MINUTE }));
    await untilRequested(sim);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect((call.error as TimeoutError).message).toContain('within 120 s');
  });
});

describe('polling', () => {
  it('a 10-minute task finishes (OpenClaw\'s built-in stops after 120 polls 2.5 s apart: 5 minutes), with adaptive polls', async () => {
    const { sim, provider } = setup({ runningMs: 10 * MINUTE });
    const call = watch(provider.generateVideo({ model: 'wan2.6-t2v', prompt: 'A lighthouse in a storm' }));
    await untilRequested(sim);
    await vi.advanceTimersByTimeAsync(11 * MINUTE);
    expect(call.error).toBeUndefined();
    expect(call.result?.videos).toHaveLength(1);
    // The first task of its kind: a backoff to 33.5 s, polls 4% of the elapsed time apart through
    // the plausible range of a 5 s 1080P task (to 301 s), then backing off to every 15 s: 83 polls
    // where fixed 2.5 s polls would need 241.
    expect(sim.stats.requests.query).toBeLessThan(90);
  });
});

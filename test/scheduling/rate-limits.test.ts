import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError, MemoryRateLimitStore, ModelStudioClient, RateLimitError, TaskCanceledError,
  type ModelStudioClientOptions, type ModelStudioError, type RateLimitStore,
} from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';
import { maxOverlap as overlapOf } from '../helpers/overlap.ts';
import { settleAll } from '../helpers/settle.ts';
import { useFakeClock } from '../helpers/simulated-client.ts';

/** The most tasks unfinished at once on this file's simulator. */
const maxOverlap = () => overlapOf(sim);

let sim: Simulator;
let submitTimes: number[];
let queryTimes: number[];

useFakeClock();
beforeEach(() => {
  sim = createSimulator();
  submitTimes = [];
  queryTimes = [];
});

function client(options: ModelStudioClientOptions = {}) {
  return new ModelStudioClient({
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    fetch: (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      if (request.method === 'POST' && path.endsWith('/video-synthesis')) submitTimes.push(Date.now());
      if (request.method === 'GET' && path.startsWith('/api/v1/tasks')) queryTimes.push(Date.now());
      return sim.handle(request);
    },
    ...options,
  });
}

/** The most events inside any window of `ms` (end exclusive). */
function densest(times: number[], ms: number): number {
  let best = 0;
  for (const [index, start] of times.entries()) best = Math.max(best, times.slice(index).filter((t) => t < start + ms).length);
  return best;
}

describe('client-side rate limits', () => {
  it('a burst of 50 submits queues locally: zero 429s, at most 5 submits a second and 5 tasks at once, every task succeeds', async () => {
    const c = client();
    const order: string[] = [];
    const tasks = Array.from({ length: 50 }, (_, index) => {
      const task = c.textToVideo({ prompt: `clip ${index}` });
      task.on('queued', () => order.push(`${index} queued`));
      task.on('submitted', () => order.push(`${index} submitted`));
      return task;
    });
    const outcomes = await settleAll(tasks, 1_200_000);
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    expect(sim.tasks.size).toBe(50);
    expect(sim.stats.throttled).toEqual({});
    expect(submitTimes).toHaveLength(50);
    expect(densest(submitTimes, 1000)).toBeLessThanOrEqual(5);
    expect(maxOverlap()).toBeLessThanOrEqual(5);
    expect(densest(queryTimes, 1000)).toBeLessThanOrEqual(20);
    for (let index = 0; index < 50; index += 1) {
      expect(order.indexOf(`${index} queued`)).toBeLessThan(order.indexOf(`${index} submitted`));
    }
  });

  it('models have their own slots', async () => {
    const c = client();
    const t2v = Array.from({ length: 5 }, () => c.textToVideo({ prompt: 'x' }));
    const i2v = Array.from({ length: 5 }, () => c.imageToVideo({ image: 'https://example.com/a.png' }));
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sim.tasks.all().filter((t) => t.model === 'wan2.6-t2v')).toHaveLength(5);
    expect(sim.tasks.all().filter((t) => t.model === 'wan2.6-i2v')).toHaveLength(5);
    await settleAll([...t2v, ...i2v], 300_000);
  });

  it('queries share one per-second budget: 60 status reads at once never exceed 20 a second', async () => {
    const c = client();
    const reads = Array.from({ length: 60 }, (_, index) => c.tasks.get(`unknown-${index}`));
    const outcomes = await settleAll(reads, 10_000);
    expect(outcomes.every((o) => o.value?.status === 'UNKNOWN')).toBe(true);
    expect(densest(queryTimes, 1000)).toBeLessThanOrEqual(20);
    expect(sim.stats.throttled).toEqual({});
  });

  it('without the limiter the same burst collects 429s from the service (the reason it exists)', async () => {
    const c = client({ rateLimits: false, maxRetries: 0, polling: { timeoutMs: 1_000 } });
    const outcomes = await settleAll(Array.from({ length: 20 }, () => c.textToVideo({ prompt: 'x' })), 600_000);
    expect(Object.values(sim.stats.throttled).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.error instanceof RateLimitError)).toBe(true);
  });

  it('an abort while queued rejects with AbortError and sends nothing', async () => {
    const c = client();
    const busy = Array.from({ length: 5 }, () => c.textToVideo({ prompt: 'busy' }));
    const controller = new AbortController();
    const queued = c.textToVideo({ prompt: 'waiting' }, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sim.tasks.size).toBe(5);
    controller.abort();
    const [outcome] = await settleAll([queued], 10);
    expect(outcome?.error).toBeInstanceOf(AbortError);
    expect(outcome?.error?.message).toBe('Aborted before the submit was sent; no task was created.');
    await settleAll(busy, 300_000);
    expect(sim.tasks.size).toBe(5);
  });

  it('a cancel while queued rejects with TaskCanceledError, sends nothing, and frees the queue for the next', async () => {
    const c = client();
    const busy = Array.from({ length: 5 }, () => c.textToVideo({ prompt: 'busy' }));
    const canceled = c.textToVideo({ prompt: 'never sent' });
    const next = c.textToVideo({ prompt: 'next' });
    await vi.advanceTimersByTimeAsync(2_000);
    const cancel = canceled.cancel();
    const [outcome] = await settleAll<unknown>([canceled, cancel], 10);
    expect(outcome?.error).toBeInstanceOf(TaskCanceledError);
    const results = await settleAll([...busy, next], 600_000);
    expect(results.every((r) => r.value?.status === 'SUCCEEDED')).toBe(true);
    const prompts = sim.tasks.all().map((t) => (t.body.input as { prompt: string }).prompt);
    expect(prompts).not.toContain('never sent');
    expect(prompts).toContain('next');
  });

  describe('clients sharing one MemoryRateLimitStore', () => {
    /** The memory store, counting who listens for release notices. */
    function countingStore() {
      const inner = new MemoryRateLimitStore();
      const listening = { now: 0, ever: 0 };
      const store: RateLimitStore = {
        admit: (...args) => inner.admit(...args),
        acquire: (...args) => inner.acquire(...args),
        renew: (...args) => inner.renew(...args),
        release: (...args) => inner.release(...args),
        held: (keys) => inner.held(keys),
        onRelease: (listener) => {
          listening.now += 1;
          listening.ever += 1;
          const stop = inner.onRelease(listener);
          return () => {
            listening.now -= 1;
            stop();
          };
        },
      };
      return { store, listening };
    }

    it('keep to the account together, and a waiter submits the moment another client frees a slot', async () => {
      const { store } = countingStore();
      const a = client({ rateLimits: { store } });
      const b = client({ rateLimits: { store } });
      let firstEnd: number | undefined;
      const busy = Array.from({ length: 5 }, () => {
        const task = a.textToVideo({ prompt: 'busy' });
        task.on('succeeded', () => (firstEnd ??= Date.now()));
        return task;
      });
      await vi.advanceTimersByTimeAsync(2_000);
      const waiting = b.textToVideo({ prompt: 'waiting' });
      let submittedAt: number | undefined;
      waiting.on('submitted', () => (submittedAt = Date.now()));
      await settleAll([...busy, waiting], 600_000);
      expect(maxOverlap()).toBeLessThanOrEqual(5);
      expect(sim.stats.throttled).toEqual({});
      // Told by the release notice, not by its next retry a second later.
      expect(submittedAt).toBe(firstEnd);
    });

    it('a client listens for release notices only while one of its tasks waits for a slot, so clients made per request do not pile up on the store', async () => {
      const { store, listening } = countingStore();
      const clients = Array.from({ length: 20 }, () => client({ rateLimits: { store } }));
      expect(listening.now).toBe(0);
      const tasks = clients.map((c, index) => c.textToVideo({ prompt: `per request ${index}` }));
      await vi.advanceTimersByTimeAsync(2_000);
      // 5 run, 15 clients wait.
      expect(sim.tasks.size).toBe(5);
      expect(listening.now).toBe(15);
      const outcomes = await settleAll(tasks, 1_800_000);
      expect(outcomes.filter((o) => o.error)).toEqual([]);
      expect(maxOverlap()).toBeLessThanOrEqual(5);
      expect(listening.now).toBe(0);
      expect(listening.ever).toBeGreaterThanOrEqual(15);
    });

    it('a task resumed by id takes over its own slot: resuming the 5 tasks another client holds keeps the count at 5, not 10', async () => {
      const { store } = countingStore();
      const worker = client({ rateLimits: { store } });
      const successor = client({ rateLimits: { store } });
      const model = 'wan2.6-t2v';
      const running = Array.from({ length: 5 }, (_, index) => worker.textToVideo({ prompt: `held ${index}` }));
      const ids = (await Promise.all(running.map((task) => task.whenSubmitted()))).map((event) => event.taskId);
      await vi.advanceTimersByTimeAsync(10);
      expect(await store.held?.([`tasks:${model}`])).toBe(5);
      const resumed = ids.map((taskId) => successor.tasks.wait({ taskId, model }));
      await vi.advanceTimersByTimeAsync(10);
      expect(await store.held?.([`tasks:${model}`])).toBe(5);
      const outcomes = await settleAll([...running, ...resumed], 600_000);
      expect(outcomes.filter((o) => o.error)).toEqual([]);
      expect(await store.held?.([`tasks:${model}`])).toBe(0);
    });
  });
});

// The benchmarks' workload, shared by the single- and multi-process runs: tasks spread evenly over
// five models, the service's limits and the client's poll schedule, all scaled in time alike.
import type { BatchRequest, PollingOptions, RateLimitOptions } from 'modelstudio-video';

/** A short real task: 2 s queued, 40 s running (the simulator's 5 s 1080P task). */
export const TASK = { pendingMs: 2_000, runningMs: 40_000 };
/** docs/protocol.md §6: per model 5 tasks at once and 5 submits a second; 20 queries a second per account. */
export const LIMITS = { submitsPerSecond: 5, runningTasks: 5, queriesPerSecond: 20 };
/** The five models of the first release, each with its own limits. */
export const MODELS = ['wan2.6-t2v', 'wan2.6-i2v', 'wan2.6-r2v', 'wan2.6-r2v-flash', 'wan2.7-r2v'] as const;
/** The SDK's own prior for a 5 s 1080P task. */
const PRIOR_MS = 134_000;

/** The service's limits per real second at `scale`, as the simulator enforces them. */
export const SIMULATOR_LIMITS = (scale: number) => ({
  submitsPerSecond: LIMITS.submitsPerSecond * scale,
  runningTasks: LIMITS.runningTasks,
  queriesPerSecond: LIMITS.queriesPerSecond * scale,
});

/** The client's limits at `scale`: the same as the service's. */
export const SCALED_LIMITS = (scale: number): RateLimitOptions => ({
  submitsPerSecond: LIMITS.submitsPerSecond * scale,
  concurrentTasks: LIMITS.runningTasks,
  queriesPerSecond: LIMITS.queriesPerSecond * scale,
});

/** The SDK's default poll schedule and prior, divided by `scale`. */
export const scaledPolling = (scale: number): PollingOptions => ({
  initialIntervalMs: 2_000 / scale,
  maxIntervalMs: 15_000 / scale,
  expectedRunTimeMs: PRIOR_MS / scale,
  timeoutMs: 3_600_000 / scale,
});

/** N requests spread evenly over the five models; prompts carry `tag` and the index, so duplicates show. */
export function benchRequests(n: number, tag = ''): BatchRequest[] {
  return Array.from({ length: n }, (_, i): BatchRequest => {
    const model = MODELS[i % MODELS.length] as (typeof MODELS)[number];
    const prompt = `bench ${tag}${i}`;
    if (model === 'wan2.6-t2v') return { mode: 'textToVideo', request: { prompt } };
    if (model === 'wan2.6-i2v') return { mode: 'imageToVideo', request: { image: 'https://example.com/a.png', prompt } };
    return { mode: 'referenceToVideo', request: { model, prompt, references: ['https://example.com/b.mp4'] } };
  });
}

/** The ideal makespan in simulated ms: per model, waves of 5 tasks back to back. */
export function idealMs(n: number): number {
  const perModel = Math.ceil(n / MODELS.length);
  return Math.ceil(perModel / LIMITS.runningTasks) * (TASK.pendingMs + TASK.runningMs);
}

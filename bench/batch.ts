// The cost of scale: for N = 10, 100 and 1000 tasks against the simulator, the makespan of
// client.batch next to a naive Promise.all without the limiter and to the ideal that the service's
// limits allow; HTTP requests per task; 429s; memory per waiting task.
//
// Time is scaled: every duration (task run time, the service's per-second limits, the client's
// limits and poll schedule) is divided by SCALE, so that a simulated second lasts 1000/SCALE ms.
// Figures are reported in simulated seconds.
//
//   npm run bench
import { ModelStudioClient, type BatchRequest } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';

const SCALE = Number(process.env.BENCH_SCALE ?? 100);
const TASK = { pendingMs: 2_000, runningMs: 40_000 }; // a short real task: 2 s queued, 40 s running
const LIMITS = { submitsPerSecond: 5, runningTasks: 5, queriesPerSecond: 20 }; // docs/protocol.md §6
const MODELS = ['wan2.6-t2v', 'wan2.6-i2v', 'wan2.6-r2v', 'wan2.6-r2v-flash', 'wan2.7-r2v'] as const;
const NAIVE_CAP_MS = Number(process.env.BENCH_NAIVE_CAP_MS ?? 60_000);

function simulator(): Simulator {
  return createSimulator({
    speed: SCALE,
    timing: TASK,
    limits: {
      submitsPerSecond: LIMITS.submitsPerSecond * SCALE,
      runningTasks: LIMITS.runningTasks,
      queriesPerSecond: LIMITS.queriesPerSecond * SCALE,
    },
  });
}

function client(sim: Simulator, limited: boolean): ModelStudioClient {
  return new ModelStudioClient({
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
    rateLimits: limited
      ? { submitsPerSecond: LIMITS.submitsPerSecond * SCALE, concurrentTasks: LIMITS.runningTasks, queriesPerSecond: LIMITS.queriesPerSecond * SCALE }
      : false,
    polling: { initialIntervalMs: 2_000 / SCALE, maxIntervalMs: 15_000 / SCALE, expectedRunTimeMs: 180_000 / SCALE, timeoutMs: 3_600_000 / SCALE },
  });
}

/** N requests spread evenly over the five models. */
function requests(n: number): BatchRequest[] {
  return Array.from({ length: n }, (_, i): BatchRequest => {
    const model = MODELS[i % MODELS.length] as (typeof MODELS)[number];
    const prompt = `bench ${i}`;
    if (model === 'wan2.6-t2v') return { mode: 'textToVideo', request: { prompt } };
    if (model === 'wan2.6-i2v') return { mode: 'imageToVideo', request: { image: 'https://example.com/a.png', prompt } };
    return { mode: 'referenceToVideo', request: { model, prompt, references: ['https://example.com/b.mp4'] } };
  });
}

/** The ideal makespan in simulated ms: per model, waves of `runningTasks` tasks back to back. */
function ideal(n: number): number {
  const perModel = Math.ceil(n / MODELS.length);
  return Math.ceil(perModel / LIMITS.runningTasks) * (TASK.pendingMs + TASK.runningMs);
}

const simulated = (realMs: number) => (realMs * SCALE) / 1000;
const totalRequests = (sim: Simulator) => Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);
const throttled = (sim: Simulator) => Object.values(sim.stats.throttled).reduce((a, b) => a + b, 0);

interface Run {
  readonly makespanS: number | undefined;
  readonly done: number;
  readonly requestsPerTask: number;
  readonly throttled: number;
}

async function runBatch(n: number): Promise<Run> {
  const sim = simulator();
  const started = performance.now();
  const items = await client(sim, true).batch(requests(n)).results();
  const elapsed = performance.now() - started;
  const done = items.filter((item) => item.status === 'succeeded').length;
  return { makespanS: simulated(elapsed), done, requestsPerTask: totalRequests(sim) / n, throttled: throttled(sim) };
}

async function runNaive(n: number): Promise<Run> {
  const sim = simulator();
  const c = client(sim, false);
  const started = performance.now();
  let done = 0;
  const all = Promise.all(
    requests(n).map(async (item) => {
      const task =
        item.mode === 'textToVideo'
          ? c.textToVideo(item.request)
          : item.mode === 'imageToVideo'
            ? c.imageToVideo(item.request)
            : item.mode === 'referenceToVideo'
              ? c.referenceToVideo(item.request)
              : c.editVideo(item.request);
      await task.then(() => {
        done += 1;
      }, () => undefined);
    }),
  );
  const finished = await Promise.race([all.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), NAIVE_CAP_MS).unref())]);
  const elapsed = performance.now() - started;
  return { makespanS: finished ? simulated(elapsed) : undefined, done, requestsPerTask: totalRequests(sim) / n, throttled: throttled(sim) };
}

/** Heap bytes per task waiting on the poller, measured over `count` resumed handles. */
async function memoryPerWaitingTask(count: number): Promise<{ heapBytes: number; rssBytes: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const sim = simulator();
  const c = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, polling: { initialIntervalMs: 3_600_000 } });
  gc?.();
  const before = process.memoryUsage();
  // Resumed handles with a first poll an hour away: each is a waiting task with its watch.
  const handles = Array.from({ length: count }, (_, i) => c.tasks.wait(`task-${i}`, { polling: { initialIntervalMs: 3_600_000 } }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc?.();
  const after = process.memoryUsage();
  const result = { heapBytes: (after.heapUsed - before.heapUsed) / count, rssBytes: (after.rss - before.rss) / count };
  handles.length = 0;
  return result;
}

const fmt = (value: number | undefined, digits = 1) => (value === undefined ? '-' : value.toFixed(digits));

console.log(`modelstudio-video batch benchmark: ${new Date().toISOString()}, Node ${process.version}, scale ${SCALE}x`);
console.log(`task ${(TASK.pendingMs + TASK.runningMs) / 1000} s; limits per model: ${LIMITS.runningTasks} at once, ${LIMITS.submitsPerSecond} submits/s; ${LIMITS.queriesPerSecond} queries/s`);
console.log('');
console.log('| N | ideal (s) | batch (s) | batch / ideal | naive (s) | naive / ideal | req/task batch | req/task naive | 429s batch | 429s naive |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
// Warm up: each model's schema is built on first use (about 20 ms once, which the 100x scale would
// turn into 2 simulated seconds of the first run), and the code paths compiled, before any timing.
await runBatch(MODELS.length);

for (const n of [10, 100, 1000]) {
  const best = ideal(n) / 1000;
  const batch = await runBatch(n);
  const naive = await runNaive(n);
  const naiveCell = naive.makespanS === undefined ? `> ${fmt(simulated(NAIVE_CAP_MS), 0)} (${naive.done}/${n} done)` : fmt(naive.makespanS);
  console.log(
    `| ${n} | ${fmt(best)} | ${fmt(batch.makespanS)} | ${fmt((batch.makespanS ?? 0) / best, 3)} | ${naiveCell} | ${naive.makespanS === undefined ? '-' : fmt(naive.makespanS / best, 2)} | ${fmt(batch.requestsPerTask, 2)} | ${fmt(naive.requestsPerTask, 2)} | ${batch.throttled} | ${naive.throttled} |`,
  );
}
const memory = await memoryPerWaitingTask(20_000);
console.log('');
console.log(`memory per waiting task (20,000 resumed handles): heap ${fmt(memory.heapBytes / 1024, 2)} KB, RSS ${fmt(memory.rssBytes / 1024, 2)} KB`);
console.log(`minimum requests per task under the plain poll schedule for a ${(TASK.pendingMs + TASK.runningMs) / 1000} s task: 1 submit + 7 polls = 8`);
// The memory probe left 20,000 handles waiting an hour for their first poll: end here.
process.exit(0);

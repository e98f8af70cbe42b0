// The cost of scale: for N = 10, 100 and 1000 tasks against the simulator, the makespan of
// client.batch next to a naive Promise.all without the limiter and to the ideal that the service's
// limits allow; HTTP requests per task; 429s; memory per waiting task.
//
// Time is scaled: every duration (task run time, the service's per-second limits, the client's
// limits and poll schedule) is divided by SCALE, so that a simulated second lasts 1000/SCALE ms.
// Figures are reported in simulated seconds.
//
// Each figure is the median of RUNS runs (3 by default), each on a fresh simulator and client.
//
//   npm run bench                      single process, then side by side with the AI SDK
//   npm run bench -- --processes 4     and the multi-process runs on Redis
//   BENCH_SCALE=20 npm run bench       another time scale
//   npm run bench -- --sizes 10,100 --no-side-by-side --no-memory    some sizes only
//   npm run bench -- --no-events       without the completion-events rows (bench/events.ts)
import { ModelStudioClient } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';
import { benchRequests, idealMs, LIMITS, MODELS, SCALED_LIMITS, scaledPolling, SIMULATOR_LIMITS, TASK } from './workload.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 20);
const NAIVE_CAP_MS = Number(process.env.BENCH_NAIVE_CAP_MS ?? 300_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function simulator(): Simulator {
  return createSimulator({ speed: SCALE, timing: TASK, limits: SIMULATOR_LIMITS(SCALE) });
}

function client(sim: Simulator, limited: boolean): ModelStudioClient {
  return new ModelStudioClient({
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
    rateLimits: limited ? SCALED_LIMITS(SCALE) : false,
    polling: scaledPolling(SCALE),
  });
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
  const items = await client(sim, true).batch(benchRequests(n)).results();
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
    benchRequests(n).map(async (item) => {
      const task = c.generate(item.mode, item.request);
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
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** The median run of `runs` by makespan (a run cut off at the cap counts as slowest), with its figures. */
function medianRun(runs: readonly Run[]): Run & { readonly makespans: readonly (number | undefined)[] } {
  const ordered = [...runs].sort((a, b) => (a.makespanS ?? Number.POSITIVE_INFINITY) - (b.makespanS ?? Number.POSITIVE_INFINITY));
  return { ...(ordered[Math.floor((ordered.length - 1) / 2)] as Run), makespans: runs.map((run) => run.makespanS) };
}

const argv = process.argv.slice(2);
const processesFlag = argv.indexOf('--processes');
const processes = processesFlag >= 0 ? Number(argv[processesFlag + 1]) : 0;
const skipSideBySide = argv.includes('--no-side-by-side');
const sizesFlag = argv.indexOf('--sizes');
const sizes = sizesFlag >= 0 ? (argv[sizesFlag + 1] ?? '').split(',').map(Number) : [10, 100, 1000];
const skipMemory = argv.includes('--no-memory');

console.log(`modelstudio-video batch benchmark: ${new Date().toISOString()}, Node ${process.version}, scale ${SCALE}x, median of ${RUNS} runs`);
console.log(`task ${(TASK.pendingMs + TASK.runningMs) / 1000} s; limits per model: ${LIMITS.runningTasks} at once, ${LIMITS.submitsPerSecond} submits/s; ${LIMITS.queriesPerSecond} queries/s`);
console.log('');
console.log('| N | ideal (s) | batch (s) | batch / ideal | batch runs / ideal | naive (s) | naive / ideal | req/task batch | req/task naive | 429s batch | 429s naive |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
// Warm up: each model's schema is built on first use (about 20 ms once, which the 100x scale would
// turn into 2 simulated seconds of the first run), and the code paths compiled, before any timing.
await runBatch(MODELS.length);

for (const n of sizes) {
  const best = idealMs(n) / 1000;
  const batches: Run[] = [];
  const naives: Run[] = [];
  // Interleaved, so that a slow phase of the machine hits both alike.
  for (let run = 0; run < RUNS; run += 1) {
    batches.push(await runBatch(n));
    naives.push(await runNaive(n));
  }
  const batch = medianRun(batches);
  const naive = medianRun(naives);
  const naiveCell = naive.makespanS === undefined ? `> ${fmt(simulated(NAIVE_CAP_MS), 0)} (${naive.done}/${n} done)` : fmt(naive.makespanS);
  const spread = batch.makespans.map((m) => fmt((m ?? 0) / best, 3)).join(', ');
  console.log(
    `| ${n} | ${fmt(best)} | ${fmt(batch.makespanS)} | ${fmt((batch.makespanS ?? 0) / best, 3)} | ${spread} | ${naiveCell} | ${naive.makespanS === undefined ? '-' : fmt(naive.makespanS / best, 3)} | ${fmt(median(batches.map((r) => r.requestsPerTask)), 2)} | ${fmt(median(naives.map((r) => r.requestsPerTask)), 2)} | ${median(batches.map((r) => r.throttled))} | ${median(naives.map((r) => r.throttled))} |`,
  );
}

if (!argv.includes('--no-events')) {
  const { runEventsBench, formatEvents } = await import('./events.ts');
  console.log('');
  console.log(`## completion events against polling, scale ${SCALE}x, median of ${RUNS} runs`);
  console.log('');
  console.log(formatEvents(await runEventsBench(sizes, SCALE, RUNS)));
}
if (processes > 0) {
  const { runMultiProcess, formatMultiProcess } = await import('./multi-process.ts');
  console.log('');
  console.log(`## ${processes} processes, one simulator server, scale ${SCALE}x`);
  console.log('');
  console.log(formatMultiProcess(await runMultiProcess({ processes, scale: SCALE, runs: RUNS })));
}
if (!skipSideBySide) {
  const { runSideBySide, formatSideBySide } = await import('./side-by-side.ts');
  console.log('');
  console.log('## side by side with the AI SDK (scale 1: real time)');
  console.log('');
  console.log(formatSideBySide(await runSideBySide()));
}
if (!skipMemory) {
  const memory = await memoryPerWaitingTask(20_000);
  console.log('');
  console.log(`memory per waiting task (20,000 resumed handles): heap ${fmt(memory.heapBytes / 1024, 2)} KB, RSS ${fmt(memory.rssBytes / 1024, 2)} KB`);
}
// The memory probe left 20,000 handles waiting an hour for their first poll: end here.
process.exit(0);

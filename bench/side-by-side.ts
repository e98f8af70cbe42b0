// Side by side: the same N text-to-video tasks (wan2.6-t2v) against the same local DashScope
// simulator, run (a) the way a Vercel AI SDK user would write it, one `experimental_generateVideo`
// call per task through `@ai-sdk/alibaba`, all started at once under Promise.allSettled, and (b)
// through `new ModelStudioClient().batch(requests).results()`. Both with their defaults; only the
// API key, the base URL and the fetch are changed, to point them at the simulator.
//
// The simulator enforces the service's limits (docs/protocol.md §6): 5 submits/s and 5 unfinished
// tasks per model, 20 task queries/s per account. With a single model the 5 unfinished tasks are the
// binding limit, so the best any client can do is waves of 5: ceil(N / 5) × task time.
//
// Why scale 1 (real time), unlike bench/batch.ts: ai's retry backoff (2 s, 4 s), its poll interval
// (5 s) and its poll timeout (10 min) are real-time timers that cannot be divided by a scale without
// changing ai's defaults, which is what is measured here. Scaling only one side would be unfair, so
// both run at speed 1 with a short real task (2 s pending + 40 s running) and N of 10 and 25, about
// 6 minutes in all.
//
//   node --conditions=modelstudio-video-source bench/side-by-side.ts
import { createAlibaba } from '@ai-sdk/alibaba';
import { createDownload, experimental_generateVideo } from 'ai';
import { ModelStudioClient, type BatchItem, type BatchRequest } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';

/** One client at one N. */
export interface SideBySideRow {
  client: string;
  n: number;
  idealS: number;
  makespanS: number;
  ratio: number;
  succeeded: number;
  throttled: number;
  requestsPerTask: number;
  duplicates: number;
  failures: Record<string, number> /* error class or message prefix → count */;
}

interface TaskTiming {
  pendingMs: number;
  runningMs: number;
}

const MODEL = 'wan2.6-t2v';
/** wan2.6's published limit of unfinished tasks per model (docs/protocol.md §6): the binding one. */
const TASKS_AT_ONCE = 5;
const DEFAULT_SIZES: readonly number[] = [10, 25];
/** The simulator's own 5 s 1080P task, as in bench/batch.ts (the service's typical run is 1–5 minutes). */
const DEFAULT_TIMING: TaskTiming = { pendingMs: 2_000, runningMs: 40_000 };
/**
 * A run still unsettled after this is cut off and its open tasks counted as not done. ai's own poll
 * timeout is 600 s per call; the margin covers its start retries (2 s + 4 s) and the download, so
 * the cap only fires if something hangs rather than cutting ai's defaults short.
 */
const CAP_MS = 700_000;
const NOT_SETTLED = 'not settled within the cap';

function simulator(timing: TaskTiming): Simulator {
  // The limits are the simulator's defaults, i.e. the service's published ones.
  return createSimulator({ speed: 1, timing });
}

const totalRequests = (sim: Simulator) => Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);
const totalThrottled = (sim: Simulator) => Object.values(sim.stats.throttled).reduce((a, b) => a + b, 0);

/** Task ids and URLs differ per error; without them identical failures group under one key. */
function failureKey(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 100);
  const message = error.message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/https?:\/\/\S+/g, '<url>');
  const prefix = message.length > 160 ? `${message.slice(0, 160)}…` : message;
  return `${error.name}: ${prefix}`;
}

function count(into: Record<string, number>, key: string, by = 1): void {
  into[key] = (into[key] ?? 0) + by;
}

/** Resolves true when `work` settles, false at the cap; unref'd so a finished run does not wait on it. */
function withinCap(work: Promise<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CAP_MS);
    timer.unref();
  });
  return Promise.race([work.then(() => true as const), cap]).finally(() => clearTimeout(timer));
}

function row(client: string, n: number, timing: TaskTiming, sim: Simulator, elapsedMs: number, succeeded: number, failures: Record<string, number>): SideBySideRow {
  const idealS = (Math.ceil(n / TASKS_AT_ONCE) * (timing.pendingMs + timing.runningMs)) / 1000;
  const makespanS = elapsedMs / 1000;
  return {
    client,
    n,
    idealS,
    makespanS,
    ratio: makespanS / idealS,
    succeeded,
    throttled: totalThrottled(sim),
    requestsPerTask: totalRequests(sim) / n,
    duplicates: Math.max(0, sim.tasks.size - n),
    failures,
  };
}

/**
 * (a) What an AI SDK user writes for N videos: N calls at once. Nothing in ai or the provider
 * knows of the per-model limits, so what it does with the 429s is ai's generic retry (2 retries,
 * 2 s then 4 s, or Retry-After when the answer has one) around the provider's submit.
 */
async function runAiSdk(n: number, timing: TaskTiming): Promise<SideBySideRow> {
  const sim = simulator(timing);
  // videoBaseURL is the provider's option for the DashScope host of its video model (it appends
  // /api/v1/services/aigc/video-generation/video-synthesis and /api/v1/tasks/{id}).
  const alibaba = createAlibaba({ apiKey: sim.apiKey, videoBaseURL: sim.baseUrl, fetch: sim.fetch });
  // ai downloads each video by default, with globalThis.fetch unless its download function is given
  // one; the simulator's video URLs live at its `.invalid` origin, which only sim.fetch answers.
  // createDownload({ fetch }) is ai's documented way to do that, keeping its default download.
  const download = createDownload({ fetch: sim.fetch });
  // Only used at the cap, so that a hung run ends rather than keeping the process alive.
  const stop = new AbortController();
  const failures: Record<string, number> = {};
  let succeeded = 0;
  let settled = 0;
  const started = performance.now();
  const all = Promise.allSettled(
    Array.from({ length: n }, (_, i) =>
      experimental_generateVideo({ model: alibaba.video(MODEL), prompt: `side-by-side ${i}`, download, abortSignal: stop.signal }).then(
        () => {
          succeeded += 1;
          settled += 1;
        },
        (error: unknown) => {
          count(failures, failureKey(error));
          settled += 1;
        },
      ),
    ),
  );
  const finished = await withinCap(all);
  const elapsed = performance.now() - started;
  if (!finished) {
    count(failures, NOT_SETTLED, n - settled);
    stop.abort();
  }
  return row('ai experimental_generateVideo + @ai-sdk/alibaba', n, timing, sim, elapsed, succeeded, failures);
}

/** (b) The same tasks through this SDK's batch, which starts them as the per-model limits allow. */
async function runBatch(n: number, timing: TaskTiming): Promise<SideBySideRow> {
  const sim = simulator(timing);
  const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch });
  const requests = Array.from({ length: n }, (_, i): BatchRequest => ({ mode: 'textToVideo', request: { model: MODEL, prompt: `side-by-side ${i}` } }));
  const stop = new AbortController();
  const failures: Record<string, number> = {};
  const ended: BatchItem[] = [];
  const started = performance.now();
  const batch = client.batch(requests, { signal: stop.signal });
  batch.on('item', (item) => ended.push(item));
  const finished = await withinCap(batch.results());
  const elapsed = performance.now() - started;
  if (!finished) {
    count(failures, NOT_SETTLED, n - ended.length);
    stop.abort();
  }
  for (const item of ended) if (item.status !== 'succeeded') count(failures, failureKey(item.error));
  const succeeded = ended.filter((item) => item.status === 'succeeded').length;
  return row('modelstudio-video client.batch', n, timing, sim, elapsed, succeeded, failures);
}

/**
 * Runs both clients at each size, one run at a time, each on a fresh simulator so neither sees the
 * other's tasks or rate windows.
 */
export async function runSideBySide(options: { sizes?: readonly number[]; timing?: TaskTiming } = {}): Promise<SideBySideRow[]> {
  const sizes = options.sizes ?? DEFAULT_SIZES;
  const timing = options.timing ?? DEFAULT_TIMING;
  const rows: SideBySideRow[] = [];
  for (const n of sizes) {
    rows.push(await runAiSdk(n, timing));
    rows.push(await runBatch(n, timing));
  }
  return rows;
}

const fmt = (value: number, digits = 1) => value.toFixed(digits);

/** A markdown table; a run cut off at the cap shows its makespan as a lower bound. */
export function formatSideBySide(rows: readonly SideBySideRow[]): string {
  const lines = [
    '| client | N | ideal (s) | makespan (s) | makespan / ideal | succeeded | 429s | requests / task | duplicates | failures |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const capped = (r.failures[NOT_SETTLED] ?? 0) > 0 ? '≥ ' : '';
    const failures = Object.entries(r.failures)
      .map(([key, times]) => `${times} × ${key.replaceAll('|', '\\|')}`)
      .join('; ');
    lines.push(
      `| ${r.client} | ${r.n} | ${fmt(r.idealS)} | ${capped}${fmt(r.makespanS)} | ${capped}${fmt(r.ratio, 2)} | ${r.succeeded}/${r.n} | ${r.throttled} | ${fmt(r.requestsPerTask, 2)} | ${r.duplicates} | ${failures || '-'} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const timing = DEFAULT_TIMING;
  console.log(
    `modelstudio-video side by side: ${new Date().toISOString()}, Node ${process.version}, scale 1, ${MODEL}, ` +
      `task ${timing.pendingMs / 1000} s pending + ${timing.runningMs / 1000} s running; ` +
      `limits ${TASKS_AT_ONCE} unfinished tasks and 5 submits/s per model, 20 queries/s`,
  );
  console.log('');
  console.log(formatSideBySide(await runSideBySide({ timing })));
  console.log('');
  console.log('makespan runs until every task settled, failed ones included: a ratio under 1 with tasks failed means they failed early, not that they were fast.');
  console.log('requests / task counts every request the simulator saw, including the video download ai makes per succeeded task (client.batch downloads nothing).');
  // A run cut off at the cap may leave timers behind.
  process.exit(0);
}

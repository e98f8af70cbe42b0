// Many processes, one account: P worker processes (bench/multi-worker.ts) share N tasks against
// one simulator server, (a) with the Redis limit store shared by all, (b) each with its own
// limiter, and (c) with the shared store while one worker is killed with SIGKILL halfway. Time is
// scaled as in bench/batch.ts. Needs a redis-server: REDIS_URL, else one started on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSimulatorServer, type Simulator } from 'modelstudio-video/testing';
import { redisServerInstalled, startRedisServer } from '../test/helpers/redis-process.ts';
import { idealMs, SIMULATOR_LIMITS, TASK } from './workload.ts';

const WORKER = fileURLToPath(new URL('./multi-worker.ts', import.meta.url));

/** One setup's median run. */
export interface MultiProcessRow {
  readonly setup: string;
  readonly processes: number;
  readonly n: number;
  readonly idealS: number;
  readonly makespanS: number;
  readonly succeeded: number;
  readonly throttled: number;
  readonly requestsPerTask: number;
  readonly duplicates: number;
  /** What the run left undone, in words (the killed worker's share). */
  readonly note: string;
}

/** REDIS_URL, or a redis-server of this run's own. */
async function redis(): Promise<{ url: string; stop: () => void }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => undefined };
  if (!redisServerInstalled()) throw new Error('--processes needs Redis: set REDIS_URL or install redis-server');
  return startRedisServer();
}

interface Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly done: Promise<{ succeeded: number; failed: number } | undefined>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--conditions=modelstudio-video-source', WORKER], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<{ succeeded: number; failed: number } | undefined>((resolve) => {
    lines.on('line', (line) => (line === 'ready' ? markReady() : resolve(JSON.parse(line) as { succeeded: number; failed: number })));
    child.once('exit', () => resolve(undefined));
  });
  return { child, ready, done };
}

function debugGaps(sim: Simulator, scale: number): void {
  const tasks = sim.tasks.all();
  const gaps: number[] = [];
  for (const model of new Set(tasks.map((t) => t.model))) {
    const mine = tasks.filter((t) => t.model === model);
    const creates = mine.map((t) => t.createdAt).sort((a, b) => a - b).slice(5);
    const ends = mine.map((t) => t.createdAt + t.timing.pendingMs + t.timing.runningMs).sort((a, b) => a - b);
    creates.forEach((created, i) => gaps.push(((created - (ends[i] ?? 0)) * scale) / 1000));
  }
  gaps.sort((a, b) => a - b);
  const q = (f: number) => gaps[Math.floor(f * (gaps.length - 1))]?.toFixed(2);
  console.error(`handoff gaps (s simulated): min ${q(0)} p25 ${q(0.25)} median ${q(0.5)} p75 ${q(0.75)} p90 ${q(0.9)} max ${q(1)}`);
}

/** Prompts sent more than once: a task paid twice. */
function duplicates(sim: Simulator): number {
  const seen = new Map<string, number>();
  for (const task of sim.tasks.all()) {
    const prompt = String((task.body.input as Record<string, unknown> | undefined)?.prompt);
    seen.set(prompt, (seen.get(prompt) ?? 0) + 1);
  }
  return [...seen.values()].reduce((total, count) => total + count - 1, 0);
}

async function runOnce(options: { processes: number; n: number; scale: number; shared: boolean; kill: boolean; redisUrl: string }): Promise<MultiProcessRow> {
  const { processes, n, scale } = options;
  const server = await startSimulatorServer({ speed: scale, timing: TASK, limits: SIMULATOR_LIMITS(scale) });
  const prefix = randomUUID();
  try {
    const workers = Array.from({ length: processes }, (_, index) =>
      startWorker({
        BASE_URL: server.baseUrl,
        API_KEY: server.apiKey,
        SCALE: String(scale),
        COUNT: String(Math.ceil(n / processes)),
        WORKER: `w${index}`,
        PREFIX: prefix,
        REDIS_URL: options.shared ? options.redisUrl : '',
      }),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    const started = performance.now();
    for (const worker of workers) worker.child.stdin?.write('go\n');
    let note = '-';
    if (options.kill) {
      // Halfway through the ideal makespan, the first worker dies without a word.
      await new Promise((resolve) => setTimeout(resolve, idealMs(n) / scale / 2));
      workers[0]?.child.kill('SIGKILL');
      const created = server.simulator.tasks.all().filter((task) => String((task.body.input as Record<string, unknown>).prompt).startsWith('bench w0-')).length;
      note = `w0 killed at ${((idealMs(n) / 2) / 1000).toFixed(0)} s with ${created} of its ${Math.ceil(n / processes)} tasks created; the rest of its share is lost with it (the BullMQ recipe recovers it)`;
    }
    const results = await Promise.all(workers.map((worker) => worker.done));
    const makespanS = ((performance.now() - started) * scale) / 1000;
    if (process.env.BENCH_DEBUG) debugGaps(server.simulator, scale);
    const stats = server.simulator.stats;
    return {
      setup: options.shared ? (options.kill ? 'shared Redis store, one worker killed' : 'shared Redis store') : 'a limiter per process',
      processes,
      n,
      idealS: idealMs(n) / 1000,
      makespanS,
      succeeded: results.reduce((total, result) => total + (result?.succeeded ?? 0), 0),
      throttled: Object.values(stats.throttled).reduce((a, b) => a + b, 0),
      requestsPerTask: Object.values(stats.requests).reduce((a, b) => a + b, 0) / n,
      duplicates: duplicates(server.simulator),
      note,
    };
  } finally {
    await server.close();
  }
}

/** Each setup `runs` times; the run of median makespan is reported. */
export async function runMultiProcess(options: { processes: number; scale: number; runs: number; n?: number }): Promise<MultiProcessRow[]> {
  const n = options.n ?? 200;
  const { url, stop } = await redis();
  try {
    const rows: MultiProcessRow[] = [];
    for (const [shared, kill] of [[true, false], [false, false], [true, true]] as const) {
      const runs: MultiProcessRow[] = [];
      for (let run = 0; run < options.runs; run += 1) runs.push(await runOnce({ processes: options.processes, n, scale: options.scale, shared, kill, redisUrl: url }));
      runs.sort((a, b) => a.makespanS - b.makespanS);
      rows.push(runs[Math.floor((runs.length - 1) / 2)] as MultiProcessRow);
    }
    return rows;
  } finally {
    stop();
  }
}

/** A markdown table. */
export function formatMultiProcess(rows: readonly MultiProcessRow[]): string {
  const lines = [
    '| setup | processes | N | ideal (s) | makespan (s) | makespan / ideal | succeeded | 429s | requests / task | duplicates | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.setup} | ${r.processes} | ${r.n} | ${r.idealS.toFixed(1)} | ${r.makespanS.toFixed(1)} | ${(r.makespanS / r.idealS).toFixed(3)} | ${r.succeeded}/${r.n} | ${r.throttled} | ${r.requestsPerTask.toFixed(2)} | ${r.duplicates} | ${r.note} |`,
    );
  }
  return lines.join('\n');
}

// The batch file runner: a 100-line file through runBatchFile (journal fsynced twice per line,
// <id>.mp4 downloads, results and contact sheet rewritten) against client.batch of the same
// requests in the same run, both set against the ideal makespan; HTTP requests per task. Then the
// command killed with SIGKILL at three points of a 100-line batch and run again: tasks created,
// videos, duplicates.
//
// Time is scaled as in bench/batch.ts (BENCH_SCALE, default 20); figures are simulated seconds,
// each the median of BENCH_RUNS runs (3), the two kinds of run interleaved.
//
//   npm run bench:batch-file
//   BENCH_LINES=200 npm run bench:batch-file
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelStudioClient } from 'modelstudio-video';
import { runBatchFile } from 'modelstudio-video/batch';
import { createSimulator, startSimulatorServer, type Simulator } from 'modelstudio-video/testing';
import { benchRequests, idealMs, SCALED_LIMITS, scaledPolling, SIMULATOR_LIMITS, TASK } from './workload.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LINES = Number(process.env.BENCH_LINES ?? 100);
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

const simulated = (realMs: number) => (realMs * SCALE) / 1000;
const requests = (sim: Simulator) => Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;

function service(): { sim: Simulator; client: ModelStudioClient } {
  const sim = createSimulator({ speed: SCALE, timing: TASK, limits: SIMULATOR_LIMITS(SCALE) });
  const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, rateLimits: SCALED_LIMITS(SCALE), polling: scaledPolling(SCALE), region: 'intl' });
  return { sim, client };
}

/** The bench's requests as a JSON Lines file. */
function jsonl(tag: string): string {
  return benchRequests(LINES, tag).map((item, i) => JSON.stringify({ id: `line-${i + 1}`, mode: item.mode, ...item.request })).join('\n') + '\n';
}

async function viaFile(dir: string): Promise<{ makespanS: number; requestsPerTask: number; succeeded: number }> {
  const { sim, client } = service();
  const input = join(dir, 'lines.jsonl');
  await writeFile(input, jsonl('file '));
  const started = performance.now();
  const summary = await runBatchFile({ input, out: join(dir, 'out'), client }).summary();
  return { makespanS: simulated(performance.now() - started), requestsPerTask: requests(sim) / LINES, succeeded: summary.succeeded };
}

async function viaBatch(): Promise<{ makespanS: number; requestsPerTask: number; succeeded: number }> {
  const { sim, client } = service();
  const started = performance.now();
  const items = await client.batch(benchRequests(LINES, 'batch ')).results();
  return { makespanS: simulated(performance.now() - started), requestsPerTask: requests(sim) / LINES, succeeded: items.filter((item) => item.status === 'succeeded').length };
}

/** Runs the command until `killWhen` says so (then SIGKILL), or to its end. */
function command(args: readonly string[], env: NodeJS.ProcessEnv, killWhen?: () => Promise<boolean>): Promise<number | null> {
  const child = spawn(process.execPath, ['--conditions=modelstudio-video-source', CLI, 'batch', ...args], { env, stdio: 'ignore' });
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  if (killWhen) {
    void (async () => {
      while (child.exitCode === null && !(await killWhen())) await new Promise((resolve) => setTimeout(resolve, 10));
      child.kill('SIGKILL');
    })();
  }
  return closed;
}

async function killAndRerun(dir: string): Promise<{ kills: number; tasks: number; videos: number; duplicates: number; succeeded: number; exit: number | null }> {
  const server = await startSimulatorServer({ speed: SCALE, timing: TASK, limits: SIMULATOR_LIMITS(SCALE) });
  try {
    const input = join(dir, 'lines.jsonl');
    const out = join(dir, 'out');
    await writeFile(input, jsonl('kill '));
    const env = { ...process.env, MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_REGION: 'intl' };
    const journal = async (type: string) => (await readFile(join(out, 'batch-journal.jsonl'), 'utf8').catch(() => '')).split('\n').filter((line) => line.includes(`"type":"${type}"`)).length;
    // Killed: right after its first submit began, once a third of the tasks exist, and once two thirds of the lines ended.
    const points = [() => journal('start').then((n) => n >= 1), () => journal('task').then((n) => n >= LINES / 3), () => journal('end').then((n) => n >= (2 * LINES) / 3)];
    for (const point of points) await command([input, '--out', out, '--on-unknown-submit', 'resubmit'], env, point);
    const exit = await command([input, '--out', out, '--on-unknown-submit', 'resubmit'], env);
    const tasks = server.simulator.tasks.all();
    const prompts = tasks.map((task) => String((task.body.input as { prompt?: unknown }).prompt));
    const results = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { status: string });
    return {
      kills: points.length,
      tasks: tasks.length,
      videos: (await readdir(out)).filter((name) => name.endsWith('.mp4')).length,
      duplicates: prompts.length - new Set(prompts).size,
      succeeded: results.filter((result) => result.status === 'succeeded').length,
      exit,
    };
  } finally {
    await server.close();
  }
}

console.log(`modelstudio-video batch file benchmark: ${new Date().toISOString()}, Node ${process.version}, ${LINES} lines, scale ${SCALE}x, median of ${RUNS} runs`);
const root = await mkdtemp(join(tmpdir(), 'bench-batch-file-'));
try {
  await viaBatch(); // warm-up: schemas built, code compiled
  const files: Awaited<ReturnType<typeof viaFile>>[] = [];
  const batches: Awaited<ReturnType<typeof viaBatch>>[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    files.push(await viaFile(await mkdtemp(join(root, 'file-'))));
    batches.push(await viaBatch());
  }
  const ideal = idealMs(LINES) / 1000;
  const file = median(files.map((r) => r.makespanS));
  const batch = median(batches.map((r) => r.makespanS));
  console.log('');
  console.log('| lines | ideal (s) | runBatchFile (s) | / ideal | client.batch (s) | / ideal | file / batch | req/task file | req/task batch | succeeded |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${LINES} | ${ideal.toFixed(1)} | ${file.toFixed(1)} | ${(file / ideal).toFixed(3)} | ${batch.toFixed(1)} | ${(batch / ideal).toFixed(3)} | ${(file / batch).toFixed(3)} | ` +
      `${median(files.map((r) => r.requestsPerTask)).toFixed(2)} | ${median(batches.map((r) => r.requestsPerTask)).toFixed(2)} | ${files.map((r) => r.succeeded).join(', ')} |`,
  );
  const killed = await killAndRerun(await mkdtemp(join(root, 'kill-')));
  console.log('');
  console.log(`SIGKILL x${killed.kills} (after the first submit began, at ${Math.round(LINES / 3)} tasks, at ${Math.round((2 * LINES) / 3)} lines ended), then one more run:`);
  console.log(`  tasks created ${killed.tasks} of ${LINES} lines, videos ${killed.videos}, duplicate tasks ${killed.duplicates}, results succeeded ${killed.succeeded}, last exit ${killed.exit}`);
} finally {
  await rm(root, { recursive: true, force: true });
}

// Runs the whole recipe on this machine: the producer and three workers as separate processes,
// against a local simulator of the service unless an API key is set; waits for every job and
// prints a summary. Needs a Redis server (REDIS_URL, default redis://127.0.0.1:6379).
//
//   node --conditions=modelstudio-video-source examples/bullmq/run.ts [jobs] [--crash]
//
// --crash kills one worker with SIGKILL mid-run, to watch the others take over its jobs: by task
// id where it had written one, else by looking the task up. The workers then use short lock and
// stall times, so that this happens within seconds instead of BullMQ's default 30.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { startSimulatorServer } from 'modelstudio-video/testing';
import type { VideoJobData, VideoJobResult } from './video-job.ts';

const args = process.argv.slice(2);
const crash = args.includes('--crash');
const jobs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 30);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const hasKey = ['MODELSTUDIO_API_KEY', 'DASHSCOPE_API_KEY', 'QWEN_API_KEY'].some((name) => process.env[name]?.trim());
// Speed 10 plays a task of about 40 s in 4 s.
const server = hasKey ? undefined : await startSimulatorServer({ speed: 10 });
const runId = `demo-${Date.now()}`;

// A queue of this run's own, so that jobs of an earlier run are not counted; against the
// simulator also a limit prefix of its own, since that service is new and runs nothing else.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  REDIS_URL: redisUrl,
  QUEUE: process.env.QUEUE ?? `videos-${runId}`,
  BATCH: runId,
  ...(server && { MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_BASE_URL: server.baseUrl, LIMIT_PREFIX: `modelstudio-video-${runId}`, POLL_INTERVAL_MS: '500' }),
  ...(crash && { LOCK_DURATION_MS: '3000', STALLED_INTERVAL_MS: '1500' }),
};
console.log(server ? `No API key: a local simulator at ${server.baseUrl}` : `Using the API key from the environment: ${jobs} real, paid tasks`);

function start(file: string, extra: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL(file, import.meta.url)), String(jobs)], { env: { ...env, ...extra }, stdio: 'inherit' });
}

const queue = new Queue<VideoJobData, VideoJobResult>(env.QUEUE ?? 'videos', { connection: { url: redisUrl } });
const started = performance.now();
const workers = ['worker-1', 'worker-2', 'worker-3'].map((name) => start('./worker.ts', { WORKER_NAME: name }));
try {
  // Jobs enqueued before every worker listens would all go to the first one up.
  while ((await queue.getWorkersCount()) < workers.length) await new Promise((resolve) => setTimeout(resolve, 100));
  const [code] = (await once(start('./producer.ts'), 'exit')) as [number | null];
  if (code !== 0) throw new Error(`The producer exited with code ${code}`);
  let killed = false;
  let last = '';
  for (;;) {
    const counts = await queue.getJobCounts('completed', 'failed', 'active');
    const done = (counts.completed ?? 0) + (counts.failed ?? 0);
    const line = `${counts.completed ?? 0} completed, ${counts.failed ?? 0} failed of ${jobs}`;
    if (line !== last) console.log(`--- ${line}`);
    last = line;
    if (done >= jobs) break;
    // Mid-run: a quarter done, or half of them taken up by workers (tasks of one wave end together,
    // so the first check may already see them all done).
    if (crash && !killed && (done >= jobs / 4 || (counts.active ?? 0) >= jobs / 2)) {
      killed = true;
      console.log(`--- SIGKILL worker-2 (pid ${workers[1]?.pid ?? '?'})`);
      workers[1]?.kill('SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const results = (await queue.getJobs(['completed'])).map((job) => job.returnvalue);
  const by = (recovery: string) => results.filter((result) => result.recovery === recovery).length;
  const throttled = server ? Object.values(server.simulator.stats.throttled).reduce((sum, count) => sum + count, 0) : undefined;
  console.log('');
  console.log(`Jobs done: ${results.length}/${jobs} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Tasks created: ${server ? server.simulator.tasks.size : new Set(results.map((result) => result.taskId)).size}`);
  console.log(`429s: ${throttled ?? 'not known (only the simulator counts them)'}`);
  console.log(`Taken over after a crash: ${by('resumed')} resumed by task id, ${by('found')} found by lookup, ${by('resubmitted')} submitted after the lookup found none`);
} finally {
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.map((worker) => (worker.exitCode === null && worker.signalCode === null ? once(worker, 'exit') : undefined)));
  await queue.obliterate({ force: true });
  await queue.close();
  await server?.close();
}

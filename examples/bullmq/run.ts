// Runs the whole recipe on this machine: the producer and three workers as separate processes,
// against a local simulator of the service unless an API key is set; waits for every job and
// prints a summary. Needs a Redis server (REDIS_URL, default redis://127.0.0.1:6379).
//
//   node --conditions=modelstudio-video-source examples/bullmq/run.ts [jobs] [--crash] [--events]
//
// --crash kills one worker with SIGKILL mid-run, to watch the others take over its jobs: by task
// id where it had written one, else by looking the task up. The workers then use short lock and
// stall times, so that this happens within seconds instead of BullMQ's default 30.
//
// --events (against the simulator only) also runs the event route (events.ts) and points the
// simulator's completion events at it; the workers listen (EVENTS=1) and stop polling.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { startSimulatorServer } from 'modelstudio-video/testing';
import type { VideoJobData, VideoJobResult } from './video-job.ts';

const args = process.argv.slice(2);
const crash = args.includes('--crash');
const events = args.includes('--events');
const jobs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 30);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const hasKey = ['MODELSTUDIO_API_KEY', 'DASHSCOPE_API_KEY', 'QWEN_API_KEY'].some((name) => process.env[name]?.trim());
if (events && hasKey) throw new Error('--events runs against the simulator only: a real account sends its events through the EventBridge rule you configure (see README.md)');
const runId = `demo-${Date.now()}`;
const queueName = process.env.QUEUE ?? `videos-${runId}`;

/** The event route, started first: the simulator needs its URL. */
async function startEventRoute(): Promise<{ child: ChildProcess; url: string; secret: string }> {
  const secret = randomUUID();
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./events.ts', import.meta.url))], {
    env: { ...process.env, REDIS_URL: redisUrl, QUEUE: queueName, EVENT_SECRET: secret, EVENT_PORT: '0', EVENT_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      output += chunk;
      const found = /listening on (http:\/\/\S+\/)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`The event route exited with code ${code}`)));
  });
  return { child, url, secret };
}
const route = events ? await startEventRoute() : undefined;
// Speed 10 plays a task of about 40 s in 4 s.
const server = hasKey ? undefined : await startSimulatorServer({ speed: 10, ...(route && { eventTarget: { url: route.url, secret: route.secret } }) });

// A queue of this run's own, so that jobs of an earlier run are not counted; against the
// simulator also a limit prefix of its own, since that service is new and runs nothing else.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  REDIS_URL: redisUrl,
  QUEUE: queueName,
  BATCH: runId,
  ...(server && { MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_BASE_URL: server.baseUrl, LIMIT_PREFIX: `modelstudio-video-${runId}`, POLL_INTERVAL_MS: '500' }),
  ...(crash && { LOCK_DURATION_MS: '3000', STALLED_INTERVAL_MS: '1500' }),
  ...(events && { EVENTS: '1' }),
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
  if (server) console.log(`Status queries: ${server.simulator.stats.requests.query} (${(server.simulator.stats.requests.query / jobs).toFixed(2)} per job)${events ? `; events sent: ${server.simulator.events.sent}` : ''}`);
  console.log(`Taken over after a crash: ${by('resumed')} resumed by task id, ${by('found')} found by lookup, ${by('resubmitted')} submitted after the lookup found none`);
} finally {
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.map((worker) => (worker.exitCode === null && worker.signalCode === null ? once(worker, 'exit') : undefined)));
  await queue.obliterate({ force: true });
  await queue.close();
  await server?.close();
  route?.child.kill('SIGTERM');
  if (route && route.child.exitCode === null) await once(route.child, 'exit');
}

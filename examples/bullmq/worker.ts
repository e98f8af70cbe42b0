// A BullMQ worker that makes each job's video with modelstudio-video. Run as many as you like, on
// as many machines: they keep to the account's limits together through the Redis limit store, so
// surplus jobs wait locally instead of collecting 429s, and a worker that dies mid-task never makes
// its jobs pay twice: the task id lives in the job's data, and the next worker resumes it.
//
//   REDIS_URL=redis://127.0.0.1:6379 MODELSTUDIO_API_KEY=sk-... node --conditions=modelstudio-video-source examples/bullmq/worker.ts
//
// Environment:
//   REDIS_URL            the queue's Redis, also where the account's limits are counted
//   MODELSTUDIO_API_KEY  (and MODELSTUDIO_BASE_URL / MODELSTUDIO_REGION), read by the client itself
//   QUEUE                the queue (default `videos`)
//   LIMIT_PREFIX         the limit store's key prefix: one per Model Studio account (default the SDK's)
//   CONCURRENCY          jobs at once in this worker (default 25: every slot of five models)
//   LOCK_DURATION_MS     BullMQ's lockDuration (default 30000)
//   STALLED_INTERVAL_MS  BullMQ's stalledInterval (default 30000)
//   LEASE_MS             how long a dead worker's tasks still count (default 2 × (lock + stalled interval))
//   POLL_INTERVAL_MS     first poll delay of each task (default the SDK's, 2 s)
//   EVENTS               `1`: listen for task-completion events, which the event route (events.ts)
//                        relays on a Redis channel; polls are then only the fallback for a lost event
//   EXPECTED_RUN_TIME_MS a task's run time before the worker has seen one of its kind end (default
//                        the SDK's prior by duration and resolution): where the fallback polls start
//   POLLING_MODE         with EVENTS: `events` (default: slow fallback polls) or `events-only`
//                        (one sweep before the deadline); `poll` keeps polling as without events
//   OUT_DIR              when set, each video is saved there as <job id>.mp4
//   WORKER_NAME          this worker's name in logs and job data (default host-pid)
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ModelStudioClient, TaskFailedError, TaskNotFoundError, type BatchRequest, type PollingMode, type TaskEventHint, type TaskOptions, type VideoTask } from 'modelstudio-video';
import { createRedisLimitStore } from 'modelstudio-video/redis';
import { CONNECTION, EVENT_CHANNEL, QUEUE_NAME, TASK_INDEX, type Recovery, type TaskWakeUp, type VideoJobData, type VideoJobResult } from './video-job.ts';

function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!(parsed > 0)) throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  return parsed;
}

const WORKER_NAME = process.env.WORKER_NAME ?? `${hostname()}-${process.pid}`;
const OUT_DIR = process.env.OUT_DIR;
const LOCK_DURATION_MS = numberFromEnv('LOCK_DURATION_MS', 30_000);
const STALLED_INTERVAL_MS = numberFromEnv('STALLED_INTERVAL_MS', 30_000);
// A dead worker's job reaches another worker up to lockDuration + stalledInterval after the death,
// and its tasks run on unfollowed meanwhile, still counted by the service against the account's 5
// per model. Their slots must stay counted here as long, or another worker would see them free and
// submit into a 429. Twice that covers the time the job may wait for a free worker; counting a task
// twice for a while after a crash (the dead lease and the resumed one) only slows submits a little.
const LEASE_MS = numberFromEnv('LEASE_MS', 2 * (LOCK_DURATION_MS + STALLED_INTERVAL_MS));
const POLL_INTERVAL_MS = process.env.POLL_INTERVAL_MS ? numberFromEnv('POLL_INTERVAL_MS', 2_000) : undefined;
const EXPECTED_RUN_TIME_MS = process.env.EXPECTED_RUN_TIME_MS ? numberFromEnv('EXPECTED_RUN_TIME_MS', 1) : undefined;
/** The clocks of this machine and of the service may disagree by this much. */
const CLOCK_SKEW_MS = 60_000;

const EVENTS = process.env.EVENTS === '1';
const POLLING_MODES: readonly PollingMode[] = ['poll', 'events', 'events-only'];
const POLLING_MODE = (process.env.POLLING_MODE ?? (EVENTS ? 'events' : 'poll')) as PollingMode;
if (!POLLING_MODES.includes(POLLING_MODE)) throw new Error(`POLLING_MODE must be one of ${POLLING_MODES.join(', ')}, got ${JSON.stringify(POLLING_MODE)}`);

const store = createRedisLimitStore({ url: CONNECTION.url, prefix: process.env.LIMIT_PREFIX });
/** Writes the task id → job id index the event route finds jobs by. */
const redis = new Redis(CONNECTION.url);

/**
 * The client's events source: the wake-ups the event route publishes. The client queries a task it
 * follows at once on each; it ignores the rest (tasks other workers follow).
 */
const wakeUpListeners = new Set<(event: TaskEventHint) => void | Promise<void>>();
const subscriber = EVENTS ? new Redis(CONNECTION.url) : undefined;
if (subscriber) {
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const { taskId, status } = JSON.parse(message) as TaskWakeUp;
      if (typeof taskId !== 'string') return;
      for (const listener of wakeUpListeners) void listener({ taskId, status });
    } catch {
      // Not a wake-up: ignored, the fallback polls still run.
    }
  });
  await subscriber.subscribe(EVENT_CHANNEL);
}

const client = new ModelStudioClient({
  rateLimits: { store, leaseMs: LEASE_MS },
  polling: {
    mode: POLLING_MODE,
    ...(POLL_INTERVAL_MS !== undefined && { initialIntervalMs: POLL_INTERVAL_MS, maxIntervalMs: 2 * POLL_INTERVAL_MS }),
    ...(EXPECTED_RUN_TIME_MS !== undefined && { expectedRunTimeMs: EXPECTED_RUN_TIME_MS }),
  },
  ...(EVENTS && {
    events: {
      subscribe(listener: (event: TaskEventHint) => void | Promise<void>) {
        wakeUpListeners.add(listener);
        return () => wakeUpListeners.delete(listener);
      },
    },
  }),
});

/** Lets the event route find the job by its task id. */
async function index(job: Job<VideoJobData>, taskId: string): Promise<void> {
  if (job.id !== undefined) await redis.hset(TASK_INDEX, taskId, job.id);
}

const log = (job: { readonly id?: string | undefined }, message: string) => console.log(`[${WORKER_NAME}] ${job.id ?? '?'}: ${message}`);

/** Starts a new task for the request; the client waits locally for a free slot of its model. */
function submit(item: BatchRequest, options: TaskOptions): VideoTask {
  return client.generate(item.mode, item.request, options);
}

/** The model the request goes to, known without sending anything (the estimate resolves it). */
function modelOf(item: BatchRequest): string {
  return client.estimateCost(item.mode, item.request).model;
}

function promptOf(item: BatchRequest): string | undefined {
  return 'prompt' in item.request && typeof item.request.prompt === 'string' ? item.request.prompt : undefined;
}

/**
 * The task an earlier attempt created but died before writing its id: tasks of the job's model
 * created since its submit began (less the clocks' skew) whose prompt is the job's, up to now.
 * Each task of the model in the window costs a query, taken from the account's 20 a second like
 * any poll; `beforeSubmit` keeps this to jobs whose submit had really begun.
 */
async function findLostTask(job: Job<VideoJobData>, since: Date, signal: AbortSignal | undefined): Promise<string | undefined> {
  const { model } = job.data;
  if (model === undefined) return undefined;
  const prompt = promptOf(job.data);
  // The window runs to now (plus the clocks' skew): the submit may have waited for its turn before leaving.
  const found = await client.tasks.findSubmitted({ model, prompt, submittedAt: since, until: new Date(Date.now() + CLOCK_SKEW_MS) }, { signal });
  const matches = found.filter((task) => task.origPrompt === prompt).map((task) => task.taskId);
  if (matches.length > 1) {
    // Guessing could leave this job with another job's video, and a paid task unclaimed.
    throw new UnrecoverableError(
      `${matches.length} tasks of ${model} created since ${since.toISOString()} have this job's prompt (${matches.join(', ')}), ` +
        'and a worker died before writing which one is this job\'s. Put the right id in the job\'s data as taskId and retry the job.',
    );
  }
  return matches[0];
}

/** The job's task as a worker follows it. */
interface Followed {
  readonly task: VideoTask;
  readonly recovery: Recovery;
  /** Settles once the task's id is in the job's data. */
  readonly idSaved: Promise<void>;
}

/** Starts the job's task, or takes up the one an earlier attempt started; never submits one twice. */
async function startOrResume(job: Job<VideoJobData, VideoJobResult>, signal: AbortSignal | undefined): Promise<Followed> {
  const { data } = job;
  // A task taken over from a dead worker is polled as without events, starting at once: its event
  // may have come and gone while no worker followed it. An event from now on still wakes it.
  const resume = (taskId: string) => client.tasks.wait({ taskId, model: data.model, mode: data.mode }, { signal, polling: { mode: 'poll' } });
  if (data.taskId) {
    log(job, `resuming task ${data.taskId} (${data.model ?? '?'}), submitted by ${data.submittedBy ?? '?'}`);
    await index(job, data.taskId);
    return { task: resume(data.taskId), recovery: 'resumed', idSaved: Promise.resolve() };
  }
  let recovery: Recovery = 'none';
  if (data.submitStartedAt) {
    // An earlier attempt began a submit and wrote no id: it may have died after the service created
    // the task. That task is paid for, so it must be found and followed, not created a second time.
    const found = await findLostTask(job, new Date(data.submitStartedAt), signal);
    if (found) {
      log(job, `found task ${found}, submitted by ${data.submittedBy ?? '?'} whose id was never written; resuming it`);
      await job.updateData({ ...data, taskId: found });
      await index(job, found);
      return { task: resume(found), recovery: 'found', idSaved: Promise.resolve() };
    }
    log(job, `no task was created by the submit ${data.submittedBy ?? '?'} began at ${data.submitStartedAt}; submitting`);
    recovery = 'resubmitted';
  }
  let started: VideoJobData = { ...data, model: modelOf(data) };
  const task = submit(data, {
    signal,
    // Written when the task's turn has come, just before the submit leaves: a worker taking the job
    // up after a crash knows to look, and a job that died still queued locally costs no lookup.
    beforeSubmit: async () => {
      started = { ...started, submitStartedAt: new Date().toISOString(), submittedBy: WORKER_NAME };
      await job.updateData(started);
    },
  });
  // The id goes into the job the moment the service returns it (whenSubmitted resolves with the
  // `submitted` event); a failed submit rejects the task itself, so it is not reported twice.
  const idSaved = task.whenSubmitted().then(
    async ({ taskId }) => {
      await job.updateData({ ...started, taskId });
      await index(job, taskId);
      log(job, `submitted task ${taskId} (${started.model})`);
    },
    () => undefined,
  );
  return { task, recovery, idSaved };
}

/** Set on SIGTERM or SIGINT. */
let stopping = false;

/** Puts the job back at the head of the queue for another worker; its task, if any, runs on. */
async function handBack(job: Job<VideoJobData, VideoJobResult>, token: string): Promise<never> {
  await job.moveToWait(token);
  throw new WaitingError();
}

async function processVideoJob(job: Job<VideoJobData, VideoJobResult>, token: string | undefined, signal: AbortSignal | undefined): Promise<VideoJobResult> {
  // A fetch already under way when the shutdown began can still bring a job.
  if (stopping && token) return handBack(job, token);
  try {
    const { task, recovery, idSaved } = await startOrResume(job, signal);
    const [result] = await Promise.all([task, idSaved]);
    // The job's task is over: a late or repeated event for it wakes nobody.
    await redis.hdel(TASK_INDEX, result.taskId);
    const url = result.videos[0].url;
    const file = OUT_DIR === undefined ? undefined : (await result.videos[0].download(join(OUT_DIR, `${job.id ?? result.taskId}.mp4`), { signal })).path;
    log(job, `done: task ${result.taskId}${file ? `, saved to ${file}` : ''}`);
    return { taskId: result.taskId, url, worker: WORKER_NAME, recovery, ...(file !== undefined && { file }) };
  } catch (error) {
    // Shutting down: hand the job back at once rather than let it wait for the stall check.
    if (signal?.aborted && token) return handBack(job, token);
    // A failed or expired task stays so; retrying would only resume it again.
    if (error instanceof TaskFailedError || error instanceof TaskNotFoundError) throw new UnrecoverableError(error.message);
    // Anything else is retried. A submit whose answer was lost (SubmitOutcomeUnknownError) is one:
    // the retry finds its task by the same lookup as after a crash.
    throw error;
  }
}

const worker = new Worker<VideoJobData, VideoJobResult>(QUEUE_NAME, processVideoJob, {
  connection: CONNECTION,
  name: WORKER_NAME,
  concurrency: numberFromEnv('CONCURRENCY', 25),
  lockDuration: LOCK_DURATION_MS,
  stalledInterval: STALLED_INTERVAL_MS,
});
worker.on('failed', (job, error) => console.error(`[${WORKER_NAME}] ${job?.id ?? '?'} failed: ${error.message}`));
// Without a listener an 'error' event would crash the worker; BullMQ reconnects by itself.
worker.on('error', (error) => console.error(`[${WORKER_NAME}] ${error.message}`));

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  console.log(`[${WORKER_NAME}] ${signal}: handing active jobs back to the queue and stopping`);
  stopping = true;
  const closing = worker.close();
  worker.cancelAllJobs(signal);
  await closing;
  await store.close();
  await subscriber?.quit();
  await redis.quit();
  console.log(`[${WORKER_NAME}] stopped`);
}
process.once('SIGTERM', (signal) => void shutdown(signal));
process.once('SIGINT', (signal) => void shutdown(signal));

await worker.waitUntilReady();
console.log(
  `[${WORKER_NAME}] ready: queue ${QUEUE_NAME}, concurrency ${worker.concurrency}, lock ${LOCK_DURATION_MS} ms, ` +
    `stalled check every ${STALLED_INTERVAL_MS} ms, slot lease ${LEASE_MS} ms, polling ${POLLING_MODE}${EVENTS ? ` with events on ${EVENT_CHANNEL}` : ''}`,
);

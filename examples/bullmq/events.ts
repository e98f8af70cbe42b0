// The event route: the HTTP endpoint an EventBridge target posts Model Studio's task-completion
// events to. For each event it finds the job by its task id (the workers index task id → job id in
// Redis) and publishes a wake-up on a Redis channel; the worker following that task queries it at
// once and completes the job. An event is a hint, a status query is the truth: the route never
// writes a result, so a forged event costs at most one query, and one for a task no job knows
// costs nothing. Run one (or several behind a load balancer: each wake-up reaches every worker).
//
//   REDIS_URL=redis://127.0.0.1:6379 EVENT_SECRET=... node --conditions=modelstudio-video-source examples/bullmq/events.ts
//
// Environment: REDIS_URL, QUEUE (default `videos`), EVENT_SECRET (required: the fixed header
// configured on the EventBridge HTTP target), EVENT_PORT (default 8080; 0 picks a free one),
// EVENT_HOST (default 0.0.0.0).
//
// Workers run with EVENTS=1 to listen (worker.ts); their polls are then only the slow fallback
// for a lost event. A job whose worker died is handed to another worker by BullMQ's stall check,
// which resumes its task by id with one query at once: an event that came while no worker
// followed the task is not needed then.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createTaskEventReceiver } from 'modelstudio-video/events';
import { CONNECTION, EVENT_CHANNEL, QUEUE_NAME, TASK_INDEX, type TaskWakeUp } from './video-job.ts';

const secret = process.env.EVENT_SECRET ?? '';
if (secret === '') throw new Error('EVENT_SECRET must be set: the secret header configured on the EventBridge HTTP target');
const port = Number(process.env.EVENT_PORT ?? 8080);
if (!Number.isInteger(port) || port < 0) throw new Error(`EVENT_PORT must be a port number, got ${process.env.EVENT_PORT}`);

const redis = new Redis(CONNECTION.url);
const receiver = createTaskEventReceiver({ secret });
let wakeUps = 0;
let unknown = 0;
// The receiver answers 2xx only once this settles: if Redis is down the answer is 500 and
// EventBridge retries the delivery.
receiver.subscribe(async (event) => {
  const jobId = await redis.hget(TASK_INDEX, event.taskId);
  if (jobId === null) {
    // Not a task of this queue (another queue's, a finished job's, or forged): nobody to wake.
    unknown += 1;
    console.log(`[events] task ${event.taskId} (${event.status ?? 'no status'}): no job of queue ${QUEUE_NAME} has it`);
    return;
  }
  const wakeUp: TaskWakeUp = { taskId: event.taskId, status: event.status, jobId };
  await redis.publish(EVENT_CHANNEL, JSON.stringify(wakeUp));
  wakeUps += 1;
  console.log(`[events] task ${event.taskId} (${event.status ?? 'no status'}): job ${jobId}, workers told to query it`);
});

const server = createServer((req, res) => void receiver.handleNode(req, res));
server.listen(port, process.env.EVENT_HOST ?? '0.0.0.0');
await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
const { port: bound } = server.address() as AddressInfo;
console.log(`[events] listening on http://127.0.0.1:${bound}/ for queue ${QUEUE_NAME}`);

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  console.log(`[events] ${signal}: stopping`);
  await new Promise((resolve) => server.close(resolve));
  await redis.quit();
  console.log(`[events] stopped after ${wakeUps} wake-ups, ${unknown} events for no job`);
}
process.once('SIGTERM', (signal) => void shutdown(signal));
process.once('SIGINT', (signal) => void shutdown(signal));

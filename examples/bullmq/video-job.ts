// The job shared by producer.ts and worker.ts: one video request, shaped as client.batch takes it,
// plus what the worker writes back into the job while it works. BullMQ keeps the job's data in
// Redis, so whatever a worker writes there survives the worker.
import type { BatchRequest } from 'modelstudio-video';

/** What the producer enqueues, and what a worker adds before and after it submits. */
export type VideoJobData = BatchRequest & {
  /**
   * When a worker was about to submit (ISO 8601). Written before the submit can leave, so that a
   * worker picking the job up after a crash knows a task may exist without an id in the job.
   */
  readonly submitStartedAt?: string;
  /** The worker that submitted: for the logs, and to see a job change hands. */
  readonly submittedBy?: string;
  /** The model the request goes to, resolved before the submit: the lookup and the resume need it. */
  readonly model?: string;
  /** The task's id, written the moment the service returns it. */
  readonly taskId?: string;
};

/** How a worker came by the job's task. */
export type Recovery =
  /** It submitted the task; no earlier attempt had started a submit. */
  | 'none'
  /** An earlier attempt had written the task id: it resumed the task by id. */
  | 'resumed'
  /** An earlier attempt died before writing the id; the lookup found the task it had created. */
  | 'found'
  /** An earlier attempt died before writing the id; the lookup found no task, so it submitted. */
  | 'resubmitted';

/** A completed job's return value. */
export interface VideoJobResult {
  readonly taskId: string;
  /** The signed link, valid 24 hours. */
  readonly url: string;
  /** The worker that finished the job. */
  readonly worker: string;
  readonly recovery: Recovery;
  /** Where the video was saved, when OUT_DIR is set. */
  readonly file?: string;
}

/** The queue's name: QUEUE, else `videos`. */
export const QUEUE_NAME = process.env.QUEUE ?? 'videos';

/** BullMQ's connection: REDIS_URL, else a local Redis. BullMQ requires `maxRetriesPerRequest: null` for workers. */
export const CONNECTION = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null };

/**
 * The Redis channel on which the event route (events.ts) wakes the workers: each message is a
 * {@link TaskWakeUp}. One per queue, so that two queues on one Redis do not wake each other.
 */
export const EVENT_CHANNEL = `${QUEUE_NAME}:task-events`;

/** The Redis hash from task id to job id, written by the workers and read by the event route. */
export const TASK_INDEX = `${QUEUE_NAME}:task-jobs`;

/** What the event route publishes on {@link EVENT_CHANNEL}: a hint to query the task now, never its result. */
export interface TaskWakeUp {
  readonly taskId: string;
  /** The status the event reported, if any: for the logs only. */
  readonly status?: string | undefined;
  /** The job the task belongs to, found by the task id. */
  readonly jobId: string;
}

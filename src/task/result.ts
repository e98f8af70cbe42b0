/**
 * What a task query tells, parsed into typed results (docs/protocol.md §4).
 *
 * @module
 */
import type { TaskCost } from '../cost/actual.ts';
import { parseUsage, type VideoUsage } from '../cost/usage.ts';
import type { ListedTask, TaskAnswer } from '../http/wire.ts';
import { GeneratedVideo, type DownloadObserver } from '../video/generated-video.ts';

/**
 * A task's status. `SUSPENDED` counts as still running; `UNKNOWN` means the id does not exist
 * or expired. Statuses the service may add later pass through as strings and count as running.
 */
export type TaskStatus = 'PENDING' | 'RUNNING' | 'SUSPENDED' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'UNKNOWN';

const TERMINAL: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

/** True for statuses after which a task never changes. */
export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

/**
 * The service's task times are `YYYY-MM-DD HH:mm:ss.SSS` with no zone; both regions report
 * UTC+8 (docs/protocol.md §4, unsure), so that offset is applied. The raw strings are kept too.
 */
const SERVICE_TIME_OFFSET = '+08:00';

/** A service time string as a `Date`, or `undefined` when absent or unreadable. */
export function parseServiceTime(raw: string | undefined): Date | undefined {
  if (!raw) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)$/.exec(raw.trim());
  const date = match ? new Date(`${match[1]}T${match[2]}${SERVICE_TIME_OFFSET}`) : new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `YYYYMMDDhhmmss` in the service's time zone, the list endpoint's time format. */
export function formatListTime(date: Date): string {
  const offsetMs = Number(SERVICE_TIME_OFFSET.slice(0, 3)) * 3_600_000;
  return new Date(date.getTime() + offsetMs).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The model of a listed task. Some answers carry it only at the end of the key's scope, `...:video-synthesis:wan2.6-t2v`. */
export function listedModel(task: ListedTask): string | undefined {
  return task.model_name ?? task.model ?? task.user_api_unique_key?.split(':').at(-1);
}

/** Signed result links live 24 hours (docs/protocol.md §4). */
const VIDEO_URL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** When a signed URL stops working: its `Expires` parameter, else 24 h after the task ended. */
function videoUrlExpiry(url: string, endedAt: Date | undefined, lifetimeMs = VIDEO_URL_LIFETIME_MS): Date | undefined {
  const expires = URL.canParse(url) ? new URL(url).searchParams.get('Expires') : null;
  if (expires && /^\d+$/.test(expires)) return new Date(Number(expires) * 1000);
  return endedAt ? new Date(endedAt.getTime() + lifetimeMs) : undefined;
}

/** Kling's watermarked copy is kept 30 days (docs/protocol.md §10.5). */
const WATERMARKED_URL_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;


/** The raw time strings of a task, as the service sent them. */
export interface TaskTimes {
  /** `submit_time`. */
  readonly submit?: string | undefined;
  /** `scheduled_time`: when it started running. */
  readonly scheduled?: string | undefined;
  /** `end_time`. */
  readonly end?: string | undefined;
}

/** A task as one query sees it. */
export interface TaskSnapshot {
  /** The task id. */
  readonly taskId: string;
  /** The task's status. */
  readonly status: TaskStatus;
  /** The model, when known to this process (the query does not report it). */
  readonly model: string | undefined;
  /** The request id of the query. */
  readonly requestId: string | undefined;
  /** When the task was submitted (service clock). */
  readonly submittedAt: Date | undefined;
  /** When the task started running. */
  readonly scheduledAt: Date | undefined;
  /** When the task ended. */
  readonly endedAt: Date | undefined;
  /** The raw time strings. */
  readonly times: TaskTimes;
  /** The prompt as submitted. */
  readonly origPrompt: string | undefined;
  /** The prompt after the service rewrote it (`promptExtend`); absent for some models. */
  readonly actualPrompt: string | undefined;
  /** The generated videos; empty until `SUCCEEDED`. */
  readonly videos: readonly GeneratedVideo[];
  /** A watermarked copy where the model makes one beside the video (Kling: kept 30 days). */
  readonly watermarkedVideo: GeneratedVideo | undefined;
  /** Usage, once the task ended. */
  readonly usage: VideoUsage | undefined;
  /** The failure code of a `FAILED` task. */
  readonly code: string | undefined;
  /** The failure message of a `FAILED` task. */
  readonly message: string | undefined;
  /**
   * What the task cost, once it ended: from `usage` at the price table's rate (0 when it failed
   * or was canceled; `amount` undefined with a `reason` when no price is known).
   */
  readonly cost: TaskCost | undefined;
}

/** A task that succeeded: the value a task handle resolves to. */
export interface VideoResult extends TaskSnapshot {
  readonly status: 'SUCCEEDED';
  /** At least one video. */
  readonly videos: readonly [GeneratedVideo, ...GeneratedVideo[]];
}

/** Prices a task that ended, from its status and usage. */
export type CostOf = (status: string, usage: VideoUsage | undefined) => TaskCost | undefined;

/** A query answer as a typed snapshot. */
export function toSnapshot(
  answer: TaskAnswer,
  fallbackTaskId: string,
  model: string | undefined,
  fetchImpl: typeof globalThis.fetch,
  costOf: CostOf,
  deadlineAt?: number,
  onDownload?: DownloadObserver,
): TaskSnapshot {
  const usage = parseUsage(answer.usage);
  const output = answer.output;
  const endedAt = parseServiceTime(output.end_time);
  const video = (url: string, lifetimeMs?: number) => new GeneratedVideo(url, videoUrlExpiry(url, endedAt, lifetimeMs), fetchImpl, deadlineAt, onDownload);
  const urls = [output.video_url, output.results?.video_url, ...(Array.isArray(output.video_urls) ? output.video_urls : [])].filter(
    (url): url is string => typeof url === 'string' && url.length > 0,
  );
  return {
    taskId: output.task_id ?? fallbackTaskId,
    status: output.task_status as TaskStatus,
    model,
    requestId: answer.request_id,
    submittedAt: parseServiceTime(output.submit_time),
    scheduledAt: parseServiceTime(output.scheduled_time),
    endedAt,
    times: { submit: output.submit_time, scheduled: output.scheduled_time, end: output.end_time },
    origPrompt: output.orig_prompt,
    actualPrompt: output.actual_prompt,
    videos: [...new Set(urls)].map((url) => video(url)),
    watermarkedVideo: output.watermark_video_url ? video(output.watermark_video_url, WATERMARKED_URL_LIFETIME_MS) : undefined,
    usage,
    code: output.code,
    message: output.message,
    cost: costOf(output.task_status, usage),
  };
}

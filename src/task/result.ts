/**
 * What a task query tells, parsed into typed results (PROTOCOL.md §4).
 *
 * @module
 */
import type { TaskAnswer } from '../transport/wire-responses.ts';
import { GeneratedVideo } from '../video/generated-video.ts';

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
 * UTC+8 (PROTOCOL.md §4, unsure), so that offset is applied. The raw strings are kept too.
 */
export const SERVICE_TIME_OFFSET = '+08:00';

/** A service time string as a `Date`, or `undefined` when absent or unreadable. */
export function parseServiceTime(raw: string | undefined): Date | undefined {
  if (!raw) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)$/.exec(raw.trim());
  const date = match ? new Date(`${match[1]}T${match[2]}${SERVICE_TIME_OFFSET}`) : new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Signed result links live 24 hours (PROTOCOL.md §4). */
const VIDEO_URL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** When a signed URL stops working: its `Expires` parameter, else 24 h after the task ended. */
function videoUrlExpiry(url: string, endedAt: Date | undefined): Date | undefined {
  const expires = URL.canParse(url) ? new URL(url).searchParams.get('Expires') : null;
  if (expires && /^\d+$/.test(expires)) return new Date(Number(expires) * 1000);
  return endedAt ? new Date(endedAt.getTime() + VIDEO_URL_LIFETIME_MS) : undefined;
}

/**
 * What the service billed and measured. Fields differ by model and may be floats; the known ones
 * are typed, and `raw` keeps every field as the service sent it.
 */
export interface VideoUsage {
  /** Billed seconds of output video. */
  readonly duration?: number | undefined;
  /** Seconds of output video. */
  readonly outputVideoDuration?: number | undefined;
  /** Seconds of input video (reference to video). */
  readonly inputVideoDuration?: number | undefined;
  /** Videos produced. */
  readonly videoCount?: number | undefined;
  /** Output resolution as a line count (`720`, `1080`). */
  readonly sr?: number | undefined;
  /** Older field for the video's length. */
  readonly videoDuration?: number | undefined;
  /** Older field for the aspect ratio. */
  readonly videoRatio?: string | undefined;
  /** Every usage field as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

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
  /** Usage, once the task ended. */
  readonly usage: VideoUsage | undefined;
  /** The failure code of a `FAILED` task. */
  readonly code: string | undefined;
  /** The failure message of a `FAILED` task. */
  readonly message: string | undefined;
}

/** A task that succeeded: the value a task handle resolves to. */
export interface VideoResult extends TaskSnapshot {
  readonly status: 'SUCCEEDED';
  /** At least one video. */
  readonly videos: readonly [GeneratedVideo, ...GeneratedVideo[]];
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
}

function parseUsage(raw: Record<string, unknown> | undefined): VideoUsage | undefined {
  if (!raw) return undefined;
  return {
    duration: num(raw.duration),
    outputVideoDuration: num(raw.output_video_duration),
    inputVideoDuration: num(raw.input_video_duration),
    videoCount: num(raw.video_count),
    sr: num(raw.SR),
    videoDuration: num(raw.video_duration),
    videoRatio: typeof raw.video_ratio === 'string' ? raw.video_ratio : undefined,
    raw,
  };
}

/** A query answer as a typed snapshot. */
export function toSnapshot(
  answer: TaskAnswer,
  fallbackTaskId: string,
  model: string | undefined,
  fetchImpl: typeof globalThis.fetch,
): TaskSnapshot {
  const output = answer.output;
  const endedAt = parseServiceTime(output.end_time);
  const urls = [output.video_url, ...(Array.isArray(output.video_urls) ? output.video_urls : [])].filter(
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
    videos: [...new Set(urls)].map((url) => new GeneratedVideo(url, videoUrlExpiry(url, endedAt), fetchImpl)),
    usage: parseUsage(answer.usage),
    code: output.code,
    message: output.message,
  };
}

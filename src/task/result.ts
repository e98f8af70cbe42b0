/**
 * What a task query tells, parsed into typed results (docs/protocol.md §4).
 *
 * @module
 */
import type { TaskCost } from '../cost/actual.ts';
import type { ListedTask, TaskAnswer } from '../transport/wire-responses.ts';
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
function videoUrlExpiry(url: string, endedAt: Date | undefined): Date | undefined {
  const expires = URL.canParse(url) ? new URL(url).searchParams.get('Expires') : null;
  if (expires && /^\d+$/.test(expires)) return new Date(Number(expires) * 1000);
  return endedAt ? new Date(endedAt.getTime() + VIDEO_URL_LIFETIME_MS) : undefined;
}

/**
 * What the service billed and measured (docs/protocol.md §9.5). Fields differ by model generation
 * and may be floats; the known ones are typed, `inputSeconds` and `outputSeconds` are derived where
 * the fields allow, and `raw` keeps every field as the service sent it.
 */
export interface VideoUsage {
  /** Billed seconds (wan2.2 on: output seconds; wan2.6 on: input + output seconds). */
  readonly duration?: number | undefined;
  /** Seconds of output video (wan2.6 on). */
  readonly outputVideoDuration?: number | undefined;
  /** Seconds of input video (reference videos, an edited video). */
  readonly inputVideoDuration?: number | undefined;
  /** Videos produced. */
  readonly videoCount?: number | undefined;
  /** Output resolution as a line count (`480`, `720`, `1080`). */
  readonly sr?: number | undefined;
  /** The output size `W*H` (wan2.6 text to video). */
  readonly size?: string | undefined;
  /** Whether sound was generated (wan2.6 flash, which bills it). */
  readonly audio?: boolean | undefined;
  /** The output aspect ratio (wan2.7, wan3.0). */
  readonly ratio?: string | undefined;
  /** Frames per second (wan2.7, wan3.0). */
  readonly fps?: number | undefined;
  /** wan2.1's field for the video's length. */
  readonly videoDuration?: number | undefined;
  /** wan2.1's field for the aspect ratio or size. */
  readonly videoRatio?: string | undefined;
  /** Seconds of output video, from whichever field the generation reports. */
  readonly outputSeconds?: number | undefined;
  /** Seconds of input video billed (0 when the generation reports output only). */
  readonly inputSeconds?: number | undefined;
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

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function parseUsage(raw: Record<string, unknown> | undefined): VideoUsage | undefined {
  if (!raw) return undefined;
  const duration = num(raw.duration);
  const outputVideoDuration = num(raw.output_video_duration);
  const inputVideoDuration = num(raw.input_video_duration);
  const videoDuration = num(raw.video_duration);
  // wan2.6 on: duration = input + output; wan2.2/2.5: duration is the output; wan2.1: video_duration.
  const outputSeconds = outputVideoDuration ?? videoDuration ?? (inputVideoDuration === undefined ? duration : undefined) ??
    (duration !== undefined && inputVideoDuration !== undefined ? duration - inputVideoDuration : undefined);
  const inputSeconds = inputVideoDuration ?? (duration !== undefined && outputVideoDuration !== undefined ? Math.max(0, duration - outputVideoDuration) : outputSeconds !== undefined ? 0 : undefined);
  return {
    duration,
    outputVideoDuration,
    inputVideoDuration,
    videoCount: num(raw.video_count),
    sr: num(raw.SR),
    size: text(raw.size),
    audio: typeof raw.audio === 'boolean' ? raw.audio : undefined,
    ratio: text(raw.ratio),
    fps: num(raw.fps),
    videoDuration,
    videoRatio: text(raw.video_ratio),
    outputSeconds,
    inputSeconds,
    raw,
  };
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
    videos: [...new Set(urls)].map((url) => new GeneratedVideo(url, videoUrlExpiry(url, endedAt), fetchImpl, deadlineAt, onDownload)),
    usage,
    code: output.code,
    message: output.message,
    cost: costOf(output.task_status, usage),
  };
}

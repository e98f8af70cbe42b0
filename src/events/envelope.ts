/**
 * Task-completion events as EventBridge delivers them to an HTTP target: a CloudEvents 1.0 JSON
 * envelope (structured mode) whose `data` names the task. What Model Studio puts in `data` could
 * not be confirmed from a public page (docs/protocol.md §10.6), so the extractor reads every place
 * a task id and status plausibly are, and says which it used. An event is only a hint: the SDK
 * queries the task before believing anything, so a wrong guess here costs one query, never a
 * wrong result.
 *
 * @module
 */

/** A CloudEvents 1.0 envelope, with EventBridge's `aliyun*` extension attributes. */
export interface CloudEvent {
  /** `1.0`. */
  readonly specversion: string;
  /** Unique per event from one source: a duplicate delivery repeats it. */
  readonly id: string;
  /** Who sent it, such as `acs.dashscope` (assumed). */
  readonly source: string;
  /** What happened, such as `dashscope:System:TaskCompleted` (assumed). */
  readonly type: string;
  /** What it is about; may name the task. */
  readonly subject?: string | undefined;
  /** When it happened (RFC 3339). */
  readonly time?: string | undefined;
  /** `application/json`. */
  readonly datacontenttype?: string | undefined;
  /** The payload. */
  readonly data?: unknown;
  /** EventBridge extension attributes (`aliyunaccountid`, `aliyunregionid`, `aliyunpublishtime`, ...). */
  readonly [extension: `aliyun${string}`]: unknown;
}

/** The statuses an event may report. */
export type EventTaskStatus = 'PENDING' | 'RUNNING' | 'SUSPENDED' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'UNKNOWN';

/** What an event says about a task: a hint to query it. */
export interface TaskEvent {
  /** The task. */
  readonly taskId: string;
  /** The status it reports, when it reports one the SDK knows. */
  readonly status: EventTaskStatus | undefined;
  /** The event's id, to drop a duplicate delivery. */
  readonly eventId: string;
  /** When the event says it happened, when it says so. */
  readonly time: Date | undefined;
  /** Where in the envelope the task id was found, such as `data.task_id`: what the extractor relied on. */
  readonly foundAt: string;
}

/** Why a body is not a task event. */
export interface NotATaskEvent {
  /** What is wrong, in one sentence. */
  readonly problem: string;
}

/**
 * Where the extractor looks for the task id, in order. `data.task_id` and `data.output.task_id`
 * follow the task API's own field names (docs/protocol.md §4); the rest are assumptions about the
 * event's shape, kept so that a different layout still finds the id.
 */
export const TASK_ID_PATHS: readonly string[] = [
  'data.task_id', 'data.output.task_id', 'data.taskId', 'data.TaskId', 'data.task.id', 'data.id', 'subject',
];

/** Where the extractor looks for the status, in order (the task API's names first). */
export const TASK_STATUS_PATHS: readonly string[] = ['data.task_status', 'data.output.task_status', 'data.taskStatus', 'data.status', 'data.task.status'];

const STATUSES: readonly EventTaskStatus[] = ['PENDING', 'RUNNING', 'SUSPENDED', 'SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN'];

/** A task id as the service writes them: letters, digits and hyphens (a UUID today). */
const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9-]{7,127}$/;

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The task id in a `subject` such as `acs:dashscope:cn-beijing:123:task/<id>` or the id alone. */
function idInSubject(subject: string): string | undefined {
  const last = subject.split(/[/:]/).at(-1) ?? '';
  return TASK_ID.test(last) ? last : undefined;
}

/** What `body` (parsed JSON) says about a task, or why it is not a task event. */
export function extractTaskEvent(body: unknown): TaskEvent | NotATaskEvent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'the body is not a JSON object (a CloudEvents envelope)' };
  const envelope = body as Partial<CloudEvent>;
  if (typeof envelope.id !== 'string' || envelope.id === '') return { problem: 'the envelope has no id (CloudEvents requires one)' };
  for (const path of TASK_ID_PATHS) {
    const value = at(body, path);
    const taskId = typeof value === 'string' ? (path === 'subject' ? idInSubject(value) : TASK_ID.test(value) ? value : undefined) : undefined;
    if (taskId === undefined) continue;
    const status = TASK_STATUS_PATHS.map((statusPath) => at(body, statusPath)).find((candidate): candidate is EventTaskStatus =>
      typeof candidate === 'string' && (STATUSES as readonly string[]).includes(candidate));
    const time = typeof envelope.time === 'string' && !Number.isNaN(Date.parse(envelope.time)) ? new Date(envelope.time) : undefined;
    return { taskId, status, eventId: envelope.id, time, foundAt: path };
  }
  return { problem: `no task id in the event (looked at ${TASK_ID_PATHS.join(', ')})` };
}

/** Whether `value` is a task event rather than a problem. */
export function isTaskEvent(value: TaskEvent | NotATaskEvent): value is TaskEvent {
  return 'taskId' in value;
}

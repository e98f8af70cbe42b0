/**
 * The task endpoints: query, cancel and list (docs/protocol.md §2, §4).
 *
 * @module
 */
import { ruleOf } from '../rulebook/models.ts';
import { usageFor } from '../rulebook/usage.ts';
import { endedAt, startedAt, statusAt, type SimulatedTask, type TaskStore } from '../task-store.ts';
import { json, newId, parseListTime, serviceError, serviceTime } from '../wire.ts';

/** Result links live 24 hours. */
const VIDEO_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** The signature the simulator puts on result links and checks when serving them. */
export function linkSignature(taskId: string, expires: number): string {
  let hash = 2166136261;
  for (const char of `${taskId}:${expires}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The signed result link of a task that ended at `end`. */
function videoLink(origin: string, taskId: string, end: number): string {
  const expires = Math.floor((end + VIDEO_LINK_TTL_MS) / 1000);
  return `${origin}/videos/${taskId}.mp4?Expires=${expires}&OSSAccessKeyId=SIMULATOR&Signature=${linkSignature(taskId, expires)}`;
}

/**
 * `usage` in the shape of the model's generation (docs/protocol.md §9.5), from the simulator's
 * rulebook: wan2.1 `video_duration`, `video_ratio`; wan2.2/2.5 `duration`, `SR`; wan2.6 adds input
 * and output seconds, `size` and `audio`; wan2.7 and wan3.0 add `ratio` and `fps`. `duration` is
 * what is billed: output seconds, plus input video seconds where the model bills them.
 */
export function usageOf(task: SimulatedTask): Record<string, unknown> {
  return usageFor(task.model, task.body);
}

/** Seconds the service bills for a task that succeeded: `duration`, or wan2.1's `video_duration`. */
export function billedSeconds(task: SimulatedTask): number {
  const usage = usageOf(task);
  const seconds = usage.duration ?? usage.video_duration;
  return typeof seconds === 'number' ? seconds : 0;
}

/** What the service says about one task now. */
export function taskAnswer(store: TaskStore, taskId: string, now: number, origin: string): Response {
  const task = store.live(taskId);
  if (!task) return json({ request_id: newId(), output: { task_id: taskId, task_status: 'UNKNOWN' } });
  const status = statusAt(task, now);
  const input = (task.body.input ?? {}) as Record<string, unknown>;
  const parameters = (task.body.parameters ?? {}) as Record<string, unknown>;
  const started = startedAt(task);
  const end = endedAt(task, now);
  const prompt = typeof input.prompt === 'string' ? input.prompt : undefined;
  const rule = ruleOf(task.model);
  // Models that take prompt_extend rewrite the prompt unless told not to (docs/protocol.md §3.1).
  const rewrites = rule !== undefined && Object.hasOwn(rule.fields.parameters, 'prompt_extend') && parameters.prompt_extend !== false;
  const output: Record<string, unknown> = {
    task_id: task.taskId,
    task_status: status,
    submit_time: serviceTime(task.createdAt),
    ...(started !== undefined && started <= now && { scheduled_time: serviceTime(started) }),
    ...(end !== undefined && { end_time: serviceTime(end) }),
    ...(prompt !== undefined && { orig_prompt: prompt }),
  };
  if (status === 'SUCCEEDED' && end !== undefined) {
    if (prompt !== undefined && rewrites) output.actual_prompt = `${prompt} Cinematic lighting, smooth camera motion, rich detail.`;
    const link = videoLink(origin, task.taskId, end);
    // Character animation and talking heads answer under output.results (docs/protocol.md §10.4).
    if (rule?.result.at === 'results.video_url') output.results = { video_url: link };
    else output.video_url = link;
    // Kling also keeps a watermarked copy, 30 days (docs/protocol.md §10.5).
    if (rule?.result.watermarkedCopy) output.watermark_video_url = `${link}&watermark=1`;
    return json({ request_id: newId(), output, usage: usageOf(task) });
  }
  if (status === 'FAILED' && task.failure) {
    output.code = task.failure.code;
    output.message = task.failure.message;
  }
  return json({ request_id: newId(), output });
}

/** Cancels a task while it is `PENDING`; anything later is refused like the service does. */
export function cancelTask(store: TaskStore, taskId: string, now: number): Response {
  const task = store.live(taskId);
  if (!task) return serviceError(400, 'InvalidParameter', `The task does not exist: ${taskId}`);
  if (statusAt(task, now) !== 'PENDING') {
    return serviceError(400, 'UnsupportedOperation', 'Failed to cancel the task, please confirm if the task is in PENDING status.');
  }
  task.canceledAt = now;
  return json({ request_id: newId() });
}

/** One page of the task list, newest first, filtered as the query says. */
export function listTasks(store: TaskStore, query: URLSearchParams, now: number): Response {
  const pageNo = Math.max(1, Number(query.get('page_no') ?? 1) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.get('page_size') ?? 10) || 10));
  const status = query.get('status') || undefined;
  const model = query.get('model_name') || undefined;
  const start = parseListTime(query.get('start_time'));
  const end = parseListTime(query.get('end_time'));
  const matching = store
    .all()
    .filter((task) => store.live(task.taskId))
    .filter((task) => (model ? task.model === model : true))
    .filter((task) => (status ? statusAt(task, now) === status : true))
    // The list's times have second precision: compare on whole seconds.
    .filter((task) => (start !== undefined ? Math.floor(task.createdAt / 1000) * 1000 >= start : true))
    .filter((task) => (end !== undefined ? Math.floor(task.createdAt / 1000) * 1000 <= end : true))
    .reverse();
  const page = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  return json({
    request_id: newId(),
    total: matching.length,
    total_page: Math.ceil(matching.length / pageSize),
    page_no: pageNo,
    page_size: pageSize,
    data: page.map((task) => {
      const ended = endedAt(task, now);
      return {
        task_id: task.taskId,
        status: statusAt(task, now),
        model_name: task.model,
        user_api_unique_key: `apikey:v1:aigc:video-generation:video-synthesis:${task.model}`,
        start_time: serviceTime(task.createdAt),
        ...(ended !== undefined && { end_time: serviceTime(ended) }),
        request_id: task.requestId,
      };
    }),
  });
}

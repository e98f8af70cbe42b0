/**
 * What the video tools return: plain JSON (no class instances, ISO date strings, never the API
 * key) that a model can read and act on, built from the SDK's results and errors.
 *
 * @module
 */
import type { TaskCost } from '../cost/actual.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import {
  APIError, AbortError, AuthenticationError, BadRequestError, BudgetError, ConnectionError, InternalServerError, PermissionDeniedError,
  RateLimitError, SubmitOutcomeUnknownError, TaskCanceledError, TaskFailedError, TaskNotFoundError, TimeoutError,
  ValidationError, type ModelStudioError, type ValidationIssue,
} from '../core/errors.ts';
import type { TaskSnapshot, TaskStatus } from '../task/result.ts';

/**
 * A generated video in a tool result.
 *
 * @example
 * ```ts
 * import type { VideoToolVideo } from 'modelstudio-video/tools';
 *
 * const video: VideoToolVideo = { url: 'https://example.com/v.mp4?Expires=1900000000', expiresAt: '2030-03-17T17:46:40.000Z' };
 * console.log(`${video.url} (valid until ${video.expiresAt ?? 'unknown'})`);
 * ```
 */
export interface VideoToolVideo {
  /** The signed link to the MP4. */
  readonly url: string;
  /** When the link stops working, ISO 8601; `null` when unknown. Links live 24 hours. */
  readonly expiresAt: string | null;
}

/**
 * What the service billed and measured, with names a model reads right. Fields the service did not
 * send are left out.
 *
 * @example
 * ```ts
 * import type { VideoToolUsage } from 'modelstudio-video/tools';
 *
 * // A reference-to-video task: 5 s of output plus 5 s of reference video.
 * const usage: VideoToolUsage = { billedSeconds: 10, outputVideoSeconds: 5, inputVideoSeconds: 5, videoCount: 1 };
 * console.log(usage.billedSeconds);
 * ```
 */
export interface VideoToolUsage {
  /** Billed seconds: the output video, plus input reference videos for reference models (the service's `duration`). */
  readonly billedSeconds?: number;
  /** Seconds of generated video. */
  readonly outputVideoSeconds?: number;
  /** Seconds of input reference video. */
  readonly inputVideoSeconds?: number;
  /** Videos generated. */
  readonly videoCount?: number;
}

/**
 * What a call was estimated to cost before it was sent, in the currency of the client's region:
 * `amount` is the upper bound (`low`..`high` when the bill depends on what only the task knows,
 * such as the length of an input video given as a URL). `amount: null` with a `reason` when no
 * price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolCostEstimate } from 'modelstudio-video/tools';
 *
 * const estimate: VideoToolCostEstimate = { amount: 0.5, low: 0.5, high: 0.5, currency: 'USD', basis: '5 s × 0.1 USD/s at 720P; ...' };
 * console.log(estimate.amount === null ? estimate.reason : `${estimate.amount} ${estimate.currency}`);
 * ```
 */
export type VideoToolCostEstimate = VideoToolPricedEstimate | VideoToolUnpriced;

/**
 * A call's estimate when its price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolPricedEstimate } from 'modelstudio-video/tools';
 *
 * const estimate: VideoToolPricedEstimate = { amount: 3.5, low: 0.6, high: 3.5, currency: 'USD', basis: '6–35 s (with input video) × 0.1 USD/s at 720P; ...' };
 * console.log(`${estimate.low}–${estimate.high} ${estimate.currency}`);
 * ```
 */
export interface VideoToolPricedEstimate {
  /** The estimate: the upper bound when uncertain. Budgets compare it. */
  readonly amount: number;
  /** The lowest it can come to. */
  readonly low: number;
  /** The highest it can come to. */
  readonly high: number;
  /** The currency: USD in intl and us, CNY in cn. */
  readonly currency: string;
  /** How it was made: billed seconds, rate, resolution, the price's source and date. */
  readonly basis: string;
}

/**
 * An estimate or cost with no known price.
 *
 * @example
 * ```ts
 * import type { VideoToolUnpriced } from 'modelstudio-video/tools';
 *
 * const unpriced: VideoToolUnpriced = { amount: null, reason: 'no us price is known for wan2.6-t2v-us; pass it in the prices option' };
 * console.log(unpriced.reason);
 * ```
 */
export interface VideoToolUnpriced {
  /** `null`: no price is known. */
  readonly amount: null;
  /** For a task's cost: the seconds billed, when the service said. */
  readonly seconds?: number;
  /** Why there is no price. */
  readonly reason: string;
}

/**
 * What a task that ended cost, from the seconds the service billed: `amount` 0 for a failed or
 * canceled task, `null` with a `reason` when no price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolCost } from 'modelstudio-video/tools';
 *
 * const cost: VideoToolCost = { amount: 0.5, currency: 'USD', seconds: 5 };
 * console.log(cost.amount === null ? cost.reason : `${cost.amount} ${cost.currency ?? ''}`);
 * ```
 */
export type VideoToolCost = VideoToolPricedCost | VideoToolUnpriced;

/**
 * A task's cost when its price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolPricedCost } from 'modelstudio-video/tools';
 *
 * const cost: VideoToolPricedCost = { amount: 0, currency: 'USD', seconds: 0 }; // a failed task
 * console.log(cost.amount);
 * ```
 */
export interface VideoToolPricedCost {
  /** The amount billed: 0 for a failed or canceled task. */
  readonly amount: number;
  /** The currency, when known: USD in intl and us, CNY in cn. */
  readonly currency?: string;
  /** The seconds billed, when the service said. */
  readonly seconds?: number;
}

/** An estimate as compact JSON. */
function estimateJson(estimate: CostEstimate): VideoToolCostEstimate {
  const { amount, low, high, currency, basis } = estimate;
  if (amount === undefined || currency === undefined) return { amount: null, reason: estimate.reason ?? basis };
  return { amount, low: low ?? amount, high: high ?? amount, currency, basis };
}

/** A task's cost as compact JSON. */
function costJson(cost: TaskCost): VideoToolCost {
  const { amount, currency, seconds } = cost;
  if (amount === undefined) return { amount: null, ...(seconds !== undefined && { seconds }), reason: cost.reason ?? cost.basis };
  return { amount, ...(currency !== undefined && { currency }), ...(seconds !== undefined && { seconds }) };
}

/** What a result says of cost: the estimate made before the call was sent, and what the task cost. */
interface CostFields {
  readonly estimatedCost?: CostEstimate | undefined;
  readonly cost?: TaskCost | undefined;
}

function costFields({ estimatedCost, cost }: CostFields): { estimatedCost?: VideoToolCostEstimate; cost?: VideoToolCost } {
  return { ...(estimatedCost && { estimatedCost: estimateJson(estimatedCost) }), ...(cost && { cost: costJson(cost) }) };
}

/** The statuses of a task that is not finished. */
type RunningStatus = VideoToolPending['status'];

/** `status` when it is one of a task not finished, else `PENDING` (the status before any answer). */
export function runningStatus(status: TaskStatus | undefined): RunningStatus {
  return status === 'RUNNING' || status === 'SUSPENDED' ? status : 'PENDING';
}

/** The task succeeded: its videos.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolSuccess } from 'modelstudio-video/tools';
 *
 * const [textToVideo] = createVideoTools(new ModelStudioClient());
 * const result = await textToVideo.execute({ prompt: 'A fox in snow' });
 * if (result.ok && result.status === 'SUCCEEDED') {
 *   const done: VideoToolSuccess = result;
 *   console.log(done.videos[0]?.url, done.usage?.billedSeconds);
 * }
 * ```
 */
export interface VideoToolSuccess {
  /** `true`: the call worked. */
  readonly ok: true;
  /** The task id. */
  readonly taskId: string;
  /** The model, when known. */
  readonly model?: string;
  /** `SUCCEEDED`. */
  readonly status: 'SUCCEEDED';
  /** At least one video. */
  readonly videos: readonly VideoToolVideo[];
  /** What was billed, when the service said. */
  readonly usage?: VideoToolUsage;
  /** The estimate made before the call was sent (mode tools). */
  readonly estimatedCost?: VideoToolCostEstimate;
  /** What the task cost, from the billed seconds; absent when the model of the task is unknown here. */
  readonly cost?: VideoToolCost;
  /** The prompt after the service rewrote it, when it did. */
  readonly actualPrompt?: string;
}

/** The task exists and is not finished: follow it with `get_video_task`.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolPending } from 'modelstudio-video/tools';
 *
 * const [textToVideo] = createVideoTools(new ModelStudioClient(), { wait: false });
 * const result = await textToVideo.execute({ prompt: 'A fox in snow' });
 * if (result.ok && 'next' in result) {
 *   const pending: VideoToolPending = result;
 *   console.log(pending.taskId, pending.next);
 * }
 * ```
 */
export interface VideoToolPending {
  /** `true`: the call worked. */
  readonly ok: true;
  /** The task id: pass it to `get_video_task` as `task_id`. */
  readonly taskId: string;
  /** The model, when known. */
  readonly model?: string;
  /** `PENDING`, `RUNNING` or `SUSPENDED` (which the service uses for a paused task). */
  readonly status: 'PENDING' | 'RUNNING' | 'SUSPENDED';
  /** The estimate made before the call was sent (mode tools). */
  readonly estimatedCost?: VideoToolCostEstimate;
  /** What the model should do next. */
  readonly next: string;
}

/** What went wrong, for a model to read.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolError } from 'modelstudio-video/tools';
 *
 * const [textToVideo] = createVideoTools(new ModelStudioClient());
 * const result = await textToVideo.execute({ prompt: 'A fox', duration: 20 });
 * if (!result.ok) {
 *   const error: VideoToolError = result.error;
 *   console.log(error.type, error.issues); // ValidationError [{ path: 'duration', message: '20 is above the maximum of 15 ...' }]
 * }
 * ```
 */
export interface VideoToolError {
  /** The SDK's error class, such as `ValidationError` or `TaskFailedError`. */
  readonly type: string;
  /** What happened and what to do. */
  readonly message: string;
  /** The service's code, such as `DataInspectionFailed`, when there is one. */
  readonly code?: string;
  /** For a `ValidationError`: every problem of the arguments, by path. */
  readonly issues?: readonly ValidationIssue[];
  /** For a `BudgetError`: the estimate of the call refused; `null` when it cannot be priced. */
  readonly estimate?: number | null;
  /** For a `BudgetError`: the limit it was checked against. */
  readonly limit?: number;
  /** For a `BudgetError`: the currency of `estimate` and `limit`. */
  readonly currency?: string;
}

/** The call did not produce a video: bad arguments (nothing sent, nothing billed), or a failed task.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolFailure } from 'modelstudio-video/tools';
 *
 * const [textToVideo] = createVideoTools(new ModelStudioClient());
 * const result = await textToVideo.execute({ prompt: 'A fox', extraParameters: { x: 1 } });
 * if (!result.ok) {
 *   const failure: VideoToolFailure = result;
 *   console.log(failure.error.message, failure.next);
 * }
 * ```
 */
export interface VideoToolFailure {
  /** `false`. */
  readonly ok: false;
  /** The task, when one was created. */
  readonly taskId?: string;
  /** The task's last status, when one was created. */
  readonly status?: TaskStatus;
  /** What went wrong. */
  readonly error: VideoToolError;
  /** The estimate made before the call, when the call got that far (mode tools). */
  readonly estimatedCost?: VideoToolCostEstimate;
  /** What the task cost (0 for a failed or canceled task), when one ended. */
  readonly cost?: VideoToolCost;
  /** What the model should do next. */
  readonly next: string;
}

/**
 * The result of every video tool: a success with videos, a task still running, or a failure. Plain
 * JSON: pass it to `JSON.stringify` as the tool's output.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolResult } from 'modelstudio-video/tools';
 *
 * const [, , , , getVideoTask] = createVideoTools(new ModelStudioClient());
 * const result: VideoToolResult = await getVideoTask.execute({ task_id: '0385dc79-5ff8-4d82-bcb6-000000000000' });
 * if (!result.ok) console.log(result.error.type, result.next);
 * else if (result.status === 'SUCCEEDED') console.log(result.videos[0]?.url);
 * else console.log(`still ${result.status}`);
 * ```
 */
export type VideoToolResult = VideoToolSuccess | VideoToolPending | VideoToolFailure;

/** What the model is told when a task is still running. */
const POLL_NEXT = 'Call get_video_task with this task_id in 15–30 s, and again until the status is SUCCEEDED or FAILED.';

function usageOf(snapshot: TaskSnapshot): VideoToolUsage | undefined {
  const usage = snapshot.usage;
  if (!usage) return undefined;
  const output = usage.outputVideoDuration ?? usage.videoDuration;
  return {
    ...(usage.duration !== undefined && { billedSeconds: usage.duration }),
    ...(output !== undefined && { outputVideoSeconds: output }),
    ...(usage.inputVideoDuration !== undefined && { inputVideoSeconds: usage.inputVideoDuration }),
    ...(usage.videoCount !== undefined && { videoCount: usage.videoCount }),
  };
}

/**
 * The snapshot's cost, unless it says only that the model is unknown (a task looked up by id that
 * this tool set did not start): that tells a model nothing.
 */
function knownCost(snapshot: TaskSnapshot): TaskCost | undefined {
  return snapshot.model === undefined && snapshot.cost?.amount === undefined ? undefined : snapshot.cost;
}

/** A succeeded task with at least one video, as a tool result; `estimatedCost` when a mode tool started it. */
export function successResult(snapshot: TaskSnapshot, estimatedCost?: CostEstimate): VideoToolSuccess {
  const usage = usageOf(snapshot);
  return {
    ok: true,
    taskId: snapshot.taskId,
    ...(snapshot.model !== undefined && { model: snapshot.model }),
    status: 'SUCCEEDED',
    videos: snapshot.videos.map((video) => ({ url: video.url, expiresAt: video.expiresAt?.toISOString() ?? null })),
    ...(usage && { usage }),
    ...costFields({ estimatedCost, cost: knownCost(snapshot) }),
    ...(snapshot.actualPrompt !== undefined && snapshot.actualPrompt !== snapshot.origPrompt && { actualPrompt: snapshot.actualPrompt }),
  };
}

/** A task that is not finished, as a tool result; `estimatedCost` when a mode tool started it. */
export function pendingResult(taskId: string, model: string | undefined, status: RunningStatus, estimatedCost?: CostEstimate): VideoToolPending {
  return { ok: true, taskId, ...(model !== undefined && model !== '' && { model }), status, ...costFields({ estimatedCost }), next: POLL_NEXT };
}

/** What to do after each kind of error. */
function nextAfter(error: ModelStudioError): string {
  if (error instanceof ValidationError) return 'Fix the arguments named in error.issues and call again. Nothing was sent and nothing was billed.';
  if (error instanceof BudgetError) {
    return error.estimate === undefined
      ? 'Nothing was sent or billed. Try another model, one with a known price, or tell the user that this call cannot be priced.'
      : 'Nothing was sent or billed. Call again for less (a lower resolution, a shorter duration or a cheaper model), or tell the user the cost limit does not allow it.';
  }
  if (error instanceof TaskNotFoundError) return 'Check the task_id: the service does not know it (a wrong id, or a task older than 24 hours).';
  if (error instanceof TaskFailedError) {
    return error.code === 'DataInspectionFailed'
      ? 'Content moderation rejected the prompt or an input: change them before trying again (a new call starts a new paid task).'
      : 'The task failed on the service. You may change the request and call again; a new call starts a new paid task.';
  }
  if (error instanceof TaskCanceledError) return 'The task was canceled. Start a new one only if the user still wants the video.';
  if (error instanceof SubmitOutcomeUnknownError) {
    return 'A task may have been created and billed although its answer was lost: do not repeat the request now; tell the user.';
  }
  if (error instanceof RateLimitError) return 'The service is busy: wait a minute, then call again.';
  if (error instanceof InternalServerError || error instanceof ConnectionError || error instanceof TimeoutError) {
    return 'A temporary problem reaching the service: try again in a minute.';
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return 'The application is not allowed to use this service or model: tell the user; retrying will not help.';
  }
  if (error instanceof BadRequestError || error instanceof APIError) return 'The service refused the request: read the message, and change the request or tell the user.';
  if (error instanceof AbortError) return 'The call was stopped before it finished.';
  return 'Tell the user what happened.';
}

/** The status a failed task ended with, from the error. */
function statusOf(error: ModelStudioError): TaskStatus | undefined {
  if (error instanceof TaskNotFoundError) return 'UNKNOWN';
  if (error instanceof TaskFailedError) return 'FAILED';
  if (error instanceof TaskCanceledError) return 'CANCELED';
  return undefined;
}

/** What a failure result is told besides its error. */
interface FailureFacts extends CostFields {
  readonly taskId?: string | undefined;
  readonly status?: TaskStatus | undefined;
  /** What the model should do next, instead of what the error's kind suggests. */
  readonly next?: string | undefined;
}

/** An SDK error as a tool result. `known` fills in what the error does not carry. */
export function failureResult(error: ModelStudioError, known: FailureFacts = {}): VideoToolFailure {
  const fromError = (error as { taskId?: unknown }).taskId;
  const taskId = typeof fromError === 'string' && fromError !== '' ? fromError : known.taskId;
  const status = known.status ?? statusOf(error);
  const code = (error as { code?: unknown }).code;
  return {
    ok: false,
    ...(taskId !== undefined && { taskId }),
    ...(taskId !== undefined && status !== undefined && { status }),
    error: {
      type: error.name,
      message: error.message,
      ...(typeof code === 'string' && { code }),
      ...(error instanceof ValidationError && { issues: error.issues.map(({ path, message }) => ({ path, message })) }),
      ...(error instanceof BudgetError && {
        estimate: error.estimate ?? null,
        limit: error.limit,
        ...(error.currency !== undefined && { currency: error.currency }),
      }),
    },
    ...costFields(known),
    next: known.next ?? nextAfter(error),
  };
}

/** A snapshot of any status as a tool result: videos when done, the error when it ended badly. */
export function snapshotResult(snapshot: TaskSnapshot): VideoToolResult {
  const { taskId, status } = snapshot;
  const details = { taskId, code: snapshot.code, requestId: snapshot.requestId };
  const cost = knownCost(snapshot);
  switch (status) {
    case 'SUCCEEDED':
      return snapshot.videos.length > 0
        ? successResult(snapshot)
        : failureResult(new TaskFailedError(`Task ${taskId} succeeded but the service sent no video URL.`, details), { status, cost });
    case 'FAILED':
      return failureResult(new TaskFailedError(`Task ${taskId} failed: ${snapshot.code ?? 'no code'}: ${snapshot.message ?? 'no message'}`, details), { cost });
    case 'CANCELED':
      return failureResult(new TaskCanceledError(`Task ${taskId} was canceled.`, taskId), { cost });
    case 'UNKNOWN':
      return failureResult(
        new TaskNotFoundError(`Task ${taskId} is unknown to the service: the id is wrong, or the task is older than 24 hours.`, { ...details, code: 'UNKNOWN' }),
      );
    default:
      return pendingResult(taskId, snapshot.model, status);
  }
}

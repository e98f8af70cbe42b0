/**
 * The video tools' results made from the SDK's task snapshots and errors, each failure with the
 * next step a model should take.
 *
 * @module
 */
import type { TaskCost } from '../cost/actual.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import {
  APIError, AbortError, AuthenticationError, BadRequestError, BudgetError, ConnectionError, InternalServerError, PermissionDeniedError,
  RateLimitError, SubmitOutcomeUnknownError, TaskCanceledError, TaskFailedError, TaskNotFoundError, TimeoutError,
  ValidationError, type ModelStudioError,
} from '../core/errors.ts';
import type { TaskSnapshot, TaskStatus } from '../task/result.ts';
import { costFields, type CostFields } from './cost-json.ts';
import type { VideoToolFailure, VideoToolPending, VideoToolResult, VideoToolSuccess, VideoToolUsage } from './results.ts';

/** The statuses of a task that is not finished. */
type RunningStatus = VideoToolPending['status'];

/** `status` when it is one of a task not finished, else `PENDING` (the status before any answer). */
export function runningStatus(status: TaskStatus | undefined): RunningStatus {
  return status === 'RUNNING' || status === 'SUSPENDED' ? status : 'PENDING';
}

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
  // Only some error classes carry a task id or a service code.
  const fromError = 'taskId' in error ? error.taskId : undefined;
  const taskId = typeof fromError === 'string' && fromError !== '' ? fromError : known.taskId;
  const status = known.status ?? statusOf(error);
  const code = 'code' in error ? error.code : undefined;
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

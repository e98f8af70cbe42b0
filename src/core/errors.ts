/**
 * The error hierarchy. Every error the SDK throws or rejects with is a {@link ModelStudioError}.
 *
 * `instanceof` works across duplicated copies of this package (two versions in one
 * `node_modules`, or the ESM and CJS builds loaded side by side): each class checks a
 * brand registered with `Symbol.for`, not only its own prototype chain.
 *
 * @module
 */

const KINDS = Symbol.for('modelstudio-video.error.kinds');

type Branded = { [KINDS]: readonly string[] };

function kindsOf(value: unknown): readonly string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kinds = (value as Partial<Branded>)[KINDS];
  return Array.isArray(kinds) ? kinds : undefined;
}

/**
 * Root of every error this SDK throws.
 *
 * @example
 * ```ts
 * import { ModelStudioClient, ModelStudioError } from 'modelstudio-video';
 *
 * try {
 *   await new ModelStudioClient({ apiKey: 'sk-example' }).textToVideo({ prompt: 'A fox' });
 * } catch (error) {
 *   if (error instanceof ModelStudioError) console.error(error.name, error.message);
 * }
 * ```
 */
export class ModelStudioError extends Error {
  /** The class name, stable under minification; also used by the cross-copy `instanceof` check. */
  static readonly kind: string = 'ModelStudioError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    const kinds: string[] = [];
    for (let ctor: unknown = new.target; typeof ctor === 'function'; ctor = Object.getPrototypeOf(ctor)) {
      const kind = (ctor as { kind?: unknown }).kind;
      if (typeof kind === 'string' && !kinds.includes(kind)) kinds.push(kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
    Object.defineProperty(this, 'name', { value: kinds[0] ?? 'ModelStudioError', enumerable: false, configurable: true, writable: true });
  }

  /** Recognises errors of this class from any copy of the package, by brand rather than prototype. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return kindsOf(value)?.includes(this.kind) ?? false;
  }
}

/**
 * True when `value` is an error of this SDK, from any copy of the package.
 *
 * @example
 * ```ts
 * import { isModelStudioError } from 'modelstudio-video';
 *
 * const error: unknown = new Error('plain');
 * console.log(isModelStudioError(error)); // false
 * ```
 */
export function isModelStudioError(value: unknown): value is ModelStudioError {
  return kindsOf(value)?.includes(ModelStudioError.kind) ?? false;
}

/** One problem found in a request before it was sent. */
export interface ValidationIssue {
  /** Where the problem is, as a dotted path such as `references[2].url`; empty for the whole request. */
  readonly path: string;
  /** What is wrong and what is allowed, without the path. */
  readonly message: string;
}

/**
 * A request that breaks the model's caps or the SDK's rules. Thrown synchronously, before any
 * network call, so it costs nothing. `message` lists every problem, one per line.
 */
export class ValidationError extends ModelStudioError {
  static override readonly kind: string = 'ValidationError';
  /** Every problem found, in the order of the request's fields. */
  readonly issues: readonly ValidationIssue[];

  constructor(summary: string, issues: readonly ValidationIssue[]) {
    const lines = issues.map((issue) => `- ${issue.path ? `${issue.path} ` : ''}${issue.message}`);
    super(lines.length > 0 ? `${summary}\n${lines.join('\n')}` : summary);
    this.issues = issues;
  }
}

/** Fields that the service sends with an error, or that we know about the failed call. */
export interface APIErrorDetails {
  /** HTTP status; `undefined` when the error was raised locally (no API key). */
  readonly status?: number | undefined;
  /** The service's error code, such as `InvalidParameter` or `Throttling.RateQuota`. */
  readonly code?: string | undefined;
  /** The service's request id: quote it to Alibaba Cloud support. */
  readonly requestId?: string | undefined;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** The service answered with a non-2xx status. Subclasses name the status. */
export class APIError extends ModelStudioError {
  static override readonly kind: string = 'APIError';
  /** HTTP status; `undefined` when raised locally. */
  readonly status: number | undefined;
  /** The service's error code, such as `InvalidParameter`. */
  readonly code: string | undefined;
  /** The service's request id. */
  readonly requestId: string | undefined;

  constructor(message: string, details: APIErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
  }
}

/** HTTP 400: the service rejected the request (`InvalidParameter`, `DataInspectionFailed`, `Arrearage`, `UnsupportedOperation`). */
export class BadRequestError extends APIError {
  static override readonly kind: string = 'BadRequestError';
}

/** HTTP 401 (`InvalidApiKey`: wrong key, or a key of another region), or no API key configured at all. */
export class AuthenticationError extends APIError {
  static override readonly kind: string = 'AuthenticationError';
}

/** HTTP 403: no access to this model (`AccessDenied`, `AccessDenied.Unpurchased`, `Model.AccessDenied`). */
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = 'PermissionDeniedError';
}

/** HTTP 404: unknown model or path (`ModelNotFound`, `InvalidURL`). */
export class NotFoundError extends APIError {
  static override readonly kind: string = 'NotFoundError';
}

/** HTTP 429 after the retries ran out (`Throttling`, `Throttling.RateQuota`, `Throttling.AllocationQuota`). */
export class RateLimitError extends APIError {
  static override readonly kind: string = 'RateLimitError';
  /** How long the service asked us to wait, in milliseconds, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: APIErrorDetails & { readonly retryAfterMs?: number | undefined } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** HTTP 5xx after the retries ran out (`InternalError`, `ModelUnavailable`, `ServiceUnavailable`). */
export class InternalServerError extends APIError {
  static override readonly kind: string = 'InternalServerError';
}

/** The request never got an answer: DNS, refused or reset connection. */
export class ConnectionError extends ModelStudioError {
  static override readonly kind: string = 'ConnectionError';
}

/** Why a {@link TimeoutError} happened: one request, the task's total wait, or the call's `deadline`. */
export type TimeoutKind = 'request' | 'wait' | 'deadline';

/** What a task handle was doing: reading and uploading inputs, waiting for its turn, submitting, waiting for the task, downloading the video. */
export type TaskPhase = 'upload' | 'queue' | 'submit' | 'wait' | 'download';

/**
 * A single HTTP request took longer than `timeout` (`kind: 'request'`), or a task did not finish
 * within the total wait (`kind: 'wait'`). A wait timeout leaves the task running on the service:
 * resume it with `client.tasks.wait(error.taskId)`.
 */
export class TimeoutError extends ModelStudioError {
  static override readonly kind: string = 'TimeoutError';
  /** Which limit ran out. */
  readonly timeoutKind: TimeoutKind;
  /** The task being waited for, when one was submitted. */
  readonly taskId: string | undefined;

  /** For a `deadline`: what was running when it passed. */
  readonly phase: TaskPhase | undefined;

  constructor(message: string, timeoutKind: TimeoutKind, taskId?: string, options?: ErrorOptions & { readonly phase?: TaskPhase | undefined }) {
    super(message, options);
    this.timeoutKind = timeoutKind;
    this.taskId = taskId;
    this.phase = options?.phase;
  }
}

/** The error of a passed `deadline`, saying what was running and which task keeps running. */
export function deadlineError(phase: TaskPhase, taskId: string | undefined): TimeoutError {
  const doing = { upload: 'reading and uploading the inputs', queue: 'waiting for a free slot', submit: 'submitting', wait: 'waiting for the task', download: 'downloading the video' }[phase];
  const after = taskId
    ? ` Task ${taskId} keeps running on the service; resume it with client.tasks.wait('${taskId}').`
    : ' Nothing was sent: no task was created.';
  return new TimeoutError(`The deadline passed while ${doing}.${phase === 'download' ? '' : after}`, 'deadline', taskId, { phase });
}

/**
 * The caller's `AbortSignal` fired. If a task was submitted it keeps running on the service;
 * `taskId` says which, so it can be resumed or canceled.
 */
export class AbortError extends ModelStudioError {
  static override readonly kind: string = 'AbortError';
  /** The task that was being waited for, if it had been submitted. */
  readonly taskId: string | undefined;

  constructor(message: string, taskId?: string, options?: ErrorOptions) {
    super(message, options);
    this.taskId = taskId;
  }
}

/** What we know of a submit whose answer never arrived. */
export interface SubmitOutcomeUnknownDetails {
  /** The model the task was submitted to. */
  readonly model: string;
  /** When the submit left, by the local clock. */
  readonly submittedAt: Date;
  /** The prompt that was submitted, to match the task by. */
  readonly prompt?: string | undefined;
  /** The request id of the failed answer, when there was one. */
  readonly requestId?: string | undefined;
  /** The error that made the outcome unknown. */
  readonly cause: unknown;
  /**
   * Tasks that match the submit (same model, prompt and time) when the handle's look-up found more
   * than one and could not tell which is its own.
   */
  readonly candidates?: readonly string[] | undefined;
}

/**
 * A submit reached the service (or may have) but no answer came back: a timeout after sending,
 * a connection reset mid-response, or a 5xx. The task may exist and may be billed, so the SDK did
 * not retry it. Find it with `client.tasks.findSubmitted(error)` before submitting again.
 */
export class SubmitOutcomeUnknownError extends ModelStudioError {
  static override readonly kind: string = 'SubmitOutcomeUnknownError';
  /** The model the task was submitted to. */
  readonly model: string;
  /** When the submit left, by the local clock. */
  readonly submittedAt: Date;
  /** The submitted prompt. */
  readonly prompt: string | undefined;
  /** The request id of the failed answer, when there was one. */
  readonly requestId: string | undefined;
  /**
   * True when the service itself answered the submit with an error (a 5xx carrying its error body,
   * code and request id); false when the connection was lost or timed out and no answer came.
   * `onUnknownSubmit: 'resubmit-if-answered'` resubmits only the first kind.
   */
  readonly answered: boolean;

  /**
   * Tasks that match the submit when the handle found several and adopted none (each may be this
   * submit's, or another identical one's); empty otherwise.
   */
  readonly candidates: readonly string[];

  constructor(details: SubmitOutcomeUnknownDetails) {
    const reason = details.cause instanceof Error ? details.cause.message : String(details.cause);
    const candidates = details.candidates ?? [];
    super(
      candidates.length > 0
        ? `The submit of a ${details.model} task may have created a task, but its answer was lost (${reason}), and ` +
            `${candidates.length} tasks match it (same model, prompt and time): ${candidates.join(', ')}. None was adopted, since the ` +
            'wrong one would be followed and its own handle left without it. Resume the right one with client.tasks.wait(id), if any.'
        : `The submit of a ${details.model} task may have created a task, but its answer was lost (${reason}). ` +
            'It was not retried blindly, so that you are not billed twice. Look for the task with ' +
            `client.tasks.findSubmitted(error), or client.tasks.list({ model: '${details.model}', ` +
            `startTime, endTime }) around ${details.submittedAt.toISOString()}, before submitting again.`,
      { cause: details.cause },
    );
    this.model = details.model;
    this.submittedAt = details.submittedAt;
    this.prompt = details.prompt;
    this.requestId = details.requestId;
    this.answered = details.cause instanceof APIError && (details.cause.status ?? 0) >= 500 && details.cause.code !== undefined && details.cause.requestId !== undefined;
    this.candidates = candidates;
  }
}

/** A result video could not be downloaded: a bad status, type or length, or an expired link. */
export class DownloadError extends ModelStudioError {
  static override readonly kind: string = 'DownloadError';
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** The task ended `FAILED` on the service (`output.code` / `output.message`). */
export class TaskFailedError extends ModelStudioError {
  static override readonly kind: string = 'TaskFailedError';
  /** The failed task. */
  readonly taskId: string;
  /** The service's failure code, such as `DataInspectionFailed` or `InvalidParameter`. */
  readonly code: string | undefined;
  /** The request id of the query that reported the failure. */
  readonly requestId: string | undefined;

  constructor(message: string, details: { taskId: string; code?: string | undefined; requestId?: string | undefined }) {
    super(message);
    this.taskId = details.taskId;
    this.code = details.code;
    this.requestId = details.requestId;
  }
}

/**
 * The service answered `UNKNOWN` for the task: the id does not exist in this region, or the task
 * expired (tasks are kept for 24 hours).
 */
export class TaskNotFoundError extends TaskFailedError {
  static override readonly kind: string = 'TaskNotFoundError';
}

/** The task ended `CANCELED`. */
export class TaskCanceledError extends ModelStudioError {
  static override readonly kind: string = 'TaskCanceledError';
  /** The canceled task, if it had been submitted. */
  readonly taskId: string | undefined;

  constructor(message: string, taskId?: string) {
    super(message);
    this.taskId = taskId;
  }
}

/** What a budget refusal carries: the estimate that was over, and the limit. */
export interface BudgetDetails {
  /** The estimated cost, in `currency`; `undefined` when no price is known. */
  readonly estimate: number | undefined;
  /** The limit it was checked against, in `currency`. */
  readonly limit: number;
  /** The currency of both. */
  readonly currency: string | undefined;
  /** How the estimate was made. */
  readonly basis: string;
}

/**
 * A request (or a batch) would cost more than its `maxCost`, or its cost cannot be known: thrown
 * synchronously, before anything is sent.
 *
 * @example
 * ```ts
 * import { BudgetError, ModelStudioClient } from 'modelstudio-video';
 *
 * try {
 *   new ModelStudioClient().textToVideo({ prompt: 'A fox', resolution: '1080P', duration: 15 }, { maxCost: 1 });
 * } catch (error) {
 *   if (error instanceof BudgetError) console.error(error.estimate, '>', error.limit, error.currency);
 * }
 * ```
 */
export class BudgetError extends ModelStudioError {
  static override readonly kind: string = 'BudgetError';
  /** The estimated cost; `undefined` when no price is known. */
  readonly estimate: number | undefined;
  /** The limit. */
  readonly limit: number;
  /** The currency of both. */
  readonly currency: string | undefined;
  /** How the estimate was made. */
  readonly basis: string;

  constructor(message: string, details: BudgetDetails) {
    super(message);
    this.estimate = details.estimate;
    this.limit = details.limit;
    this.currency = details.currency;
    this.basis = details.basis;
  }
}

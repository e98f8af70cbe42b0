/**
 * The service's refusals and task failures, each with its HTTP status, code and message. The codes
 * and statuses are docs/protocol.md §5 and §9.6; the notes quote few messages (§2's synchronous
 * call, §3.4's `Field required: input.media` and `url error, please check url!`), so the others are
 * written in the style of those (`Field required: <wire path>`), naming the wire field at fault.
 *
 * @module
 */

/** A refusal at submit: HTTP status, service code and message. */
export interface Refusal {
  /** HTTP status. */
  readonly status: number;
  /** The service's error code. */
  readonly code: string;
  /** The service's message. */
  readonly message: string;
}

/** A failure the task reports after it was accepted (§4: `output.code`, `output.message`). */
export interface TaskFailure {
  /** `output.code`, such as `InvalidParameter` or `DataInspectionFailed`. */
  readonly code: string;
  /** `output.message`. */
  readonly message: string;
}

/** Thrown by a check to refuse the submit; the check's caller turns it into the answer. */
export class Refused extends Error {
  /** The answer. */
  readonly refusal: Refusal;

  /** A refusal with the given answer. */
  constructor(refusal: Refusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
}

/** Refuses with 400 `InvalidParameter`, the code of a malformed request (§5). */
export function invalid(message: string): never {
  throw new Refused({ status: 400, code: 'InvalidParameter', message });
}

/** A required field is missing (the wording of §3.4's `Field required: input.media`). */
export function missing(path: string): never {
  return invalid(`Field required: ${path}`);
}

/** A value outside a field's list. */
export function notSupported(name: string, value: unknown, allowed: readonly string[]): never {
  return invalid(`The ${name} is not supported: ${typeof value === 'string' ? value : JSON.stringify(value)}. Supported: ${allowed.join(', ')}`);
}

/**
 * A model name the service does not know, or does not serve in this region: 404 `ModelNotFound`
 * (§5 "wrong model name"). §1 says only that model, host and key must belong to one region "or the
 * call fails"; the notes give no code for a model of another region, and the rulebook answers it as
 * an unknown name, since that region's host knows no such model (decision 2026-12-08, §9.7).
 */
export function unknownModel(model: string): never {
  throw new Refused({ status: 404, code: 'ModelNotFound', message: `Model not exist: ${model}` });
}

/**
 * A model posted to the other submit path: 400 `InvalidParameter` with the URL error wording of
 * §3.4 (the notes give no answer of their own for this case; decision 2026-12-08, §9.7).
 */
export function wrongPath(model: string, path: string): never {
  return invalid(`url error, please check url! ${model} is served on ${path}`);
}

/** A submit without `X-DashScope-Async: enable` (§2, quoted from the service). */
export const SYNCHRONOUS_CALL: Refusal = { status: 403, code: 'AccessDenied', message: 'current user api does not support synchronous calls' };

/** No `Authorization` header (§5: 401 `InvalidApiKey`). */
export const NO_API_KEY: Refusal = { status: 401, code: 'InvalidApiKey', message: 'No API-key provided.' };

/** A key the service does not accept, or one of another region (§1, §5: 401 `InvalidApiKey`). */
export const INVALID_API_KEY: Refusal = { status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.' };

/** Too many submits or queries in a second (§5, §6: 429 `Throttling.RateQuota`). */
export const RATE_QUOTA: Refusal = { status: 429, code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.' };

/** Too many unfinished tasks of a model (§5, §6: 429 `Throttling.AllocationQuota`). */
export function allocationQuota(model: string, most: number): Refusal {
  return { status: 429, code: 'Throttling.AllocationQuota', message: `Too many tasks in progress for ${model}: at most ${most} at once.` };
}

/** A wan2.6-shaped body sent to a media model: accepted, then the task fails (§3.4, quoted). */
export const MEDIA_REQUIRED: TaskFailure = { code: 'InvalidParameter', message: 'Field required: input.media' };

/** A duration the model does not make: accepted, then the task fails (§4). */
export function durationNotSupported(value: unknown, allowed: string): TaskFailure {
  return { code: 'InvalidParameter', message: `The duration is not supported: ${String(value)}. Supported: ${allowed}` };
}

/** Moderation flagged the input (§4, §5: `DataInspectionFailed`). */
export const DATA_INSPECTION_FAILED: TaskFailure = { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' };

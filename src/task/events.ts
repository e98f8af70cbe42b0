/**
 * The typed events of a task handle.
 *
 * @module
 */
import type { ModelStudioError } from '../core/errors.ts';
import type { TaskStatus, VideoResult } from './result.ts';

/** Payload of `queued`: the request passed validation and waits for its turn to be sent. */
export interface QueuedEvent {
  /** The model the task goes to. */
  readonly model: string;
}

/** Payload of `submitted`: the service created the task. */
export interface SubmittedEvent {
  /** The new task's id: persist it to resume after a crash. */
  readonly taskId: string;
  /** The submit's request id. */
  readonly requestId: string | undefined;
  /** The model. */
  readonly model: string;
}

/**
 * Payload of `recovered`: a submit's answer was lost, and the handle found the one task it created
 * (see `onUnknownSubmit`). `submitted` follows, as if the answer had arrived.
 */
export interface RecoveredEvent {
  /** The task found. */
  readonly taskId: string;
  /** The model. */
  readonly model: string;
  /** Why the answer was unknown: the lost answer's error message. */
  readonly reason: string;
  /** How long the look-up took, in milliseconds. */
  readonly waitedMs: number;
}

/** Payload of `status`: the task's status changed. */
export interface StatusEvent {
  /** The task id. */
  readonly taskId: string;
  /** The new status. */
  readonly status: TaskStatus;
  /** The status before, `undefined` for the first one seen. */
  readonly previous: TaskStatus | undefined;
}

/**
 * Payload of `progress`, sent after every poll. The service reports no percentage:
 * `estimatedFraction` is this SDK's estimate from the elapsed time and the expected run time (learned from finished tasks of the kind, else `expectedRunTimeMs` or the request's prior),
 * never the service's word. It stays below 1 until the task succeeds.
 */
export interface ProgressEvent {
  /** The task id, once submitted. */
  readonly taskId: string | undefined;
  /** The current status. */
  readonly status: TaskStatus | undefined;
  /** Milliseconds since the handle was created. */
  readonly elapsedMs: number;
  /** Our estimate of the fraction done, 0 to 1. */
  readonly estimatedFraction: number;
  /** How long a task like this one runs, from the run times the client learned (or the model's prior), in ms. */
  readonly expectedMs: number;
}

/** Payload of `canceled`. */
export interface CanceledEvent {
  /** The canceled task, if it had been submitted. */
  readonly taskId: string | undefined;
}

/**
 * The events of a {@link VideoTask}, in order: `queued`, `submitted`, `status` (each change),
 * `progress` (each poll), then exactly one of `succeeded`, `failed` or `canceled`.
 */
export interface VideoTaskEvents {
  /** Validated, waiting to be sent. */
  queued: (event: QueuedEvent) => void;
  /** A submit's answer was lost and the handle found its task; `submitted` follows. */
  recovered: (event: RecoveredEvent) => void;
  /** The service created the task. */
  submitted: (event: SubmittedEvent) => void;
  /** The status changed. */
  status: (event: StatusEvent) => void;
  /** A poll answered. */
  progress: (event: ProgressEvent) => void;
  /** The task succeeded; the handle resolves with the same result. */
  succeeded: (result: VideoResult) => void;
  /** The handle rejects with this error (task failure, timeout, abort, or a fatal API error). */
  failed: (error: ModelStudioError) => void;
  /** The task was canceled; the handle rejects with a `TaskCanceledError`. */
  canceled: (event: CanceledEvent) => void;
}

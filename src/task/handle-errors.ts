/**
 * The errors a task handle ends with when it stops on the caller's word, and what each tells the
 * caller to do next.
 *
 * @module
 */
import { AbortError, BadRequestError, TaskCanceledError, TimeoutError } from '../core/errors.ts';
import type { TaskStatus } from './result.ts';

/** The caller's signal aborted: before the submit nothing exists; after it, the task keeps running. */
export function stoppedWaitingError(taskId: string | undefined, reason: unknown): AbortError {
  return new AbortError(
    taskId
      ? `Stopped waiting for task ${taskId}; it keeps running on the service. Resume it with client.tasks.wait('${taskId}'), or, while it is still PENDING, cancel it with client.tasks.cancel('${taskId}').`
      : 'Aborted before the submit was sent; no task was created.',
    taskId,
    { cause: reason },
  );
}

/** `task.detach()`: the handle stops following a task that keeps running. */
export function detachedError(taskId: string): AbortError {
  return new AbortError(
    `Detached from task ${taskId}; it keeps running on the service. Check it with client.tasks.get('${taskId}'), or resume it with client.tasks.wait('${taskId}').`,
    taskId,
  );
}

/** `polling.timeoutMs` ran out while the task was still running. */
export function waitTimeoutError(taskId: string, timeoutMs: number, status: TaskStatus | undefined): TimeoutError {
  return new TimeoutError(
    `Gave up waiting for task ${taskId} after ${Math.round(timeoutMs / 1000)} s (last status ${status ?? 'unknown'}); ` +
      `it keeps running on the service. Resume with client.tasks.wait('${taskId}').`,
    'wait',
    taskId,
  );
}

/** The task was canceled: on the service, or before its submit was sent. */
export function canceledError(taskId: string | undefined): TaskCanceledError {
  return new TaskCanceledError(taskId ? `Task ${taskId} was canceled.` : 'The task was canceled before it was submitted; no task was created.', taskId);
}

/** A clear error for a cancel that the service refused. */
export function cancelError(error: unknown, taskId: string, status: TaskStatus | undefined): unknown {
  if (error instanceof BadRequestError && error.code === 'UnsupportedOperation') {
    return new BadRequestError(
      `Task ${taskId} can no longer be canceled${status ? `: it is ${status}` : ''}. The service cancels only PENDING tasks` +
        `${error.requestId ? ` (request id ${error.requestId})` : ''}.`,
      { status: error.status, code: error.code, requestId: error.requestId, cause: error },
    );
  }
  return error;
}

/**
 * What a task's snapshot means for its handle: still running, a result, a cancel, or the error that
 * says why it failed.
 *
 * @module
 */
import { TaskFailedError, TaskNotFoundError } from '../core/errors.ts';
import { sentence } from '../core/text.ts';
import { isTerminal, type TaskSnapshot, type VideoResult } from './result.ts';

/** The meaning of one snapshot. */
export type TaskOutcome =
  | { readonly kind: 'running' }
  | { readonly kind: 'succeeded'; readonly result: VideoResult }
  | { readonly kind: 'canceled' }
  | { readonly kind: 'failed'; readonly error: TaskFailedError };

/** Whether a snapshot holds a video, which a success must. */
function hasVideo(snapshot: TaskSnapshot): snapshot is VideoResult {
  return snapshot.status === 'SUCCEEDED' && snapshot.videos.length > 0;
}

/** The outcome of `snapshot`. */
export function outcomeOf(snapshot: TaskSnapshot): TaskOutcome {
  if (!isTerminal(snapshot.status)) return { kind: 'running' };
  const { taskId, requestId } = snapshot;
  switch (snapshot.status) {
    case 'SUCCEEDED':
      return hasVideo(snapshot)
        ? { kind: 'succeeded', result: snapshot }
        : { kind: 'failed', error: new TaskFailedError(`Task ${taskId} succeeded but the service sent no video URL.`, { taskId, requestId }) };
    case 'CANCELED':
      return { kind: 'canceled' };
    case 'UNKNOWN':
      return {
        kind: 'failed',
        error: new TaskNotFoundError(
          `Task ${taskId} is unknown to the service: the id is wrong, belongs to another region, or expired (tasks are kept for 24 hours).`,
          { taskId, code: 'UNKNOWN', requestId },
        ),
      };
    default:
      return {
        kind: 'failed',
        error: new TaskFailedError(`Task ${taskId} failed: ${snapshot.code ?? 'no code'}: ${sentence(snapshot.message ?? 'no message')}`, {
          taskId,
          code: snapshot.code,
          requestId,
        }),
      };
  }
}

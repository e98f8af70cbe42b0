/**
 * How a line of a batch stands, as `results.jsonl` and the contact sheet show it, and what a rerun
 * should do with a line that ended in an error.
 *
 * @module
 */
import {
  APIError, AbortError, ConnectionError, DownloadError, SubmitOutcomeUnknownError, TaskCanceledError, TaskFailedError, TimeoutError,
  isModelStudioError,
} from '../core/errors.ts';
import { errorMessage } from '../core/text.ts';
import type { NextStep } from './journal.ts';

/** Where a line stands: ended, still running on the service, never started, or not valid. */
export type LineStatus = 'succeeded' | 'failed' | 'running' | 'queued' | 'invalid';

/** An error as `results.jsonl` writes it. */
export interface LineError {
  /** The error's class, such as `TaskFailedError`. */
  readonly class: string;
  /** The service's code, when it gave one. */
  readonly code?: string | undefined;
  /** What happened. */
  readonly message: string;
}

/** One line of `results.jsonl`: one per input line, in input order. */
export interface LineResult {
  /** The line's id. */
  readonly id: string;
  /** Its line in the input file. */
  readonly line: number;
  /** Its task, once created. */
  readonly taskId: string | undefined;
  /** Where it stands. */
  readonly status: LineStatus;
  /** Its model, when the line was valid. */
  readonly model: string | undefined;
  /** The video's file, relative to the output folder. */
  readonly file?: string | undefined;
  /** The video's link (with `download: false`; it expires after about a day). */
  readonly url?: string | undefined;
  /** What it cost, from the task's usage; a failed task costs nothing. */
  readonly cost: number | undefined;
  /** The currency of `cost`. */
  readonly currency: string | undefined;
  /** The video's length in seconds, when the task's usage gives it. */
  readonly seconds?: number | undefined;
  /** Why it failed, or why it is still running or queued after a stop. */
  readonly error?: LineError | undefined;
}

/** `error` as results.jsonl writes it. */
export function lineError(error: unknown): LineError {
  const code = isModelStudioError(error) && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { class: error instanceof Error ? error.name : 'Error', ...(code !== undefined && { code }), message: errorMessage(error) };
}

/**
 * What a rerun does with a line that failed with `error`: a task that failed or was canceled is
 * free, so the line is submitted again; a task whose following stopped (a timeout, an outage, a
 * failed download) is followed again; a submit whose outcome is unknown is looked for again; a
 * submit refused with an answer created nothing and is sent again.
 */
export function nextStepAfter(error: unknown, taskId: string | undefined): NextStep {
  if (error instanceof TaskFailedError || error instanceof TaskCanceledError) return 'submit';
  if (taskId !== undefined) return 'follow';
  if (error instanceof SubmitOutcomeUnknownError || error instanceof AbortError || error instanceof TimeoutError || error instanceof ConnectionError) return 'look-up';
  if (error instanceof DownloadError) return 'follow';
  if (error instanceof APIError && (error.status ?? 0) >= 500) return 'look-up';
  return 'submit';
}

/** Counts over the batch, sent with every change. */
export interface BatchFileProgress {
  /** Lines in the file. */
  readonly total: number;
  /** Ended with a video (in this run or an earlier one). */
  readonly succeeded: number;
  /** Ended without one. */
  readonly failed: number;
  /** Tasks on the service, or submits on their way. */
  readonly running: number;
  /** Not started yet. */
  readonly queued: number;
  /** Not valid, with `skipInvalid`. */
  readonly invalid: number;
  /** What the succeeded lines cost. */
  readonly cost: number;
  /** The estimate of every valid line. */
  readonly estimatedCost: number | undefined;
  /** The currency of both. */
  readonly currency: string | undefined;
  /** Our estimate of the time left, from the client's learned run times; undefined before any task runs. */
  readonly etaMs: number | undefined;
}

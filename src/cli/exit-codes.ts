/**
 * The command's exit codes: one per kind of outcome, so that scripts can tell a bad request from a
 * failed task, a timeout or an outage without reading the message.
 *
 * @module
 */
import {
  AbortError, APIError, AuthenticationError, BudgetError, ConnectionError, DownloadError, PermissionDeniedError, SubmitOutcomeUnknownError,
  TaskCanceledError, TaskFailedError, TimeoutError, ValidationError,
} from '../core/errors.ts';
import { BatchLockedError } from '../batch-file/lock.ts';
import { UsageError } from './usage-error.ts';

/** One exit code and what it means. */
interface ExitCodeRow {
  readonly code: number;
  /** A few words, for the one-line summary. */
  readonly short: string;
  /** What happened and what to do. */
  readonly meaning: string;
  /** The error classes that end with this code. */
  readonly errors: readonly string[];
}

/** Every exit code, in order. The README's table is this one. */
export const EXIT_CODES = [
  { code: 0, short: 'ok', meaning: 'done', errors: [] },
  { code: 1, short: 'unexpected', meaning: 'an unexpected error (a bug, or a failure outside the SDK)', errors: [] },
  {
    code: 2,
    short: 'usage/validation',
    meaning: 'a bad command, flag, request or batch file, one estimated above --max-cost, or a batch --out that another run holds: nothing was sent, nothing is billed',
    errors: ['UsageError', 'ValidationError', 'BudgetError', 'BatchLockedError'],
  },
  { code: 3, short: 'auth', meaning: 'no API key, a wrong key (or one of another region), no access to the model', errors: ['AuthenticationError', 'PermissionDeniedError'] },
  { code: 4, short: 'task failed', meaning: 'the task ended FAILED, or the service does not know the task id', errors: ['TaskFailedError', 'TaskNotFoundError'] },
  { code: 5, short: 'canceled', meaning: 'the task was canceled', errors: ['TaskCanceledError'] },
  { code: 6, short: 'timeout', meaning: 'a request or the whole wait (--max-wait) timed out; the task runs on', errors: ['TimeoutError'] },
  {
    code: 7,
    short: 'API/connection',
    meaning: 'the service refused the call (bad request, unknown model, rate limit, 5xx) or was unreachable',
    errors: ['BadRequestError', 'NotFoundError', 'RateLimitError', 'InternalServerError', 'APIError', 'ConnectionError'],
  },
  { code: 8, short: 'submit unknown', meaning: 'a submit may have created a (billed) task but its answer was lost: `list` first', errors: ['SubmitOutcomeUnknownError'] },
  { code: 9, short: 'download', meaning: 'the video exists but its download failed: `wait <id> -o <file>` again', errors: ['DownloadError'] },
  {
    code: 10,
    short: 'batch: some failed',
    meaning: 'batch: some lines failed or were invalid (with --skip-invalid); the others finished. See <out>/results.jsonl; a rerun retries them',
    errors: [],
  },
  { code: 130, short: 'interrupted', meaning: 'stopped by Ctrl+C (SIGINT) or SIGTERM; a submitted task runs on', errors: ['AbortError'] },
] as const satisfies readonly ExitCodeRow[];

/** An exit code of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[number]['code'];

/**
 * The exit code for `error`. Subclasses come before their parents (an `AuthenticationError` is an
 * `APIError`, a `TaskNotFoundError` a `TaskFailedError`); the checks work across package copies.
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof ValidationError || error instanceof BudgetError || error instanceof BatchLockedError) return 2;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return 3;
  if (error instanceof TaskFailedError) return 4;
  if (error instanceof TaskCanceledError) return 5;
  if (error instanceof TimeoutError) return 6;
  if (error instanceof APIError || error instanceof ConnectionError) return 7;
  if (error instanceof SubmitOutcomeUnknownError) return 8;
  if (error instanceof DownloadError) return 9;
  if (error instanceof AbortError) return 130;
  return 1;
}

/** The table for the main `--help`. */
export function exitCodesHelp(): string {
  const rows = EXIT_CODES.map(
    (row) => `  ${String(row.code).padStart(3)}  ${row.meaning}${row.errors.length > 0 ? `\n       ${row.errors.join(', ')}` : ''}`,
  );
  return `Exit codes:\n${rows.join('\n')}`;
}

/** One line for each command's `--help`. */
export function exitCodesLine(): string {
  return `Exit codes: ${EXIT_CODES.map((row) => `${row.code} ${row.short}`).join(', ')} (details: modelstudio-video --help).`;
}

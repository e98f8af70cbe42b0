/**
 * Every decision to send a request again, in one place (README "Reliability", docs/protocol.md §5).
 * The table below is `RETRY_TABLE`, as data; the functions after it are the only code that reads it.
 *
 * | what | sent again when | how often | delay |
 * |---|---|---|---|
 * | a read (task query, list, cancel of a known id, upload policy) | a connection error, a request timeout, HTTP 408 409 429 500 502 503 504 | `maxRetries` (2) | backoff |
 * | a submit, within its call | HTTP 429, a connection error raised before the request left (both create no task) | `maxRetries` (2) | backoff |
 * | a submit still throttled after those | HTTP 429 | until `polling.timeoutMs` from the handle's start | `Retry-After`, else backoff from 2 s |
 * | a lost submit's look-up (the task list) | always: the list may lag behind the submit | `listCalls` (3) over `settleWindowMs` (15 s) | spread evenly |
 * | a lost submit the look-up did not find | the service answered a 5xx: unless `onUnknownSubmit: 'fail'`; the connection was lost: only with `'resubmit'` | `maxRetries` (2); once | right after the look-up |
 * | a task's status poll that failed after its retries | unless HTTP 400, 401, 403 or 404 (they cannot heal) | at the next poll | the poller's schedule |
 *
 * Backoff: 500 ms, doubling, at most 30 s, with full jitter; a server's `Retry-After` (seconds or an
 * HTTP date) or `retry-after-ms` wins, at most 60 s.
 *
 * @module
 */
import ky, { isHTTPError, isNetworkError, type AfterResponseHook, type Options as KyOptions } from 'ky';
import { APIError, RateLimitError } from '../core/errors.ts';

/**
 * What a handle does when a submit's outcome is unknown and the look-up over the settle window
 * found no task it created (a money decision: the service's task list may lag behind a submit, and
 * a resubmit then pays for a task twice):
 * - `'fail'`: never submits again; the handle fails with a `SubmitOutcomeUnknownError`;
 * - `'resubmit-if-answered'` (the default): submits again when the service itself answered the
 *   submit with an error (a 5xx with its error body and request id: it said the submit failed, and
 *   its list confirms that no task exists), as a retry, up to `maxRetries` times; a lost connection
 *   or a timeout fails;
 * - `'resubmit'`: as `'resubmit-if-answered'`, and submits once more after a lost connection or a
 *   timeout too.
 *
 * A resubmit only follows a look-up whose last list call was answered.
 */
export type UnknownSubmitPolicy = 'fail' | 'resubmit-if-answered' | 'resubmit';

/** The retry table of this module's comment, as data. */
const RETRY_TABLE = {
  /** Reads create nothing: every transient failure is worth another try. */
  read: { statuses: [408, 409, 429, 500, 502, 503, 504], afterConnectionError: 'always', onTimeout: true },
  /** A submit is a paid action: again only where the task provably was not created. */
  submit: { statuses: [429], afterConnectionError: 'before-sending', onTimeout: false },
  /** Past the call's own retries, a throttled submit waits out the account's slots. */
  throttledSubmit: { firstBackoffAttempt: 3 },
  /** Statuses whose `Retry-After` header sets the delay. */
  retryAfterStatuses: [408, 429, 503],
  /** Backoff: the first delay, doubled per attempt up to the cap; a server's delay up to its own cap. */
  backoff: { baseMs: 500, maxMs: 30_000, maxRetryAfterMs: 60_000 },
  /** Status-poll failures after which polling cannot succeed. */
  pollGivesUpOn: [400, 401, 403, 404],
} as const;

/** The kinds of HTTP call whose retries ky runs. */
export type CallKind = 'read' | 'submit';

/** Backoff before retry number `attempt` (1-based), before jitter. */
function backoffDelay(attempt: number): number {
  const { baseMs, maxMs } = RETRY_TABLE.backoff;
  return Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}

/** Full jitter: uniform in [0, delay]. */
function fullJitter(delay: number): number {
  return Math.random() * delay;
}

/**
 * Error codes of connection failures that happen before a request is written: the server never
 * saw it, so even a submit may be sent again. Anything else (a reset, a socket closed while
 * waiting for the answer) leaves the outcome unknown.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
]);

function codesIn(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const own = (error as { code?: unknown }).code;
  const nested = (error as { errors?: unknown }).errors;
  return [
    ...(typeof own === 'string' ? [own] : []),
    ...(Array.isArray(nested) ? nested.flatMap((inner) => codesIn(inner, depth + 1)) : []),
    ...codesIn((error as { cause?: unknown }).cause, depth + 1),
  ];
}

/** True when a connection error provably happened before the request was sent. */
export function failedBeforeSending(error: unknown): boolean {
  const codes = codesIn(error);
  return codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code));
}

/** Milliseconds from `Retry-After` (seconds or HTTP-date) or `retry-after-ms`, when present. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** ky's retry settings for a call of `kind` with at most `limit` retries. */
export function kyRetry(kind: CallKind, limit: number): Exclude<KyOptions['retry'], number | undefined> {
  const rule = RETRY_TABLE[kind];
  const statuses: readonly number[] = rule.statuses;
  return {
    limit,
    methods: ['get', 'post'],
    statusCodes: [...statuses],
    afterStatusCodes: RETRY_TABLE.retryAfterStatuses.filter((status) => statuses.includes(status)),
    delay: backoffDelay,
    jitter: true,
    backoffLimit: RETRY_TABLE.backoff.maxMs,
    maxRetryAfter: RETRY_TABLE.backoff.maxRetryAfterMs,
    retryOnTimeout: rule.onTimeout,
    // A submit's connection error is retried only when it happened before the request left.
    ...(rule.afterConnectionError === 'before-sending' && {
      shouldRetry: ({ error }) => {
        if (isHTTPError(error)) return statuses.includes(error.response.status) ? undefined : false;
        if (isNetworkError(error)) return failedBeforeSending(error.cause) ? undefined : false;
        return false;
      },
    }),
  };
}

/** ky reads `Retry-After`; this `afterResponse` hook adds the `retry-after-ms` header some gateways send. */
export function retryAfterMsHook(kind: CallKind, limit: number): AfterResponseHook {
  const statuses: readonly number[] = RETRY_TABLE[kind].statuses;
  return ({ response, retryCount }: { response: Response; retryCount: number }) => {
    if (response.ok || retryCount >= limit || !statuses.includes(response.status) || !response.headers.has('retry-after-ms')) {
      return undefined;
    }
    const delay = retryAfterMs(response.headers);
    return delay === undefined ? undefined : ky.retry({ delay: Math.min(delay, RETRY_TABLE.backoff.maxRetryAfterMs), code: `HTTP_${response.status}` });
  };
}

/**
 * How long a submit that failed with `error` after its call's own retries waits before it goes
 * again, as attempt `attempt` (1-based) of its throttled loop; `undefined` when it must not: the
 * error is not a 429, or the wait would end after `giveUpAt` (epoch ms).
 */
export function throttledSubmitDelay(error: unknown, attempt: number, giveUpAt: number, now = Date.now()): number | undefined {
  if (!(error instanceof RateLimitError)) return undefined;
  const delay = error.retryAfterMs ?? fullJitter(backoffDelay(attempt + RETRY_TABLE.throttledSubmit.firstBackoffAttempt - 1));
  return now + delay >= giveUpAt ? undefined : delay;
}

/**
 * How many times a submit whose outcome was unknown, and whose look-up found no task, may be sent
 * again under `policy`: `answered` when the service answered it with a 5xx and its error body.
 */
export function resubmitsAllowed(policy: UnknownSubmitPolicy, answered: boolean, maxRetries: number): number {
  if (answered) return policy === 'fail' ? 0 : maxRetries;
  return policy === 'resubmit' ? 1 : 0;
}

/** The wait before each list call of a lost submit's look-up: the first at once, the rest spread evenly over the window. */
export function lookupDelays(settleWindowMs: number, listCalls: number): number[] {
  const calls = Math.max(1, listCalls);
  return Array.from({ length: calls }, (_, call) => (call === 0 ? 0 : settleWindowMs / (calls - 1)));
}

/** Whether polling goes on after a status query failed with `error` (after its own retries). */
export function pollAgainAfter(error: unknown): boolean {
  const giveUp: readonly number[] = RETRY_TABLE.pollGivesUpOn;
  return !(error instanceof APIError && error.status !== undefined && giveUp.includes(error.status));
}

/**
 * The retry policy, in one place (README "Reliability").
 *
 * - Reads (task query, list, cancel of a known id, upload policy) retry on connection errors,
 *   request timeouts and HTTP 408, 409, 429, 500, 502, 503, 504.
 * - A submit is a paid action: it retries only where the task provably was not created, that is
 *   on HTTP 429 and on connection errors raised before the request left (refused, DNS, TLS).
 * - Delays: exponential from 500 ms, doubling, capped at 30 s, with full jitter; a server's
 *   `Retry-After` (seconds or HTTP-date) or `retry-after-ms` wins, capped at 60 s.
 * - At most `maxRetries` retries (default 2) per call.
 *
 * @module
 */

/** HTTP statuses on which a read is retried. */
export const READ_RETRY_STATUSES = [408, 409, 429, 500, 502, 503, 504] as const;

/** HTTP statuses on which a submit is retried: only throttling, which creates no task. */
export const SUBMIT_RETRY_STATUSES = [429] as const;

/** Statuses whose `Retry-After` header sets the delay. */
export const RETRY_AFTER_STATUSES = [408, 429, 503] as const;

/** First retry delay, doubled on each further attempt. */
const BASE_RETRY_DELAY_MS = 500;
/** Upper bound of a computed backoff delay. */
export const MAX_RETRY_DELAY_MS = 30_000;
/** Upper bound of a delay that the server asked for. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Backoff before retry number `attempt` (1-based), before jitter. */
export function backoffDelay(attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, BASE_RETRY_DELAY_MS * 2 ** (attempt - 1));
}

/** Full jitter: uniform in [0, delay]. */
export function fullJitter(delay: number): number {
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

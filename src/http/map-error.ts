/**
 * Turns what ky throws into this SDK's errors. Nothing here keeps ky's request object: it carries
 * the `Authorization` header, and errors get printed.
 *
 * @module
 */
import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import {
  AbortError, APIError, AuthenticationError, BadRequestError, ConnectionError, InternalServerError,
  ModelStudioError, NotFoundError, PermissionDeniedError, RateLimitError, TimeoutError, isModelStudioError,
} from '../core/errors.ts';
import { retryAfterMs } from './retry.ts';
import { errorBody } from './wire.ts';

const HINTS: Record<number, string> = {
  401: ' Check the API key, and that it belongs to the region of the base URL (an intl key fails on the cn host and back).',
  403: ' The account may not have access to this model, or may need to activate it in the Model Studio console.',
};

/** The API error for an HTTP status and the service's error body. */
function apiErrorFor(status: number, data: unknown, headers: Headers, operation: string): APIError {
  const parsed = errorBody.safeParse(data);
  const body = parsed.success ? parsed.data : {};
  const code = body.code;
  const requestId = body.request_id;
  const what = body.message ?? (typeof data === 'string' && data.length > 0 ? data.slice(0, 300) : 'no message');
  const message =
    `${operation} failed: HTTP ${status}${code ? ` ${code}` : ''}: ${what}` +
    `${requestId ? ` (request id ${requestId})` : ''}.${HINTS[status] ?? ''}`;
  const details = { status, code, requestId };
  if (status === 400) return new BadRequestError(message, details);
  if (status === 401) return new AuthenticationError(message, details);
  if (status === 403) return new PermissionDeniedError(message, details);
  if (status === 404) return new NotFoundError(message, details);
  if (status === 429) return new RateLimitError(message, { ...details, retryAfterMs: retryAfterMs(headers) });
  if (status >= 500) return new InternalServerError(message, details);
  return new APIError(message, details);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Maps any error from a ky call to a {@link ModelStudioError}. `secret` is scrubbed from every
 * message kept: platform errors may quote request headers.
 */
export function mapTransportError(error: unknown, operation: string, host: string, secret: string): ModelStudioError {
  if (isModelStudioError(error)) return error;
  if (isHTTPError(error)) return apiErrorFor(error.response.status, error.data, error.response.headers, operation);
  if (isTimeoutError(error)) return new TimeoutError(`${operation} timed out waiting for ${host}.`, 'request');
  if (isAbort(error)) return new AbortError(`${operation} was aborted.`);
  if (error instanceof SyntaxError) return new APIError(`${operation}: the service's answer is not JSON (${error.message}).`);
  const raw = isNetworkError(error) ? error.cause : error;
  const cause = scrubbed(raw, secret);
  const reason = cause instanceof Error ? `${cause.message}${codeOf(cause)}` : String(cause);
  return new ConnectionError(`${operation} could not reach ${host}: ${reason}.`, { cause });
}

/** The error itself, or a copy without `secret` (message, code) when its text holds it. */
function scrubbed(error: unknown, secret: string): unknown {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}\n${String((error as { cause?: unknown }).cause)}` : String(error);
  if (!text.includes(secret)) return error;
  const message = (error instanceof Error ? error.message : String(error)).replaceAll(secret, '[redacted]');
  const code = (error as { code?: unknown }).code;
  return Object.assign(new Error(message), typeof code === 'string' ? { code } : {});
}

/** The inner cause's code or message, which runtimes hide behind a generic "fetch failed". */
function codeOf(error: Error): string {
  const inner = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof inner?.code === 'string') return ` (${inner.code})`;
  return typeof inner?.message === 'string' && inner.message ? ` (${inner.message})` : '';
}

/**
 * The debug hook: one event per request, response, retry and failure, with the API key redacted.
 *
 * @module
 */

/** One event of the debug hook. Never holds the API key. */
export interface DebugEvent {
  /** What happened: a request left, an answer came, a retry is scheduled, or a call failed. */
  readonly type: 'request' | 'response' | 'retry' | 'error';
  /** HTTP method. */
  readonly method: string;
  /** Path and query, without the host. */
  readonly path: string;
  /** 1 for the first try, 2 for the first retry, ... */
  readonly attempt: number;
  /** Request headers, `authorization` redacted (`request` events). */
  readonly headers?: Readonly<Record<string, string>>;
  /** HTTP status (`response` events, and `retry` events after an answer). */
  readonly status?: number;
  /** The service's request id, when the answer carried one. */
  readonly requestId?: string;
  /** Milliseconds since the request left (`response`, `retry`, `error`). */
  readonly durationMs?: number;
  /** What went wrong (`retry`, `error`). */
  readonly message?: string;
}

/** A receiver of debug events. */
export type DebugHook = (event: DebugEvent) => void;

/** Headers as a plain object with the credentials replaced. */
export function redactedHeaders(headers: Headers): Record<string, string> {
  const plain = Object.fromEntries(headers);
  if (plain.authorization) plain.authorization = 'Bearer [redacted]';
  return plain;
}

/** One readable line per event, for `debug: true`. */
export function formatDebugEvent(event: DebugEvent): string {
  const head = `[modelstudio-video] ${event.method} ${event.path}`;
  const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
  const took = event.durationMs === undefined ? '' : ` ${Math.round(event.durationMs)} ms`;
  const id = event.requestId ? ` request ${event.requestId}` : '';
  switch (event.type) {
    case 'request':
      return `${head}${attempt}`;
    case 'response':
      return `${head} -> ${event.status ?? '?'}${took}${id}`;
    case 'retry':
      return `${head} retrying after ${event.status ?? event.message ?? 'an error'}${took}`;
    default:
      return `${head} failed${took}: ${event.message ?? ''}`;
  }
}

/**
 * How the simulator writes answers: JSON bodies, the service's error shape, ids and times.
 *
 * @module
 */

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The service's error answer: `{ code, message, request_id }` (docs/protocol.md §5). */
export function serviceError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ code, message, request_id: newId() }, status, headers);
}

/** A fresh request or task id, in the service's UUID form. */
export function newId(): string {
  return crypto.randomUUID();
}

/**
 * A time in the service's format, `YYYY-MM-DD HH:mm:ss.SSS` in UTC+8 with no zone (docs/protocol.md §4).
 */
export function serviceTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
}

/** Parses the list endpoint's `YYYYMMDDhhmmss` (UTC+8) into epoch milliseconds. */
export function parseListTime(value: string | null): number | undefined {
  if (!value || !/^\d{14}$/.test(value)) return undefined;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(8, 10)}:${value.slice(10, 12)}:${value.slice(12, 14)}+08:00`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

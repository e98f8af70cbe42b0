/**
 * `replayFetch`: a fetch that answers from a transcript (docs/recording.md), so that a recorded run,
 * or a fixture built from the API reference's examples, plays back through the SDK with no service.
 *
 * How a request finds its answer: among the exchanges not used yet, those of the same method and
 * path (any host: the service's, the storage host's, a video link's; a trailing slash aside); their
 * query parameter names and the shape of their body (keys and types, not values) must be the
 * request's, unless `match: 'path'`. Of those, one
 * whose query and body are equal once ids and times are set aside wins, else the first in the
 * order the requests were recorded. So a task's polls get that task's answers in order, a 429 and
 * its retry get the 429 then the success, and a list whose times moved on still finds its page.
 *
 * @module
 */
import { describeRequest } from '../http/describe.ts';
import { Redactor } from '../http/redact.ts';
import {
  parseTranscript, type JsonValue, type Transcript, type TranscriptBodySummary, type TranscriptExchange, type TranscriptRecord,
  type TranscriptRequest, type TranscriptResponse,
} from '../http/transcript.ts';

/** Options of {@link replayFetch}. */
export interface ReplayOptions {
  /**
   * What must match besides method and path: `'shape'`, the names of the query parameters and the
   * shape of the body (keys and types of values; the values may differ); `'path'`, nothing more (to
   * replay a documented exchange whose query or body the SDK writes otherwise, then compare the
   * bodies yourself with {@link jsonDifferences}).
   * @default 'shape'
   */
  readonly match?: 'shape' | 'path' | undefined;
}

/** A request the replay received, and what answered it. */
export interface ReplayedRequest {
  /** The request as the replay saw it, described and redacted like a recorded one. */
  readonly request: TranscriptRequest;
  /** The exchange that answered, or `undefined` when none matched (the answer was a `ReplayMismatch`). */
  readonly exchange: TranscriptExchange | undefined;
}

/** The fetch that {@link replayFetch} returns: pass it as the client's `fetch` option. */
export interface ReplayFetch {
  /** Answers one request from the transcript. */
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Every request received, in order, with the exchange that answered it. */
  readonly requests: readonly ReplayedRequest[];
  /** One sentence per request that the transcript did not have. */
  readonly misses: readonly string[];
  /** The exchanges not used yet, in recorded order: empty when the run asked for everything the transcript holds. */
  unused(): readonly TranscriptExchange[];
}

/** The code of the answer to a request the transcript does not have. */
const MISMATCH = 'ReplayMismatch';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const COMPACT_TIME = /\b\d{14}\b/g;
const DATE_TIME = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
/** The random prefix the uploader gives each stored object (`{dir}/1a2b3c4d-cat.png`). */
const UPLOAD_PREFIX = /\/[0-9a-f]{8}-/g;

/** A string with ids and times replaced by placeholders, for "equal but for ids and times". */
function normalisedText(text: string): string {
  return text.replace(UUID, '<id>').replace(DATE_TIME, '<time>').replace(COMPACT_TIME, '<time>').replace(UPLOAD_PREFIX, '/<id>-');
}

function normalised(value: JsonValue | undefined): JsonValue | undefined {
  if (typeof value === 'string') return normalisedText(value);
  if (Array.isArray(value)) return value.map((item: JsonValue) => normalised(item) ?? null);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalised(item as JsonValue) ?? null]));
  }
  return value;
}

/** Keys and types of a value, not its values: `{input:{prompt:string},parameters:{duration:number}}`. */
function shapeOf(value: JsonValue | undefined): string {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => shapeOf(item)).join(',')}]`;
  if (typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${key}:${shapeOf((value as Readonly<Record<string, JsonValue>>)[key])}`).join(',')}}`;
  }
  return typeof value;
}

function summaryShape(summary: TranscriptBodySummary | undefined): string {
  if (summary === undefined) return 'none';
  if (summary.kind === 'multipart') return `multipart{${Object.keys(summary.fields).sort().join(',')}|${summary.files.map((file) => file.field).join(',')}}`;
  return summary.kind;
}

function bodyShape(request: TranscriptRequest): string {
  return request.body !== undefined ? shapeOf(request.body) : summaryShape(request.bodySummary);
}

function bodyKey(request: TranscriptRequest): string {
  const summary = request.bodySummary;
  const comparable = summary?.kind === 'multipart' ? { fields: summary.fields, files: summary.files.map((file) => ({ ...file })) } : summary;
  return JSON.stringify(normalised((request.body ?? (comparable as JsonValue | undefined)) as JsonValue | undefined) ?? null);
}

function urlParts(url: string): { readonly path: string; readonly names: string; readonly query: string } {
  const parsed = URL.canParse(url) ? new URL(url) : new URL(url, 'http://replay.invalid');
  const entries = [...parsed.searchParams].sort(([a], [b]) => a.localeCompare(b));
  return {
    // `/api/v1/tasks/` and `/api/v1/tasks` are one endpoint (the documentation writes the first).
    path: parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname,
    names: [...new Set(entries.map(([name]) => name))].join('&'),
    query: normalisedText(entries.map(([name, value]) => `${name}=${value}`).join('&')),
  };
}

/** A path with its id-like segments (a task id) as placeholders, for a run whose ids differ from the transcript's. */
function pathTemplate(path: string): string {
  return path
    .split('/')
    .map((segment) => (/\d/.test(segment) && segment.length >= 8 && !/^v\d+$/.test(segment) ? ':id' : segment))
    .join('/');
}

/** Where two JSON values differ, one line per difference: `parameters.watermark: sent false, expected absent`. */
export function jsonDifferences(expected: JsonValue | undefined, actual: JsonValue | undefined, path = ''): string[] {
  const at = path === '' ? '(the body)' : path;
  if (expected === undefined && actual === undefined) return [];
  if (expected === undefined) return [`${at}: sent ${JSON.stringify(actual)}, expected absent`];
  if (actual === undefined) return [`${at}: expected ${JSON.stringify(expected)}, not sent`];
  const isObject = (value: JsonValue) => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return Array.from({ length: Math.max(expected.length, actual.length) }, (_, index) =>
      jsonDifferences(expected[index] as JsonValue | undefined, actual[index] as JsonValue | undefined, `${path}[${index}]`)).flat();
  }
  if (isObject(expected) && isObject(actual)) {
    const left = expected as Readonly<Record<string, JsonValue>>;
    const right = actual as Readonly<Record<string, JsonValue>>;
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    return keys.flatMap((key) => jsonDifferences(left[key], right[key], path === '' ? key : `${path}.${key}`));
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [`${at}: expected ${JSON.stringify(expected)}, sent ${JSON.stringify(actual)}`];
}

/** The Response of a recorded answer. A video is answered with as many zero bytes as it had: its bytes were never recorded. */
function answer(response: TranscriptResponse): Response {
  const headers = new Headers(response.headers);
  // The recorded length was the original body's; redaction changed it, and fetch recomputes it.
  for (const name of ['content-length', 'content-encoding', 'transfer-encoding']) headers.delete(name);
  const summary = response.bodySummary;
  let body: BodyInit | null = null;
  if (response.body !== undefined) {
    body = JSON.stringify(response.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (summary?.kind === 'text') {
    body = summary.text;
  } else if (summary?.kind === 'binary') {
    body = new Uint8Array(summary.bytes ?? 0);
    if (summary.bytes !== null) headers.set('content-length', String(summary.bytes));
  }
  // Statuses without a body (204, 304) cannot take one.
  const empty = response.status === 204 || response.status === 304;
  return new Response(empty ? null : body, { status: response.status, headers });
}

/** A recorded failure, raised as fetch raises one, so that the SDK treats it as it treated the original. */
function failure(exchange: TranscriptExchange): Error {
  const recorded = exchange.error;
  if (recorded?.name === 'AbortError') return new DOMException(recorded.message, 'AbortError');
  const cause = Object.assign(new Error(recorded?.message ?? 'replayed failure'), recorded?.code ? { code: recorded.code } : {});
  return new TypeError('fetch failed', { cause });
}

function describeExchange(exchange: TranscriptExchange): string {
  return `${exchange.request.method} ${urlParts(exchange.request.url).path} (#${exchange.seq})`;
}

/**
 * A fetch that answers from `transcript` (its JSON Lines text, or as `parseTranscript` read it),
 * for a client's `fetch` option: the run plays back with the recorded ids, statuses, links and
 * costs, and no service. A request the transcript does not have is answered `400 ReplayMismatch`
 * with a message that says why (no such path, all its answers used, another body shape) and what
 * the transcript still holds, and is listed in `misses`. A recorded failure (a dropped connection)
 * is raised again as fetch raises one; a video is answered with zero bytes of its recorded length.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { replayFetch } from 'modelstudio-video/testing';
 *
 * const replay = replayFetch(readFileSync('run.jsonl', 'utf8'));
 * const client = new ModelStudioClient({ apiKey: 'sk-replay', fetch: replay, polling: { initialIntervalMs: 1 } });
 * const result = await client.textToVideo({ prompt: 'A red fox trotting through fresh snow at dawn' });
 * console.log(result.taskId, replay.misses, replay.unused().length);
 * ```
 */
export function replayFetch(transcript: string | Transcript | readonly TranscriptRecord[], options: ReplayOptions = {}): ReplayFetch {
  const read: Transcript =
    typeof transcript === 'string'
      ? parseTranscript(transcript)
      : Array.isArray(transcript)
        ? parseTranscript(transcript.map((record) => JSON.stringify(record)).join('\n'))
        : (transcript as Transcript);
  const exchanges = [...read.exchanges].sort((a, b) => a.seq - b.seq);
  const used = new Set<TranscriptExchange>();
  const knownPaths = new Set(exchanges.map((exchange) => `${exchange.request.method} ${urlParts(exchange.request.url).path}`));
  const requests: ReplayedRequest[] = [];
  const misses: string[] = [];
  const redactor = new Redactor(undefined);
  const pathOnly = options.match === 'path';

  const find = (request: TranscriptRequest): TranscriptExchange | string => {
    const { path, names, query } = urlParts(request.url);
    const exact = knownPaths.has(`${request.method} ${path}`);
    const samePath = exchanges.filter((exchange) => {
      if (exchange.request.method !== request.method) return false;
      const recorded = urlParts(exchange.request.url).path;
      return exact ? recorded === path : pathTemplate(recorded) === pathTemplate(path);
    });
    const what = `${request.method} ${path}`;
    if (samePath.length === 0) return `the transcript has no ${what}`;
    const open = samePath.filter((exchange) => !used.has(exchange));
    if (open.length === 0) return `the transcript's ${samePath.length} answer${samePath.length === 1 ? '' : 's'} to ${what} were all used`;
    const fitting = open.filter((exchange) => {
      const recorded = exchange.request;
      return pathOnly || (urlParts(recorded.url).names === names && bodyShape(recorded) === bodyShape(request));
    });
    if (fitting.length === 0) {
      const first = open[0] as TranscriptExchange;
      const recordedNames = urlParts(first.request.url).names;
      if (recordedNames !== names) return `${what} was recorded with the query parameters ${recordedNames || '(none)'}, not ${names || '(none)'}`;
      const difference = jsonDifferences(first.request.body, request.body)[0] ?? `${bodyShape(first.request)} was recorded, ${bodyShape(request)} sent`;
      return `the body of ${what} differs in shape from the recorded one (${describeExchange(first)}): ${difference}`;
    }
    const key = `${query}|${bodyKey(request)}`;
    return fitting.find((exchange) => `${urlParts(exchange.request.url).query}|${bodyKey(exchange.request)}` === key) ?? (fitting[0] as TranscriptExchange);
  };

  const replay = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = await describeRequest(input, init, redactor);
    const found = find(request);
    if (typeof found === 'string') {
      const left = exchanges.filter((exchange) => !used.has(exchange)).slice(0, 3).map(describeExchange);
      const message = `${found}; the transcript's next unused requests: ${left.length > 0 ? left.join(', ') : 'none'}`;
      misses.push(message);
      requests.push({ request, exchange: undefined });
      return Response.json({ code: MISMATCH, message, request_id: `replay-mismatch-${misses.length}` }, { status: 400 });
    }
    used.add(found);
    requests.push({ request, exchange: found });
    if (found.response === undefined) throw failure(found);
    return answer(found.response);
  };

  return Object.assign(replay, {
    requests,
    misses,
    unused: () => exchanges.filter((exchange) => !used.has(exchange)),
  });
}

/**
 * The HTTP receiver of task-completion events: the endpoint an EventBridge HTTP target posts to.
 * It checks the method, the shared secret header (constant time), the body's size and shape, drops
 * duplicate deliveries, hands each new event to its subscribers and answers 2xx only once they
 * have taken it. Two request shapes: the fetch `Request → Response` one (edge functions, Hono,
 * Bun, Deno) and Node's `IncomingMessage`/`ServerResponse` (`node:http`, Express, Fastify). Only
 * types come from `node:http`, so the entry loads on edge runtimes.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationError } from '../core/errors.ts';
import { extractTaskEvent, isTaskEvent, type TaskEvent } from './envelope.ts';

/**
 * Options of {@link createTaskEventReceiver}.
 *
 * @example
 * ```ts
 * import { createTaskEventReceiver, type TaskEventReceiverOptions } from 'modelstudio-video/events';
 *
 * const options: TaskEventReceiverOptions = { secret: process.env['EVENT_SECRET'] ?? '', maxBodyBytes: 64 * 1024 };
 * const receiver = createTaskEventReceiver(options);
 * ```
 */
export interface TaskEventReceiverOptions {
  /** The shared secret configured as a fixed header on the EventBridge HTTP target. Never echoed. */
  readonly secret: string;
  /** The header that carries it. Default `x-modelstudio-event-secret`. */
  readonly secretHeader?: string | undefined;
  /** The largest body accepted, in bytes; a larger one gets 413 without being read. Default 256 KiB. */
  readonly maxBodyBytes?: number | undefined;
}

/**
 * A subscriber: called once per new event. The receiver answers 2xx only once the promise it
 * returns settles; a throw or a rejection makes the answer 500, so that EventBridge retries.
 *
 * @example
 * ```ts
 * import type { TaskEventListener } from 'modelstudio-video/events';
 *
 * const listener: TaskEventListener = async (event) => {
 *   console.log(`task ${event.taskId} reports ${event.status ?? 'no status'} (found at ${event.foundAt})`);
 * };
 * ```
 */
export type TaskEventListener = (event: TaskEvent) => void | Promise<void>;

/**
 * The receiver: one handler per request shape, and the subscribers its accepted events go to.
 *
 * @example
 * ```ts
 * import { createTaskEventReceiver } from 'modelstudio-video/events';
 *
 * const receiver = createTaskEventReceiver({ secret: 'a-long-random-string' });
 * const stop = receiver.subscribe((event) => console.log(event.taskId, event.status));
 * // Deno, Bun, Hono or an edge function:
 * export default { fetch: (request: Request) => receiver.handle(request) };
 * // later: stop();
 * ```
 */
export interface TaskEventReceiver {
  /**
   * Answers a fetch-shaped request.
   *
   * @example
   * ```ts
   * import { createTaskEventReceiver } from 'modelstudio-video/events';
   *
   * const receiver = createTaskEventReceiver({ secret: 'a-long-random-string' });
   * const response = await receiver.handle(new Request('http://localhost/events', { method: 'GET' }));
   * console.log(response.status); // 405
   * ```
   */
  handle(request: Request): Promise<Response>;
  /**
   * Answers a Node request (`node:http`, Express, Fastify's raw request and reply). The body is
   * read from the request stream: mount it before any body parser.
   *
   * @example
   * ```ts
   * import { createServer } from 'node:http';
   * import { createTaskEventReceiver } from 'modelstudio-video/events';
   *
   * const receiver = createTaskEventReceiver({ secret: 'a-long-random-string' });
   * createServer((req, res) => void receiver.handleNode(req, res)).listen(8080);
   * ```
   */
  handleNode(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * Adds a subscriber; returns the function that removes it.
   *
   * @example
   * ```ts
   * import { createTaskEventReceiver } from 'modelstudio-video/events';
   *
   * const receiver = createTaskEventReceiver({ secret: 'a-long-random-string' });
   * const unsubscribe = receiver.subscribe((event) => console.log(event.taskId));
   * unsubscribe();
   * ```
   */
  subscribe(listener: TaskEventListener): () => void;
}

/** How many recent event ids are remembered to recognise a duplicate delivery. */
const RECENT_IDS = 10_000;
const DEFAULT_SECRET_HEADER = 'x-modelstudio-event-secret';
const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What a header value can carry: visible ASCII, spaces and tabs, not at either end. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?$/;

const encoder = new TextEncoder();

/**
 * Whether two strings are equal, compared over their UTF-8 bytes in a time that depends only on
 * their lengths, not on where they differ (XOR accumulation; no `node:crypto`, so it runs on edge
 * runtimes too).
 *
 * @example
 * ```ts
 * import { constantTimeEqual } from 'modelstudio-video/events';
 *
 * console.log(constantTimeEqual('s3cret', 's3cret')); // true
 * console.log(constantTimeEqual('s3cret', 's3creT')); // false
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  const length = Math.max(left.length, right.length);
  let difference = left.length ^ right.length;
  for (let index = 0; index < length; index += 1) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

/** An answer, in neither request shape yet. */
interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the receiver needs of a request, whatever its shape. */
interface Incoming {
  readonly method: string;
  header(name: string): string | undefined;
  /** The body's chunks; `stop` tells the source the rest will not be read. */
  readonly chunks: AsyncIterator<Uint8Array>;
  stop(): void;
}

function answer(status: number, body: Record<string, unknown>, headers?: Record<string, string>): Answer {
  return headers === undefined ? { status, body } : { status, body, headers };
}

function checkOptions(options: TaskEventReceiverOptions): { secret: string; secretHeader: string; maxBodyBytes: number } {
  const issues: { path: string; message: string }[] = [];
  const secret: unknown = (options as { secret?: unknown } | undefined)?.secret;
  if (typeof secret !== 'string' || secret === '') {
    issues.push({ path: 'secret', message: 'is required: a non-empty string, the value of the header configured on the EventBridge target' });
  } else if (!HEADER_VALUE.test(secret)) {
    issues.push({ path: 'secret', message: 'must be a valid header value: visible ASCII characters, no line breaks, no spaces at either end' });
  }
  const secretHeader = options?.secretHeader ?? DEFAULT_SECRET_HEADER;
  if (typeof secretHeader !== 'string' || !HEADER_NAME.test(secretHeader)) {
    issues.push({ path: 'secretHeader', message: 'must be an HTTP header name (letters, digits and -, such as x-modelstudio-event-secret)' });
  }
  const maxBodyBytes = options?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (typeof maxBodyBytes !== 'number' || !Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    issues.push({ path: 'maxBodyBytes', message: 'must be a positive whole number of bytes' });
  }
  if (issues.length > 0) {
    throw new ValidationError(`Invalid createTaskEventReceiver options (${issues.length} problem${issues.length === 1 ? '' : 's'}):`, issues);
  }
  return { secret: secret as string, secretHeader: secretHeader.toLowerCase(), maxBodyBytes };
}

/**
 * Makes the receiver of task-completion events. Each request is checked in this order: method
 * POST (else 405), the secret header (missing or wrong: 401, nothing else happens), the size
 * (`Content-Length` or the bytes streamed above `maxBodyBytes`: 413, the rest unread), JSON (else
 * 400), a task id in the CloudEvents envelope ({@link extractTaskEvent}; else 400 with the
 * problem). A new event goes to every subscriber, and the answer is 202
 * `{ "accepted": true, "taskId": ... }` once all of them settled (500 if one threw). A duplicate
 * (the id of one of the last 10,000 accepted events) is answered 200 `{ "accepted": true,
 * "duplicate": true, ... }` and not delivered again. An event is only a hint: act on it by
 * querying the task.
 *
 * @throws `ValidationError` (of `modelstudio-video`) for an empty secret, a bad header name or size
 * limit; its message never holds the secret.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createTaskEventReceiver } from 'modelstudio-video/events';
 *
 * const receiver = createTaskEventReceiver({ secret: process.env['EVENT_SECRET'] ?? '' });
 * receiver.subscribe(async (event) => {
 *   // a hint: query the task before trusting it
 *   console.log(`task ${event.taskId} ended (${event.status ?? 'status not given'})`);
 * });
 * const app = express();
 * app.post('/modelstudio-events', (req, res) => void receiver.handleNode(req, res)); // before any body parser
 * app.listen(8080);
 * ```
 */
export function createTaskEventReceiver(options: TaskEventReceiverOptions): TaskEventReceiver {
  const { secret, secretHeader, maxBodyBytes } = checkOptions(options);
  const listeners = new Set<TaskEventListener>();
  /** Ids of delivered events, oldest first. */
  const recent = new Set<string>();
  /** Deliveries under way, by event id: a duplicate arriving meanwhile waits for the first. */
  const inFlight = new Map<string, Promise<boolean>>();

  const remember = (eventId: string): void => {
    recent.add(eventId);
    if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value as string);
  };

  const deliver = async (event: TaskEvent): Promise<boolean> => {
    const outcomes = [...listeners].map((listener) => {
      try {
        return Promise.resolve(listener(event));
      } catch (error) {
        return Promise.reject(error);
      }
    });
    const settled = await Promise.allSettled(outcomes);
    return settled.every((outcome) => outcome.status === 'fulfilled');
  };

  const readBody = async (incoming: Incoming): Promise<Uint8Array | undefined> => {
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const next = await incoming.chunks.next();
      if (next.done === true) break;
      size += next.value.byteLength;
      if (size > maxBodyBytes) {
        incoming.stop();
        return undefined;
      }
      parts.push(next.value);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      body.set(part, offset);
      offset += part.byteLength;
    }
    return body;
  };

  const receive = async (incoming: Incoming): Promise<Answer> => {
    if (incoming.method.toUpperCase() !== 'POST') {
      incoming.stop();
      return answer(405, { error: 'method not allowed: task events are POSTed' }, { allow: 'POST' });
    }
    const given = incoming.header(secretHeader);
    if (given === undefined || !constantTimeEqual(given, secret)) {
      incoming.stop();
      return answer(401, { error: `missing or wrong ${secretHeader} header` });
    }
    const tooLarge = answer(413, { error: `the body is larger than ${maxBodyBytes} bytes` }, { connection: 'close' });
    const declared = incoming.header('content-length');
    if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBodyBytes) {
      incoming.stop();
      return tooLarge;
    }
    const bytes = await readBody(incoming);
    if (bytes === undefined) return tooLarge;
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return answer(400, { error: 'the body is not JSON (a CloudEvents 1.0 envelope in structured mode)' });
    }
    const extracted = extractTaskEvent(parsed);
    if (!isTaskEvent(extracted)) return answer(400, { error: extracted.problem });
    const { eventId, taskId } = extracted;
    const earlier = inFlight.get(eventId);
    if (recent.has(eventId) || (earlier !== undefined && (await earlier))) {
      return answer(200, { accepted: true, duplicate: true, taskId });
    }
    const delivery = deliver(extracted);
    inFlight.set(eventId, delivery);
    try {
      if (!(await delivery)) return answer(500, { error: 'a subscriber failed to take the event; send it again' });
      remember(eventId);
      return answer(202, { accepted: true, taskId });
    } finally {
      inFlight.delete(eventId);
    }
  };

  return {
    async handle(request: Request): Promise<Response> {
      const reader = request.body?.getReader();
      const chunks: AsyncIterator<Uint8Array> = {
        next: async () => {
          if (reader === undefined) return { done: true, value: undefined };
          const read = await reader.read();
          return read.done ? { done: true, value: undefined } : { done: false, value: read.value };
        },
      };
      const result = await receive({
        method: request.method,
        header: (name) => request.headers.get(name) ?? undefined,
        chunks,
        stop: () => void reader?.cancel().catch(() => undefined),
      });
      return new Response(JSON.stringify(result.body), {
        status: result.status,
        headers: { 'content-type': 'application/json', ...result.headers },
      });
    },

    async handleNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
      // Stepped by hand rather than `for await ... break`: leaving a `for await` destroys the
      // request, and with it the socket the answer goes out on.
      const iterator = req[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      const result = await receive({
        method: req.method ?? 'GET',
        header: (name) => {
          const value = req.headers[name];
          return typeof value === 'string' ? value : undefined;
        },
        chunks: iterator,
        stop: () => req.pause(),
      });
      const text = JSON.stringify(result.body);
      res.statusCode = result.status;
      res.setHeader('content-type', 'application/json');
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      await new Promise<void>((resolve) => {
        res.once('close', resolve);
        res.end(text, () => resolve());
      });
    },

    subscribe(listener: TaskEventListener): () => void {
      // A wrapper per call, so that subscribing one function twice delivers twice and each
      // unsubscribe removes one.
      const entry: TaskEventListener = (event) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}

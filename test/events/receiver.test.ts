/**
 * The task-event receiver, through its public entry, in both request shapes: fetch `Request`
 * objects, and a real `node:http` server on a free port posted to with fetch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError, type TaskEventSource } from 'modelstudio-video';
import {
  constantTimeEqual, createTaskEventReceiver, TASK_ID_PATHS, type TaskEvent, type TaskEventReceiver,
} from 'modelstudio-video/events';

const SECRET = 'shh-0123456789-the-event-secret';
const HEADER = 'x-modelstudio-event-secret';
const TASK_ID = '0385dc79-5ff8-4d82-bcb6-xxxxxx'.replace(/x/g, 'a');
const TEN_MB = 10 * 1024 * 1024;

function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: 'event-1',
    source: 'acs.dashscope',
    type: 'dashscope:System:TaskCompleted',
    time: '2026-12-08T10:00:00Z',
    datacontenttype: 'application/json',
    data: { task_id: TASK_ID, task_status: 'SUCCEEDED' },
    aliyunaccountid: '123',
    ...overrides,
  };
}

function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = { [HEADER]: SECRET }): Request {
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body };
  if (typeof body !== 'string') init.duplex = 'half';
  return new Request('http://localhost/events', init);
}

/** A body of `total` bytes, made on demand in 64 KiB chunks, that counts what was pulled. */
function countedStream(total: number, delayMs = 0): { stream: ReadableStream<Uint8Array>; pulled: () => number; done: () => boolean } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (pulled >= total) {
        controller.close();
        return;
      }
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 1 });
  return { stream, pulled: () => pulled, done: () => pulled >= total };
}

async function json(response: Response): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

describe('constantTimeEqual', () => {
  it('is true for equal strings, false for unequal ones and for different lengths', () => {
    expect(constantTimeEqual(SECRET, SECRET)).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('héllo', 'héllo')).toBe(true);
    expect(constantTimeEqual(SECRET, `${SECRET.slice(0, -1)}X`)).toBe(false);
    expect(constantTimeEqual('héllo', 'hello')).toBe(false);
    expect(constantTimeEqual(SECRET, `${SECRET}x`)).toBe(false);
    expect(constantTimeEqual(SECRET, SECRET.slice(0, 5))).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    // a string that is a prefix padded with NULs is still not equal
    expect(constantTimeEqual('ab', 'ab\u0000')).toBe(false);
  });
});

describe('createTaskEventReceiver options', () => {
  it('refuses an empty or missing secret with a ValidationError that does not echo it', () => {
    expect(() => createTaskEventReceiver({ secret: '' })).toThrow(ValidationError);
    expect(() => createTaskEventReceiver({} as { secret: string })).toThrow(/secret is required/);
    try {
      createTaskEventReceiver({ secret: 'line\nbreak-secret' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).not.toContain('break-secret');
    }
  });

  it('refuses a bad header name or size limit', () => {
    expect(() => createTaskEventReceiver({ secret: SECRET, secretHeader: 'bad header' })).toThrow(/secretHeader/);
    expect(() => createTaskEventReceiver({ secret: SECRET, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createTaskEventReceiver({ secret: SECRET, maxBodyBytes: 1.5 })).toThrow(/maxBodyBytes/);
  });
});

describe('the fetch shape: handle(request)', () => {
  function setup(): { receiver: TaskEventReceiver; events: TaskEvent[] } {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    const events: TaskEvent[] = [];
    receiver.subscribe((event) => {
      events.push(event);
    });
    return { receiver, events };
  }

  it('accepts an event with the right secret, delivers it once with its task id, status and where it was found', async () => {
    const { receiver, events } = setup();
    const { status, body } = await json(await receiver.handle(post(JSON.stringify(envelope()))));
    expect(status).toBe(202);
    expect(body).toEqual({ accepted: true, taskId: TASK_ID });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ taskId: TASK_ID, status: 'SUCCEEDED', foundAt: 'data.task_id', eventId: 'event-1' });
    expect(events[0]?.time?.toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });

  it('acknowledges a duplicate with 2xx without delivering it again', async () => {
    const { receiver, events } = setup();
    expect((await receiver.handle(post(JSON.stringify(envelope())))).status).toBe(202);
    const again = await json(await receiver.handle(post(JSON.stringify(envelope()))));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: true, duplicate: true, taskId: TASK_ID });
    expect(events).toHaveLength(1);
    // a different id for the same task is a new event
    expect((await receiver.handle(post(JSON.stringify(envelope({ id: 'event-2' }))))).status).toBe(202);
    expect(events).toHaveLength(2);
  });

  it('answers 401 to a missing or wrong secret and delivers nothing', async () => {
    const { receiver, events } = setup();
    const missing = await json(await receiver.handle(post(JSON.stringify(envelope()), {})));
    const wrong = await json(await receiver.handle(post(JSON.stringify(envelope()), { [HEADER]: `${SECRET}-not` })));
    const short = await json(await receiver.handle(post(JSON.stringify(envelope()), { [HEADER]: SECRET.slice(0, 4) })));
    for (const answer of [missing, wrong, short]) {
      expect(answer.status).toBe(401);
      expect(answer.text).not.toContain(SECRET);
      expect(answer.text).not.toContain(SECRET.slice(0, 4));
    }
    expect(events).toEqual([]);
  });

  it('takes the secret in a header of its own choosing, any case', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET, secretHeader: 'X-Event-Token' });
    expect((await receiver.handle(post(JSON.stringify(envelope()), { 'x-event-token': SECRET }))).status).toBe(202);
    expect((await receiver.handle(post(JSON.stringify(envelope({ id: 'e2' })), { [HEADER]: SECRET }))).status).toBe(401);
  });

  it('answers 405 to another method, before looking at the secret', async () => {
    const { receiver } = setup();
    const response = await receiver.handle(new Request('http://localhost/events', { method: 'GET' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await receiver.handle(new Request('http://localhost/events', { method: 'PUT', body: '{}', headers: { [HEADER]: SECRET } }))).status).toBe(405);
  });

  it('answers 413 to a 10 MB body declared by Content-Length', async () => {
    const { receiver, events } = setup();
    const { stream, pulled } = countedStream(TEN_MB);
    const response = await receiver.handle(post(stream, { [HEADER]: SECRET, 'content-length': String(TEN_MB) }));
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
    expect(events).toEqual([]);
  });

  it('answers 413 to a streamed 10 MB body with no Content-Length, having read only a little past the limit', async () => {
    const { receiver, events } = setup();
    const { stream, pulled, done } = countedStream(TEN_MB);
    const response = await receiver.handle(post(stream));
    expect(response.status).toBe(413);
    expect(done()).toBe(false);
    expect(pulled()).toBeLessThan(512 * 1024);
    expect(events).toEqual([]);
  });

  it('answers 400 to a body that is not JSON, and to an envelope with no task id, naming the paths looked at', async () => {
    const { receiver, events } = setup();
    const notJson = await json(await receiver.handle(post('task done!')));
    expect(notJson.status).toBe(400);
    expect(notJson.body['error']).toMatch(/not JSON/);
    const empty = await json(await receiver.handle(post('')));
    expect(empty.status).toBe(400);
    const noTask = await json(await receiver.handle(post(JSON.stringify(envelope({ data: { note: 'nothing here' } })))));
    expect(noTask.status).toBe(400);
    for (const path of TASK_ID_PATHS) expect(noTask.body['error']).toContain(path);
    const noId = await json(await receiver.handle(post(JSON.stringify(envelope({ id: undefined })))));
    expect(noId.status).toBe(400);
    expect(noId.body['error']).toMatch(/no id/);
    expect(events).toEqual([]);
  });

  it('answers 500 when a subscriber throws or rejects, and delivers the retry', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    let calls = 0;
    let fail: 'throw' | 'reject' | 'no' = 'throw';
    receiver.subscribe(async () => {
      calls += 1;
      if (fail === 'reject') throw new Error('store down');
    });
    const stop = receiver.subscribe((() => {
      if (fail === 'throw') throw new Error('boom with details');
    }) as () => void);
    const thrown = await json(await receiver.handle(post(JSON.stringify(envelope()))));
    expect(thrown.status).toBe(500);
    expect(thrown.text).not.toContain('boom with details');
    stop();
    fail = 'reject';
    expect((await receiver.handle(post(JSON.stringify(envelope())))).status).toBe(500);
    fail = 'no';
    expect((await receiver.handle(post(JSON.stringify(envelope())))).status).toBe(202);
    expect(calls).toBe(3);
  });

  it('answers only once every subscriber settled', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    let release: () => void = () => undefined;
    let settled = false;
    receiver.subscribe(() => new Promise<void>((resolve) => {
      release = () => {
        settled = true;
        resolve();
      };
    }));
    let answered = false;
    const pending = receiver.handle(post(JSON.stringify(envelope()))).then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    // a duplicate arriving meanwhile waits too, and is not delivered again
    const duplicate = receiver.handle(post(JSON.stringify(envelope())));
    release();
    expect((await pending).status).toBe(202);
    expect(settled).toBe(true);
    expect((await duplicate).status).toBe(200);
  });

  it('stops delivering to an unsubscribed listener', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    const seen: string[] = [];
    const unsubscribe = receiver.subscribe((event) => {
      seen.push(event.eventId);
    });
    await receiver.handle(post(JSON.stringify(envelope({ id: 'a' }))));
    unsubscribe();
    unsubscribe();
    const response = await receiver.handle(post(JSON.stringify(envelope({ id: 'b' }))));
    expect(response.status).toBe(202);
    expect(seen).toEqual(['a']);
  });
});

describe('with the client', () => {
  it('is a TaskEventSource, the shape of the client\'s events option', () => {
    const source: TaskEventSource = createTaskEventReceiver({ secret: SECRET });
    const unsubscribe = source.subscribe((event) => {
      expect(typeof event.taskId).toBe('string');
    });
    expect(typeof unsubscribe).toBe('function');
  });
});

describe('the Node shape: handleNode(req, res) on a real node:http server', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server?.closeAllConnections();
      server?.close(() => resolve());
      if (server === undefined) resolve();
    });
    server = undefined;
  });

  async function start(receiver: TaskEventReceiver): Promise<string> {
    server = createServer((req, res) => void receiver.handleNode(req, res));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  }

  it('accepts, deduplicates and refuses like the fetch shape, never echoing the secret', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    const events: TaskEvent[] = [];
    receiver.subscribe((event) => {
      events.push(event);
    });
    const url = await start(receiver);
    const send = async (init: RequestInit) => json(await fetch(url, init));
    const body = JSON.stringify(envelope({ data: { output: { task_id: TASK_ID, task_status: 'FAILED' } } }));
    const answers = [
      await send({ method: 'POST', headers: { [HEADER]: SECRET, 'content-type': 'application/json' }, body }),
      await send({ method: 'POST', headers: { [HEADER]: SECRET }, body }),
      await send({ method: 'POST', body }),
      await send({ method: 'POST', headers: { [HEADER]: 'nope' }, body }),
      await send({ method: 'GET' }),
      await send({ method: 'POST', headers: { [HEADER]: SECRET }, body: '{"id":' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([202, 200, 401, 401, 405, 400]);
    expect(answers[0]?.body).toEqual({ accepted: true, taskId: TASK_ID });
    for (const answer of answers) expect(answer.text).not.toContain(SECRET);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ taskId: TASK_ID, status: 'FAILED', foundAt: 'data.output.task_id' });
  });

  it('answers 500 when a subscriber throws', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    receiver.subscribe(() => {
      throw new Error('no');
    });
    const url = await start(receiver);
    const response = await fetch(url, { method: 'POST', headers: { [HEADER]: SECRET }, body: JSON.stringify(envelope()) });
    expect(response.status).toBe(500);
  });

  it('answers 413 to a 10 MB body by Content-Length, at once', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    let called = false;
    receiver.subscribe(() => {
      called = true;
    });
    const url = await start(receiver);
    const response = await fetch(url, { method: 'POST', headers: { [HEADER]: SECRET }, body: new Uint8Array(TEN_MB) });
    expect(response.status).toBe(413);
    expect(await response.text()).not.toContain(SECRET);
    expect(called).toBe(false);
  });

  it('answers 413 to a chunked 10 MB body with no Content-Length before the whole body was sent', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    let called = false;
    receiver.subscribe(() => {
      called = true;
    });
    const url = await start(receiver);
    const { stream, pulled, done } = countedStream(TEN_MB, 1);
    const init: RequestInit & { duplex: 'half' } = { method: 'POST', headers: { [HEADER]: SECRET }, body: stream, duplex: 'half' };
    const response = await fetch(url, init);
    const sentWhenAnswered = pulled();
    expect(response.status).toBe(413);
    expect(done()).toBe(false);
    expect(sentWhenAnswered).toBeLessThan(TEN_MB / 2);
    expect(called).toBe(false);
    await response.text().catch(() => undefined);
  });
});

/**
 * The API key is never printed: not by the client, not by a task handle, not by any error the SDK
 * raises in practice, including the errors in their cause chains.
 */
import util from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError, AuthenticationError, ConnectionError, InternalServerError, ModelStudioClient, ModelStudioError,
  NotFoundError, PermissionDeniedError, RateLimitError, SubmitOutcomeUnknownError, TaskCanceledError, TaskFailedError,
  TaskNotFoundError, TimeoutError, ValidationError, type ModelStudioClientOptions,
} from 'modelstudio-video';
import { BASE_URL, SUBMIT_URL, useMsw } from '../helpers/msw.ts';

const { server } = useMsw();

const SECRET = 'sk-SECRET-never-print-me-42';
/** Parts of the key, so that a truncated or re-encoded copy is caught too. */
const FRAGMENTS = [SECRET, 'SECRET-never-print-me', 'never-print-me-42'];

const TASK_URL = `${BASE_URL}/api/v1/tasks/:id`;
const CANCEL_URL = `${BASE_URL}/api/v1/tasks/:id/cancel`;

afterEach(async () => {
  vi.useRealTimers();
  // Let msw's request recorder finish before the helper resets it.
  await new Promise((resolve) => setImmediate(resolve));
});

function makeClient(options: Partial<ModelStudioClientOptions> = {}): ModelStudioClient {
  // A lost submit fails at once here: the handle's own look-up for its task is the chaos suite's and
  // test/task/recover-submit.test.ts's subject.
  return new ModelStudioClient({ apiKey: SECRET, env: {}, submitRecovery: false, ...options });
}

function expectNoSecret(text: string | undefined, where: string): void {
  for (const fragment of FRAGMENTS) {
    expect(text ?? '', `${where} must not contain the API key`).not.toContain(fragment);
  }
}

const INSPECT = { depth: 10, showHidden: true } as const;

/** Every way an error gets printed, for the error and each error of its cause chain. */
function expectErrorKeepsSecret(error: unknown): void {
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let level = 0; current !== undefined && current !== null && !seen.has(current) && level < 10; level += 1) {
    seen.add(current);
    const label = `cause level ${level}`;
    expectNoSecret(String(current), `${label} String()`);
    expectNoSecret(util.inspect(current, INSPECT), `${label} util.inspect`);
    expectNoSecret(util.format('%o', current), `${label} util.format %o`);
    expectNoSecret(JSON.stringify(current), `${label} JSON.stringify`);
    if (current instanceof Error) {
      expectNoSecret(current.message, `${label} message`);
      expectNoSecret(current.stack, `${label} stack`);
      expectNoSecret(JSON.stringify(Object.getOwnPropertyNames(current).map((name) => [name, String((current as unknown as Record<string, unknown>)[name])])), `${label} own properties`);
    }
    current = current instanceof Error ? current.cause : undefined;
  }
}

/** The error a promise (or task handle) rejects with, while fake time runs. */
async function failureOf(promise: PromiseLike<unknown>, advanceMs = 120_000): Promise<unknown> {
  const outcome = Promise.resolve(promise).then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await vi.advanceTimersByTimeAsync(advanceMs);
  const settled = await outcome;
  if (settled.ok) throw new Error('expected a rejection, got a result');
  return settled.error;
}

const submitted = () => HttpResponse.json({ output: { task_id: 'task-1', task_status: 'PENDING' }, request_id: 'sub-1' });

describe('the client', () => {
  it('never shows the key in String, JSON or util.inspect', () => {
    const client = makeClient({ workspace: 'ws-1' });
    expectNoSecret(String(client), 'String(client)');
    expectNoSecret(`${client.baseUrl}`, 'baseUrl');
    expectNoSecret(JSON.stringify(client), 'JSON.stringify(client)');
    expectNoSecret(util.inspect(client, INSPECT), 'util.inspect(client)');
    expectNoSecret(util.inspect(client, { ...INSPECT, customInspect: false }), 'util.inspect(client) without custom inspect');
    expectNoSecret(util.format('%o %O %j', client, client, client), 'util.format(client)');
    expectNoSecret(util.inspect(client.tasks, INSPECT), 'util.inspect(client.tasks)');
    expectNoSecret(JSON.stringify(client.tasks), 'JSON.stringify(client.tasks)');
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ apiKey: '[redacted]' });
  });

  it('keeps the key out when it came from the environment', () => {
    const client = new ModelStudioClient({ env: { DASHSCOPE_API_KEY: SECRET } });
    expectNoSecret(JSON.stringify(client), 'JSON.stringify(client)');
    expectNoSecret(util.inspect(client, INSPECT), 'util.inspect(client)');
  });

  it('still sends the key where it belongs: the Authorization header', async () => {
    const seen: string[] = [];
    server.use(
      http.get(TASK_URL, ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'RUNNING' } });
      }),
    );
    await makeClient().tasks.get('task-1');
    expect(seen).toEqual([`Bearer ${SECRET}`]);
  });
});

describe('the task handle', () => {
  it('never shows the key in toJSON, JSON.stringify or util.inspect, before and after the submit', async () => {
    vi.useFakeTimers();
    server.use(
      http.post(SUBMIT_URL, submitted),
      http.get(TASK_URL, () =>
        HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'SUCCEEDED', video_url: 'https://results.example.com/v.mp4' } }),
      ),
    );
    const task = makeClient().textToVideo({ prompt: 'a fox' });
    const check = (when: string) => {
      expectNoSecret(JSON.stringify(task.toJSON()), `${when}: toJSON`);
      expectNoSecret(JSON.stringify(task), `${when}: JSON.stringify`);
      expectNoSecret(util.inspect(task, INSPECT), `${when}: util.inspect`);
      expectNoSecret(util.inspect(task, { ...INSPECT, customInspect: false }), `${when}: util.inspect without custom inspect`);
      expectNoSecret(util.format('%o', task), `${when}: util.format %o`);
    };
    check('before the submit');
    const done = task.then((result) => result);
    await vi.advanceTimersByTimeAsync(10_000);
    const result = await done;
    check('after success');
    expect(task.toJSON().taskId).toBe('task-1');
    expectNoSecret(JSON.stringify(result), 'JSON.stringify(result)');
    expectNoSecret(util.inspect(result, INSPECT), 'util.inspect(result)');
  });
});

describe('errors the SDK raises', () => {
  it('AuthenticationError from a 401 on a read', async () => {
    server.use(http.get(TASK_URL, () => HttpResponse.json({ code: 'InvalidApiKey', message: 'Invalid API-key provided.', request_id: 'r-401' }, { status: 401 })));
    const error = await makeClient({ maxRetries: 0 }).tasks.get('task-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expectErrorKeepsSecret(error);
  });

  it('AuthenticationError from a 401 on submit', async () => {
    server.use(http.post(SUBMIT_URL, () => HttpResponse.json({ code: 'InvalidApiKey', message: 'Invalid API-key provided.', request_id: 'r-401' }, { status: 401 })));
    const error = await makeClient({ maxRetries: 0 }).textToVideo({ prompt: 'a fox' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expectErrorKeepsSecret(error);
  });

  it('SubmitOutcomeUnknownError from a 500, with its cause chain', async () => {
    server.use(http.post(SUBMIT_URL, () => HttpResponse.json({ code: 'InternalError', message: 'oops', request_id: 'r-500' }, { status: 500 })));
    const error = await makeClient().textToVideo({ prompt: 'a fox' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(InternalServerError);
    expectErrorKeepsSecret(error);
  });

  it('SubmitOutcomeUnknownError from a network error, with its cause chain', async () => {
    server.use(http.post(SUBMIT_URL, () => HttpResponse.error()));
    const error = await makeClient().textToVideo({ prompt: 'a fox' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expectErrorKeepsSecret(error);
  });

  it('SubmitOutcomeUnknownError from a submit timeout', async () => {
    vi.useFakeTimers();
    server.use(
      http.post(SUBMIT_URL, async () => {
        await delay(5_000);
        return submitted();
      }),
    );
    const error = await failureOf(makeClient({ timeout: 1_000, submitRecovery: false }).textToVideo({ prompt: 'a fox' }), 10_000);
    expect(error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(TimeoutError);
    expectErrorKeepsSecret(error);
  });

  it('ConnectionError from a network error on a read', async () => {
    server.use(http.get(TASK_URL, () => HttpResponse.error()));
    const error = await makeClient({ maxRetries: 0 }).tasks.get('task-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expectErrorKeepsSecret(error);
  });

  it('ConnectionError from a refused connection on submit', async () => {
    vi.useFakeTimers();
    const fetch: typeof globalThis.fetch = async () => {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      });
    };
    const error = await failureOf(makeClient({ fetch, maxRetries: 1 }).textToVideo({ prompt: 'a fox' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expectErrorKeepsSecret(error);
  });

  it('TimeoutError (request) from a read that timed out', async () => {
    vi.useFakeTimers();
    server.use(
      http.get(TASK_URL, async () => {
        await delay(5_000);
        return HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'RUNNING' } });
      }),
    );
    const error = await failureOf(makeClient({ timeout: 1_000, maxRetries: 0 }).tasks.get('task-1'), 10_000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutKind).toBe('request');
    expectErrorKeepsSecret(error);
  });

  it('TimeoutError (wait) when a task outlives polling.timeoutMs', async () => {
    vi.useFakeTimers();
    server.use(
      http.post(SUBMIT_URL, submitted),
      http.get(TASK_URL, () => HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'RUNNING' } })),
    );
    const error = await failureOf(makeClient({ polling: { timeoutMs: 10_000 } }).textToVideo({ prompt: 'a fox' }), 30_000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutKind).toBe('wait');
    expectErrorKeepsSecret(error);
  });

  it('TaskFailedError when the task ends FAILED', async () => {
    vi.useFakeTimers();
    server.use(
      http.post(SUBMIT_URL, submitted),
      http.get(TASK_URL, () =>
        HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'FAILED', code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' } }),
      ),
    );
    const error = await failureOf(makeClient().textToVideo({ prompt: 'a fox' }), 10_000);
    expect(error).toBeInstanceOf(TaskFailedError);
    expectErrorKeepsSecret(error);
  });

  it('TaskNotFoundError when the service answers UNKNOWN', async () => {
    vi.useFakeTimers();
    server.use(http.get(TASK_URL, () => HttpResponse.json({ request_id: 'q', output: { task_id: 'nope', task_status: 'UNKNOWN' } })));
    const error = await failureOf(makeClient().tasks.wait('nope'), 10_000);
    expect(error).toBeInstanceOf(TaskNotFoundError);
    expectErrorKeepsSecret(error);
  });

  it('ValidationError from a request that breaks the caps', () => {
    let thrown: unknown;
    try {
      makeClient().textToVideo({ prompt: 'a fox', duration: 99 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expectErrorKeepsSecret(thrown);
  });

  it('RateLimitError, PermissionDeniedError and NotFoundError from reads', async () => {
    const answers: Record<string, () => Response> = {
      throttled: () => HttpResponse.json({ code: 'Throttling', message: 'slow', request_id: 'r' }, { status: 429, headers: { 'Retry-After': '1' } }),
      denied: () => HttpResponse.json({ code: 'AccessDenied', message: 'no', request_id: 'r' }, { status: 403 }),
      missing: () => HttpResponse.json({ code: 'InvalidURL', message: 'no such path', request_id: 'r' }, { status: 404 }),
    };
    server.use(http.get(TASK_URL, ({ params }) => (answers[String(params['id'])] ?? answers['missing'])!()));
    const client = makeClient({ maxRetries: 0 });
    const errors = await Promise.all(['throttled', 'denied', 'missing'].map((id) => client.tasks.get(id).catch((e: unknown) => e)));
    expect(errors[0]).toBeInstanceOf(RateLimitError);
    expect(errors[1]).toBeInstanceOf(PermissionDeniedError);
    expect(errors[2]).toBeInstanceOf(NotFoundError);
    for (const error of errors) expectErrorKeepsSecret(error);
  });

  it('AbortError and TaskCanceledError', async () => {
    vi.useFakeTimers();
    server.use(
      http.post(SUBMIT_URL, submitted),
      http.get(TASK_URL, () => HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'CANCELED' } })),
      http.post(CANCEL_URL, () => HttpResponse.json({ request_id: 'c' })),
    );
    const client = makeClient();
    const stop = new AbortController();
    const aborted = client.textToVideo({ prompt: 'a fox' }, { signal: stop.signal });
    stop.abort(new Error('user gave up'));
    const abortError = await failureOf(aborted, 1_000);
    expect(abortError).toBeInstanceOf(AbortError);
    expectErrorKeepsSecret(abortError);

    const canceled = await failureOf(client.tasks.wait('task-1'), 10_000);
    expect(canceled).toBeInstanceOf(TaskCanceledError);
    expectErrorKeepsSecret(canceled);
  });

  it('AuthenticationError for a missing key (the variable names, no value)', () => {
    let thrown: unknown;
    try {
      new ModelStudioClient({ env: { MODELSTUDIO_API_KEY: '   ' } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthenticationError);
    expect(thrown).toBeInstanceOf(ModelStudioError);
    expectErrorKeepsSecret(thrown);
  });

  // A key with a character that cannot go in an HTTP header (an inner line break, as from a
  // badly pasted key) is refused at construction, before fetch could quote it in an error.
  it('a key that is not a valid header value is refused at construction without echoing it', async () => {
    const badKey = 'sk-SECRET-never\nprint-me-42';
    let thrown: unknown;
    try {
      const client = new ModelStudioClient({ apiKey: badKey, env: {}, maxRetries: 0 });
      await client.tasks.get('task-1');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelStudioError);
    const printed = [String(thrown), util.inspect(thrown, INSPECT), JSON.stringify(thrown)];
    for (const text of printed) {
      expect(text).not.toContain('SECRET-never');
      expect(text).not.toContain('print-me-42');
    }
  });
});

/**
 * The retry policy (src/transport/retry-policy.ts, docs/protocol.md §5): reads retry on transient
 * failures; a submit, a paid action, retries only where no task can have been created.
 * Backoff runs on fake timers; request counts are taken in the msw handlers.
 */
import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  APIError, BadRequestError, ConnectionError, InternalServerError, ModelStudioClient, ModelStudioError,
  RateLimitError, SubmitOutcomeUnknownError, TimeoutError, isModelStudioError, type ModelStudioClientOptions,
} from 'modelstudio-video';
import { BASE_URL, SUBMIT_URL, TEST_KEY, useMsw } from '../helpers/msw.ts';
import { expectInstance } from '../helpers/settle.ts';

const { server } = useMsw();

const TASK_URL = `${BASE_URL}/api/v1/tasks/:id`;
const LIST_URL = `${BASE_URL}/api/v1/tasks`;
const CANCEL_URL = `${BASE_URL}/api/v1/tasks/:id/cancel`;

/** Longer than any backoff the policy can compute (30 s cap) times a few retries. */
const PLENTY_MS = 200_000;

afterEach(async () => {
  vi.useRealTimers();
  // Let msw's request recorder finish before the helper resets it.
  await new Promise((resolve) => setImmediate(resolve));
});

/** Settles a promise into a value or an error, so that a rejection is never unhandled while timers run. */
function settle<T>(promise: PromiseLike<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return Promise.resolve(promise).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function failureOf(promise: PromiseLike<unknown>, advanceMs = PLENTY_MS): Promise<unknown> {
  const outcome = settle(promise);
  await vi.advanceTimersByTimeAsync(advanceMs);
  const settled = await outcome;
  if (settled.ok) throw new Error('expected a rejection, got a result');
  return settled.error;
}

async function valueOf<T>(promise: PromiseLike<T>, advanceMs = PLENTY_MS): Promise<T> {
  const outcome = settle(promise);
  await vi.advanceTimersByTimeAsync(advanceMs);
  const settled = await outcome;
  if (!settled.ok) throw settled.error;
  return settled.value;
}

function makeClient(options: Partial<ModelStudioClientOptions> = {}): ModelStudioClient {
  // A lost submit fails at once here: the handle's own look-up for its task is the chaos suite's and
  // test/task/recover-submit.test.ts's subject.
  return new ModelStudioClient({ apiKey: TEST_KEY, env: {}, submitRecovery: false, ...options });
}

function errorJson(status: number, code: string, headers?: Record<string, string>) {
  return HttpResponse.json({ code, message: `failure ${code}`, request_id: `req-${status}` }, { status, ...(headers && { headers }) });
}

const runningTask = () =>
  HttpResponse.json({ request_id: 'q-1', output: { task_id: 'task-1', task_status: 'RUNNING' } });

const succeededTask = () =>
  HttpResponse.json({
    request_id: 'q-2',
    output: { task_id: 'task-1', task_status: 'SUCCEEDED', video_url: 'https://results.example.com/v.mp4' },
  });

const submitted = () => HttpResponse.json({ output: { task_id: 'task-1', task_status: 'PENDING' }, request_id: 'sub-ok' });

type Resolver = () => Response | Promise<Response>;

interface ReadOp {
  readonly name: string;
  readonly route: (resolver: Resolver) => ReturnType<typeof http.get>;
  readonly call: (client: ModelStudioClient) => Promise<unknown>;
  readonly ok: () => Response;
}

const READS: readonly ReadOp[] = [
  {
    name: 'tasks.get',
    route: (resolver) => http.get(TASK_URL, resolver),
    call: (client) => client.tasks.get('task-1'),
    ok: runningTask,
  },
  {
    name: 'tasks.list',
    route: (resolver) => http.get(LIST_URL, resolver),
    call: async (client) => {
      const tasks: unknown[] = [];
      for await (const task of client.tasks.list()) tasks.push(task);
      return tasks;
    },
    ok: () => HttpResponse.json({ request_id: 'l-1', data: [], total: 0, page_no: 1, page_size: 20 }),
  },
  {
    name: 'tasks.cancel',
    route: (resolver) => http.post(CANCEL_URL, resolver),
    call: (client) => client.tasks.cancel('task-1'),
    ok: () => HttpResponse.json({ request_id: 'c-1' }),
  },
];

const RETRIED_STATUSES = [408, 409, 429, 500, 502, 503, 504] as const;
const NOT_RETRIED_STATUSES = [400, 401, 403, 404] as const;

describe('reads', () => {
  for (const op of READS) {
    describe(op.name, () => {
      for (const status of RETRIED_STATUSES) {
        it(`retries HTTP ${status} up to maxRetries (maxRetries + 1 requests), then surfaces the API error`, async () => {
          vi.useFakeTimers();
          let calls = 0;
          server.use(
            op.route(() => {
              calls += 1;
              return errorJson(status, `Code${status}`);
            }),
          );
          const error = expectInstance(await failureOf(op.call(makeClient({ maxRetries: 3 }))), APIError);
          expect(calls).toBe(4);
          expect(error.status).toBe(status);
          if (status === 429) expect(error).toBeInstanceOf(RateLimitError);
          if (status >= 500) expect(error).toBeInstanceOf(InternalServerError);
        });

        it(`recovers when HTTP ${status} is followed by a success`, async () => {
          vi.useFakeTimers();
          let calls = 0;
          server.use(
            op.route(() => {
              calls += 1;
              return calls === 1 ? errorJson(status, `Code${status}`) : op.ok();
            }),
          );
          await valueOf(op.call(makeClient({ maxRetries: 3 })));
          expect(calls).toBe(2);
        });
      }

      for (const status of NOT_RETRIED_STATUSES) {
        it(`does not retry HTTP ${status}`, async () => {
          vi.useFakeTimers();
          let calls = 0;
          server.use(
            op.route(() => {
              calls += 1;
              return errorJson(status, `Code${status}`);
            }),
          );
          const error = expectInstance(await failureOf(op.call(makeClient({ maxRetries: 3 }))), APIError);
          expect(error.status).toBe(status);
          expect(calls).toBe(1);
        });
      }

      it('retries network errors up to maxRetries, then surfaces ConnectionError', async () => {
        vi.useFakeTimers();
        let calls = 0;
        server.use(
          op.route(() => {
            calls += 1;
            return HttpResponse.error();
          }),
        );
        const error = expectInstance(await failureOf(op.call(makeClient({ maxRetries: 2 }))), ConnectionError);
        expect(isModelStudioError(error)).toBe(true);
        expect(calls).toBe(3);
      });

      it('recovers from one network error', async () => {
        vi.useFakeTimers();
        let calls = 0;
        server.use(
          op.route(() => {
            calls += 1;
            return calls === 1 ? HttpResponse.error() : op.ok();
          }),
        );
        await valueOf(op.call(makeClient({ maxRetries: 2 })));
        expect(calls).toBe(2);
      });
    });
  }

  it('uses maxRetries 2 by default (3 requests)', async () => {
    vi.useFakeTimers();
    let calls = 0;
    server.use(
      http.get(TASK_URL, () => {
        calls += 1;
        return errorJson(500, 'InternalError');
      }),
    );
    expectInstance(await failureOf(makeClient().tasks.get('task-1')), InternalServerError);
    expect(calls).toBe(3);
  });

  it('maxRetries 0 sends a single request', async () => {
    vi.useFakeTimers();
    let calls = 0;
    server.use(
      http.get(TASK_URL, () => {
        calls += 1;
        return errorJson(503, 'ServiceUnavailable');
      }),
    );
    expectInstance(await failureOf(makeClient({ maxRetries: 0 }).tasks.get('task-1')), InternalServerError);
    expect(calls).toBe(1);
  });

  it('a per-call maxRetries on tasks.get overrides the client option', async () => {
    vi.useFakeTimers();
    let calls = 0;
    server.use(
      http.get(TASK_URL, () => {
        calls += 1;
        return errorJson(500, 'InternalError');
      }),
    );
    expectInstance(await failureOf(makeClient({ maxRetries: 5 }).tasks.get('task-1', { maxRetries: 1 })), InternalServerError);
    expect(calls).toBe(2);
  });

  it('backs off between attempts: exponential from 500 ms with full jitter', async () => {
    vi.useFakeTimers();
    const spy = vi.spyOn(Math, 'random').mockReturnValue(1);
    try {
      const times: number[] = [];
      server.use(
        http.get(TASK_URL, () => {
          times.push(Date.now());
          return errorJson(500, 'InternalError');
        }),
      );
      expectInstance(await failureOf(makeClient({ maxRetries: 3 }).tasks.get('task-1')), InternalServerError);
      expect(times).toHaveLength(4);
      const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
      // With jitter at its maximum, the waits are 500, 1000 and 2000 ms (plus a few ms of handling).
      const expected = [500, 1_000, 2_000];
      gaps.forEach((gap, index) => {
        expect(gap).toBeGreaterThanOrEqual(expected[index] ?? 0);
        expect(gap).toBeLessThan((expected[index] ?? 0) + 50);
      });
    } finally {
      spy.mockRestore();
    }
  });

  describe('server-requested delays', () => {
    function throttledOnce(headers: Record<string, string>, status = 429) {
      const times: number[] = [];
      server.use(
        http.get(TASK_URL, () => {
          times.push(Date.now());
          return times.length === 1 ? errorJson(status, status === 429 ? 'Throttling' : 'ServiceUnavailable', headers) : runningTask();
        }),
      );
      return times;
    }

    it('honours Retry-After: 3 (seconds): no retry before 3 s, a retry after', async () => {
      vi.useFakeTimers();
      const times = throttledOnce({ 'Retry-After': '3' });
      const outcome = settle(makeClient({ maxRetries: 2 }).tasks.get('task-1'));
      await vi.advanceTimersByTimeAsync(2_900);
      expect(times).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(times).toHaveLength(2);
      const settled = await outcome;
      expect(settled.ok).toBe(true);
      const gap = (times[1] ?? 0) - (times[0] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(3_000);
      expect(gap).toBeLessThan(3_100);
    });

    it('honours Retry-After on a 503 too', async () => {
      vi.useFakeTimers();
      const times = throttledOnce({ 'Retry-After': '3' }, 503);
      const outcome = settle(makeClient({ maxRetries: 2 }).tasks.get('task-1'));
      await vi.advanceTimersByTimeAsync(2_900);
      expect(times).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(times).toHaveLength(2);
      expect((await outcome).ok).toBe(true);
    });

    it('honours Retry-After as an HTTP-date', async () => {
      vi.useFakeTimers();
      const start = new Date('2026-03-01T08:00:00.000Z').getTime();
      vi.setSystemTime(start);
      const times = throttledOnce({ 'Retry-After': new Date(start + 5_000).toUTCString() });
      const outcome = settle(makeClient({ maxRetries: 2 }).tasks.get('task-1'));
      await vi.advanceTimersByTimeAsync(4_900);
      expect(times).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(times).toHaveLength(2);
      expect((await outcome).ok).toBe(true);
      expect(times[1]).toBeGreaterThanOrEqual(start + 5_000);
    });

    it('honours retry-after-ms', async () => {
      vi.useFakeTimers();
      const times = throttledOnce({ 'retry-after-ms': '1500' });
      const outcome = settle(makeClient({ maxRetries: 2 }).tasks.get('task-1'));
      await vi.advanceTimersByTimeAsync(1_400);
      expect(times).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(times).toHaveLength(2);
      expect((await outcome).ok).toBe(true);
      const gap = (times[1] ?? 0) - (times[0] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(1_500);
      expect(gap).toBeLessThan(1_600);
    });

    it('caps a very long Retry-After at 60 s', async () => {
      vi.useFakeTimers();
      const times = throttledOnce({ 'Retry-After': '3600' });
      const outcome = settle(makeClient({ maxRetries: 2 }).tasks.get('task-1'));
      await vi.advanceTimersByTimeAsync(59_000);
      expect(times).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(times).toHaveLength(2);
      expect((await outcome).ok).toBe(true);
    });
  });

  it('retries a read that timed out, and succeeds', async () => {
    vi.useFakeTimers();
    let calls = 0;
    server.use(
      http.get(TASK_URL, async () => {
        calls += 1;
        if (calls === 1) await delay(5_000);
        return runningTask();
      }),
    );
    const snapshot = await valueOf(makeClient({ timeout: 1_000, maxRetries: 2 }).tasks.get('task-1'), 20_000);
    expect(snapshot.status).toBe('RUNNING');
    expect(calls).toBe(2);
  });

  it('a read that keeps timing out surfaces TimeoutError (kind request) after maxRetries + 1 attempts', async () => {
    vi.useFakeTimers();
    let calls = 0;
    server.use(
      http.get(TASK_URL, async () => {
        calls += 1;
        await delay(5_000);
        return runningTask();
      }),
    );
    const error = expectInstance(await failureOf(makeClient({ timeout: 1_000, maxRetries: 2 }).tasks.get('task-1'), 30_000), TimeoutError);
    expect(error.timeoutKind).toBe('request');
    expect(calls).toBe(3);
  });
});

describe('submits', () => {
  function refusedError(): TypeError {
    return Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
  }

  function resetError(): TypeError {
    return Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
  }

  function countSubmits(resolver: (call: number) => Response | Promise<Response>): { readonly count: () => number } {
    let calls = 0;
    server.use(
      http.post(SUBMIT_URL, () => {
        calls += 1;
        return resolver(calls);
      }),
      http.get(TASK_URL, succeededTask),
    );
    return { count: () => calls };
  }

  it('retries a 429 and then succeeds with one task', async () => {
    vi.useFakeTimers();
    const submits = countSubmits((call) => (call === 1 ? errorJson(429, 'Throttling.RateQuota', { 'Retry-After': '1' }) : submitted()));
    const result = await valueOf(makeClient({ maxRetries: 2 }).textToVideo({ prompt: 'a fox' }));
    expect(submits.count()).toBe(2);
    expect(result.taskId).toBe('task-1');
    expect(result.videos[0].url).toBe('https://results.example.com/v.mp4');
  });

  it('retries a 429 without Retry-After using backoff', async () => {
    vi.useFakeTimers();
    const submits = countSubmits((call) => (call <= 2 ? errorJson(429, 'Throttling') : submitted()));
    const result = await valueOf(makeClient({ maxRetries: 2 }).textToVideo({ prompt: 'a fox' }));
    expect(submits.count()).toBe(3);
    expect(result.taskId).toBe('task-1');
  });

  it('a 429 that persists surfaces RateLimitError (no task was created) once the task\'s total wait runs out', async () => {
    vi.useFakeTimers();
    const start = Date.now();
    const submits = countSubmits(() => errorJson(429, 'Throttling', { 'Retry-After': '1' }));
    const client = makeClient({ maxRetries: 2, polling: { timeoutMs: 10_000 } });
    const error = expectInstance(await failureOf(client.textToVideo({ prompt: 'a fox' })), RateLimitError);
    expect(error).not.toBeInstanceOf(SubmitOutcomeUnknownError);
    // Rounds of maxRetries + 1 submits, one second apart as Retry-After asks, until the 10 s wait is spent.
    expect(submits.count()).toBeGreaterThan(3);
    expect(submits.count() % 3).toBe(0);
    expect(Date.now() - start).toBeGreaterThanOrEqual(10_000 - 1_000);
  });

  it('a 429 that clears while the task waits is not a failure: the task is submitted once it can be', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const submits = countSubmits(() => {
      calls += 1;
      return calls <= 7 ? errorJson(429, 'Throttling.AllocationQuota', { 'Retry-After': '2' }) : submitted();
    });
    const client = makeClient({ maxRetries: 2 });
    const task = client.textToVideo({ prompt: 'a fox' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(task.taskId).toBe('task-1');
    expect(submits.count()).toBe(8);
  });

  for (const [status, code] of [[500, 'InternalError'], [502, 'BadGateway'], [503, 'ServiceUnavailable'], [504, 'GatewayTimeout']] as const) {
    it(`does not retry HTTP ${status}: exactly one submit, SubmitOutcomeUnknownError`, async () => {
      vi.useFakeTimers();
      const submits = countSubmits(() => errorJson(status, code));
      const error = expectInstance(await failureOf(makeClient({ maxRetries: 3 }).textToVideo({ prompt: 'a fox' })), SubmitOutcomeUnknownError);
      expect(submits.count()).toBe(1);
      const cause = expectInstance(error.cause, InternalServerError);
      expect(cause.status).toBe(status);
    });
  }

  it('does not retry a 503 even when it carries Retry-After', async () => {
    vi.useFakeTimers();
    const submits = countSubmits(() => errorJson(503, 'ModelUnavailable', { 'Retry-After': '1' }));
    expectInstance(await failureOf(makeClient({ maxRetries: 3 }).textToVideo({ prompt: 'a fox' })), SubmitOutcomeUnknownError);
    expect(submits.count()).toBe(1);
  });

  it('does not retry a 400', async () => {
    vi.useFakeTimers();
    const submits = countSubmits(() => errorJson(400, 'InvalidParameter'));
    expectInstance(await failureOf(makeClient({ maxRetries: 3 }).textToVideo({ prompt: 'a fox' })), BadRequestError);
    expect(submits.count()).toBe(1);
  });

  it('does not retry an msw network error (no pre-send error code): SubmitOutcomeUnknownError', async () => {
    vi.useFakeTimers();
    const submits = countSubmits(() => HttpResponse.error());
    const error = expectInstance(await failureOf(makeClient({ maxRetries: 3 }).textToVideo({ prompt: 'a fox' })), SubmitOutcomeUnknownError);
    expect(submits.count()).toBe(1);
    expect(error.cause).toBeInstanceOf(ConnectionError);
  });

  it('retries a connection refused before sending, then succeeds with one task', async () => {
    vi.useFakeTimers();
    const submits = countSubmits(() => submitted());
    let fetchCalls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      fetchCalls += 1;
      if (fetchCalls === 1) throw refusedError();
      return globalThis.fetch(input, init);
    };
    const result = await valueOf(makeClient({ maxRetries: 2, fetch }).textToVideo({ prompt: 'a fox' }));
    expect(result.taskId).toBe('task-1');
    expect(submits.count()).toBe(1);
    // One refused submit, one submit that landed, one poll.
    expect(fetchCalls).toBe(3);
  });

  it('a refused connection that exhausts the retries surfaces ConnectionError, not SubmitOutcomeUnknownError', async () => {
    vi.useFakeTimers();
    const submits = countSubmits(() => submitted());
    let fetchCalls = 0;
    const fetch: typeof globalThis.fetch = async () => {
      fetchCalls += 1;
      throw refusedError();
    };
    const error = expectInstance(await failureOf(makeClient({ maxRetries: 2, fetch }).textToVideo({ prompt: 'a fox' })), ConnectionError);
    expect(error).not.toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(error.message).toContain('ECONNREFUSED');
    expect(fetchCalls).toBe(3);
    expect(submits.count()).toBe(0);
  });

  it('does not retry a connection reset (the request may have landed): SubmitOutcomeUnknownError', async () => {
    vi.useFakeTimers();
    let submitCalls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      // The handle's look-up for the lost task lists (GET) afterwards; only submits are counted.
      if (new Request(input, init).method === 'POST') submitCalls += 1;
      throw resetError();
    };
    const error = expectInstance(await failureOf(makeClient({ maxRetries: 3, fetch }).textToVideo({ prompt: 'a fox' })), SubmitOutcomeUnknownError);
    expect(submitCalls).toBe(1);
    expect(error.cause).toBeInstanceOf(ConnectionError);
  });

  it('does not retry a submit that timed out: SubmitOutcomeUnknownError after one request', async () => {
    vi.useFakeTimers();
    const submits = countSubmits(async () => {
      await delay(5_000);
      return submitted();
    });
    const error = expectInstance(
      await failureOf(makeClient({ timeout: 1_000, maxRetries: 3 }).textToVideo({ prompt: 'a fox' }), 30_000),
      SubmitOutcomeUnknownError,
    );
    expect(submits.count()).toBe(1);
    const cause = expectInstance(error.cause, TimeoutError);
    expect(cause.timeoutKind).toBe('request');
    expect(error.message).toMatch(/not retried/);
  });
});

describe('submits that could not be sent at all', () => {
  // A key that cannot form an Authorization header would make every request fail before leaving.
  // It is refused at construction, so a submit can never be misreported as "may have created a task".
  it('a key that cannot be a header value is refused before any submit', () => {
    let submits = 0;
    server.use(
      http.post(SUBMIT_URL, () => {
        submits += 1;
        return submitted();
      }),
    );
    expect(() => new ModelStudioClient({ apiKey: 'sk-pasted\u201Cwith-a-smart-quote', env: {}, maxRetries: 0 })).toThrow(AuthenticationError);
    expect(submits).toBe(0);
  });
});

import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError, ModelStudioClient, TaskCanceledError, TaskFailedError, TaskNotFoundError, TimeoutError,
  type ModelStudioError, type VideoResult,
} from 'modelstudio-video';
import { TEST_KEY, useMsw } from '../helpers/msw.ts';
import { TASK_URL, VIDEO_URL, scriptTask, taskBody } from '../helpers/service.ts';
import { settle as settleIn } from '../helpers/settle.ts';
import { useFakeClock } from '../helpers/simulated-client.ts';

const settle = <T>(promise: PromiseLike<T>, ms = 3_600_000) => settleIn(promise, ms);

const { server, requests } = useMsw();

// Just before the submit time of test/helpers/service.ts's canned answers (11:07:28.590 in Beijing).
useFakeClock(new Date('2026-01-09T03:07:28.000Z'));

function client(options: ConstructorParameters<typeof ModelStudioClient>[0] = {}) {
  return new ModelStudioClient({ apiKey: TEST_KEY, maxRetries: 0, ...options });
}

describe('a successful task', () => {
  it('emits queued, submitted, each status change and progress, then succeeded, and resolves to the result', async () => {
    scriptTask(server, ['PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    const task = client().textToVideo({ prompt: 'fox' });
    const events: string[] = [];
    task.on('queued', (e) => events.push(`queued ${e.model}`));
    task.on('submitted', (e) => events.push(`submitted ${e.taskId} ${e.requestId}`));
    task.on('status', (e) => events.push(`status ${e.previous ?? '-'}->${e.status}`));
    task.on('progress', (e) => events.push(`progress ${e.status}`));
    task.on('succeeded', (r) => events.push(`succeeded ${r.taskId}`));
    const { value } = await settle(task);
    expect(events).toEqual([
      'queued wan2.6-t2v',
      'submitted task-1 submit-req',
      'status -->PENDING',
      'progress PENDING',
      'status PENDING->RUNNING',
      'progress RUNNING',
      'progress RUNNING',
      'status RUNNING->SUCCEEDED',
      'progress SUCCEEDED',
      'succeeded task-1',
    ]);
    const result = value as VideoResult;
    expect(result).toMatchObject({
      taskId: 'task-1',
      model: 'wan2.6-t2v',
      status: 'SUCCEEDED',
      requestId: 'query-succeeded',
      origPrompt: 'fox',
      actualPrompt: 'a fox, detailed',
      times: { submit: '2026-01-09 11:07:28.590', scheduled: '2026-01-09 11:07:35.349', end: '2026-01-09 11:11:41.650' },
    });
    expect(result.videos).toEqual([{ url: VIDEO_URL, expiresAt: new Date(1_900_000_000_000) }]);
    expect(result.submittedAt?.toISOString()).toBe('2026-01-09T03:07:28.590Z');
    expect(result.endedAt?.toISOString()).toBe('2026-01-09T03:11:41.650Z');
    expect(result.usage).toMatchObject({ duration: 5, outputVideoDuration: 5, videoCount: 1, sr: 1080 });
    expect(result.usage?.raw).toEqual({ duration: 5, output_video_duration: 5, video_count: 1, SR: 1080, new_field: 'kept' });
    expect(task.status).toBe('SUCCEEDED');
    expect(task.taskId).toBe('task-1');
  });

  it('polls on the documented schedule: 2 s after submit, x1.5 each time until the earliest plausible end of a 5 s 1080P task (33.5 s), then every 4% of the time elapsed', async () => {
    const start = Date.now();
    const pollTimes = scriptTask(server, [...Array<string>(11).fill('RUNNING'), 'SUCCEEDED']);
    await settle(client().textToVideo({ prompt: 'fox' }));
    const gaps = pollTimes.map((time, index) => time - (index === 0 ? start : (pollTimes[index - 1] ?? 0)));
    // The backoff (2, 3, 4.5, 6.75, 10.1 s) is cut short at 33.5 s, a quarter of the prior's 134 s;
    // from there each gap is 4% of the time since the submit.
    const expected = [2000, 3000, 4500, 6750, 10125, 7125];
    for (let elapsed = 33_500; expected.length < 12; elapsed *= 1.04) expected.push(elapsed * 0.04);
    expect(gaps).toHaveLength(expected.length);
    // Intervals run from the previous answer, which msw delivers a few fake milliseconds after the request.
    gaps.forEach((gap, index) => expect(Math.abs(gap - (expected[index] ?? 0))).toBeLessThanOrEqual(10 + index));
  });

  it('takes per-call polling options over the client ones', async () => {
    const start = Date.now();
    const pollTimes = scriptTask(server, ['RUNNING', 'SUCCEEDED']);
    await settle(client({ polling: { initialIntervalMs: 5000 } }).textToVideo({ prompt: 'fox' }, { polling: { initialIntervalMs: 100, backoffFactor: 1 } }));
    const [first = 0, second = 0] = pollTimes.map((t) => t - start);
    expect(first).toBe(100);
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(second - first).toBeLessThanOrEqual(105);
  });

  it('treats SUSPENDED and statuses it does not know as still running', async () => {
    scriptTask(server, ['SUSPENDED', 'QUEUED_SOMEWHERE_NEW', 'SUCCEEDED']);
    const statuses: string[] = [];
    const task = client().textToVideo({ prompt: 'fox' });
    task.on('status', (e) => statuses.push(e.status));
    const { value } = await settle(task);
    expect(value?.status).toBe('SUCCEEDED');
    expect(statuses).toEqual(['PENDING', 'SUSPENDED', 'QUEUED_SOMEWHERE_NEW', 'SUCCEEDED']);
  });

  it('estimates progress below 1 until success and says it is an estimate by name', async () => {
    scriptTask(server, ['RUNNING', 'RUNNING', 'SUCCEEDED']);
    const task = client().textToVideo({ prompt: 'fox' });
    const fractions: number[] = [];
    task.on('progress', (e) => fractions.push(e.estimatedFraction));
    await settle(task);
    expect(fractions.at(-1)).toBe(1);
    for (const fraction of fractions.slice(0, -1)) expect(fraction).toBeGreaterThan(0), expect(fraction).toBeLessThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });
});

describe('terminal statuses other than success', () => {
  it('FAILED rejects with TaskFailedError carrying the task id, code, message and request id, and emits failed', async () => {
    scriptTask(server, [() => HttpResponse.json(taskBody('FAILED', { code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' }))]);
    const task = client().textToVideo({ prompt: 'fox' });
    const failed = vi.fn();
    task.on('failed', failed);
    const { error } = await settle(task);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ taskId: 'task-1', code: 'DataInspectionFailed', requestId: 'query-failed' });
    expect(error?.message).toBe('Task task-1 failed: DataInspectionFailed: Output data may contain inappropriate content.');
    expect(failed).toHaveBeenCalledWith(error);
  });

  it('CANCELED rejects with TaskCanceledError and emits canceled, not failed', async () => {
    scriptTask(server, ['CANCELED']);
    const task = client().textToVideo({ prompt: 'fox' });
    const canceled = vi.fn();
    const failed = vi.fn();
    task.on('canceled', canceled).on('failed', failed);
    const { error } = await settle(task);
    expect(error).toBeInstanceOf(TaskCanceledError);
    expect(error).toMatchObject({ taskId: 'task-1', message: 'Task task-1 was canceled.' });
    expect(canceled).toHaveBeenCalledWith({ taskId: 'task-1' });
    expect(failed).not.toHaveBeenCalled();
  });

  it('UNKNOWN rejects with TaskNotFoundError that says the id is unknown or expired', async () => {
    scriptTask(server, ['UNKNOWN']);
    const { error } = await settle(client().tasks.wait('task-1'));
    expect(error).toBeInstanceOf(TaskNotFoundError);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error?.message).toMatch(/Task task-1 is unknown to the service: the id is wrong, belongs to another region, or expired \(tasks are kept for 24 hours\)/);
  });

  it('SUCCEEDED without a video URL rejects instead of resolving to nothing', async () => {
    scriptTask(server, [() => HttpResponse.json({ request_id: 'q', output: { task_id: 'task-1', task_status: 'SUCCEEDED' } })]);
    const { error } = await settle(client().textToVideo({ prompt: 'fox' }));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error?.message).toBe('Task task-1 succeeded but the service sent no video URL.');
  });
});

describe('polling through failures', () => {
  it('keeps polling through transient query errors and still resolves', async () => {
    scriptTask(server, [
      () => HttpResponse.json({ code: 'InternalError', message: 'oops', request_id: 'e1' }, { status: 500 }),
      () => HttpResponse.error(),
      () => HttpResponse.json({ code: 'Throttling', message: 'slow down', request_id: 'e2' }, { status: 429 }),
      'SUCCEEDED',
    ]);
    const { value } = await settle(client().textToVideo({ prompt: 'fox' }));
    expect(value?.videos[0].url).toBe(VIDEO_URL);
  });

  it('stops on a fatal query error such as 401 and rejects with it', async () => {
    scriptTask(server, [() => HttpResponse.json({ code: 'InvalidApiKey', message: 'Invalid API-key provided.', request_id: 'e401' }, { status: 401 })]);
    const { error } = await settle(client().textToVideo({ prompt: 'fox' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('gives up after the total wait with a TimeoutError carrying the task id, and leaves the task running', async () => {
    scriptTask(server, ['RUNNING']);
    const { error } = await settle(client({ polling: { timeoutMs: 60_000 } }).textToVideo({ prompt: 'fox' }), 120_000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ taskId: 'task-1', timeoutKind: 'wait' });
    expect(error?.message).toContain("Resume with client.tasks.wait('task-1')");
    const pollsAtTimeout = requests.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(pollsAtTimeout);
    expect(requests.some((r) => r.url.endsWith('/cancel'))).toBe(false);
  });

  it('does not report a listener error as a task failure', async () => {
    scriptTask(server, ['SUCCEEDED']);
    const reported: unknown[] = [];
    const task = client().textToVideo({ prompt: 'fox' });
    task.on('status', () => {
      throw new Error('listener bug');
    });
    const original = globalThis.queueMicrotask;
    vi.stubGlobal('queueMicrotask', (callback: () => void) =>
      original(() => {
        try {
          callback();
        } catch (error) {
          reported.push(error);
        }
      }),
    );
    const { value } = await settle(task);
    vi.unstubAllGlobals();
    expect(value?.status).toBe('SUCCEEDED');
    expect(reported.map((e) => (e as Error).message)).toEqual(['listener bug', 'listener bug']);
  });
});

describe('a handle nobody awaits', () => {
  it('never raises unhandledRejection', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    scriptTask(server, [() => HttpResponse.json({ code: 'InvalidApiKey', message: 'bad', request_id: 'x' }, { status: 401 })]);
    client().textToVideo({ prompt: 'fox' });
    client().tasks.wait('task-1');
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

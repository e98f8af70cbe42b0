import { delay, http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError, BadRequestError, ModelStudioClient, SubmitOutcomeUnknownError, TaskCanceledError, type ModelStudioClientOptions, type ModelStudioError,
} from 'modelstudio-video';
import { BASE_URL, SUBMIT_URL, TEST_KEY, useMsw } from '../helpers/msw.ts';
import { TASK_URL, scriptTask, taskBody } from '../helpers/service.ts';
import { settle as settleIn } from '../helpers/settle.ts';
import { useFakeClock } from '../helpers/simulated-client.ts';

const settle = <T>(promise: PromiseLike<T>, ms = 600_000) => settleIn(promise, ms);

const { server, requests } = useMsw();
const CANCEL_URL = `${BASE_URL}/api/v1/tasks/:id/cancel`;

// Just before the submit time of test/helpers/service.ts's canned answers (11:07:28.590 in Beijing).
useFakeClock(new Date('2026-01-09T03:07:28.000Z'));

function client(options: Pick<ModelStudioClientOptions, 'submitRecovery'> = {}) {
  return new ModelStudioClient({ apiKey: TEST_KEY, maxRetries: 0, ...options });
}

const submits = () => requests.filter((r) => r.method === 'POST' && r.url === SUBMIT_URL);
const polls = () => requests.filter((r) => r.method === 'GET');

describe('abort', () => {
  it('before the submit leaves: rejects with AbortError and sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await settle(client().textToVideo({ prompt: 'fox' }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ taskId: undefined, message: 'Aborted before the submit was sent; no task was created.' });
    expect(requests).toHaveLength(0);
  });

  it('while waiting: stops polling, leaves the task running, and names the task to resume', async () => {
    scriptTask(server, ['RUNNING']);
    const controller = new AbortController();
    const task = client().textToVideo({ prompt: 'fox' }, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(10_000);
    const pollsBefore = polls().length;
    expect(pollsBefore).toBeGreaterThan(0);
    controller.abort();
    const { error } = await settle(task);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ taskId: 'task-1' });
    expect(error?.message).toContain("client.tasks.wait('task-1')");
    expect(polls()).toHaveLength(pollsBefore);
    expect(requests.some((r) => r.url.endsWith('/cancel'))).toBe(false);
  });

  it('while the submit is in flight: lets it land, then rejects with the new task id (no orphan task)', async () => {
    server.use(
      http.post(SUBMIT_URL, async () => {
        await delay(1000);
        return HttpResponse.json({ output: { task_id: 'task-late', task_status: 'PENDING' }, request_id: 'r' });
      }),
    );
    const controller = new AbortController();
    const task = client().textToVideo({ prompt: 'fox' }, { signal: controller.signal });
    const submitted = vi.fn();
    task.on('submitted', submitted);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const { error } = await settle(task);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ taskId: 'task-late' });
    expect(submitted).toHaveBeenCalledWith({ taskId: 'task-late', requestId: 'r', model: 'wan2.6-t2v' });
    expect(submits()).toHaveLength(1);
    expect(polls()).toHaveLength(0);
  });
});

describe('whenSubmitted', () => {
  it('resolves with the task id as soon as the service created the task, before the result', async () => {
    scriptTask(server, ['RUNNING']);
    const task = client().textToVideo({ prompt: 'fox' });
    const { value } = await settle(task.whenSubmitted(), 10);
    expect(value).toEqual({ taskId: 'task-1', requestId: 'submit-req', model: 'wan2.6-t2v' });
    expect(task.status).toBe('PENDING');
  });

  it("rejects with the handle's error when the task is never created", async () => {
    const task = client().textToVideo({ prompt: 'fox' });
    void task.cancel();
    const { error } = await settle(task.whenSubmitted(), 10);
    expect(error).toBeInstanceOf(TaskCanceledError);
  });

  it('an abort from a submitted listener ends the events with failed: no status event after it', async () => {
    scriptTask(server, ['RUNNING']);
    const controller = new AbortController();
    const task = client().textToVideo({ prompt: 'fox' }, { signal: controller.signal });
    const events: string[] = [];
    task.on('submitted', () => {
      events.push('submitted');
      controller.abort();
    });
    task.on('status', (e) => events.push(`status ${e.status}`));
    task.on('failed', (e) => events.push(`failed ${e.name}`));
    await settle(task, 60_000);
    expect(events).toEqual(['submitted', 'failed AbortError']);
    expect(polls()).toHaveLength(0);
  });
});

describe('cancel', () => {
  it('cancels a PENDING task on the service; the handle rejects with TaskCanceledError', async () => {
    let canceled = false;
    scriptTask(server, [() => HttpResponse.json(taskBody(canceled ? 'CANCELED' : 'PENDING'))]);
    server.use(
      http.post(CANCEL_URL, ({ params }) => {
        canceled = params.id === 'task-1';
        return HttpResponse.json({ request_id: 'cancel-req' });
      }),
    );
    const task = client().textToVideo({ prompt: 'fox' });
    const onCanceled = vi.fn();
    task.on('canceled', onCanceled);
    await vi.advanceTimersByTimeAsync(2_500);
    await settle(task.cancel(), 10);
    const { error } = await settle(task, 1_000);
    expect(error).toBeInstanceOf(TaskCanceledError);
    expect(onCanceled).toHaveBeenCalledWith({ taskId: 'task-1' });
    expect(requests.filter((r) => r.url.endsWith('/api/v1/tasks/task-1/cancel'))).toHaveLength(1);
  });

  it('says clearly when it is too late: the service cancels only PENDING tasks', async () => {
    scriptTask(server, ['RUNNING']);
    server.use(
      http.post(CANCEL_URL, () =>
        HttpResponse.json({ code: 'UnsupportedOperation', message: 'Failed to cancel the task, please confirm if the task is in PENDING status.', request_id: 'c-400' }, { status: 400 }),
      ),
    );
    const task = client().textToVideo({ prompt: 'fox' });
    await vi.advanceTimersByTimeAsync(2_500);
    const { error } = await settle(task.cancel(), 10);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: 'UnsupportedOperation', status: 400, requestId: 'c-400' });
    expect(error?.message).toBe('Task task-1 can no longer be canceled: it is RUNNING. The service cancels only PENDING tasks (request id c-400).');
    // The task is unaffected and still awaited.
    expect(task.status).toBe('RUNNING');
  });

  it('before the submit leaves: sends nothing at all', async () => {
    const task = client().textToVideo({ prompt: 'fox' });
    const cancel = task.cancel();
    const { error } = await settle(task, 1_000);
    await cancel;
    expect(error).toBeInstanceOf(TaskCanceledError);
    expect(error?.message).toBe('The task was canceled before it was submitted; no task was created.');
    expect(requests).toHaveLength(0);
  });

  it('after the task ended: says there is nothing to cancel', async () => {
    scriptTask(server, ['SUCCEEDED']);
    const task = client().textToVideo({ prompt: 'fox' });
    await settle(task);
    expect((await settle(task.cancel(), 10)).error?.message).toBe('Task task-1 already ended with status SUCCEEDED; there is nothing to cancel.');
  });

  it('client.tasks.cancel cancels by id', async () => {
    server.use(http.post(CANCEL_URL, () => HttpResponse.json({ request_id: 'ok' })));
    await settle(client().tasks.cancel('task-9'), 10);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${BASE_URL}/api/v1/tasks/task-9/cancel`]);
  });
});

describe('resume', () => {
  it('toJSON holds what another process needs, and tasks.wait resumes from it with polling at once', async () => {
    scriptTask(server, ['RUNNING']);
    const first = client().textToVideo({ prompt: 'fox' });
    await vi.advanceTimersByTimeAsync(2_500);
    const saved = JSON.parse(JSON.stringify(first)) as ReturnType<typeof first.toJSON>;
    expect(saved).toEqual({
      taskId: 'task-1',
      model: 'wan2.6-t2v',
      mode: 'textToVideo',
      status: 'RUNNING',
      requestId: 'submit-req',
      createdAt: '2026-01-09T03:07:28.000Z',
    });

    // "Another process": a new client that only has the saved JSON.
    server.resetHandlers();
    requests.length = 0;
    scriptTask(server, ['SUCCEEDED']);
    const resumed = new ModelStudioClient({ apiKey: TEST_KEY }).tasks.wait(saved);
    await vi.advanceTimersByTimeAsync(10);
    expect(polls()).toHaveLength(1);
    const { value } = await settle(resumed);
    expect(value).toMatchObject({ taskId: 'task-1', model: 'wan2.6-t2v', status: 'SUCCEEDED' });
    expect(submits()).toHaveLength(0);
  });

  it('tasks.get reads one snapshot', async () => {
    server.use(http.get(TASK_URL, () => HttpResponse.json(taskBody('RUNNING', {}, 'task-7'))));
    const { value: snapshot } = await settle(client().tasks.get('task-7'), 10);
    expect(snapshot).toMatchObject({ taskId: 'task-7', status: 'RUNNING', videos: [], model: undefined });
  });
});

describe('list', () => {
  // No polling here: real timers let the async iterator's requests run as they would in an app.
  beforeEach(() => {
    vi.useRealTimers();
  });

  it('iterates over every page with the filters as query parameters', async () => {
    const pages = [['a', 'b'], ['c', 'd'], ['e']];
    server.use(
      http.get(`${BASE_URL}/api/v1/tasks`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page_no'));
        const ids = pages[page - 1] ?? [];
        return HttpResponse.json({
          request_id: `list-${page}`,
          total: 5,
          total_page: 3,
          page_no: page,
          page_size: 2,
          data: ids.map((id) => ({
            task_id: id,
            status: 'SUCCEEDED',
            start_time: '2026-01-09 11:07:28.590',
            end_time: '2026-01-09 11:09:00.000',
            user_api_unique_key: 'apikey:v1:aigc:video-generation:video-synthesis:wan2.6-t2v',
          })),
        });
      }),
    );
    const seen = [];
    for await (const task of client().tasks.list({
      model: 'wan2.6-t2v',
      status: 'SUCCEEDED',
      startTime: new Date('2026-01-09T00:00:00Z'),
      endTime: new Date('2026-01-09T12:00:00Z'),
      pageSize: 2,
    })) {
      seen.push(task);
    }
    expect(seen.map((t) => t.taskId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seen[0]).toMatchObject({ status: 'SUCCEEDED', model: 'wan2.6-t2v', submittedAt: new Date('2026-01-09T03:07:28.590Z') });
    expect(requests).toHaveLength(3);
    const query = new URL(requests[0]?.url ?? '').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      page_no: '1',
      page_size: '2',
      status: 'SUCCEEDED',
      model_name: 'wan2.6-t2v',
      start_time: '20260109080000',
      end_time: '20260109200000',
    });
  });

  it('stops lazily: breaking out of the loop fetches no further page', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v1/tasks`, () =>
        HttpResponse.json({ total_page: 50, data: [{ task_id: 'x', task_status: 'RUNNING' }, { task_id: 'y', task_status: 'RUNNING' }] }),
      ),
    );
    for await (const task of client().tasks.list({ pageSize: 2 })) {
      expect(task.taskId).toBe('x');
      break;
    }
    expect(requests).toHaveLength(1);
  });
});

describe('findSubmitted', () => {
  it('finds the task a lost submit created, matched by model, time window and prompt', async () => {
    server.use(
      http.post(SUBMIT_URL, () => HttpResponse.json({ code: 'InternalError', message: 'lost', request_id: 'lost-1' }, { status: 500 })),
      http.get(`${BASE_URL}/api/v1/tasks`, () =>
        HttpResponse.json({ total_page: 1, data: [{ task_id: 'mine', status: 'RUNNING' }, { task_id: 'other', status: 'RUNNING' }] }),
      ),
      http.get(TASK_URL, ({ params }) =>
        HttpResponse.json(taskBody('RUNNING', { orig_prompt: params.id === 'mine' ? 'a lost fox' : 'something else' }, String(params.id))),
      ),
    );
    // The handle's own look-up is off: this is the manual path.
    const c = client({ submitRecovery: false });
    const { error } = await settle(c.textToVideo({ prompt: 'a lost fox' }), 10);
    expect(error).toBeInstanceOf(SubmitOutcomeUnknownError);
    const { value: found } = await settle(c.tasks.findSubmitted(error as SubmitOutcomeUnknownError), 100);
    expect(found?.map((t) => t.taskId)).toEqual(['mine']);
    const listQuery = new URL(requests.find((r) => r.url.includes('page_no'))?.url ?? '').searchParams;
    expect(listQuery.get('model_name')).toBe('wan2.6-t2v');
    expect(listQuery.get('start_time')).toBe('20260109110628');
    expect(listQuery.get('end_time')).toBe('20260109111728');
  });
});

/**
 * Edge cases of completion events, end to end in process (issue 27, item 6): the simulator posts
 * each task's event to a real receiver (its eventTarget's fetch calls `receiver.handle`), and a
 * client given that receiver waits on the task. Whatever the events do (come before the client
 * knows the task, twice, out of order, never, or forged), the handle's result is the service's,
 * and each case counts the status queries the events cost (`sim.stats.requests.query`).
 *
 * Polls are kept late (none in the first 30 s after a submit, whichever pace the client's polling
 * mode sets), so that a query before then can only have come from an event.
 */
import { describe, expect, it, vi } from 'vitest';
import { ModelStudioClient, type ModelStudioClientOptions, type TaskEventHint, type VideoResult } from 'modelstudio-video';
import { createTaskEventReceiver, type TaskEvent } from 'modelstudio-video/events';
import { createSimulator, type SimulatorEventTarget } from 'modelstudio-video/testing';
import { useFakeClock } from '../helpers/simulated-client.ts';

useFakeClock();

const SECRET = 'edge-case-secret-on-the-target';
const TARGET = 'https://receiver.test/events';
/** Each task: 1 s pending, then running for the `run:<ms>` its prompt names (default 9 s): it ends 10 s after its submit. */
const timing = (body: Readonly<Record<string, unknown>>) => {
  const run = /run:(\d+)/.exec(String((body.input as Record<string, unknown> | undefined)?.prompt ?? ''))?.[1];
  return { pendingMs: 1_000, runningMs: run === undefined ? 9_000 : Number(run) };
};
const END_MS = 10_000;
/** No poll in the first 30 s: the early poll waits 60 s, and the prior's window (134 s) begins after 33 s. */
const SLOW_POLLING = { initialIntervalMs: 60_000, maxIntervalMs: 60_000 };
/** Within the default 30-minute wait, however slow the polling fallback's pace. */
const UNTIL_TIMEOUT_MS = 29 * 60_000;

function setUp(target: Partial<SimulatorEventTarget> = {}, clientOptions: Partial<ModelStudioClientOptions> = {}) {
  const receiver = createTaskEventReceiver({ secret: SECRET });
  const sim = createSimulator({
    limits: false,
    timing,
    eventTarget: { url: TARGET, secret: SECRET, fetch: (input, init) => receiver.handle(new Request(input, init)), ...target },
  });
  /** What the receiver delivered, with the timer time it arrived at. */
  const delivered: { event: TaskEvent; at: number }[] = [];
  receiver.subscribe((event) => void delivered.push({ event, at: Date.now() }));
  const unfollowed: TaskEventHint[] = [];
  const client = new ModelStudioClient({
    apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, events: receiver, onTaskEvent: (event) => void unfollowed.push(event),
    polling: SLOW_POLLING, ...clientOptions,
  });
  return { sim, receiver, client, delivered, unfollowed };
}

/** Follows a handle: its result (or error) and the timer time it settled at. */
function settled<T>(handle: PromiseLike<T>): { value?: T; error?: unknown; at?: number } {
  const outcome: { value?: T; error?: unknown; at?: number } = {};
  handle.then(
    (value) => Object.assign(outcome, { value, at: Date.now() }),
    (error: unknown) => Object.assign(outcome, { error, at: Date.now() }),
  );
  return outcome;
}

/** A CloudEvents envelope as EventBridge would post it (docs/protocol.md §10.6), with `data` of our choosing. */
function envelope(id: string, data: Record<string, unknown>): string {
  return JSON.stringify({
    specversion: '1.0', id, source: 'acs.dashscope', type: 'dashscope:System:TaskCompleted', time: new Date().toISOString(),
    datacontenttype: 'application/json', data, aliyunaccountid: '1000000000000000', aliyunregionid: 'ap-southeast-1',
  });
}

function post(body: string, secret: string | undefined): Request {
  const headers: Record<string, string> = { 'content-type': 'application/cloudevents+json' };
  if (secret !== undefined) headers['x-modelstudio-event-secret'] = secret;
  return new Request(TARGET, { method: 'POST', headers, body });
}

/** Whether a handle settled within 50 ms after its event arrived (a timer of 0 runs a tick later). */
function endedSoonAfter(settledAt: number | undefined, arrivedAt: number | undefined): boolean {
  return settledAt !== undefined && arrivedAt !== undefined && settledAt >= arrivedAt && settledAt - arrivedAt <= 50;
}

function expectSucceeded(result: VideoResult | undefined, taskId: string): void {
  expect(result).toMatchObject({ taskId, model: 'wan2.6-t2v', status: 'SUCCEEDED' });
  expect(result?.videos).toHaveLength(1);
}

describe('completion events: edge cases, simulator → receiver → client', () => {
  it('an event that comes before the submit\'s answer goes to onTaskEvent; the handle still ends right, by its poll', async () => {
    const receiver = createTaskEventReceiver({ secret: SECRET });
    const sim = createSimulator({ limits: false, timing, eventTarget: { url: TARGET, secret: SECRET, fetch: (input, init) => receiver.handle(new Request(input, init)) } });
    const unfollowed: TaskEventHint[] = [];
    // The submit's answer takes 12 s to come back; the task ends, and its event comes, at 10 s.
    const slowSubmit: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await sim.handle(request);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/video-synthesis')) await new Promise((resolve) => setTimeout(resolve, 12_000));
      return response;
    };
    const client = new ModelStudioClient({
      apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: slowSubmit, events: receiver, onTaskEvent: (event) => void unfollowed.push(event), polling: SLOW_POLLING,
    });
    const started = Date.now();
    const task = client.textToVideo({ prompt: 'A fox' });
    const outcome = settled(task);
    let submittedId: string | undefined;
    void task.whenSubmitted().then(({ taskId }) => (submittedId = taskId));
    await vi.advanceTimersByTimeAsync(END_MS + 100);
    // The event came while no handle knew the task: it went to onTaskEvent, and it cost no query.
    expect(submittedId).toBeUndefined();
    expect(sim.events.sent).toBe(1);
    expect(unfollowed).toHaveLength(1);
    expect(sim.stats.requests.query).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(submittedId).toBe(unfollowed[0]?.taskId);
    expect(unfollowed[0]?.status).toBe('SUCCEEDED');
    // The event is not replayed once the handle learns the task: the handle waits for its own poll.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcome.at).toBeUndefined();
    expect(sim.stats.requests.query).toBe(0);
    await vi.advanceTimersByTimeAsync(UNTIL_TIMEOUT_MS);
    expectSucceeded(outcome.value, submittedId ?? '');
    expect((outcome.at ?? 0) - started).toBeGreaterThanOrEqual(12_000 + 30_000);
    // One poll, after the task's end: it found the task done.
    expect(sim.stats.requests.query).toBe(1);
    expect(unfollowed).toHaveLength(1);
  });

  it('the same event delivered twice reaches the client once: one query, nothing for onTaskEvent', async () => {
    // Every event is sent twice with the same id, each copy after its own delay of 0.1 to 3 s.
    const { sim, client, delivered, unfollowed } = setUp({ duplicate: 1, delayMs: [100, 3_000] });
    const started = Date.now();
    const task = client.textToVideo({ prompt: 'A fox' });
    const outcome = settled(task);
    const { taskId } = await task.whenSubmitted();
    await vi.advanceTimersByTimeAsync(END_MS + 5_000);
    expect(sim.events).toMatchObject({ events: 1, duplicated: 1, sent: 2, pending: 0 });
    expect(delivered.map(({ event }) => event.taskId)).toEqual([taskId]);
    expectSucceeded(outcome.value, taskId);
    expect(endedSoonAfter(outcome.at, delivered[0]?.at)).toBe(true);
    expect((outcome.at ?? 0) - started).toBeLessThan(END_MS + 3_000);
    expect(sim.stats.requests.query).toBe(1);
    // The second copy, had it been passed on after the handle ended, would have landed here.
    expect(unfollowed).toEqual([]);
  });

  it('events out of order: each handle ends with its own task when its own event comes, one query each', async () => {
    // Tasks end 1 s apart; each event waits up to 10 s more, so they arrive in another order. Each
    // task is of its own kind (duration, resolution), so that the run time learned from one that
    // ended does not bring another's fallback poll forward.
    const { sim, client, delivered, unfollowed } = setUp({ reorder: 10_000 });
    const kinds = [{ duration: 5, resolution: '1080P' }, { duration: 10, resolution: '1080P' }, { duration: 15, resolution: '1080P' }, { duration: 10, resolution: '720P' }] as const;
    const tasks = kinds.map((kind, index) => client.textToVideo({ prompt: `A fox run:${9_000 + 1_000 * index}`, ...kind }));
    const outcomes = tasks.map((task) => settled(task));
    const ids = await Promise.all(tasks.map(async (task) => (await task.whenSubmitted()).taskId));
    await vi.advanceTimersByTimeAsync(13_000 + 10_000 + 100);
    const arrival = delivered.map(({ event }) => event.taskId);
    expect([...arrival].sort()).toEqual([...ids].sort());
    expect(arrival).not.toEqual(ids);
    outcomes.forEach((outcome, index) => {
      const taskId = ids[index] ?? '';
      expectSucceeded(outcome.value, taskId);
      // Ended when its own event came, not when another task's did.
      expect(endedSoonAfter(outcome.at, delivered.find(({ event }) => event.taskId === taskId)?.at)).toBe(true);
    });
    expect(sim.stats.requests.query).toBe(4);
    expect(unfollowed).toEqual([]);
  });

  it('with every event lost, polling alone finishes the task', async () => {
    const { sim, client, delivered } = setUp({ loss: 1 });
    const started = Date.now();
    const task = client.textToVideo({ prompt: 'A fox' });
    const outcome = settled(task);
    const { taskId } = await task.whenSubmitted();
    await vi.advanceTimersByTimeAsync(END_MS + 10_000);
    expect(sim.events).toMatchObject({ events: 1, lost: 1, sent: 0 });
    expect(outcome.at).toBeUndefined();
    await vi.advanceTimersByTimeAsync(UNTIL_TIMEOUT_MS);
    expectSucceeded(outcome.value, taskId);
    expect((outcome.at ?? 0) - started).toBeGreaterThanOrEqual(30_000);
    expect(delivered).toEqual([]);
    // The first poll comes after the task's end and finds it done.
    expect(sim.stats.requests.query).toBe(1);
  });

  it('forged events: a wrong or missing secret gets 401 and costs nothing; an unknown task goes to onTaskEvent and costs nothing', async () => {
    const { sim, receiver, client, delivered, unfollowed } = setUp();
    const task = client.textToVideo({ prompt: 'A fox' });
    const outcome = settled(task);
    const { taskId } = await task.whenSubmitted();
    await vi.advanceTimersByTimeAsync(3_000);
    const forged = envelope('forged-1', { task_id: taskId, task_status: 'SUCCEEDED' });
    for (const secret of ['not-the-secret', `${SECRET}x`, undefined]) {
      expect((await receiver.handle(post(forged, secret))).status).toBe(401);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered).toEqual([]);
    expect(sim.stats.requests.query).toBe(0);
    expect(outcome.at).toBeUndefined();
    // The right secret, but a task no handle of this client follows.
    const unknown = await receiver.handle(post(envelope('forged-2', { task_id: 'c0ffee00-0000-4000-8000-000000000000', task_status: 'SUCCEEDED' }), SECRET));
    expect(unknown.status).toBe(202);
    await vi.advanceTimersByTimeAsync(100);
    expect(unfollowed.map((event) => [event.taskId, event.status])).toEqual([['c0ffee00-0000-4000-8000-000000000000', 'SUCCEEDED']]);
    expect(sim.stats.requests.query).toBe(0);
    expect(outcome.at).toBeUndefined();
    // The real event ends the task with one query.
    await vi.advanceTimersByTimeAsync(END_MS);
    expectSucceeded(outcome.value, taskId);
    expect(sim.stats.requests.query).toBe(1);
    expect(unfollowed).toHaveLength(1);
  });

  it('a forged event with the right secret whose model and status lie costs one query and changes nothing', async () => {
    const { sim, receiver, client, unfollowed } = setUp();
    const task = client.textToVideo({ prompt: 'A fox' });
    const outcome = settled(task);
    const { taskId } = await task.whenSubmitted();
    await vi.advanceTimersByTimeAsync(3_000);
    // The task runs; the event says another model's task of that id failed.
    const lie = envelope('forged-3', { task_id: taskId, task_status: 'FAILED', model: 'wan2.7-t2v', code: 'InternalError' });
    expect((await receiver.handle(post(lie, SECRET))).status).toBe(202);
    await vi.advanceTimersByTimeAsync(100);
    expect(sim.stats.requests.query).toBe(1);
    expect(outcome.at).toBeUndefined();
    expect(task.progress.status).toBe('RUNNING');
    // It ends as the service says, when the service's own event comes.
    await vi.advanceTimersByTimeAsync(END_MS);
    expect(outcome.error).toBeUndefined();
    expectSucceeded(outcome.value, taskId);
    expect(sim.stats.requests.query).toBe(2);
    expect(unfollowed).toEqual([]);
  });
});

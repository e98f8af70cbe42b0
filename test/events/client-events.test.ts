/**
 * A client given a source of task events: an event for a followed task brings its query forward
 * (the query decides); an event for a task no handle follows goes to onTaskEvent; a forged event
 * costs one query and changes nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { ModelStudioClient, type TaskEventHint, type TaskEventSource } from 'modelstudio-video';
import { createSimulator } from 'modelstudio-video/testing';
import { useFakeClock } from '../helpers/simulated-client.ts';

useFakeClock();

/** A source the test fires by hand, as a receiver does when EventBridge posts. */
function manualSource(): TaskEventSource & { fire(event: TaskEventHint): Promise<void> } {
  const listeners = new Set<(event: TaskEventHint) => void | Promise<void>>();
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: async (event) => {
      for (const listener of listeners) await listener(event);
    },
  };
}

describe('client events option', () => {
  it('an event for a followed task makes its handle query at once, so it ends when the event comes, not at its next poll', async () => {
    const sim = createSimulator({ timing: { pendingMs: 2_000, runningMs: 40_000 } });
    const events = manualSource();
    const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, events, polling: { initialIntervalMs: 20_000, maxIntervalMs: 60_000 } });
    const task = client.textToVideo({ prompt: 'A fox' });
    const { taskId } = await task.whenSubmitted();
    let endedAt: number | undefined;
    void task.then(() => (endedAt = Date.now()));
    const started = Date.now();
    // The task ends 42 s in; without an event the next poll would come later than that.
    await vi.advanceTimersByTimeAsync(42_100);
    expect(endedAt).toBeUndefined();
    const queries = sim.stats.requests.query;
    await events.fire({ taskId, status: 'SUCCEEDED' });
    await vi.advanceTimersByTimeAsync(10);
    expect(endedAt).toBeDefined();
    expect((endedAt ?? 0) - started).toBeLessThan(42_200);
    expect(sim.stats.requests.query).toBe(queries + 1);
  });

  it('an event for a task no handle follows goes to onTaskEvent; a forged event for a followed task costs one query and changes nothing', async () => {
    const sim = createSimulator({ timing: { pendingMs: 2_000, runningMs: 40_000 } });
    const events = manualSource();
    const unfollowed: TaskEventHint[] = [];
    const client = new ModelStudioClient({
      apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, events, onTaskEvent: (event) => void unfollowed.push(event),
      polling: { initialIntervalMs: 20_000, maxIntervalMs: 60_000 },
    });
    const task = client.textToVideo({ prompt: 'A fox' });
    const { taskId } = await task.whenSubmitted();
    await vi.advanceTimersByTimeAsync(5_000);
    const queries = sim.stats.requests.query;
    // Forged: says SUCCEEDED while the task still runs. The query says RUNNING, and the handle waits on.
    await events.fire({ taskId, status: 'SUCCEEDED' });
    await vi.advanceTimersByTimeAsync(10);
    expect(sim.stats.requests.query).toBe(queries + 1);
    expect(task.progress.status).toBe('RUNNING');
    await events.fire({ taskId: 'someone-elses-task-0001', status: 'SUCCEEDED' });
    expect(unfollowed).toEqual([{ taskId: 'someone-elses-task-0001', status: 'SUCCEEDED' }]);
    expect(sim.stats.requests.query).toBe(queries + 1);
    // No real event comes: the fallback poll (after the kind's latest plausible end) finishes it.
    await vi.advanceTimersByTimeAsync(900_000);
    await expect(task).resolves.toMatchObject({ status: 'SUCCEEDED', taskId });
  });

  it("polls far less with events ('events' by default): none before the kind's plausible end, sparser after; 'events-only' only sweeps before the deadline", async () => {
    const timing = { pendingMs: 2_000, runningMs: 118_000 };
    const queriesOver = async (polling: Parameters<typeof client>[0]) => {
      const sim = createSimulator({ timing, moderationWords: [] });
      const c = client(polling, sim);
      const task = c.textToVideo({ prompt: 'A long one', duration: 5 });
      await task.whenSubmitted();
      await vi.advanceTimersByTimeAsync(119_000);
      const before = sim.stats.requests.query;
      await vi.advanceTimersByTimeAsync(600_000);
      await task.catch(() => undefined);
      return { before, total: sim.stats.requests.query };
    };
    function client(polling: { mode?: 'poll' | 'events' | 'events-only'; timeoutMs?: number } | undefined, sim: ReturnType<typeof createSimulator>) {
      return new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, events: manualSource(), polling: { expectedRunTimeMs: 120_000, ...polling } });
    }
    const polled = await queriesOver({ mode: 'poll' });
    const withEvents = await queriesOver(undefined);
    const eventsOnly = await queriesOver({ mode: 'events-only', timeoutMs: 300_000 });
    // Polling: the backoff polls before the window and dense ones near the end.
    expect(polled.before).toBeGreaterThanOrEqual(6);
    // With events (lost here), no poll before the window, and the task is still found after its end.
    expect(withEvents.before).toBeLessThan(polled.before);
    expect(withEvents.total).toBeLessThan(polled.total);
    expect(withEvents.total).toBeGreaterThanOrEqual(1);
    // Events only: one sweep shortly before the 300 s deadline finds the ended task.
    expect(eventsOnly.before).toBe(0);
    expect(eventsOnly.total).toBe(1);
  });
});

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
    await vi.advanceTimersByTimeAsync(120_000);
    await expect(task).resolves.toMatchObject({ status: 'SUCCEEDED', taskId });
  });
});

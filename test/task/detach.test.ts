import { describe, expect, it, vi } from 'vitest';
import { AbortError } from 'modelstudio-video';
import type { Simulator } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

useFakeClock();
let sim: Simulator;

function client() {
  const made = simulatedClient();
  sim = made.sim;
  return made.client;
}

describe('task.detach()', () => {
  it('waits for the submit, stops polling, rejects the handle with an AbortError naming the task, and keeps the slot until the expected end', async () => {
    const c = client();
    const task = c.textToVideo({ prompt: 'detached', duration: 5 });
    const outcome = task.then(() => undefined, (error: unknown) => error);
    const { taskId } = await task.detach();
    const error = await outcome;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).taskId).toBe(taskId);
    expect(String(error)).toContain(`client.tasks.get('${taskId}')`);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sim.stats.requests.query).toBe(0);

    // Five more of the model: four go at once, the fifth waits for the detached task's slot, which
    // frees at its expected end (134 s after the submit), not when the handle let go.
    const more = Array.from({ length: 5 }, (_, index) => c.textToVideo({ prompt: `more ${index}`, duration: 5 }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sim.tasks.size).toBe(5);
    await vi.advanceTimersByTimeAsync(75_000);
    expect(sim.tasks.size).toBe(6);
    await vi.advanceTimersByTimeAsync(600_000);
    await Promise.all(more);
    expect(sim.stats.throttled).toEqual({});
  });

  it('rejects with the handle\'s error when the submit fails', async () => {
    const task = client().textToVideo({ prompt: 'refused' });
    // The handle submits on the next microtask: the refusal is in place by then.
    sim.faults.add({ kind: 'error', status: 400, code: 'InvalidParameter', routes: ['submit'], times: 1 });
    await expect(task.detach()).rejects.toMatchObject({ status: 400 });
  });
});

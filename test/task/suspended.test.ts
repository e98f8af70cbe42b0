import { describe, expect, it, vi } from 'vitest';
import type { ProgressEvent, TaskStatus } from 'modelstudio-video';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

useFakeClock();

describe('SUSPENDED, which the service documents for a paused task', () => {
  it('counts as running: the handle goes through it to the result, its estimate stays below 1 and never falls, and the pause is not learned as a run time', async () => {
    // Every other task is paused 60 s in the middle of its run.
    let submits = 0;
    const { sim, client } = simulatedClient({ timing: () => ({ pendingMs: 2_000, runningMs: 40_000, suspendedMs: submits++ % 2 === 0 ? 60_000 : 0 }) });
    const statuses: TaskStatus[] = [];
    const fractions: number[] = [];
    const task = client.textToVideo({ prompt: 'paused' });
    task.on('status', (event) => statuses.push(event.status));
    task.on('progress', (event: ProgressEvent) => fractions.push(event.estimatedFraction));
    const result = task.then((value) => value);
    await vi.advanceTimersByTimeAsync(300_000);
    expect((await result).status).toBe('SUCCEEDED');
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'SUSPENDED', 'RUNNING', 'SUCCEEDED']);
    for (const [index, fraction] of fractions.entries()) {
      expect(fraction).toBeLessThanOrEqual(index === fractions.length - 1 ? 1 : 0.95);
      if (index > 0) expect(fraction).toBeGreaterThanOrEqual(fractions[index - 1] ?? 0);
    }
    // Nothing learned from the paused task (102 s from submit to end): had it been, the next task
    // (42 s, unpaused) would be polled early and then at 102 s, 60 s late. It is seen within 4%.
    const second = client.textToVideo({ prompt: 'not paused' }).then((value) => ({ value, knownAt: Date.now() }));
    await vi.advanceTimersByTimeAsync(300_000);
    const { value: secondResult, knownAt } = await second;
    expect(secondResult.status).toBe('SUCCEEDED');
    expect(knownAt - (secondResult.endedAt?.getTime() ?? 0)).toBeLessThanOrEqual(0.04 * 42_000);
    expect(sim.tasks.all().map((t) => t.timing.suspendedMs)).toEqual([60_000, 0]);
  });
});

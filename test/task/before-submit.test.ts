import { describe, expect, it } from 'vitest';
import { ModelStudioError, TaskCanceledError } from 'modelstudio-video';
import { simulatedClient } from '../helpers/simulated-client.ts';

function setup() {
  return simulatedClient({ speed: 1000 }, { polling: { initialIntervalMs: 20 } });
}

describe('TaskOptions.beforeSubmit', () => {
  it('is awaited after the task\'s turn came and before the submit leaves, once', async () => {
    const { sim, client } = setup();
    const order: string[] = [];
    let release!: () => void;
    const task = client.textToVideo(
      { prompt: 'a hook' },
      {
        beforeSubmit: async () => {
          order.push(`hook (submits sent: ${sim.stats.requests.submit})`);
          await new Promise<void>((resolve) => (release = resolve));
        },
      },
    );
    task.on('queued', () => order.push('queued'));
    task.on('submitted', () => order.push('submitted'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Held by the hook: nothing sent yet.
    expect(sim.stats.requests.submit).toBe(0);
    release();
    await task;
    expect(order).toEqual(['queued', 'hook (submits sent: 0)', 'submitted']);
    expect(sim.stats.requests.submit).toBe(1);
  });

  it('a hook that throws fails the task with its error, sends nothing and frees the slot', async () => {
    const { sim, client } = setup();
    const failing = Array.from({ length: 5 }, (_, index) =>
      client.textToVideo({ prompt: `refused ${index}` }, { beforeSubmit: () => Promise.reject(new Error('job store down')) }),
    );
    for (const task of failing) {
      const error = await task.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModelStudioError);
      expect(String(error)).toContain('job store down');
    }
    expect(sim.stats.requests.submit).toBe(0);
    // The five slots of the model were given back: the next task goes at once.
    await client.textToVideo({ prompt: 'after' }).whenSubmitted();
    expect(sim.stats.requests.submit).toBe(1);
  });

  it('a cancel during the hook sends nothing; a resumed task never calls it', async () => {
    const { sim, client } = setup();
    let cancel!: () => Promise<void>;
    // Not awaited: a cancel waits for the submit's outcome, which waits for the hook.
    const task = client.textToVideo({ prompt: 'canceled' }, { beforeSubmit: () => void cancel() });
    cancel = () => task.cancel();
    await expect(task).rejects.toBeInstanceOf(TaskCanceledError);
    expect(sim.stats.requests.submit).toBe(0);

    const { taskId } = await client.textToVideo({ prompt: 'first' }).whenSubmitted();
    let called = 0;
    await client.tasks.wait({ taskId, model: 'wan2.6-t2v' }, { beforeSubmit: () => void (called += 1) });
    expect(called).toBe(0);
  });
});

import { describe, expect, it, vi } from 'vitest';
import {
  AbortError, TaskFailedError, ValidationError, type BatchItem, type BatchProgress, type BatchRequest,
} from 'modelstudio-video';
import type { Simulator, SimulatorOptions } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';
import { maxOverlap } from '../helpers/overlap.ts';

let sim: Simulator;
useFakeClock();

function client(options: SimulatorOptions = {}) {
  const made = simulatedClient(options);
  sim = made.sim;
  return made.client;
}

function mixed(count: number): BatchRequest[] {
  return Array.from({ length: count }, (_, i): BatchRequest => {
    if (i % 3 === 0) return { mode: 'textToVideo', request: { prompt: `item ${i}` } };
    if (i % 3 === 1) return { mode: 'imageToVideo', request: { image: 'https://example.com/a.png', prompt: `item ${i}` } };
    return { mode: 'referenceToVideo', request: { prompt: `item ${i}`, references: ['https://example.com/b.mp4'] } };
  });
}

async function drain(batch: AsyncIterable<BatchItem>, ms: number): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  const reading = (async () => {
    for await (const item of batch) items.push(item);
  })();
  await vi.advanceTimersByTimeAsync(ms);
  await reading;
  return items;
}

/** The most simulated tasks of one model unfinished at once. */
function maxOverlapPerModel(): number {
  return Math.max(0, ...[...new Set(sim.tasks.all().map((task) => task.model))].map((model) => maxOverlap(sim, model)));
}

describe('client.batch', () => {
  it('runs a mix of modes, yields every item once in completion order with its index, and counts progress', async () => {
    const c = client();
    const batch = c.batch(mixed(30));
    const progress: BatchProgress[] = [];
    batch.on('progress', (p) => progress.push(p));
    const items = await drain(batch, 3_600_000);

    expect(items).toHaveLength(30);
    expect(items.map((i) => i.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(items.every((i) => i.status === 'succeeded')).toBe(true);
    const ends = items.map((i) => (i.status === 'succeeded' ? (i.result.endedAt?.getTime() ?? 0) : 0));
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    const all = await batch.results();
    expect(all.map((i) => i.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(progress.at(-1)).toMatchObject({ total: 30, queued: 0, running: 0, succeeded: 30, failed: 0 });
    for (const p of progress) expect(p.queued + p.running + p.succeeded + p.failed).toBe(30);
    expect(maxOverlapPerModel()).toBeLessThanOrEqual(5);
    expect(sim.stats.throttled).toEqual({});
    expect(sim.tasks.size).toBe(30);
  });

  it('validates every request first: one bad request throws, names its index, and sends nothing', () => {
    const c = client();
    const requests = mixed(5);
    requests[2] = { mode: 'referenceToVideo', request: { prompt: 'x', references: ['https://example.com/b.mp4'], duration: 12 } };
    requests[4] = { mode: 'textToVideo', request: { prompt: '' } };
    let thrown: unknown;
    try {
      c.batch(requests);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([
      { path: '[2].duration', message: '12 is above the maximum of 10 for wan2.6-r2v (allowed 2–10)' },
      { path: '[4].prompt', message: 'must not be empty: wan2.6-t2v needs a prompt' },
    ]);
    expect(Object.values(sim.stats.requests).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('continues after a failure by default: the failed item carries its typed error', async () => {
    const c = client({ moderationWords: ['blocked'] });
    const requests = mixed(9);
    requests[4] = { mode: 'textToVideo', request: { prompt: 'blocked scene' } };
    const items = await drain(c.batch(requests), 3_600_000);
    expect(items).toHaveLength(9);
    const failed = items.filter((i) => i.status === 'failed');
    expect(failed.map((i) => i.index)).toEqual([4]);
    const [failure] = failed;
    expect(failure?.status === 'failed' && failure.error).toBeInstanceOf(TaskFailedError);
    const blocked = sim.tasks.all().filter((task) => (task.body.input as { prompt?: string }).prompt === 'blocked scene');
    expect(blocked).toHaveLength(1);
    expect(failure?.taskId).toBe(blocked[0]?.taskId);
  });

  it('stopOnFailure: starts nothing after the first failure, follows the paid tasks to their end, and skips the rest', async () => {
    const c = client({ moderationWords: ['blocked'] });
    const requests: BatchRequest[] = Array.from({ length: 20 }, (_, i) => ({ mode: 'textToVideo', request: { prompt: i === 0 ? 'blocked' : `ok ${i}` } }));
    const items = await drain(c.batch(requests, { stopOnFailure: true }), 3_600_000);
    expect(items).toHaveLength(20);
    const byStatus = (status: string) => items.filter((i) => i.status === status).map((i) => i.index).sort((a, b) => a - b);
    expect(byStatus('failed')).toEqual([0]);
    // The first five were in flight together; the others were never sent.
    expect(byStatus('succeeded')).toEqual([1, 2, 3, 4]);
    expect(byStatus('skipped')).toEqual(Array.from({ length: 15 }, (_, i) => i + 5));
    for (const item of items.filter((i) => i.status === 'skipped')) {
      expect(item.status === 'skipped' && item.error).toBeInstanceOf(AbortError);
    }
    expect(sim.tasks.size).toBe(5);
  });

  it('abort: requests not started are skipped, submitted ones end with AbortError carrying their task id', async () => {
    const c = client();
    const controller = new AbortController();
    const batch = c.batch(mixed(30), { signal: controller.signal });
    const reading = drain(batch, 0);
    await vi.advanceTimersByTimeAsync(5_000);
    const submitted = sim.tasks.size;
    expect(submitted).toBeGreaterThan(0);
    controller.abort();
    await vi.advanceTimersByTimeAsync(1_000);
    const items = await reading;
    expect(items).toHaveLength(30);
    const interrupted = items.filter((i) => i.status === 'failed');
    expect(interrupted).toHaveLength(submitted);
    // Each carries the id of a task the service created, and each created task is one of them.
    expect(interrupted.map((item) => item.taskId).sort()).toEqual(sim.tasks.all().map((task) => task.taskId).sort());
    for (const item of interrupted) {
      expect(item.status === 'failed' && item.error).toBeInstanceOf(AbortError);
    }
    expect(items.filter((i) => i.status === 'skipped')).toHaveLength(30 - submitted);
    expect(sim.tasks.size).toBe(submitted);
  });

  it('keeps the number of timers constant however many requests wait', async () => {
    const counts: Record<number, number> = {};
    for (const size of [20, 400]) {
      const c = client();
      const controller = new AbortController();
      const batch = c.batch(
        Array.from({ length: size }, (_, i): BatchRequest => ({ mode: 'textToVideo', request: { prompt: `p${i}` } })),
        { signal: controller.signal },
      );
      const reading = drain(batch, 0);
      let most = 0;
      for (let step = 0; step < 60; step += 1) {
        await vi.advanceTimersByTimeAsync(1_000);
        most = Math.max(most, vi.getTimerCount());
      }
      counts[size] = most;
      // Stop this batch before measuring the next one.
      controller.abort();
      await vi.advanceTimersByTimeAsync(1_000);
      await reading;
      expect(vi.getTimerCount()).toBe(0);
    }
    expect(counts[400]).toBe(counts[20]);
    expect(counts[400]).toBeLessThanOrEqual(3);
  });

  it('calls beforeSubmit before each submit leaves, emits submitted with the task id, and stop() skips only what was not started', async () => {
    const c = client();
    const requests: BatchRequest[] = [
      ...Array.from({ length: 6 }, (_, i): BatchRequest => ({ mode: 'textToVideo', request: { prompt: `p${i}` } })),
      { mode: 'lipSync', request: { video: 'https://example.com/talk.mp4', drivingAudio: 'https://example.com/words.mp3' } },
    ];
    const hooked: number[] = [];
    const batch = c.batch(requests, {
      concurrency: 2,
      beforeSubmit: (index) => {
        // The hook runs before the submit leaves: the simulator has no task of this request yet.
        expect(sim.tasks.all().some((task) => (task.body.input as { prompt?: string }).prompt === `p${index}`)).toBe(false);
        hooked.push(index);
      },
    });
    const submitted: { index: number; taskId: string; model: string }[] = [];
    batch.on('submitted', (event) => {
      expect(hooked).toContain(event.index);
      submitted.push(event);
      if (submitted.length === 3) batch.stop();
    });
    await drain(batch, 3_600_000);
    // Concurrency is per model: two text-to-video tasks and the lip sync start at once.
    expect(submitted.map((event) => event.index).sort()).toEqual([0, 1, 6]);
    for (const event of submitted) {
      const task = sim.tasks.all().find((candidate) => candidate.taskId === event.taskId);
      expect(task?.model).toBe(event.model);
      if (event.index < 6) expect((task?.body.input as { prompt?: string }).prompt).toBe(`p${event.index}`);
      else expect(task?.model).toBe('videoretalk');
    }
    // The lip sync (a mode beyond the first four) ran; the text-to-video requests still waiting never started.
    const ended = await batch.results();
    expect(ended.map((item) => item.status)).toEqual(['succeeded', 'succeeded', 'skipped', 'skipped', 'skipped', 'skipped', 'succeeded']);
    expect(ended[2]).toMatchObject({ error: { name: 'AbortError' } });
    expect(sim.tasks.size).toBe(3);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { TimeoutError, type ModelStudioClientOptions } from 'modelstudio-video';
import type { Simulator } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

useFakeClock();
let sim: Simulator;

function client(options: Partial<ModelStudioClientOptions> = {}) {
  const made = simulatedClient({}, options);
  sim = made.sim;
  return made.client;
}

async function failure(promise: PromiseLike<unknown>, ms: number): Promise<TimeoutError> {
  const caught = Promise.resolve(promise).then(() => undefined, (error: unknown) => error);
  await vi.advanceTimersByTimeAsync(ms);
  const error = await caught;
  expect(error).toBeInstanceOf(TimeoutError);
  return error as TimeoutError;
}

describe('one deadline per call', () => {
  it('while waiting for a slot: the phase is queue, nothing was sent', async () => {
    const c = client();
    const running = Array.from({ length: 5 }, (_, index) => c.textToVideo({ prompt: `running ${index}` }));
    const error = await failure(c.textToVideo({ prompt: 'sixth' }, { deadline: 10_000 }), 11_000);
    expect(error).toMatchObject({ timeoutKind: 'deadline', phase: 'queue', taskId: undefined });
    expect(error.message).toBe('The deadline passed while waiting for a free slot. Nothing was sent: no task was created.');
    expect(sim.tasks.size).toBe(5);
    await vi.advanceTimersByTimeAsync(600_000);
    await Promise.all(running);
  });

  it('while waiting for the task: the phase is wait, with the task id; the task runs on', async () => {
    const error = await failure(client().textToVideo({ prompt: 'slow' }, { deadline: new Date(Date.now() + 20_000) }), 21_000);
    const [task] = sim.tasks.all();
    expect(error).toMatchObject({ timeoutKind: 'deadline', phase: 'wait', taskId: task?.taskId });
    expect(error.message).toContain(`client.tasks.wait('${task?.taskId}')`);
    expect(sim.tasks.status(task?.taskId ?? '')).toBe('RUNNING');
  });

  it('while submitting: the submit on the wire is not cut; its answer comes first, then the error with its id', async () => {
    const c = client();
    sim.faults.add({ kind: 'latency', latencyMs: 5_000, routes: ['submit'], times: 1 });
    const error = await failure(c.textToVideo({ prompt: 'slow submit' }, { deadline: 1_000 }), 6_000);
    const [task] = sim.tasks.all();
    expect(error).toMatchObject({ timeoutKind: 'deadline', phase: 'submit', taskId: task?.taskId });
  });

  it('a trickling download cannot outlive it', async () => {
    // The video answers, then sends a byte a second for ever.
    const trickle: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!new URL(request.url).pathname.startsWith('/videos/')) return sim.handle(request);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => {
          // As fetch does: an aborted request errors its body.
          request.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            controller.error(request.signal.reason);
          });
        },
        pull: (controller) => new Promise((resolve) => (timer = setTimeout(() => resolve(controller.enqueue(new Uint8Array(1))), 1_000))),
        cancel: () => clearTimeout(timer),
      });
      return new Response(body, { headers: { 'content-type': 'video/mp4' } });
    };
    const c = client({ fetch: trickle });
    const done = c.textToVideo({ prompt: 'download' }, { deadline: 120_000 }).then((value) => value);
    await vi.advanceTimersByTimeAsync(60_000);
    const result = await done;
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(await mkdtemp(join(tmpdir(), 'deadline-')), 'out.mp4');
    const error = await failure(result.videos[0].download(file), 70_000);
    expect(error).toMatchObject({ timeoutKind: 'deadline', phase: 'download' });
    expect(error.message).toBe('The deadline passed while downloading the video.');
  });
});

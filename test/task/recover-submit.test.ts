import { describe, expect, it, vi } from 'vitest';
import { SubmitOutcomeUnknownError, type ModelStudioClientOptions } from 'modelstudio-video';
import type { FaultRule, Simulator } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

let sim: Simulator;
let lists: URLSearchParams[];

useFakeClock();

function setup(faults: FaultRule[], options: Partial<ModelStudioClientOptions> = {}) {
  lists = [];
  const made = simulatedClient({ faults }, {
    fetch: (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/tasks') lists.push(url.searchParams);
      return sim.handle(request);
    },
    ...options,
  });
  sim = made.sim;
  return made.client;
}

describe('a submit whose answer was lost', () => {
  it('is found and adopted: recovered, then submitted, then the result, with one task on the service', async () => {
    const client = setup([{ kind: 'lose-response', routes: ['submit'], times: 1 }]);
    const events: string[] = [];
    const task = client.textToVideo({ prompt: 'a lost fox' });
    task.on('recovered', (event) => events.push(`recovered ${event.taskId} after ${event.waitedMs} ms`));
    task.on('submitted', (event) => events.push(`submitted ${event.taskId}`));
    const outcome = task.then((result) => result);
    await vi.advanceTimersByTimeAsync(300_000);
    const result = await outcome;
    const [only] = sim.tasks.all();
    expect(sim.tasks.size).toBe(1);
    expect(result.taskId).toBe(only?.taskId);
    // The look-up decides at the end of its 15 s window, after 3 list calls.
    expect(events).toEqual([`recovered ${only?.taskId} after 15000 ms`, `submitted ${only?.taskId}`]);
    expect(lists).toHaveLength(3);
    expect(lists[0]?.get('model_name')).toBe('wan2.6-t2v');
    // From a minute before the submit (service time, UTC+8) to a minute after now.
    expect(lists[0]?.get('start_time')).toBe('20260109105900');
  });

  it('that created nothing fails with SubmitOutcomeUnknownError after the window; resubmits once with onUnknownSubmit: resubmit', async () => {
    const failing = setup([{ kind: 'drop', routes: ['submit'], times: 1 }]);
    const error = failing.textToVideo({ prompt: 'dropped' }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(sim.tasks.size).toBe(0);
    expect(sim.stats.requests.submit).toBe(1);

    const resubmitting = setup([{ kind: 'drop', routes: ['submit'], times: 1 }], { onUnknownSubmit: 'resubmit' });
    const result = resubmitting.textToVideo({ prompt: 'dropped' }).then((value) => value);
    await vi.advanceTimersByTimeAsync(300_000);
    expect((await result).status).toBe('SUCCEEDED');
    expect(sim.tasks.size).toBe(1);
    expect(sim.stats.requests.submit).toBe(2);
    // Per call too: the call's choice wins over the client's.
    const perCall = setup([{ kind: 'drop', routes: ['submit'], times: 1 }], { onUnknownSubmit: 'resubmit' });
    const refused = perCall.textToVideo({ prompt: 'dropped' }, { onUnknownSubmit: 'fail' }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await refused).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(sim.tasks.size).toBe(0);
  });

  it('that the service answered with a 5xx goes again by default once the look-up finds nothing, up to maxRetries times', async () => {
    const client = setup([{ kind: 'error', status: 500, code: 'InternalError', routes: ['submit'], times: 1 }]);
    const result = client.textToVideo({ prompt: 'failed once' }).then((value) => value);
    await vi.advanceTimersByTimeAsync(300_000);
    expect((await result).status).toBe('SUCCEEDED');
    // The second submit left only after a whole look-up (3 list calls) found no task.
    expect(lists).toHaveLength(3);
    expect(sim.stats.requests.submit).toBe(2);
    expect(sim.tasks.size).toBe(1);

    const overloaded = setup([{ kind: 'error', status: 503, code: 'ServiceUnavailable', routes: ['submit'] }], { maxRetries: 1 });
    const error = overloaded.textToVideo({ prompt: 'always overloaded' }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(120_000);
    const lost = (await error) as SubmitOutcomeUnknownError;
    expect(lost).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(lost.answered).toBe(true);
    expect(lost.requestId).toMatch(/.+/);
    expect(sim.stats.requests.submit).toBe(2);
    expect(lists).toHaveLength(6);
    expect(sim.tasks.size).toBe(0);
  });

  it("that the service answered with a 5xx stays failed with onUnknownSubmit: 'fail'", async () => {
    const client = setup([{ kind: 'error', status: 500, code: 'InternalError', routes: ['submit'], times: 1 }], { onUnknownSubmit: 'fail' });
    const error = client.textToVideo({ prompt: 'failed once' }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await error).toMatchObject({ name: 'SubmitOutcomeUnknownError', answered: true });
    expect(sim.stats.requests.submit).toBe(1);
    expect(sim.tasks.size).toBe(0);
  });

  it('a 5xx without the service\'s error body (a gateway\'s page) is not an answer: it fails by default', async () => {
    let submits = 0;
    const made = simulatedClient({}, {
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST' && (submits += 1) === 1) {
          return Promise.resolve(new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
        }
        return sim.handle(request);
      },
    });
    sim = made.sim;
    const client = made.client;
    const error = client.textToVideo({ prompt: 'behind a proxy' }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await error).toMatchObject({ name: 'SubmitOutcomeUnknownError', answered: false });
    expect(submits).toBe(1);
    expect(sim.tasks.size).toBe(0);
  });

  it('never adopts a task that another handle of the client follows, even with the same prompt', async () => {
    const client = setup([]);
    const first = client.textToVideo({ prompt: 'twin' });
    await first.whenSubmitted();
    // The second submit is dropped before the service sees it: the only task with its prompt is the first's.
    sim.faults.add({ kind: 'drop', routes: ['submit'], times: 1 });
    const second = client.textToVideo({ prompt: 'twin' }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await second).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(sim.tasks.size).toBe(1);
    await vi.advanceTimersByTimeAsync(300_000);
    await expect(first).resolves.toMatchObject({ taskId: sim.tasks.all()[0]?.taskId });
  });

  it('with submitRecovery: false fails at once, as before', async () => {
    const client = setup([{ kind: 'lose-response', routes: ['submit'], times: 1 }], { submitRecovery: false });
    const error = client.textToVideo({ prompt: 'no look' }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(lists).toHaveLength(0);
    expect(sim.tasks.size).toBe(1);
  });

  it('client.tasks.findSubmitted takes a submit lost with its process: model, prompt, when it began, a window end', async () => {
    const client = setup([]);
    const submittedAt = new Date();
    const { taskId } = await client.textToVideo({ prompt: 'lost with its worker' }).whenSubmitted();
    await client.textToVideo({ prompt: 'another' }).whenSubmitted();
    const found = client.tasks.findSubmitted({ model: 'wan2.6-t2v', prompt: 'lost with its worker', submittedAt, until: new Date(Date.now() + 60_000) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await found).map((task) => task.taskId)).toEqual([taskId]);
  });
});


/**
 * A stop (abort, cancel, deadline) that comes while a lost submit's look-up runs: the look-up's
 * outcome is awaited (a task may exist), but nothing is submitted again after it, and a cancel does
 * not claim that no task was created when it may have been.
 */
import { describe, expect, it, vi } from 'vitest';
import { SubmitOutcomeUnknownError } from 'modelstudio-video';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

useFakeClock();

/** A client whose first submit the service answers with a 500: by default it is resubmitted after the look-up. */
function answeredFailure(options: { onUnknownSubmit?: 'resubmit' } = {}) {
  return simulatedClient({ faults: [{ kind: 'error', status: 500, code: 'InternalError', routes: ['submit'], times: 1 }] }, options);
}

describe('a stop during the look-up of a lost submit', () => {
  it('without a stop, the answered 5xx is submitted again (the baseline)', async () => {
    const { sim, client } = answeredFailure();
    const result = client.textToVideo({ prompt: 'baseline' }).then((value) => value);
    await vi.advanceTimersByTimeAsync(300_000);
    expect((await result).status).toBe('SUCCEEDED');
    expect(sim.stats.requests.submit).toBe(2);
  });

  it('an abort: no second submit, the handle fails with SubmitOutcomeUnknownError, no task exists', async () => {
    const { sim, client } = answeredFailure();
    const controller = new AbortController();
    const error = client.textToVideo({ prompt: 'aborted while looking' }, { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sim.stats.requests.submit).toBe(1);
    controller.abort();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(await error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(sim.stats.requests.submit).toBe(1);
    expect(sim.tasks.size).toBe(0);
  });

  it('a cancel with onUnknownSubmit: resubmit: no second submit, and the error says a task may exist', async () => {
    const { sim, client } = answeredFailure({ onUnknownSubmit: 'resubmit' });
    const task = client.textToVideo({ prompt: 'canceled while looking' });
    const error = task.catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(5_000);
    const canceled = task.cancel();
    await vi.advanceTimersByTimeAsync(300_000);
    await canceled;
    const failure = await error;
    expect(failure).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect((failure as SubmitOutcomeUnknownError).answered).toBe(true);
    expect(sim.stats.requests.submit).toBe(1);
  });

  it('a deadline: no second submit once it has passed', async () => {
    const { sim, client } = answeredFailure();
    const error = client.textToVideo({ prompt: 'out of time' }, { deadline: 5_000 }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(await error).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(sim.stats.requests.submit).toBe(1);
  });
});

/**
 * The chaos suite: hundreds of tasks against the simulator while it drops, refuses, delays,
 * throttles and fails requests at random (seeded, so every run is the same), including submits
 * that create their task and then lose the answer. It proves that no paid task is created twice,
 * that no created task is lost track of, that every failure is typed, and that nothing hangs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SubmitOutcomeUnknownError, isModelStudioError,
  type ModelStudioError, type UnknownSubmitPolicy, type VideoResult, type VideoTask,
} from 'modelstudio-video';
import { seededRandom, type FaultRule } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

const TASKS = 300;
const WAIT_MS = 20 * 60_000;

const FAULTS: FaultRule[] = [
  { kind: 'latency', latencyMs: [20, 3_000], rate: 0.3 },
  { kind: 'refuse', routes: ['submit', 'query'], rate: 0.03 },
  { kind: 'drop', routes: ['submit', 'query', 'list'], rate: 0.04 },
  { kind: 'error', status: 500, code: 'InternalError', routes: ['submit', 'query'], rate: 0.03 },
  { kind: 'error', status: 503, code: 'ServiceUnavailable', routes: ['submit', 'query'], rate: 0.02 },
  { kind: 'throttle', retryAfterSeconds: 2, routes: ['submit', 'query'], rate: 0.04 },
  { kind: 'lose-response', routes: ['submit'], rate: 0.04 },
];

interface Outcome {
  readonly index: number;
  readonly taskId: string | undefined;
  readonly result?: VideoResult;
  readonly error?: ModelStudioError;
}

let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  // Backoff jitter draws from Math.random: seed it too, so that every run is the same run.
  const random = seededRandom(7);
  vi.spyOn(Math, 'random').mockImplementation(random);
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.off('unhandledRejection', onUnhandled);
});
useFakeClock();

interface ChaosRun {
  readonly succeeded: number;
  readonly created: number;
  readonly followed: number;
  readonly failuresByClass: Record<string, number>;
  /** Of the `SubmitOutcomeUnknownError`s: how many the service answered with a 5xx, and how many lost the connection. */
  readonly unknownSubmits: { readonly answered: number; readonly connectionLost: number };
  readonly recovered: number;
  readonly faults: Record<string, number>;
  readonly requests: Record<string, number>;
}

/** 300 tasks through the faults; asserts what must hold in every setting and returns the figures. */
async function runChaos(options: { readonly onUnknownSubmit?: UnknownSubmitPolicy }): Promise<ChaosRun> {
  const { sim, client } = simulatedClient({ seed: 42, faults: FAULTS }, {
    timeout: 10_000,
    polling: { timeoutMs: WAIT_MS },
    ...(options.onUnknownSubmit && { onUnknownSubmit: options.onUnknownSubmit }),
  });
  const modes = [
    (i: number) => client.textToVideo({ prompt: `chaos ${i}`, duration: 5 }),
    (i: number) => client.imageToVideo({ image: 'https://example.com/frame.png', prompt: `chaos ${i}` }),
    (i: number) => client.referenceToVideo({ model: 'wan2.7-r2v', prompt: `chaos ${i}`, references: ['https://example.com/ref.mp4'] }),
  ];
  let recovered = 0;
  const handles: VideoTask[] = Array.from({ length: TASKS }, (_, i) => {
    const handle = (modes[i % modes.length] as (i: number) => VideoTask)(i);
    handle.on('recovered', () => (recovered += 1));
    return handle;
  });
  const outcomes = Promise.all(
    handles.map((handle, index) =>
      handle.then(
        (result): Outcome => ({ index, taskId: handle.taskId, result }),
        (error: ModelStudioError): Outcome => ({ index, taskId: handle.taskId, error }),
      ),
    ),
  );
  let settled = false;
  void outcomes.then(() => {
    settled = true;
  });
  // Every handle must settle within its own deadline (plus the time its submit may queue).
  await vi.advanceTimersByTimeAsync(WAIT_MS + 30 * 60_000);
  expect(settled).toBe(true);
  const all = await outcomes;

  // Which simulated tasks belong to which handle: every prompt is unique.
  const created = new Map<number, string[]>();
  for (const task of sim.tasks.all()) {
    const index = Number(String((task.body.input as { prompt?: string }).prompt).replace('chaos ', ''));
    created.set(index, [...(created.get(index) ?? []), task.taskId]);
  }

  const failuresByClass: Record<string, number> = {};
  const unknownSubmits = { answered: 0, connectionLost: 0 };
  for (const outcome of all) {
    const tasks = created.get(outcome.index) ?? [];
    // Never two paid tasks for one request.
    expect(tasks.length, `request ${outcome.index} created ${tasks.length} tasks`).toBeLessThanOrEqual(1);
    // Every task created on the service is followed by its own handle: none is left to the caller.
    expect(outcome.taskId, `request ${outcome.index}`).toBe(tasks[0]);
    if (outcome.result) {
      expect(outcome.result.status).toBe('SUCCEEDED');
      continue;
    }
    const error = outcome.error;
    expect(isModelStudioError(error), `request ${outcome.index}: ${String(error)}`).toBe(true);
    failuresByClass[error?.name ?? '?'] = (failuresByClass[error?.name ?? '?'] ?? 0) + 1;
    if (error instanceof SubmitOutcomeUnknownError) unknownSubmits[error.answered ? 'answered' : 'connectionLost'] += 1;
    // A task exists, so the error must name it: nothing paid is ever lost track of.
    if (tasks.length === 1) expect((error as { taskId?: string }).taskId, `${error?.name}: ${error?.message}`).toBe(tasks[0]);
  }
  const followed = new Set(all.map((o) => o.taskId).filter((id) => id !== undefined));
  expect(followed.size).toBe(all.filter((o) => o.taskId !== undefined).length);
  expect(followed.size).toBe(sim.tasks.size);
  expect(unhandled).toEqual([]);
  // Chaos must actually have happened for the run to mean anything.
  for (const kind of ['latency', 'refuse', 'drop', 'error', 'throttle', 'lose-response'] as const) {
    expect(sim.stats.faults[kind], kind).toBeGreaterThan(0);
  }
  const run: ChaosRun = {
    succeeded: all.filter((o) => o.result).length,
    created: sim.tasks.size,
    followed: followed.size,
    failuresByClass,
    unknownSubmits,
    recovered,
    faults: { ...sim.stats.faults },
    requests: { ...sim.stats.requests },
  };
  console.log(`chaos (onUnknownSubmit: ${options.onUnknownSubmit ?? 'default'}): ${TASKS} tasks, ${JSON.stringify(run)}`);
  return run;
}

describe('chaos', () => {
  it(`${TASKS} tasks through random faults, by default: every task created is followed by its own handle, lost submits recovered, a submit the service failed goes again once, none paid twice, nothing hangs`, async () => {
    const run = await runChaos({});
    // Lost answers whose task exists are adopted.
    expect(run.recovered).toBeGreaterThan(0);
    expect(Object.keys(run.failuresByClass)).toEqual(['SubmitOutcomeUnknownError']);
    // What still fails lost its connection (no answer, no task found): that is the caller's money decision.
    expect(run.unknownSubmits.answered).toBe(0);
    expect(run.succeeded / TASKS).toBeGreaterThanOrEqual(0.95);
  });

  it(`${TASKS} tasks through random faults, with onUnknownSubmit: 'fail': a submit whose outcome is unknown is never sent again`, async () => {
    const run = await runChaos({ onUnknownSubmit: 'fail' });
    expect(run.recovered).toBeGreaterThan(0);
    // Submits the service failed with a 5xx stay failed: the strict policy never goes again.
    expect(run.unknownSubmits.answered).toBeGreaterThan(0);
  });

  it(`${TASKS} tasks through random faults, with onUnknownSubmit: 'resubmit': a lost submit that created nothing goes again once`, async () => {
    const run = await runChaos({ onUnknownSubmit: 'resubmit' });
    expect(run.succeeded / TASKS).toBeGreaterThanOrEqual(0.99);
  });

  it('two lost submits with the same model and prompt in the same window: neither handle guesses, both name both tasks', async () => {
    const { sim, client } = simulatedClient({ faults: [{ kind: 'lose-response', routes: ['submit'], times: 2 }] }, { onUnknownSubmit: 'resubmit' });
    const twins = [client.textToVideo({ prompt: 'the same prompt' }), client.textToVideo({ prompt: 'the same prompt' })];
    const errors = Promise.all(twins.map((task) => task.catch((error: unknown) => error)));
    await vi.advanceTimersByTimeAsync(60_000);
    const ids = sim.tasks.all().map((task) => task.taskId).sort();
    expect(ids).toHaveLength(2);
    for (const error of await errors) {
      expect(error).toBeInstanceOf(SubmitOutcomeUnknownError);
      expect([...(error as SubmitOutcomeUnknownError).candidates].sort()).toEqual(ids);
      expect(String(error)).toContain('None was adopted');
    }
    // Not resubmitted either: a task exists, it is only unclear whose.
    expect(sim.tasks.size).toBe(2);
    // A third request with the same prompt whose answer arrives is not confused by them.
    const third = client.textToVideo({ prompt: 'the same prompt' });
    await vi.advanceTimersByTimeAsync(600_000);
    await expect(third).resolves.toMatchObject({ status: 'SUCCEEDED' });
  });
});

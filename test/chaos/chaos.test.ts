/**
 * The chaos suite: hundreds of tasks against the simulator while it drops, refuses, delays,
 * throttles and fails requests at random (seeded, so every run is the same), including submits
 * that create their task and then lose the answer. It proves that no paid task is created twice,
 * that no created task is lost track of, that every failure is typed, and that nothing hangs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ModelStudioClient, SubmitOutcomeUnknownError, isModelStudioError, type ModelStudioError, type VideoResult, type VideoTask,
} from 'modelstudio-video';
import { createSimulator, seededRandom, type FaultRule } from 'modelstudio-video/testing';

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
  vi.useFakeTimers({ now: new Date('2026-01-09T03:00:00Z') });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  process.off('unhandledRejection', onUnhandled);
});

describe('chaos', () => {
  it(`${TASKS} tasks through random faults: every task accounted for, none paid twice, nothing hangs`, async () => {
    const sim = createSimulator({ seed: 42, faults: FAULTS });
    const client = new ModelStudioClient({
      apiKey: sim.apiKey,
      baseUrl: sim.baseUrl,
      fetch: sim.fetch,
      timeout: 10_000,
      polling: { timeoutMs: WAIT_MS },
    });
    const modes = [
      (i: number) => client.textToVideo({ prompt: `chaos ${i}`, duration: 5 }),
      (i: number) => client.imageToVideo({ image: 'https://example.com/frame.png', prompt: `chaos ${i}` }),
      (i: number) => client.referenceToVideo({ model: 'wan2.7-r2v', prompt: `chaos ${i}`, references: ['https://example.com/ref.mp4'] }),
    ];
    const handles: VideoTask[] = Array.from({ length: TASKS }, (_, i) => (modes[i % modes.length] as (i: number) => VideoTask)(i));
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
    for (const outcome of all) {
      const tasks = created.get(outcome.index) ?? [];
      // Never two paid tasks for one request.
      expect(tasks.length, `request ${outcome.index} created ${tasks.length} tasks`).toBeLessThanOrEqual(1);
      if (outcome.taskId !== undefined) expect(tasks).toEqual([outcome.taskId]);
      if (outcome.result) {
        expect(outcome.result.status).toBe('SUCCEEDED');
        continue;
      }
      const error = outcome.error;
      expect(isModelStudioError(error), `request ${outcome.index}: ${String(error)}`).toBe(true);
      failuresByClass[error?.name ?? '?'] = (failuresByClass[error?.name ?? '?'] ?? 0) + 1;
      if (error instanceof SubmitOutcomeUnknownError) {
        // The caller is told a task may exist; findSubmitted must find it exactly when it does.
        expect(outcome.taskId).toBeUndefined();
      } else if (tasks.length === 1) {
        // A task exists, so the error must name it: nothing paid is ever lost track of.
        expect((error as { taskId?: string }).taskId, `${error?.name}: ${error?.message}`).toBe(tasks[0]);
      }
    }

    // For each unknown outcome, findSubmitted answers exactly what the service holds (faults off).
    sim.faults.clear();
    const unknown = all.filter((o) => o.error instanceof SubmitOutcomeUnknownError);
    let foundAfterLoss = 0;
    for (const outcome of unknown) {
      const search = client.tasks.findSubmitted(outcome.error as SubmitOutcomeUnknownError);
      await vi.advanceTimersByTimeAsync(5_000);
      const found = await search;
      expect(found.map((t) => t.taskId)).toEqual(created.get(outcome.index) ?? []);
      foundAfterLoss += found.length;
    }

    const succeeded = all.filter((o) => o.result).length;
    const submitted = all.filter((o) => o.taskId !== undefined).length;
    expect(sim.tasks.size).toBe(submitted + foundAfterLoss);
    expect(unhandled).toEqual([]);
    // Chaos must actually have happened for the run to mean anything.
    for (const kind of ['latency', 'refuse', 'drop', 'error', 'throttle', 'lose-response'] as const) {
      expect(sim.stats.faults[kind], kind).toBeGreaterThan(0);
    }
    console.log(
      `chaos: ${TASKS} tasks, ${succeeded} succeeded, faults ${JSON.stringify(sim.stats.faults)}, ` +
        `tasks created ${sim.tasks.size} = submitted ${submitted} + lost answers found ${foundAfterLoss}, ` +
        `failures ${JSON.stringify(failuresByClass)}, requests ${JSON.stringify(sim.stats.requests)}`,
    );
  });
});

/**
 * The simulated tasks. A task's status is computed from the clock when asked, from its creation
 * time and its timing, so no timer runs per task and a virtual clock moves every task at once.
 *
 * @module
 */
import type { TaskFailure } from './submit-checks.ts';

/** How long a task stays in each phase, in simulated milliseconds. */
export interface TaskTiming {
  /** Time spent `PENDING` before it starts running. */
  readonly pendingMs: number;
  /** Time spent `RUNNING`. */
  readonly runningMs: number;
  /**
   * Time spent `SUSPENDED` (the service pauses a task; documented, rarely seen), in the middle of
   * the run: the task ends this much later.
   * @default 0
   */
  readonly suspendedMs?: number | undefined;
}

/** The statuses a simulated task goes through. */
export type SimulatedStatus = 'PENDING' | 'RUNNING' | 'SUSPENDED' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

/** One simulated task, as tests see it. */
export interface SimulatedTask {
  /** The task id. */
  readonly taskId: string;
  /** The model name as sent. */
  readonly model: string;
  /** The submit path it was posted to. */
  readonly path: string;
  /** The submit body exactly as received. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The submit's headers, lower-cased, without `authorization`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The submit's request id. */
  readonly requestId: string;
  /** Creation time, by the simulator's clock. */
  readonly createdAt: number;
  /** Phase durations. */
  readonly timing: TaskTiming;
  /** The failure it will end with, if any. */
  readonly failure: TaskFailure | undefined;
  /** Uploaded objects this task's inputs refer to (`oss://` URLs), by URL. */
  readonly uploads: ReadonlyMap<string, Uint8Array>;
  /** When it was canceled, if it was. */
  canceledAt: number | undefined;
}

/** Tasks are kept 24 hours; after that the service answers `UNKNOWN`. */
const TASK_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The status of `task` at time `now`. */
export function statusAt(task: SimulatedTask, now: number): SimulatedStatus {
  if (task.canceledAt !== undefined && task.canceledAt <= now) return 'CANCELED';
  const started = task.createdAt + task.timing.pendingMs;
  if (now < started) return 'PENDING';
  const suspended = task.timing.suspendedMs ?? 0;
  // The pause sits in the middle of the run.
  const pauseAt = started + task.timing.runningMs / 2;
  if (suspended > 0 && now >= pauseAt && now < pauseAt + suspended) return 'SUSPENDED';
  if (now < started + task.timing.runningMs + suspended) return 'RUNNING';
  return task.failure ? 'FAILED' : 'SUCCEEDED';
}

/** When `task` started running, or `undefined` while pending or if canceled first. */
export function startedAt(task: SimulatedTask): number | undefined {
  const started = task.createdAt + task.timing.pendingMs;
  return task.canceledAt !== undefined && task.canceledAt < started ? undefined : started;
}

/** When `task` ended, or `undefined` if it has not by `now`. */
export function endedAt(task: SimulatedTask, now: number): number | undefined {
  if (task.canceledAt !== undefined && task.canceledAt <= now) return task.canceledAt;
  const end = task.createdAt + task.timing.pendingMs + task.timing.runningMs + (task.timing.suspendedMs ?? 0);
  return end <= now ? end : undefined;
}

/** A read-only view of the simulated tasks for tests and benchmarks. */
export class TaskStore {
  readonly #tasks = new Map<string, SimulatedTask>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Tasks created since the simulator started (expired ones included). */
  get size(): number {
    return this.#tasks.size;
  }

  /** A task by id, or `undefined`. */
  get(taskId: string): SimulatedTask | undefined {
    return this.#tasks.get(taskId);
  }

  /** Every task, oldest first. */
  all(): SimulatedTask[] {
    return [...this.#tasks.values()];
  }

  /** A task's status now. */
  status(taskId: string): SimulatedStatus | 'UNKNOWN' {
    const task = this.live(taskId);
    return task ? statusAt(task, this.#now()) : 'UNKNOWN';
  }

  /** @internal A task that exists and has not expired. */
  live(taskId: string): SimulatedTask | undefined {
    const task = this.#tasks.get(taskId);
    return task && this.#now() - task.createdAt < TASK_RETENTION_MS ? task : undefined;
  }

  /** @internal Unfinished tasks of a model now (the service's concurrency limit counts these). */
  unfinished(model: string): number {
    const now = this.#now();
    let count = 0;
    for (const task of this.#tasks.values()) {
      if (task.model === model && endedAt(task, now) === undefined) count += 1;
    }
    return count;
  }

  /** @internal */
  add(task: SimulatedTask): void {
    this.#tasks.set(task.taskId, task);
  }
}

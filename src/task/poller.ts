/**
 * One poller per client. Every live task handle registers a watch; a single timer wakes for the
 * earliest due poll or deadline, so timers do not grow with the number of tasks, and polls of
 * many tasks share the client's query budget (docs/protocol.md §6).
 *
 * @module
 */
import type { ModelStudioError } from '../errors.ts';
import type { TaskAnswer } from '../transport/wire-responses.ts';

/**
 * When to poll a task. Polls start fast and back off: the n-th poll after submit comes
 * `min(maxIntervalMs, initialIntervalMs × backoffFactor^(n-1))` after the previous one
 * (defaults: 2 s, 3 s, 4.5 s, 6.8 s, 10.1 s, then every 15 s). A typical 1080P task takes 1–5 minutes.
 *
 * Once the client has seen tasks of a model finish, it knows their typical run time (from the
 * service's own submit and end times): after the first poll, the next lands at the task's expected
 * end (or `maxIntervalMs` later, whichever is sooner, to catch early failures), and past the
 * expected end the intervals back off again from `initialIntervalMs`. This finds finished tasks
 * sooner with fewer polls.
 */
export interface PollingOptions {
  /**
   * Delay before the first poll after a submit, and the first interval.
   * @default 2000
   */
  readonly initialIntervalMs?: number;
  /**
   * Longest interval between two polls of one task.
   * @default 15000
   */
  readonly maxIntervalMs?: number;
  /**
   * Growth of the interval after each poll.
   * @default 1.5
   */
  readonly backoffFactor?: number;
  /**
   * Total wait for a task, from submit (or resume) to its end. On expiry the handle rejects with a
   * `TimeoutError` carrying the task id; the task keeps running on the service.
   * @default 1800000 (30 minutes)
   */
  readonly timeoutMs?: number;
  /**
   * Expected run time of a task, used only for the `estimatedFraction` of progress events.
   * @default 180000 (3 minutes)
   */
  readonly expectedRunTimeMs?: number;
}

/** Polling options with every default applied. */
export type ResolvedPolling = Required<PollingOptions>;

/** The polling defaults. */
export const DEFAULT_POLLING: ResolvedPolling = {
  initialIntervalMs: 2_000,
  maxIntervalMs: 15_000,
  backoffFactor: 1.5,
  timeoutMs: 30 * 60_000,
  expectedRunTimeMs: 180_000,
};

/** What a watch reports to its task handle. */
export interface WatchHandlers {
  /** A query answered. */
  onAnswer(answer: TaskAnswer): void;
  /** A query failed after the transport's own retries; polling goes on unless the handle stops it. */
  onError(error: ModelStudioError): void;
  /** The deadline passed; the watch has stopped. */
  onDeadline(): void;
}

/** A task being polled. */
export interface Watch {
  /** Stops polling; a query in flight is ignored when it returns. */
  stop(): void;
  /** Polls as soon as possible (after a cancel, say). */
  pollNow(): void;
}

interface WatchState {
  readonly taskId: string;
  /** What run times are learned by: the model. */
  readonly kind: string | undefined;
  readonly startedAt: number;
  readonly handlers: WatchHandlers;
  readonly polling: ResolvedPolling;
  readonly deadline: number;
  dueAt: number;
  polls: number;
  inFlight: boolean;
}

/** Queries one task; provided by the client's transport. */
export type QueryTask = (taskId: string) => Promise<TaskAnswer>;

/** The shared scheduler of task polls. */
export class Poller {
  readonly #query: QueryTask;
  readonly #watches = new Set<WatchState>();
  readonly #runTimes = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(query: QueryTask) {
    this.#query = query;
  }

  /** Tasks being watched now. */
  get size(): number {
    return this.#watches.size;
  }

  /**
   * Starts polling `taskId`: the first poll after `firstDelayMs`, then on the backoff schedule,
   * until the handle stops the watch or `polling.timeoutMs` from now passes.
   */
  watch(taskId: string, handlers: WatchHandlers, polling: ResolvedPolling, firstDelayMs: number, kind?: string): Watch {
    const now = Date.now();
    const state: WatchState = {
      taskId,
      kind,
      startedAt: now,
      handlers,
      polling,
      deadline: now + polling.timeoutMs,
      dueAt: now + firstDelayMs,
      polls: 0,
      inFlight: false,
    };
    this.#watches.add(state);
    this.#arm();
    return {
      stop: () => {
        this.#watches.delete(state);
        this.#arm();
      },
      pollNow: () => {
        state.dueAt = Date.now();
        this.#arm();
      },
    };
  }

  /** Records how long a finished task of `kind` took, from its submit to its end. */
  learn(kind: string | undefined, runTimeMs: number): void {
    if (kind === undefined || !Number.isFinite(runTimeMs) || runTimeMs <= 0) return;
    const known = this.#runTimes.get(kind);
    // A moving average: recent tasks count most, one outlier does not dominate.
    this.#runTimes.set(kind, known === undefined ? runTimeMs : known * 0.7 + runTimeMs * 0.3);
  }

  /** The typical run time of `kind` learned so far, if any. */
  expectedRunTime(kind: string | undefined): number | undefined {
    return kind === undefined ? undefined : this.#runTimes.get(kind);
  }

  /** The wait before the next poll of `state`. */
  #interval(state: WatchState, now: number): number {
    const { initialIntervalMs, backoffFactor, maxIntervalMs } = state.polling;
    const backoff = Math.min(maxIntervalMs, initialIntervalMs * backoffFactor ** (state.polls + 1));
    const expected = this.expectedRunTime(state.kind);
    if (expected === undefined) return backoff;
    const floor = initialIntervalMs / 4;
    const untilEnd = state.startedAt + expected - now;
    // Before the expected end, polls only watch for early failures: at most every maxIntervalMs.
    if (untilEnd > 0) return Math.min(maxIntervalMs, Math.max(floor, untilEnd));
    // Past the expected end: poll soon, then back off again as the overrun grows.
    return Math.min(maxIntervalMs, Math.max(floor, initialIntervalMs, -untilEnd / 2));
  }

  #nextWake(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const state of this.#watches) next = Math.min(next, state.deadline, state.inFlight ? next : state.dueAt);
    return next;
  }

  #arm(): void {
    const next = this.#nextWake();
    if (next === this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = next;
    if (next === Number.POSITIVE_INFINITY) return;
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, next - Date.now()));
  }

  #tick(): void {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    for (const state of this.#watches) {
      if (state.deadline <= now) {
        this.#watches.delete(state);
        state.handlers.onDeadline();
      } else if (!state.inFlight && state.dueAt <= now) {
        void this.#poll(state);
      }
    }
    this.#arm();
  }

  async #poll(state: WatchState): Promise<void> {
    state.inFlight = true;
    let outcome: { answer: TaskAnswer } | { error: ModelStudioError };
    try {
      outcome = { answer: await this.#query(state.taskId) };
    } catch (error) {
      outcome = { error: error as ModelStudioError };
    }
    state.inFlight = false;
    if (!this.#watches.has(state)) return;
    const now = Date.now();
    state.dueAt = now + this.#interval(state, now);
    state.polls += 1;
    this.#arm();
    if ('answer' in outcome) state.handlers.onAnswer(outcome.answer);
    else state.handlers.onError(outcome.error);
  }
}

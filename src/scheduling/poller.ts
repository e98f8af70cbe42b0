/**
 * One poller per client. Every live task handle registers a watch; a single timer wakes for the
 * earliest due poll or deadline, so timers do not grow with the number of tasks, and polls of
 * many tasks share the client's query budget (docs/protocol.md §6).
 *
 * @module
 */
import type { ModelStudioError } from '../core/errors.ts';
import type { TaskAnswer } from '../http/wire.ts';
import { RunTimes, type RunTimeEstimate, type RunTimeKind } from './run-times.ts';

/**
 * When to poll a task. Every poll goes through the client's query limit, which all its tasks share
 * (and, with a shared store, every process of the account), so polls go where they shorten waits:
 *
 * - one early poll `initialIntervalMs` after the submit, for tasks that fail at once;
 * - while the run time of the task's kind (model, duration, resolution) is unknown, polls back off
 *   from `initialIntervalMs` by `backoffFactor` up to `maxIntervalMs` until the earliest plausible
 *   end of the prior (a 5 s 1080P task runs about 1–5 minutes; `expectedRunTimeMs` replaces it);
 * - once tasks of the kind have finished, the client knows their run time from the service's own
 *   submit and end times, and the next poll after the early one lands at the expected end: a task
 *   that fails midway is seen there at the latest;
 * - around the expected end polls are dense, each 4% of the time elapsed apart (so a task is seen
 *   done at most 4% of its run time late), but never closer than the query limit allows for all
 *   tasks being followed;
 * - past the plausible end they back off again, up to `maxIntervalMs`.
 */
export interface PollingOptions {
  /**
   * Delay before the first poll after a submit, and the first interval of the backoff.
   * @default 2000
   */
  readonly initialIntervalMs?: number;
  /**
   * Longest interval between two polls while a task's end is not expected soon.
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
   * Expected run time of a task before the client has seen one of its kind finish: where polls
   * concentrate, and the pace of `estimatedFraction` in progress events.
   * @default from the request: 134 s for 5 s at 1080P, in proportion to seconds and pixels
   */
  readonly expectedRunTimeMs?: number;
  /**
   * How polls and task-completion events (the client's `events` option) share the work:
   * - `'poll'`: the schedule above, events or not;
   * - `'events'`: events end tasks; polls are only the fallback for a lost event: none before the
   *   latest plausible end of the task's kind (the end of its learned run-time window), then one
   *   every 16% of the time elapsed (against 4% without events);
   * - `'events-only'`: no poll at all but one final sweep shortly before `timeoutMs` runs out,
   *   for deployments whose event delivery is trusted and whose query budget is not.
   * @default 'events' for a client given `events`, else 'poll'
   */
  readonly mode?: PollingMode;
}

/** How a handle learns that its task ended; see {@link PollingOptions.mode}. */
export type PollingMode = 'poll' | 'events' | 'events-only';

/** Polling options with every default applied. */
export type ResolvedPolling = Required<Omit<PollingOptions, 'expectedRunTimeMs'>> & {
  /** The caller's expected run time, if given; else the prior of the request's kind. */
  readonly expectedRunTimeMs: number | undefined;
};

/** The polling defaults. */
export const DEFAULT_POLLING: ResolvedPolling = {
  initialIntervalMs: 2_000,
  maxIntervalMs: 15_000,
  backoffFactor: 1.5,
  timeoutMs: 30 * 60_000,
  expectedRunTimeMs: undefined,
  mode: 'poll',
};

/** With events, the fallback polls every this fraction of the time elapsed around the expected end: a lost event costs at most this much delay. */
const EVENT_FALLBACK_FRACTION = 0.16;
/** `'events-only'`: the final sweep comes this long before the deadline (at most a tenth of the wait). */
const SWEEP_LEAD_MS = 5_000;

/** Around the expected end, a poll every this fraction of the time elapsed: a finished task is seen at most this late. */
const DENSE_FRACTION = 0.04;
/** Dense polls of all tasks together take at most this share of the query limit, leaving room for the rest. */
const QUERY_SHARE = 0.8;

/** What a watch reports to its task handle. */
export interface WatchHandlers {
  /** A query answered. */
  onAnswer(answer: TaskAnswer): void;
  /** A query failed after the transport's own retries; polling goes on unless the handle stops it. */
  onError(error: ModelStudioError): void;
  /** The deadline passed; the watch has stopped. */
  onDeadline(): void;
  /** A query starts; the function returned sees how it ended (telemetry's poll span). */
  onQuery?(): ((outcome: TaskAnswer | ModelStudioError) => void) | undefined;
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
  /** What run times are learned by. */
  readonly kind: RunTimeKind;
  readonly startedAt: number;
  readonly handlers: WatchHandlers;
  readonly polling: ResolvedPolling;
  readonly deadline: number;
  dueAt: number;
  polls: number;
  inFlight: boolean;
  /** A hint arrived while a query was in flight: that answer may predate it, so query once more. */
  hinted: boolean;
}

/** Queries one task; provided by the client's transport. */
export type QueryTask = (taskId: string) => Promise<TaskAnswer>;

/** The shared scheduler of task polls. */
export class Poller {
  readonly #query: QueryTask;
  readonly #queriesPerSecond: number;
  readonly #followed: () => number;
  readonly #watches = new Set<WatchState>();
  readonly #runTimes = new RunTimes();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  /**
   * `queriesPerSecond` is the client's query limit (`Infinity` without limits); `followed` counts the
   * tasks that share it, this client's and those of every other client of its store.
   */
  constructor(query: QueryTask, queriesPerSecond = Number.POSITIVE_INFINITY, followed: () => number = () => 0) {
    this.#query = query;
    this.#queriesPerSecond = queriesPerSecond;
    this.#followed = followed;
  }

  /** Tasks being watched now. */
  get size(): number {
    return this.#watches.size;
  }

  /**
   * Starts polling `taskId`: the first poll after `firstDelayMs`, then as {@link PollingOptions}
   * describes, until the handle stops the watch or `polling.timeoutMs` from now passes.
   */
  watch(taskId: string, handlers: WatchHandlers, polling: ResolvedPolling, firstDelayMs: number, kind: RunTimeKind): Watch {
    const now = Date.now();
    const state: WatchState = {
      taskId,
      kind,
      startedAt: now,
      handlers,
      polling,
      deadline: now + polling.timeoutMs,
      dueAt: this.#firstDue(polling, now, firstDelayMs, kind),
      polls: 0,
      inFlight: false,
      hinted: false,
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

  /**
   * Queries `taskId` now, for every watch of it: a hint (a completion event) that it changed. A
   * query in flight is followed by one more, since its answer may predate the hint. Returns whether
   * any watch follows the task.
   */
  pollTaskNow(taskId: string): boolean {
    let found = false;
    const now = Date.now();
    for (const state of this.#watches) {
      if (state.taskId !== taskId) continue;
      found = true;
      if (state.inFlight) state.hinted = true;
      else state.dueAt = now;
    }
    if (found) this.#arm();
    return found;
  }

  /** Records how long a finished task of `kind` took, from its submit to its end. */
  learn(kind: RunTimeKind, runTimeMs: number): void {
    this.#runTimes.learn(kind, runTimeMs);
    // A fallback poll set from the prior may lie far beyond what this kind now takes: bring it in,
    // so that a lost event costs the new window, not the prior's.
    const { windowEndMs } = this.#runTimes.estimate(kind);
    let moved = false;
    for (const state of this.#watches) {
      if (state.polling.mode !== 'events' || state.kind.key !== kind.key || state.inFlight) continue;
      const due = Math.max(Date.now(), state.startedAt + windowEndMs);
      if (due < state.dueAt) {
        state.dueAt = due;
        moved = true;
      }
    }
    if (moved) this.#arm();
  }

  /** Where a task of `kind` is expected to end. */
  estimate(kind: RunTimeKind): RunTimeEstimate {
    return this.#runTimes.estimate(kind);
  }

  /** When to poll a new watch first. */
  #firstDue(polling: ResolvedPolling, now: number, firstDelayMs: number, kind: RunTimeKind): number {
    const { windowStartMs, windowEndMs } = this.#runTimes.estimate(kind);
    if (polling.mode === 'events-only') return sweepAt(now + polling.timeoutMs, polling.timeoutMs);
    // With events, no poll before the latest plausible end of the task's kind: the event comes first.
    // A resumed task (no first delay) is asked at once: it may have ended while nobody followed it.
    if (polling.mode === 'events') return firstDelayMs === 0 ? now : now + windowEndMs;
    return now + Math.min(firstDelayMs, windowStartMs);
  }

  /** When to poll `state` next, after a poll at `now`. */
  #nextDue(state: WatchState, now: number): number {
    const { initialIntervalMs, backoffFactor, maxIntervalMs, mode } = state.polling;
    // Only the deadline is left: the handle's own timer ends the watch then.
    if (mode === 'events-only') {
      // After an event's query, the sweep is still to come; after the sweep, only the deadline is left.
      const sweep = sweepAt(state.deadline, state.polling.timeoutMs);
      return now < sweep ? sweep : state.deadline;
    }
    const elapsed = now - state.startedAt;
    const { windowStartMs, windowEndMs, learned } = this.#runTimes.estimate(state.kind);
    // However many tasks are followed, their dense polls together stay within the query limit.
    const sharing = Math.max(this.#watches.size, this.#followed());
    const floor = Math.max(initialIntervalMs / 8, (1000 * sharing) / (QUERY_SHARE * this.#queriesPerSecond));
    // With events the polls are only the fallback for a lost one: none before the window's end, sparser after.
    const fraction = mode === 'events' ? EVENT_FALLBACK_FRACTION : DENSE_FRACTION;
    if (mode === 'events' && elapsed < windowEndMs) return Math.max(now + floor, state.startedAt + windowEndMs);
    if (elapsed < windowStartMs) {
      const windowStart = state.startedAt + windowStartMs;
      if (learned) return Math.max(now + floor, windowStart);
      const backoff = Math.min(maxIntervalMs, initialIntervalMs * backoffFactor ** state.polls);
      return Math.max(now + floor, Math.min(now + backoff, windowStart));
    }
    const overrun = elapsed - windowEndMs;
    const interval = Math.max(fraction * elapsed, overrun > 0 ? overrun / 2 : 0);
    return now + Math.min(maxIntervalMs, Math.max(floor, interval));
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
    const ended = state.handlers.onQuery?.();
    try {
      outcome = { answer: await this.#query(state.taskId) };
    } catch (error) {
      outcome = { error: error as ModelStudioError };
    }
    ended?.('answer' in outcome ? outcome.answer : outcome.error);
    state.inFlight = false;
    if (!this.#watches.has(state)) return;
    const now = Date.now();
    state.polls += 1;
    state.dueAt = state.hinted ? now : this.#nextDue(state, now);
    state.hinted = false;
    this.#arm();
    if ('answer' in outcome) state.handlers.onAnswer(outcome.answer);
    else state.handlers.onError(outcome.error);
  }
}

/** When `'events-only'` sweeps: `SWEEP_LEAD_MS` before the deadline, or a tenth of a shorter wait. */
function sweepAt(deadline: number, timeoutMs: number): number {
  return deadline - Math.min(SWEEP_LEAD_MS, timeoutMs / 10);
}

/**
 * Task-completion events: when a simulated task ends (SUCCEEDED, FAILED or CANCELED) the simulator
 * POSTs a CloudEvents 1.0 envelope to an HTTP target, the way EventBridge pushes Model Studio's
 * events (docs/protocol.md §10.6), with a configurable delay, loss, duplication and reordering so
 * that tests can prove a receiver's polling fallback.
 *
 * Task statuses are computed from the clock when asked (task-store.ts), so this module keeps its
 * own schedule: a timer at each task's end time (the global `setTimeout`, looked up on each call,
 * so fake timers drive it) and a sweep that the simulator runs after each request it answers and
 * on `sim.clock.advance`, which catches cancels and clocks moved by hand.
 *
 * @module
 */
import type { CloudEvent } from '../events/envelope.ts';
import { endedAt, statusAt, type SimulatedTask } from './task-store.ts';
import { newId, serviceTime } from './wire.ts';

/** Where and how the simulator sends task-completion events (the `eventTarget` option). */
export interface SimulatorEventTarget {
  /** The receiver's URL: each event is POSTed there. */
  readonly url: string;
  /**
   * A shared secret sent in {@link SimulatorEventTarget.secretHeader}, as a fixed header configured
   * on an EventBridge HTTP target would be.
   * @default none: no secret header
   */
  readonly secret?: string | undefined;
  /**
   * The header that carries the secret.
   * @default 'x-modelstudio-event-secret'
   */
  readonly secretHeader?: string | undefined;
  /**
   * Delay between a task's end and its event's delivery, in milliseconds of timer time: a fixed
   * value or a `[min, max]` range drawn uniformly.
   * @default 0
   */
  readonly delayMs?: number | readonly [number, number] | undefined;
  /**
   * Probability (0..1) that an event is never sent.
   * @default 0
   */
  readonly loss?: number | undefined;
  /**
   * Probability (0..1) that an event is sent twice, with the same `id`.
   * @default 0
   */
  readonly duplicate?: number | undefined;
  /**
   * An extra random delay per delivery, so that events can arrive out of order: `true` draws up
   * to 5000 ms, a number up to that many milliseconds.
   * @default false
   */
  readonly reorder?: boolean | number | undefined;
  /**
   * Retries of a delivery that fails (the receiver is down or answers other than 2xx), as
   * EventBridge retries a push with backoff; after the last one the delivery counts as failed.
   * @default 3
   */
  readonly retries?: number | undefined;
  /**
   * The first retry's wait in milliseconds; each next one waits twice as long.
   * @default 1000
   */
  readonly retryDelayMs?: number | undefined;
  /**
   * The fetch that posts events.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch | undefined;
}

/** Counters of the events the simulator sent (`sim.events`). */
export interface SimulatorEventStats {
  /** Events made: one per ended task (lost ones included). */
  readonly events: number;
  /** Deliveries the receiver accepted with a 2xx (a duplicated event counts twice). */
  readonly sent: number;
  /** Events dropped by the `loss` draw: never sent. */
  readonly lost: number;
  /** Events sent twice by the `duplicate` draw. */
  readonly duplicated: number;
  /** Retries after a failed delivery. */
  readonly retried: number;
  /** Deliveries that failed on every attempt. */
  readonly failed: number;
  /** Deliveries not settled yet (waiting for their delay, in flight or between retries). */
  readonly pending: number;
}

/**
 * The event's `source` and `type` for Model Studio. ASSUMPTION (docs/protocol.md §10.6): no public
 * page shows a Model Studio event; these follow EventBridge's conventions for cloud services.
 */
const EVENT_SOURCE = 'acs.dashscope';
/** See {@link EVENT_SOURCE}: assumed, docs/protocol.md §10.6. */
const EVENT_TYPE = 'dashscope:System:TaskCompleted';
/** The simulated account's id, in the envelope's `subject` and `aliyunaccountid`. */
const ACCOUNT_ID = '1000000000000000';
const DEFAULT_SECRET_HEADER = 'x-modelstudio-event-secret';
const DEFAULT_REORDER_MS = 5_000;
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2_147_483_647;

/** A timer on the global functions, looked up when called so that fake timers installed later apply. */
function later(ms: number, run: () => void): ReturnType<typeof setTimeout> {
  const timer = setTimeout(run, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/** @internal The simulator's sender of task-completion events. */
export class EventSender {
  readonly #target: SimulatorEventTarget;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #regionId: string;
  /** Tasks not ended yet, with the timer at their end time. */
  readonly #waiting = new Map<string, { task: SimulatedTask; timer: ReturnType<typeof setTimeout> | undefined }>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #stopped = false;
  readonly stats = { events: 0, sent: 0, lost: 0, duplicated: 0, retried: 0, failed: 0, pending: 0 };

  constructor(target: SimulatorEventTarget, random: () => number, now: () => number, regionId: string) {
    this.#target = target;
    this.#random = random;
    this.#now = now;
    this.#regionId = regionId;
  }

  /** Follows a new task: its event goes out when it ends. */
  track(task: SimulatedTask): void {
    if (this.#stopped) return;
    this.#waiting.set(task.taskId, { task, timer: undefined });
    this.#arm(task.taskId);
  }

  /** Sends the events of tasks that have ended by the clock (after a cancel or a clock advance). */
  sweep(): void {
    const now = this.#now();
    for (const { task } of [...this.#waiting.values()]) {
      const end = endedAt(task, now);
      if (end !== undefined) this.#ended(task, end, now);
    }
  }

  /** Stops: no more events, pending deliveries and retries are dropped. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const { timer } of this.#waiting.values()) if (timer !== undefined) clearTimeout(timer);
    this.#timers.clear();
    this.#waiting.clear();
    this.stats.pending = 0;
  }

  /** A timer at the task's end time by the clock; re-armed if the clock has not got there yet. */
  #arm(taskId: string): void {
    const waiting = this.#waiting.get(taskId);
    if (!waiting) return;
    const { task } = waiting;
    const end = task.createdAt + task.timing.pendingMs + task.timing.runningMs + (task.timing.suspendedMs ?? 0);
    waiting.timer = later(end - this.#now(), () => {
      waiting.timer = undefined;
      const now = this.#now();
      const ended = endedAt(task, now);
      if (ended !== undefined) this.#ended(task, ended, now);
      else this.#arm(taskId);
    });
  }

  #ended(task: SimulatedTask, end: number, now: number): void {
    const waiting = this.#waiting.get(task.taskId);
    if (!waiting || this.#stopped) return;
    if (waiting.timer !== undefined) clearTimeout(waiting.timer);
    this.#waiting.delete(task.taskId);
    const event = this.#event(task, end, now);
    this.stats.events += 1;
    if (this.#random() < (this.#target.loss ?? 0)) {
      this.stats.lost += 1;
      return;
    }
    const copies = this.#random() < (this.#target.duplicate ?? 0) ? 2 : 1;
    if (copies === 2) this.stats.duplicated += 1;
    for (let copy = 0; copy < copies; copy += 1) {
      this.stats.pending += 1;
      const delay = this.#delay();
      // No timer for no delay: a fake clock would run a zero timer set during a tick 1 ms late.
      if (delay > 0) this.#wait(delay, () => void this.#deliver(event, 0));
      else void this.#deliver(event, 0);
    }
  }

  #delay(): number {
    const { delayMs = 0, reorder = false } = this.#target;
    const base = typeof delayMs === 'number' ? delayMs : delayMs[0] + this.#random() * (delayMs[1] - delayMs[0]);
    const spread = reorder === true ? DEFAULT_REORDER_MS : reorder === false ? 0 : reorder;
    return base + (spread > 0 ? this.#random() * spread : 0);
  }

  #wait(ms: number, run: () => void): void {
    const timer = later(ms, () => {
      this.#timers.delete(timer);
      run();
    });
    this.#timers.add(timer);
  }

  /** The envelope, in the shape docs/protocol.md §10.6 describes. */
  #event(task: SimulatedTask, end: number, now: number): CloudEvent {
    const status = statusAt(task, end);
    return {
      specversion: '1.0',
      id: newId(),
      source: EVENT_SOURCE,
      type: EVENT_TYPE,
      subject: `acs:dashscope:${this.#regionId}:${ACCOUNT_ID}:task/${task.taskId}`,
      time: new Date(end).toISOString(),
      datacontenttype: 'application/json',
      data: { task_id: task.taskId, task_status: status, model: task.model, request_id: task.requestId, end_time: serviceTime(end) },
      aliyunaccountid: ACCOUNT_ID,
      aliyunregionid: this.#regionId,
      aliyunpublishtime: new Date(now).toISOString(),
      aliyuneventbusname: 'default',
    };
  }

  /** One delivery attempt; a failure waits and retries, then counts as failed. Never throws. */
  async #deliver(event: CloudEvent, attempt: number): Promise<void> {
    if (this.#stopped) return;
    const { url, secret, secretHeader = DEFAULT_SECRET_HEADER, retries = 3, retryDelayMs = 1_000 } = this.#target;
    const headers: Record<string, string> = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
    if (secret !== undefined) headers[secretHeader] = secret;
    let ok = false;
    try {
      const fetch = this.#target.fetch ?? globalThis.fetch;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(event) });
      ok = response.ok;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      ok = false;
    }
    if (this.#stopped) return;
    if (ok) {
      this.stats.sent += 1;
      this.stats.pending -= 1;
    } else if (attempt < retries) {
      this.stats.retried += 1;
      this.#wait(retryDelayMs * 2 ** attempt, () => void this.#deliver(event, attempt + 1));
    } else {
      this.stats.failed += 1;
      this.stats.pending -= 1;
    }
  }
}

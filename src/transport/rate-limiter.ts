/**
 * The client-side limiter: keeps this client within the service's limits (docs/protocol.md §6) so that
 * a burst of tasks waits locally instead of collecting 429s. Submits are limited per model in
 * rate and in tasks unfinished at once (each model's own limits); queries (task status and list)
 * per account in rate.
 *
 * @module
 */
import { AbortError } from '../errors.ts';
import { RateWindow } from './rate-window.ts';

/** One model's limits, as a caller overrides them. */
export interface ModelRateLimitOptions {
  /** Submits per second. */
  readonly submitsPerSecond?: number | undefined;
  /** Tasks unfinished at once. */
  readonly concurrentTasks?: number | undefined;
}

/** The limits this client keeps to. */
export interface RateLimitOptions {
  /**
   * Submits per second, for every model (your account may have a raised quota).
   * @default each model's published limit (5 for wan2.5–2.7, 2 for wan2.1/2.2), else 2
   */
  readonly submitsPerSecond?: number | undefined;
  /**
   * Tasks of one model this client keeps unfinished at once, for every model; more wait in a local queue.
   * @default each model's published limit (5 for wan2.5–2.7, 2 for wan2.1/2.2, 1 for animate/s2v), else 2
   */
  readonly concurrentTasks?: number | undefined;
  /**
   * Task queries (status, list) per second, across the client.
   * @default 20
   */
  readonly queriesPerSecond?: number | undefined;
  /**
   * Limits of single models, over everything else: `{ 'wan3.0-video': { concurrentTasks: 5 } }`.
   * @default none
   */
  readonly models?: Readonly<Record<string, ModelRateLimitOptions>> | undefined;
}

/** The service's documented limits for wan2.5–2.7 models, and its query limit. */
export interface DefaultRateLimits {
  /** Submits per second, per model. */
  readonly submitsPerSecond: number;
  /** Tasks unfinished at once, per model. */
  readonly concurrentTasks: number;
  /** Task queries per second, per account. */
  readonly queriesPerSecond: number;
}

/** The service's documented limits for wan2.5–2.7 models, and its query limit. */
export const DEFAULT_RATE_LIMITS: DefaultRateLimits = {
  submitsPerSecond: 5,
  concurrentTasks: 5,
  queriesPerSecond: 20,
};

/**
 * A one-second window is widened by this much on our side, so that requests sent just inside the
 * limit still arrive inside it when the network delays the first more than the last.
 */
const WINDOW_MARGIN = 1.1;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

function abortError(signal: AbortSignal): AbortError {
  return new AbortError('Aborted while queued for the rate limit; nothing was sent.', undefined, { cause: signal.reason });
}

/** A FIFO queue in front of a gate that opens by rate (a window) or by free slots. */
class Gate {
  readonly #waiters: Waiter[] = [];
  readonly #canPass: () => number | true;
  readonly #pass: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** `canPass` returns true, or how many ms until it may. */
  constructor(canPass: () => number | true, pass: () => void) {
    this.#canPass = canPass;
    this.#pass = pass;
  }

  /** Requests waiting. */
  get waiting(): number {
    return this.#waiters.length;
  }

  enter(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#waiters.length === 0 && this.#canPass() === true) {
      this.#pass();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(abortError(signal as AbortSignal));
          this.drain();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.drain();
    });
  }

  /** Lets waiters through while the gate allows; arms one timer for the next opening. */
  drain(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#waiters.length > 0) {
      const verdict = this.#canPass();
      if (verdict !== true) {
        if (verdict !== Number.POSITIVE_INFINITY) this.#timer = setTimeout(() => this.drain(), verdict);
        return;
      }
      const waiter = this.#waiters.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#pass();
      waiter.resolve();
    }
  }
}

function rateGate(perSecond: number): Gate {
  const window = new RateWindow(perSecond, 1000 * WINDOW_MARGIN);
  return new Gate(
    () => {
      const wait = window.waitMs(Date.now());
      return wait === 0 ? true : wait;
    },
    () => window.admit(Date.now()),
  );
}

/** Holds a slot of a model's concurrency until `release` is called (once). */
export type Release = () => void;

/** A model's submit rate and task slots. */
export interface SubmitLimits {
  /** Submits per second. */
  readonly submitsPerSecond: number;
  /** Tasks unfinished at once. */
  readonly concurrentTasks: number;
}

/** The limiter of one client. */
export class ClientLimiter {
  readonly #limitsOf: (model: string) => SubmitLimits;
  readonly #query: Gate;
  readonly #submits = new Map<string, { rate: Gate; slots: Gate; busy: { count: number } }>();

  /** `limitsOf` gives each model's limits, read once per model. */
  constructor(queriesPerSecond: number, limitsOf: (model: string) => SubmitLimits) {
    this.#limitsOf = limitsOf;
    this.#query = rateGate(queriesPerSecond);
  }

  /** Waits for a query's turn. */
  query(signal?: AbortSignal): Promise<void> {
    return this.#query.enter(signal);
  }

  /** Submits waiting for their turn, by model. */
  queued(model: string): number {
    const entry = this.#submits.get(model);
    return entry ? entry.slots.waiting + entry.rate.waiting : 0;
  }

  /** Waits for a free task slot of `model`, then for a submit's turn. Returns the slot's release. */
  async submit(model: string, signal?: AbortSignal): Promise<Release> {
    const entry = this.#entry(model);
    await entry.slots.enter(signal);
    let released = false;
    const release: Release = () => {
      if (released) return;
      released = true;
      entry.busy.count -= 1;
      entry.slots.drain();
    };
    try {
      await entry.rate.enter(signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  #entry(model: string) {
    let entry = this.#submits.get(model);
    if (!entry) {
      const busy = { count: 0 };
      const { concurrentTasks: limit, submitsPerSecond } = this.#limitsOf(model);
      entry = {
        rate: rateGate(submitsPerSecond),
        slots: new Gate(
          () => (busy.count < limit ? true : Number.POSITIVE_INFINITY),
          () => {
            busy.count += 1;
          },
        ),
        busy,
      };
      this.#submits.set(model, entry);
    }
    return entry;
  }
}

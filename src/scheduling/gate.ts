/**
 * A FIFO gate in front of a count kept in a rate limit store: this process's waiters pass in
 * order, and the store decides between processes.
 *
 * @module
 */
import { AbortError, ModelStudioError } from '../core/errors.ts';
import { errorMessage } from '../core/text.ts';

/** What one attempt at a gate gives: passed (with what to undo if the waiter left meanwhile), or the ms to wait. */
export type Attempt = { readonly passed: true; readonly undo?: () => void } | { readonly passed: false; readonly waitMs: number };

interface Waiter {
  readonly attempt: () => Promise<Attempt>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
  left: boolean;
}

function abortError(signal: AbortSignal): AbortError {
  return new AbortError('Aborted while queued for the rate limit; nothing was sent.', undefined, { cause: signal.reason });
}

/**
 * A FIFO queue in front of a count kept in the store. One attempt is in flight at a time, for the
 * head of the queue, so that this process's waiters pass in order; between processes the store
 * decides.
 */
export class Gate {
  readonly #waiters: Waiter[] = [];
  readonly #retryCapMs: number;
  #draining = false;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onWaiting: ((waiting: boolean) => void) | undefined;
  #wasWaiting = false;

  /**
   * `retryCapMs` bounds a wait, for counts that other processes may free without telling us;
   * `onWaiting` hears when the gate gets its first waiter and when its last one leaves.
   */
  constructor(retryCapMs: number, onWaiting?: (waiting: boolean) => void) {
    this.#retryCapMs = retryCapMs;
    this.#onWaiting = onWaiting;
  }

  #reportWaiting(): void {
    const waiting = this.#waiters.length > 0;
    if (waiting === this.#wasWaiting) return;
    this.#wasWaiting = waiting;
    this.#onWaiting?.(waiting);
  }

  /** Requests waiting. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Waits until `attempt` passes, in turn. */
  enter(attempt: () => Promise<Attempt>, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        attempt,
        resolve,
        reject,
        signal,
        left: false,
        onAbort: () => {
          waiter.left = true;
          const index = this.#waiters.indexOf(waiter);
          // The head's attempt may be in flight: it is dropped (and undone) when it returns.
          if (index > 0 || (index === 0 && !this.#draining)) this.#waiters.splice(index, 1);
          this.#reportWaiting();
          reject(abortError(signal as AbortSignal));
          this.drain();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#reportWaiting();
      this.drain();
    });
  }

  /** Lets waiters through while the store admits them; arms one timer for the next try. */
  drain(): void {
    if (this.#draining) {
      this.#again = true;
      return;
    }
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    let waitMs: number | undefined;
    try {
      while (this.#waiters.length > 0) {
        this.#again = false;
        const waiter = this.#waiters[0] as Waiter;
        let attempt: Attempt;
        try {
          attempt = await waiter.attempt();
        } catch (error) {
          this.#waiters.shift();
          waiter.signal?.removeEventListener('abort', waiter.onAbort);
          if (!waiter.left) waiter.reject(storeError(error));
          continue;
        }
        if (waiter.left) {
          this.#waiters.shift();
          if (attempt.passed) attempt.undo?.();
          continue;
        }
        if (!attempt.passed) {
          // A release told us while the attempt was in flight: try again at once.
          if (this.#again) continue;
          waitMs = Math.min(attempt.waitMs, this.#retryCapMs);
          return;
        }
        this.#waiters.shift();
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
    } finally {
      this.#draining = false;
      this.#reportWaiting();
      if (waitMs !== undefined && this.#waiters.length > 0) this.#timer = setTimeout(() => this.drain(), waitMs);
    }
  }
}

/** A store that failed (a Redis connection lost, say) fails the waiting request before anything is sent. */
function storeError(error: unknown): ModelStudioError {
  if (error instanceof ModelStudioError) return error;
  return new ModelStudioError(`The rate limit store failed (${errorMessage(error)}); nothing was sent.`, { cause: error });
}


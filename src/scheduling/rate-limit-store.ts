/**
 * Where the client-side limiter keeps its counts. The service's limits belong to the account
 * (docs/protocol.md §6): clients in one process share them through one {@link MemoryRateLimitStore},
 * processes through a shared store such as `createRedisLimitStore` of `modelstudio-video/redis`.
 *
 * @module
 */
import { RateWindow } from './rate-window.ts';

/** One slot lease, as {@link RateLimitStore.renew} takes it. */
export interface SlotLease {
  /** The slot set, as given to `acquire`. */
  readonly key: string;
  /** The lease's id, as given to `acquire`. */
  readonly leaseId: string;
}

/**
 * The counts behind the client's limits: sliding windows (submits per second of a model, queries
 * per second of the account) and leased slots (unfinished tasks of a model). The limiter names the
 * keys (`submits:<model>`, `tasks:<model>`, `queries`); every operation must be atomic across
 * everything that shares the store, and times must come from one clock (the store's, not each
 * process's).
 *
 * Implement it to keep the limits in another shared system; the SDK ships an in-memory store
 * (the default) and a Redis store (`modelstudio-video/redis`).
 */
export interface RateLimitStore {
  /**
   * Records one event in the window `key` and resolves 0 when fewer than `limit` happened in the
   * last `windowMs`; otherwise records nothing and resolves the milliseconds until the window
   * admits again.
   */
  admit(key: string, limit: number, windowMs: number): Promise<number>;
  /**
   * Takes a slot of `key` as `leaseId` and resolves 0 when fewer than `limit` unexpired leases are
   * held (or `force` is set: the task already runs on the service, so it counts either way);
   * otherwise resolves the milliseconds until the soonest lease expires. A lease expires
   * `leaseMs` after it was taken or last renewed, so a process that dies cannot hold slots forever.
   */
  acquire(key: string, leaseId: string, limit: number, leaseMs: number, force?: boolean): Promise<number>;
  /** Extends the leases by `leaseMs` from now, taking again any that expired meanwhile (their tasks still run). */
  renew(leases: readonly SlotLease[], leaseMs: number): Promise<void>;
  /** Frees a slot, and tells `onRelease` listeners of every process sharing the store. */
  release(key: string, leaseId: string): Promise<void>;
  /**
   * Gives the lease `from` the id `to` with a fresh `leaseMs`, in one step: the limiter names a
   * slot after its task once the submit answered, so that a process resuming the task after a
   * crash takes over the same lease instead of counting the task twice. When `to` is held already,
   * `from` is freed (and listeners told). Optional: without it the limiter acquires `to` (forced)
   * and then releases `from`.
   */
  rename?(key: string, from: string, to: string, leaseMs: number): Promise<void>;
  /**
   * Unexpired leases of the keys together: the tasks followed across everything sharing the store,
   * so that each client's polls leave room in the account's query limit for the others'.
   * Optional: without it a client counts only its own tasks.
   */
  held?(keys: readonly string[]): Promise<number>;
  /**
   * Calls `listener` with the key when any sharer releases a slot, so that waiters try at once
   * instead of at their next retry. Optional: without it waiters retry every 100 ms.
   * Returns the function that stops listening.
   */
  onRelease?(listener: (key: string) => void): () => void;
}

/**
 * The default store: counts kept in this process. Pass one instance to several clients with the
 * same API key to have them share the account's limits (`rateLimits: { store }`).
 *
 * @example
 * ```ts
 * import { MemoryRateLimitStore, ModelStudioClient } from 'modelstudio-video';
 *
 * const store = new MemoryRateLimitStore();
 * const a = new ModelStudioClient({ rateLimits: { store } });
 * const b = new ModelStudioClient({ rateLimits: { store } });
 * // a and b together keep to 5 unfinished wan2.6-t2v tasks, 5 submits/s, 20 queries/s
 * ```
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, RateWindow>();
  readonly #slots = new Map<string, Map<string, number>>();
  readonly #listeners = new Set<(key: string) => void>();
  readonly #now: () => number;

  /** `now` is the clock; `Date.now` by default. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** {@inheritDoc RateLimitStore.admit} */
  admit(key: string, limit: number, windowMs: number): Promise<number> {
    let window = this.#windows.get(key);
    if (!window) {
      window = new RateWindow(limit, windowMs);
      this.#windows.set(key, window);
    }
    const now = this.#now();
    return Promise.resolve(window.admit(now) ? 0 : window.waitMs(now));
  }

  /** {@inheritDoc RateLimitStore.acquire} */
  acquire(key: string, leaseId: string, limit: number, leaseMs: number, force = false): Promise<number> {
    const now = this.#now();
    // Forced leases skip the sweep: a process resuming thousands of tasks must not pay for it each time.
    const leases = force ? this.#leases(key) : this.#live(key);
    if (force || leases.has(leaseId) || leases.size < limit) {
      leases.set(leaseId, now + leaseMs);
      return Promise.resolve(0);
    }
    return Promise.resolve(Math.max(1, Math.min(...leases.values()) - now));
  }

  /** {@inheritDoc RateLimitStore.renew} */
  renew(leases: readonly SlotLease[], leaseMs: number): Promise<void> {
    const until = this.#now() + leaseMs;
    for (const { key, leaseId } of leases) this.#leases(key).set(leaseId, until);
    return Promise.resolve();
  }

  /** {@inheritDoc RateLimitStore.release} */
  release(key: string, leaseId: string): Promise<void> {
    if (this.#slots.get(key)?.delete(leaseId)) for (const listener of this.#listeners) listener(key);
    return Promise.resolve();
  }

  /** {@inheritDoc RateLimitStore.rename} */
  rename(key: string, from: string, to: string, leaseMs: number): Promise<void> {
    const leases = this.#leases(key);
    const freed = leases.delete(from) && leases.has(to);
    leases.set(to, this.#now() + leaseMs);
    if (freed) for (const listener of this.#listeners) listener(key);
    return Promise.resolve();
  }

  /** {@inheritDoc RateLimitStore.held} */
  held(keys: readonly string[]): Promise<number> {
    return Promise.resolve(keys.reduce((total, key) => total + this.#live(key).size, 0));
  }

  /** {@inheritDoc RateLimitStore.onRelease} */
  onRelease(listener: (key: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The leases of `key`, expired ones included. */
  #leases(key: string): Map<string, number> {
    let leases = this.#slots.get(key);
    if (!leases) {
      leases = new Map();
      this.#slots.set(key, leases);
    }
    return leases;
  }

  /** The unexpired leases of `key`. */
  #live(key: string): Map<string, number> {
    const leases = this.#leases(key);
    const now = this.#now();
    for (const [id, expiry] of leases) if (expiry <= now) leases.delete(id);
    return leases;
  }
}

/**
 * The client-side limiter: keeps this client within the service's limits (docs/protocol.md §6) so that
 * a burst of tasks waits locally instead of collecting 429s. Submits are limited per model in
 * rate and in tasks unfinished at once (each model's own limits); queries (task status and list)
 * per account in rate. The counts live in a {@link RateLimitStore}: this process's memory by
 * default, or one shared by every process of the account.
 *
 * @module
 */
import { Gate, type Attempt } from './gate.ts';
import type { RateLimitStore, SlotLease } from './rate-limit-store.ts';

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
  /**
   * Where the counts are kept. Share one store between everything that uses the same account: a
   * {@link MemoryRateLimitStore} between clients of one process, `createRedisLimitStore` of
   * `modelstudio-video/redis` between processes and machines.
   * @default a store of this client's own
   */
  readonly store?: RateLimitStore | undefined;
  /**
   * How long a task's slot stays counted after its process stopped renewing it (renewed every third of
   * this while the task is followed). A process that dies frees its slots after this long. With a job
   * queue that hands a dead worker's jobs to another (BullMQ), make it longer than the queue's
   * stall detection, so that a task nobody follows for that while still counts.
   * @default 60000
   */
  readonly leaseMs?: number | undefined;
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

/** How long a slot lease lasts unless renewed: {@link RateLimitOptions.leaseMs}. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * A one-second window is widened by this much on our side, so that requests sent just inside the
 * limit still arrive inside it when the network delays the first more than the last.
 */
const WINDOW_MARGIN = 1.1;

/**
 * Holds a slot of a model's concurrency until it is called (once). `forTask` names the slot after
 * the task once the submit answered, so that whoever resumes the task takes over this very slot.
 */
export interface Release {
  (): void;
  /** Names the slot after `taskId`. */
  forTask(taskId: string): void;
}

/** The lease id of a task's slot: the same in every process that follows the task. */
function taskLeaseId(taskId: string): string {
  return `task-${taskId}`;
}

/** A slot this client holds, and how many of its handles hold it: a task followed twice counts once. */
interface HeldSlot {
  readonly lease: SlotLease;
  holders: number;
}

/** A model's submit rate and task slots. */
export interface SubmitLimits {
  /** Submits per second. */
  readonly submitsPerSecond: number;
  /** Tasks unfinished at once. */
  readonly concurrentTasks: number;
}

/** How the limiter of a client is made. */
export interface LimiterSettings {
  /** Task queries per second, across the account. */
  readonly queriesPerSecond: number;
  /** Each model's limits, read once per model. */
  readonly limitsOf: (model: string) => SubmitLimits;
  /** Where the counts are kept. */
  readonly store: RateLimitStore;
  /** How long a slot lease lasts unless renewed. */
  readonly leaseMs: number;
}

/** Without release notices, a waiter asks the store again this often. */
const UNNOTIFIED_RETRY_MS = 100;
/** With them, it still asks now and then: a notice can be lost, and leases expire silently. */
const NOTIFIED_RETRY_MS = 1_000;

let leaseCounter = 0;
/** Lease ids unique across processes: a random part per process, a counter within it. */
const leasePrefix = Math.random().toString(36).slice(2, 10);

/** The limiter of one client, over its store. */
export class ClientLimiter {
  readonly #settings: LimiterSettings;
  readonly #retryCapMs: number;
  readonly #query: Gate;
  readonly #submits = new Map<string, { rate: Gate; slots: Gate; limits: SubmitLimits }>();
  /** Leases this client holds, by lease id, renewed together while their tasks are followed. */
  readonly #held = new Map<string, HeldSlot>();
  /** Tasks followed by everything sharing the store, as last counted. */
  #followedByAll = 0;
  #renewTimer: ReturnType<typeof setInterval> | undefined;
  /** Slot gates with waiters, and how to stop hearing release notices once none has. */
  #gatesWaiting = 0;
  #stopListening: (() => void) | undefined;

  constructor(settings: LimiterSettings) {
    this.#settings = settings;
    this.#retryCapMs = settings.store.onRelease ? NOTIFIED_RETRY_MS : UNNOTIFIED_RETRY_MS;
    this.#query = new Gate(this.#retryCapMs);
  }

  /**
   * Listens for release notices only while a task waits for a slot: a store outlives the clients
   * that share it (a client per request, say), and a listener kept for good would hold each one.
   */
  #slotsWaiting(waiting: boolean): void {
    this.#gatesWaiting += waiting ? 1 : -1;
    const store = this.#settings.store;
    if (this.#gatesWaiting > 0 && !this.#stopListening && store.onRelease) {
      this.#stopListening = store.onRelease((key) => {
        if (key.startsWith('tasks:')) this.#submits.get(key.slice('tasks:'.length))?.slots.drain();
      });
    } else if (this.#gatesWaiting === 0 && this.#stopListening) {
      this.#stopListening();
      this.#stopListening = undefined;
    }
  }

  /** Waits for a query's turn. */
  query(signal?: AbortSignal): Promise<void> {
    const { store, queriesPerSecond } = this.#settings;
    return this.#query.enter(() => admitted(store.admit('queries', queriesPerSecond, 1000 * WINDOW_MARGIN)), signal);
  }

  /**
   * Tasks followed across everything that shares this client's store, as counted at the last
   * lease renewal (at least this client's own).
   */
  followed(): number {
    return Math.max(this.#held.size, this.#followedByAll);
  }

  /** Submits waiting for their turn, by model. */
  queued(model: string): number {
    const entry = this.#submits.get(model);
    return entry ? entry.slots.waiting + entry.rate.waiting : 0;
  }

  /** Waits for a free task slot of `model`, then for a submit's turn. Returns the slot's release. */
  async submit(model: string, signal?: AbortSignal): Promise<Release> {
    const entry = this.#entry(model);
    const lease = this.#newLease(model);
    await entry.slots.enter(() => this.#take(lease, entry.limits.concurrentTasks, false), signal);
    const release = this.#releaser(lease);
    try {
      await entry.rate.enter(() => admitted(this.#settings.store.admit(`submits:${model}`, entry.limits.submitsPerSecond, 1000 * WINDOW_MARGIN)), signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /**
   * Counts a task that already runs on the service (one resumed by id) against its model's slots,
   * over the limit if need be, until the returned release is called. The slot is the task's own:
   * one that a crashed process left behind is taken over, not doubled. Two live clients that
   * follow one task share its slot; when one stops, the other's next renewal takes it back.
   */
  async hold(model: string, taskId: string): Promise<Release> {
    const lease = { key: `tasks:${model}`, leaseId: taskLeaseId(taskId) };
    await this.#take(lease, Number.POSITIVE_INFINITY, true);
    return this.#releaser(lease);
  }

  #newLease(model: string): SlotLease {
    leaseCounter += 1;
    return { key: `tasks:${model}`, leaseId: `${leasePrefix}-${leaseCounter}` };
  }

  async #take(lease: SlotLease, limit: number, force: boolean): Promise<Attempt> {
    const { store, leaseMs } = this.#settings;
    const waitMs = await store.acquire(lease.key, lease.leaseId, limit, leaseMs, force);
    if (waitMs > 0) return { passed: false, waitMs };
    this.#addHolder(lease);
    return { passed: true, undo: this.#releaser(lease) };
  }

  #addHolder(lease: SlotLease): void {
    const slot = this.#held.get(lease.leaseId);
    if (slot) slot.holders += 1;
    else this.#held.set(lease.leaseId, { lease, holders: 1 });
    this.#renewTimer ??= setInterval(() => this.#renew(), this.#settings.leaseMs / 3);
    // Renewal must not keep a process alive that has nothing else to do.
    if (typeof this.#renewTimer === 'object' && 'unref' in this.#renewTimer) this.#renewTimer.unref();
  }

  /** Drops one holder of `lease`; true when it was the last, and the lease is this client's no more. */
  #dropHolder(lease: SlotLease): boolean {
    const slot = this.#held.get(lease.leaseId);
    if (slot && slot.holders > 1) {
      slot.holders -= 1;
      return false;
    }
    this.#held.delete(lease.leaseId);
    if (this.#held.size === 0 && this.#renewTimer !== undefined) {
      clearInterval(this.#renewTimer);
      this.#renewTimer = undefined;
    }
    return true;
  }

  #releaser(initial: SlotLease): Release {
    let lease = initial;
    let released = false;
    // Store calls of one slot run in order: a release must not overtake the rename before it.
    let pending: Promise<unknown> = Promise.resolve();
    const { store, leaseMs } = this.#settings;
    const release = (() => {
      if (released) return;
      released = true;
      if (!this.#dropHolder(lease)) return;
      const freed = lease;
      // A failed release leaves the lease to expire; the next waiter then gets it a little later.
      pending = pending.then(() => store.release(freed.key, freed.leaseId)).then(
        () => this.#submits.get(freed.key.slice('tasks:'.length))?.slots.drain(),
        () => undefined,
      );
    }) as Release;
    release.forTask = (taskId) => {
      const named = { key: lease.key, leaseId: taskLeaseId(taskId) };
      if (released || named.leaseId === lease.leaseId) return;
      const from = lease;
      lease = named;
      this.#addHolder(named);
      const last = this.#dropHolder(from);
      pending = pending.then(async () => {
        if (last && store.rename) return store.rename(from.key, from.leaseId, named.leaseId, leaseMs);
        await store.acquire(named.key, named.leaseId, Number.POSITIVE_INFINITY, leaseMs, true);
        // While another handle of this client still holds `from`, it stays.
        if (last) await store.release(from.key, from.leaseId);
      }).catch(() => undefined);
    };
    return release;
  }

  #renew(): void {
    if (this.#held.size === 0) return;
    const { store, leaseMs } = this.#settings;
    // A failed renewal is tried again at the next tick; the leases outlive two missed ticks.
    void store.renew([...this.#held.values()].map((slot) => slot.lease), leaseMs).catch(() => undefined);
    void store
      .held?.([...this.#submits.keys()].map((model) => `tasks:${model}`))
      .then((count) => (this.#followedByAll = count), () => undefined);
  }

  #entry(model: string) {
    let entry = this.#submits.get(model);
    if (!entry) {
      entry = {
        rate: new Gate(this.#retryCapMs),
        slots: new Gate(this.#retryCapMs, (waiting) => this.#slotsWaiting(waiting)),
        limits: this.#settings.limitsOf(model),
      };
      this.#submits.set(model, entry);
    }
    return entry;
  }
}

/** A window's answer as a gate attempt. */
async function admitted(waitMs: Promise<number>): Promise<Attempt> {
  const wait = await waitMs;
  return wait > 0 ? { passed: false, waitMs: wait } : { passed: true };
}

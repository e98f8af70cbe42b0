/**
 * Task slots of detached handles: a task nobody follows still runs on the service and still counts
 * against its model's limit, so its slot stays held until the task's expected end, or until a
 * status check by any handle or `client.tasks.get` shows that it ended.
 *
 * @module
 */
import type { Release } from './rate-limiter.ts';

/** The detached tasks' slots of one client. */
export class DetachedSlots {
  readonly #held = new Map<string, { readonly release: Release; readonly timer: ReturnType<typeof setTimeout> }>();

  /** Holds `taskId`'s slot for `ms` more at most. */
  keep(taskId: string, release: Release, ms: number): void {
    this.ended(taskId);
    const timer = setTimeout(() => this.ended(taskId), Math.max(0, ms));
    // A slot kept for a task nobody follows must not keep the process alive.
    if (typeof timer === 'object' && 'unref' in timer) timer.unref();
    this.#held.set(taskId, { release, timer });
  }

  /** The task ended (or its expected end came): frees its slot. */
  ended(taskId: string): void {
    const held = this.#held.get(taskId);
    if (!held) return;
    this.#held.delete(taskId);
    clearTimeout(held.timer);
    held.release();
  }
}

/**
 * A sliding window of events, for per-second limits (docs/protocol.md §6): the service's side in the
 * simulator, and ours in the client-side limiter.
 *
 * @module
 */

/** Counts the events of the last `windowMs` and admits at most `limit` of them. */
export class RateWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #times: number[] = [];

  constructor(limit: number, windowMs = 1000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Events inside the window that ends at `now`. */
  count(now: number): number {
    while (this.#times.length > 0 && (this.#times[0] ?? 0) <= now - this.#windowMs) this.#times.shift();
    return this.#times.length;
  }

  /** Records an event at `now` and returns true, or returns false when the window is full. */
  admit(now: number): boolean {
    if (this.count(now) >= this.#limit) return false;
    this.#times.push(now);
    return true;
  }

  /** Milliseconds until the window admits again (0 when it admits now). */
  waitMs(now: number): number {
    if (this.count(now) < this.#limit) return 0;
    const oldest = this.#times[0] ?? now;
    return Math.max(1, oldest + this.#windowMs - now);
  }
}

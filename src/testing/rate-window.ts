/**
 * A sliding one-second window of events, for the service's per-second limits (PROTOCOL.md §6).
 *
 * @module
 */

/** Counts events of the last `windowMs` and admits at most `limit` of them. */
export class RateWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #times: number[] = [];

  constructor(limit: number, windowMs = 1000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Records an event at `now` and returns true, or returns false when the window is full. */
  admit(now: number): boolean {
    while (this.#times.length > 0 && (this.#times[0] ?? 0) <= now - this.#windowMs) this.#times.shift();
    if (this.#times.length >= this.#limit) return false;
    this.#times.push(now);
    return true;
  }

  /** Milliseconds until the window admits again. */
  waitMs(now: number): number {
    const oldest = this.#times[0];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.#windowMs - now);
  }
}

/**
 * The simulator's clock. Task progress is computed from it lazily (no timers run per task), so a
 * test can move time with `clock.advance(ms)` or with its test runner's fake timers, which the
 * default clock follows because it reads `Date.now()`.
 *
 * @module
 */

/** A clock the simulator reads; `advance` skips ahead. */
export interface SimulatorClock {
  /** Milliseconds since the epoch, as the simulator sees them. */
  now(): number;
  /** Moves this clock forward by `ms` (tasks age by that much at once). */
  advance(ms: number): void;
}

/**
 * A clock that follows `Date.now()` (and so fake timers), plus whatever `advance` added.
 *
 * @example
 * ```ts
 * import { systemClock } from 'modelstudio-video/testing';
 *
 * const clock = systemClock();
 * clock.advance(60_000); // every simulated task is now a minute older
 * ```
 */
export function systemClock(): SimulatorClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}

/**
 * A clock that moves only when told: fully deterministic tests.
 *
 * @example
 * ```ts
 * import { manualClock } from 'modelstudio-video/testing';
 *
 * const clock = manualClock(Date.parse('2026-01-09T03:00:00Z'));
 * clock.advance(5_000);
 * ```
 */
export function manualClock(start = Date.now()): SimulatorClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

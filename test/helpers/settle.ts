/**
 * Settling promises under vitest's fake timers: start watching, move the clock, read the outcome.
 * A handle or call is awaited only after time moved, so retries, polls and timeouts all happen.
 */
import { vi } from 'vitest';
import type { ModelStudioError } from 'modelstudio-video';

/** How a promise ended. */
export interface Outcome<T> {
  readonly value?: T | undefined;
  readonly error?: ModelStudioError | undefined;
}

/** Advances fake time by `ms` and returns how each promise ended. */
export async function settleAll<T>(promises: readonly PromiseLike<T>[], ms: number): Promise<Outcome<T>[]> {
  const outcomes = Promise.all(
    promises.map((promise) =>
      Promise.resolve(promise).then(
        (value): Outcome<T> => ({ value }),
        (error: ModelStudioError): Outcome<T> => ({ error }),
      ),
    ),
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcomes;
}

/** Advances fake time by `ms` and returns how the promise ended. */
export async function settle<T>(promise: PromiseLike<T>, ms: number): Promise<Outcome<T>> {
  const [outcome] = await settleAll([promise], ms);
  return outcome ?? {};
}

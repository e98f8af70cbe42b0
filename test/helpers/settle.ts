/**
 * Settling promises under vitest's fake timers: start watching, move the clock, read the outcome.
 * A handle or call is awaited only after time moved, so retries, polls and timeouts all happen.
 */
import { expect, vi } from 'vitest';
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

/** An error class of the SDK, as `toBeInstanceOf` takes it. */
export type ErrorClass = abstract new (...args: never[]) => ModelStudioError;

/** Asserts `value` is an instance of `ctor` and returns it typed as one. */
export function expectInstance<C extends ErrorClass>(value: unknown, ctor: C): InstanceType<C> {
  expect(value).toBeInstanceOf(ctor);
  return value as InstanceType<C>;
}

/**
 * Waiting, cut short by an abort.
 *
 * @module
 */

/**
 * Waits `ms`. Resolves `true` when the time passed, `false` as soon as `signal` aborts (at once when
 * it already has): the caller decides what an abort means there.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

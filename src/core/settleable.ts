/**
 * A promise settled from outside.
 *
 * @module
 */

/** A promise with its settle functions, which never raises `unhandledRejection` by itself: awaiting it still rejects. */
export function settleable<T>(): PromiseWithResolvers<T> {
  const deferred = Promise.withResolvers<T>();
  deferred.promise.catch(() => undefined);
  return deferred;
}

/**
 * A seeded pseudo-random source (mulberry32), so fault injection is repeatable.
 *
 * @module
 */

/**
 * Returns a function of uniform numbers in [0, 1) from a 32-bit seed: the simulator's fault draws
 * use it, and a test can put it behind `Math.random` to make the SDK's backoff jitter repeatable.
 *
 * @example
 * ```ts
 * import { seededRandom } from 'modelstudio-video/testing';
 *
 * const random = seededRandom(42);
 * console.log(random(), random());
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

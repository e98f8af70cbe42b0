/**
 * Each model's limits per account, from the caps table (docs/protocol.md §6, §9.3), with the
 * caller's overrides on top.
 *
 * @module
 */
import type { Region } from '../core/regions.ts';
import { UNSUPPORTED_MODELS, capsEntryFor, capsOf, type ModelLimits } from './caps.ts';

/** A model's limits as the client keeps to them. */
export interface ModelRateLimits {
  /** Submits per second. */
  readonly submitsPerSecond: number;
  /** Tasks unfinished at once. */
  readonly concurrentTasks: number;
}

/**
 * What the client keeps to for a model whose limits the service does not publish (wan3.0, a model
 * unknown to this SDK): low enough not to collect 429s, and overridable per model.
 */
export const UNPUBLISHED_MODEL_LIMITS: ModelRateLimits = { submitsPerSecond: 2, concurrentTasks: 2 };

/** The published limits of `model` in `region`, or `undefined` when unpublished or unknown. */
export function publishedLimits(model: string, region: Region | undefined): ModelRateLimits | undefined {
  const entry = capsEntryFor(model);
  const limits: ModelLimits | undefined = entry ? capsOf(entry).limits : UNSUPPORTED_MODELS[model]?.limits;
  if (!limits) return undefined;
  const regional = region === undefined ? undefined : limits.byRegion?.[region];
  return {
    submitsPerSecond: regional?.submitsPerSecond ?? limits.submitsPerSecond,
    concurrentTasks: regional?.concurrentTasks ?? limits.concurrentTasks,
  };
}

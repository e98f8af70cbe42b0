/**
 * The service's limits per model (docs/protocol.md §6, §9.3), as the simulator enforces them with
 * 429s. A model whose limits are unpublished (wan3.0, HappyHorse, Kling, videoretalk, the opaque
 * models) gets the simulator's default, which a test can change.
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';
import { ruleOf } from './models.ts';

/** Task queries (one task or the list): 20 per second per account (§6, §9.3). */
export const QUERIES_PER_SECOND = 20;

/** What the simulator applies where the service publishes nothing: wan2.6's limits, the most common. */
const UNPUBLISHED = { submitsPerSecond: 5, concurrentTasks: 5 } as const;

/** The limits a model gets in `region` (every region's when absent). */
export function limitsOf(model: string, region: Region | undefined): { readonly submitsPerSecond: number; readonly concurrentTasks: number } {
  const limits = ruleOf(model)?.limits;
  if (!limits) return UNPUBLISHED;
  const regional = region === undefined ? undefined : limits.byRegion?.[region];
  return {
    submitsPerSecond: regional?.submitsPerSecond ?? limits.submitsPerSecond,
    concurrentTasks: regional?.concurrentTasks ?? limits.concurrentTasks,
  };
}

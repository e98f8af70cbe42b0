/**
 * Costs in tool results: the estimate made before a call was sent and what a task cost, as
 * compact JSON in the currency of the client's region (`amount: null` with a `reason` when no
 * price is known).
 *
 * @module
 */
import type { TaskCost } from '../cost/actual.ts';
import type { CostEstimate } from '../cost/estimate.ts';

/**
 * What a call was estimated to cost before it was sent, in the currency of the client's region:
 * `amount` is the upper bound (`low`..`high` when the bill depends on what only the task knows,
 * such as the length of an input video given as a URL). `amount: null` with a `reason` when no
 * price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolCostEstimate } from 'modelstudio-video/tools';
 *
 * const estimate: VideoToolCostEstimate = { amount: 0.5, low: 0.5, high: 0.5, currency: 'USD', basis: '5 s × 0.1 USD/s at 720P; ...' };
 * console.log(estimate.amount === null ? estimate.reason : `${estimate.amount} ${estimate.currency}`);
 * ```
 */
export type VideoToolCostEstimate = VideoToolPricedEstimate | VideoToolUnpriced;

/**
 * A call's estimate when its price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolPricedEstimate } from 'modelstudio-video/tools';
 *
 * const estimate: VideoToolPricedEstimate = { amount: 3.5, low: 0.6, high: 3.5, currency: 'USD', basis: '6–35 s (with input video) × 0.1 USD/s at 720P; ...' };
 * console.log(`${estimate.low}–${estimate.high} ${estimate.currency}`);
 * ```
 */
export interface VideoToolPricedEstimate {
  /** The estimate: the upper bound when uncertain. Budgets compare it. */
  readonly amount: number;
  /** The lowest it can come to. */
  readonly low: number;
  /** The highest it can come to. */
  readonly high: number;
  /** The currency: USD in intl and us, CNY in cn. */
  readonly currency: string;
  /** How it was made: billed seconds, rate, resolution, the price's source and date. */
  readonly basis: string;
}

/**
 * An estimate or cost with no known price.
 *
 * @example
 * ```ts
 * import type { VideoToolUnpriced } from 'modelstudio-video/tools';
 *
 * const unpriced: VideoToolUnpriced = { amount: null, reason: 'no us price is known for wan2.6-t2v-us; pass it in the prices option' };
 * console.log(unpriced.reason);
 * ```
 */
export interface VideoToolUnpriced {
  /** `null`: no price is known. */
  readonly amount: null;
  /** For a task's cost: the seconds billed, when the service said. */
  readonly seconds?: number;
  /** Why there is no price. */
  readonly reason: string;
}

/**
 * What a task that ended cost, from the seconds the service billed: `amount` 0 for a failed or
 * canceled task, `null` with a `reason` when no price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolCost } from 'modelstudio-video/tools';
 *
 * const cost: VideoToolCost = { amount: 0.5, currency: 'USD', seconds: 5 };
 * console.log(cost.amount === null ? cost.reason : `${cost.amount} ${cost.currency ?? ''}`);
 * ```
 */
export type VideoToolCost = VideoToolPricedCost | VideoToolUnpriced;

/**
 * A task's cost when its price is known.
 *
 * @example
 * ```ts
 * import type { VideoToolPricedCost } from 'modelstudio-video/tools';
 *
 * const cost: VideoToolPricedCost = { amount: 0, currency: 'USD', seconds: 0 }; // a failed task
 * console.log(cost.amount);
 * ```
 */
export interface VideoToolPricedCost {
  /** The amount billed: 0 for a failed or canceled task. */
  readonly amount: number;
  /** The currency, when known: USD in intl and us, CNY in cn. */
  readonly currency?: string;
  /** The seconds billed, when the service said. */
  readonly seconds?: number;
}

/** An estimate as compact JSON. */
function estimateJson(estimate: CostEstimate): VideoToolCostEstimate {
  const { amount, low, high, currency, basis } = estimate;
  if (amount === undefined || currency === undefined) return { amount: null, reason: estimate.reason ?? basis };
  return { amount, low: low ?? amount, high: high ?? amount, currency, basis };
}

/** A task's cost as compact JSON. */
function costJson(cost: TaskCost): VideoToolCost {
  const { amount, currency, seconds } = cost;
  if (amount === undefined) return { amount: null, ...(seconds !== undefined && { seconds }), reason: cost.reason ?? cost.basis };
  return { amount, ...(currency !== undefined && { currency }), ...(seconds !== undefined && { seconds }) };
}

/** What a result says of cost: the estimate made before the call was sent, and what the task cost. */
export interface CostFields {
  readonly estimatedCost?: CostEstimate | undefined;
  readonly cost?: TaskCost | undefined;
}

/** The cost fields of a result, as JSON; each only when known. */
export function costFields({ estimatedCost, cost }: CostFields): { estimatedCost?: VideoToolCostEstimate; cost?: VideoToolCost } {
  return { ...(estimatedCost && { estimatedCost: estimateJson(estimatedCost) }), ...(cost && { cost: costJson(cost) }) };
}

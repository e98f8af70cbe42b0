/**
 * Costs for a person: the estimate before a submit and what a task cost after it, in the currency
 * of the client's region. The JSON document carries the SDK's objects as they are.
 *
 * @module
 */
import type { TaskCost } from '../cost/actual.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { BASE_URL_ENV_VAR, REGION_ENV_VAR } from '../core/env-vars.ts';
import { REGIONS } from '../core/regions.ts';

/** The SDK's reasons name its options; on the command line `--region` or the environment sets the region, and there is no price option. */
export function commandLineReason(reason: string): string {
  return reason
    .replace(/the region is unknown \(a custom baseUrl\): pass the region option to price it/, `the region of ${BASE_URL_ENV_VAR} is unknown: pass --region or set ${REGION_ENV_VAR} (${REGIONS.join(', ')}) to price it`)
    .replace(/; pass it in the prices option/, '')
    .replace(/^the model of this task is unknown here$/, 'the model of this task is unknown here: name it with --model');
}

/** An amount and its currency: `1.5 USD`, `0.5–1.5 USD` for a range, `unknown` without a price. */
export function estimateAmount(estimate: CostEstimate): string {
  if (estimate.amount === undefined) return 'unknown';
  const currency = estimate.currency ? ` ${estimate.currency}` : '';
  const ranged = estimate.low !== undefined && estimate.low !== estimate.amount;
  return `${ranged ? `${estimate.low}–` : ''}${estimate.amount}${currency}`;
}

/** Why the estimate is what it is: the basis, or why there is no price. */
export function estimateBasis(estimate: CostEstimate): string {
  return commandLineReason(estimate.amount === undefined ? (estimate.reason ?? estimate.basis) : estimate.basis);
}

/** `Estimated cost: 1.5 USD (10 s × 0.15 USD/s at 1080P; ...)`, or `Estimated cost: unknown (<reason>)`. */
export function estimateLine(estimate: CostEstimate): string {
  return `Estimated cost: ${estimateAmount(estimate)} (${estimateBasis(estimate)})`;
}

/** What a task cost: `1.5 USD (10 s billed)`, `0 (a failed task is free)`, or `unknown (<reason>)`. */
export function costText(cost: TaskCost): string {
  if (cost.amount === undefined) return `unknown (${commandLineReason(cost.reason ?? cost.basis)})`;
  const amount = `${cost.amount}${cost.currency ? ` ${cost.currency}` : ''}`;
  if (cost.amount === 0 && cost.seconds === 0) return `${amount} (${cost.basis})`;
  return `${amount} (${cost.seconds ?? '?'} s billed)`;
}

/** `Cost: 1.5 USD (10 s billed)`. */
export function costLine(cost: TaskCost): string {
  return `Cost: ${costText(cost)}`;
}

/**
 * Budgets: a request's or a batch's estimate against the caller's `maxCost`, checked before
 * anything is sent.
 *
 * @module
 */
import { BudgetError } from '../core/errors.ts';
import type { CostEstimate } from './estimate.ts';
import { roundMoney } from './rates.ts';

/** The sum of a batch's estimates; unknown when any is. */
export function batchTotal(estimates: readonly CostEstimate[]): Pick<CostEstimate, 'amount' | 'currency' | 'basis' | 'reason'> {
  const unknown = estimates.findIndex((estimate) => estimate.amount === undefined);
  if (unknown >= 0) {
    const reason = `request ${unknown}: ${estimates[unknown]?.reason ?? 'no price'}`;
    return { amount: undefined, currency: undefined, basis: reason, reason };
  }
  const amount = roundMoney(estimates.reduce((total, estimate) => total + (estimate.amount ?? 0), 0));
  return { amount, currency: estimates[0]?.currency, basis: `the sum of ${estimates.length} estimates` };
}


/** Throws a {@link BudgetError} when `estimate` is over `limit` or unknown; `subject` names what was priced. */
export function checkBudget(estimate: Pick<CostEstimate, 'amount' | 'currency' | 'basis' | 'reason'>, limit: number, subject: string): void {
  const details = { estimate: estimate.amount, limit, currency: estimate.currency, basis: estimate.basis };
  if (estimate.amount === undefined) {
    throw new BudgetError(`${subject} cannot be priced (${estimate.reason ?? estimate.basis}), so maxCost ${limit} cannot be kept; nothing was sent.`, details);
  }
  if (estimate.amount > limit) {
    throw new BudgetError(
      `${subject} is estimated at ${estimate.amount} ${estimate.currency ?? ''}, above maxCost ${limit} (${estimate.basis}); nothing was sent. ` +
        'A lower resolution or a shorter duration costs less.',
      details,
    );
  }
}

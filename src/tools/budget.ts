/**
 * The cost limits of a tool set (`maxCostPerCall`, `maxCostTotal`): each call is estimated before
 * it is sent, and refused when its estimate is over the per-call limit, would take the estimates
 * of the calls the tool set started over the total limit, or cannot be priced while a limit is set.
 *
 * @module
 */
import type { CostEstimate } from '../cost/estimate.ts';
import type { Currency } from '../cost/prices.ts';
import { roundMoney } from '../cost/rates.ts';
import { BudgetError, type ValidationIssue } from '../core/errors.ts';
import { describe } from '../core/text.ts';
import type { Region } from '../core/regions.ts';

/** The limits, checked. */
export interface CostLimits {
  readonly maxCostPerCall: number | undefined;
  readonly maxCostTotal: number | undefined;
  /** The currency of the limits: the client region's. */
  readonly currency: Currency;
}

/** Why a call is refused, and what the model should do. */
interface BudgetRefusal {
  readonly error: BudgetError;
  readonly next: string;
}

/** The currency a region bills in: CNY in Beijing, USD elsewhere. */
function currencyOf(region: Region): Currency {
  return region === 'cn' ? 'CNY' : 'USD';
}

/** The limits of `options`, or the problems with them (pushed to `issues`). */
export function costLimits(
  options: { readonly maxCostPerCall?: number | undefined; readonly maxCostTotal?: number | undefined },
  region: Region | undefined,
  issues: ValidationIssue[],
): CostLimits | undefined {
  const set: ['maxCostPerCall' | 'maxCostTotal', number][] = [];
  for (const key of ['maxCostPerCall', 'maxCostTotal'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      issues.push({ path: key, message: `must be a positive number, in the currency of the client's region (USD in intl and us, CNY in cn), got ${describe(value)}` });
    } else set.push([key, value]);
  }
  if (set.length === 0) return undefined;
  if (region === undefined) {
    issues.push({
      path: set[0]?.[0] ?? 'maxCostPerCall',
      message:
        "needs prices, and the client's base URL has no known region (a proxy or the simulator): " +
        "create the client with region 'intl', 'cn' or 'us' (or set MODELSTUDIO_REGION)",
    });
    return undefined;
  }
  const limits = Object.fromEntries(set) as Partial<Record<'maxCostPerCall' | 'maxCostTotal', number>>;
  return { maxCostPerCall: limits.maxCostPerCall, maxCostTotal: limits.maxCostTotal, currency: currencyOf(region) };
}

/** The budget of one tool set: its limits and the estimates of the calls it started. */
export class ToolBudget {
  readonly limits: CostLimits | undefined;
  #spent = 0;

  constructor(limits: CostLimits | undefined) {
    this.limits = limits;
  }

  /** The sum of the estimates of the calls started and not known to have created no task. */
  get spent(): number {
    return roundMoney(this.#spent);
  }

  /** Why a call with this estimate may not start, if it may not. */
  refusal(estimate: CostEstimate): BudgetRefusal | undefined {
    if (!this.limits) return undefined;
    const { maxCostPerCall, maxCostTotal, currency } = this.limits;
    const money = (amount: number) => `${amount} ${currency}`;
    const details = (limit: number) => ({ estimate: estimate.amount, limit, currency, basis: estimate.basis });
    const { amount } = estimate;
    if (amount === undefined) {
      const limit = maxCostPerCall ?? maxCostTotal ?? 0;
      const which = maxCostPerCall !== undefined ? 'per call' : 'for all calls';
      return {
        error: new BudgetError(
          `This call cannot be priced (${estimate.reason ?? estimate.basis}), so the cost limit of ${money(limit)} ${which} cannot be kept; nothing was sent.`,
          details(limit),
        ),
        next: 'Nothing was sent or billed. Try another model, one with a known price, or tell the user that this call cannot be priced.',
      };
    }
    if (maxCostPerCall !== undefined && amount > maxCostPerCall) {
      return {
        error: new BudgetError(
          `This call is estimated at ${money(amount)} (${estimate.basis}), above the limit of ${money(maxCostPerCall)} per call; nothing was sent.`,
          details(maxCostPerCall),
        ),
        next:
          `Nothing was sent or billed. To stay within ${money(maxCostPerCall)}, call again with a lower resolution, a shorter duration ` +
          'or a cheaper model; or tell the user the cost limit does not allow this video.',
      };
    }
    const total = roundMoney(this.#spent + amount);
    if (maxCostTotal !== undefined && total > maxCostTotal) {
      const left = Math.max(0, roundMoney(maxCostTotal - this.#spent));
      return {
        error: new BudgetError(
          `This call is estimated at ${money(amount)}; with ${money(this.spent)} estimated for the calls already started, the total would be ` +
            `${money(total)}, above the limit of ${money(maxCostTotal)} for all calls (${money(left)} left); nothing was sent.`,
          details(maxCostTotal),
        ),
        next:
          left > 0
            ? `Nothing was sent or billed. ${money(left)} of the budget is left: a cheaper call (a lower resolution, a shorter duration ` +
              'or a cheaper model) may fit; otherwise tell the user the budget is spent.'
            : 'Nothing was sent or billed. The budget for video is spent: tell the user.',
      };
    }
    return undefined;
  }

  /** Counts a started call's estimate; the function returned takes it back (once) when the call created no task. */
  reserve(estimate: CostEstimate): () => void {
    const amount = estimate.amount ?? 0;
    this.#spent += amount;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#spent -= amount;
    };
  }
}

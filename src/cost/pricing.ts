/**
 * A client's pricing: its region and its price table (the package's, with the client's `prices`
 * merged over it). Estimates submits before they are sent and prices tasks that ended.
 *
 * @module
 */
import type { PreparedSubmit } from '../models/registry.ts';
import type { Region } from '../core/regions.ts';
import type { VideoUsage } from './usage.ts';
import { actualCost, type TaskCost } from './actual.ts';
import { estimateCost, type CostEstimate } from './estimate.ts';
import { mergePrices, type PriceTable } from './prices.ts';

/** Prices in one region with one table. */
export class Pricing {
  /** The region whose prices apply. */
  readonly region: Region | undefined;
  /** The price table in use. */
  readonly prices: PriceTable;

  constructor(region: Region | undefined, overrides: PriceTable | undefined) {
    this.region = region;
    this.prices = mergePrices(overrides);
  }

  /** The estimate of a validated submit. */
  estimate(prepared: PreparedSubmit): CostEstimate {
    return estimateCost(prepared, this.region, this.prices);
  }

  /** The cost of a task that ended; `undefined` before it ends. */
  actual(model: string | undefined, status: string, usage: VideoUsage | undefined, parameters?: Readonly<Record<string, unknown>>): TaskCost | undefined {
    return actualCost(model, status, usage, parameters, this.region, this.prices);
  }
}

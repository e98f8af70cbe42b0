/**
 * A model's price per second in one region, for listings (`client.models.list`): the price
 * table's entry, by the model's own id or its price key, cut to the resolutions it serves there.
 *
 * @module
 */
import type { Resolution } from '../models/caps.ts';
import type { Region } from '../core/regions.ts';
import type { Currency, PriceTable, RatesByResolution } from './prices.ts';
import { priceEntryOf } from './rates.ts';

/** What a model costs per second of video in one region. */
export interface PerSecondPrice {
  /** The currency: CNY in Beijing, USD elsewhere. */
  readonly currency: Currency;
  /** Per second of video, by output resolution (silent, where sound changes the price). */
  readonly perSecond: RatesByResolution;
  /** Per second with sound, where generating sound costs more (the wan2.6 flash models). */
  readonly perSecondWithAudio: RatesByResolution | undefined;
  /** Whether input video seconds are billed too (reference videos, the video of an edit). */
  readonly billsInputVideo: boolean;
  /** When the price was read, `YYYY-MM` or `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Where it comes from, and how sure it is. */
  readonly source: string;
}

/** The rates of `rates` at `resolutions` only, or `undefined` when none of them is priced. */
function ratesAt(rates: RatesByResolution | undefined, resolutions: readonly Resolution[]): RatesByResolution | undefined {
  const kept = Object.fromEntries(resolutions.flatMap((resolution) => (rates?.[resolution] === undefined ? [] : [[resolution, rates[resolution]]])));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/**
 * The price per second of `model` in `region` at `resolutions`, from `prices`; `undefined` when
 * the region is unknown or the table prices none of those resolutions there.
 */
export function perSecondPrice(model: string, region: Region | undefined, resolutions: readonly Resolution[], prices: PriceTable): PerSecondPrice | undefined {
  const lookup = priceEntryOf(model, region, prices);
  if (!('entry' in lookup)) return undefined;
  const { entry } = lookup;
  const perSecond = ratesAt(entry.perSecond, resolutions);
  if (perSecond === undefined) return undefined;
  return {
    currency: entry.currency,
    perSecond,
    perSecondWithAudio: ratesAt(entry.perSecondWithAudio, resolutions),
    billsInputVideo: entry.billsInputVideo !== undefined,
    asOf: entry.asOf,
    source: entry.source,
  };
}

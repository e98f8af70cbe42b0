/**
 * The rate that applies to one task: its model's price entry for the client's region, and the
 * per-second price for its resolution and sound.
 *
 * @module
 */
import { capsEntryFor, capsOf, type Resolution } from '../models/caps.ts';
import type { Region } from '../core/regions.ts';
import type { PriceEntry, PriceTable } from './prices.ts';

/** A model's price entry, or why there is none. */
export type EntryLookup = { readonly entry: PriceEntry } | { readonly reason: string };

/** The price entry of `model` in `region`: by its own id first, then by its caps' price key. */
export function priceEntryOf(model: string, region: Region | undefined, prices: PriceTable): EntryLookup {
  if (region === undefined) return { reason: 'the region is unknown (a custom baseUrl): pass the region option to price it' };
  const caps = capsEntryFor(model);
  const keys = [model, ...(caps ? [capsOf(caps).priceKey] : [])];
  for (const key of keys) {
    const entry = prices[key]?.[region];
    if (entry) return { entry };
  }
  return { reason: `no ${region} price is known for ${model}; pass it in the prices option` };
}

/** The per-second rate for a resolution, with sound where that changes it (sound on unless `audio` is false). */
export function rateOf(entry: PriceEntry, resolution: Resolution, audio: boolean | undefined): number | undefined {
  const withAudio = audio !== false ? entry.perSecondWithAudio?.[resolution] : undefined;
  return withAudio ?? entry.perSecond[resolution];
}

/** Money rounded to 6 decimals, so that 0.1 × 3 reads 0.3. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}

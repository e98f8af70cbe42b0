/**
 * What the service charges, as dated data (docs/protocol.md §9.4): per second of billed video, by
 * price key (a caps entry's `priceKey`), region and output resolution, with sound and input video
 * seconds where they change the bill. Prices change: a client's `prices` option is merged over
 * this table.
 *
 * @module
 */
import type { Resolution } from '../models/caps.ts';
import type { Region } from '../core/regions.ts';

/** The currency a region bills in: CNY in Beijing, USD elsewhere. */
export type Currency = 'CNY' | 'USD';

/** Per-second prices by output resolution. */
export type RatesByResolution = Readonly<Partial<Record<Resolution, number>>>;

/** How input video seconds are billed. */
export interface InputVideoBilling {
  /** The most input seconds billed per task, when the service caps them (wan2.7-r2v: 5). */
  readonly maxSeconds?: number | undefined;
}

/** The price of one price key in one region. */
export interface PriceEntry {
  /** The currency of every amount of this entry. */
  readonly currency: Currency;
  /** Per second of billed video, by output resolution (silent, where sound changes the price). */
  readonly perSecond: RatesByResolution;
  /** Per second with sound, where generating sound costs more (the wan2.6 flash models). */
  readonly perSecondWithAudio?: RatesByResolution | undefined;
  /**
   * Input video seconds are billed too (reference videos, the video of an edit), at the same rate,
   * up to `maxSeconds` per task when the service caps them.
   */
  readonly billsInputVideo?: InputVideoBilling | undefined;
  /** When the price was read, `YYYY-MM` or `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Where it comes from, and how sure it is. */
  readonly source: string;
}

/** Prices by price key (or model id, to price one model apart), then by region. */
export type PriceTable = Readonly<Record<string, Readonly<Partial<Record<Region, PriceEntry>>>>>;

const BEIJING = { currency: 'CNY', asOf: '2026-05', source: 'Model Studio pricing page, Beijing (official)' } as const;
const SINGAPORE = { currency: 'USD', asOf: '2026-05', source: 'converted from the Singapore pricing page by secondary sources' } as const;
// wan2.7-r2v and wan2.7-videoedit are listed only for billing input seconds "also": read as wan2.7's rate.
const AS_WAN27 = 'as wan2.7 (the page adds only that input video seconds are billed too)';

const WAN26_CN = { '720P': 0.6, '1080P': 1.0 } as const;
const WAN26_INTL = { '720P': 0.1, '1080P': 0.15 } as const;

/**
 * The price table (docs/protocol.md §9.4): Beijing in CNY from the official pricing page (about
 * 2026-05), Singapore in USD from secondary sources. No prices are known for us (Virginia), for
 * wan3.0-video-prime and wan2.2 flash in Singapore: their estimates say so instead of guessing.
 *
 * @example
 * ```ts
 * import { modelPrices } from 'modelstudio-video';
 *
 * const { perSecond, currency } = modelPrices['wan2.6']?.intl ?? { perSecond: {}, currency: 'USD' };
 * console.log(`wan2.6 at 1080P: ${perSecond['1080P']} ${currency} a second`);
 * ```
 */
export const modelPrices: PriceTable = {
  'wan2.6': {
    // wan2.6 bills usage.duration, which counts input video seconds (r2v) as well as output.
    cn: { ...BEIJING, perSecond: WAN26_CN, billsInputVideo: {} },
    intl: { ...SINGAPORE, perSecond: WAN26_INTL, billsInputVideo: {} },
  },
  'wan2.6-flash': {
    cn: { ...BEIJING, perSecond: { '720P': 0.15, '1080P': 0.25 }, perSecondWithAudio: { '720P': 0.3, '1080P': 0.5 }, billsInputVideo: {} },
    intl: { ...SINGAPORE, perSecond: { '720P': 0.025, '1080P': 0.0375 }, perSecondWithAudio: { '720P': 0.05, '1080P': 0.075 }, billsInputVideo: {} },
  },
  'wan2.7': {
    cn: { ...BEIJING, perSecond: WAN26_CN },
    intl: { ...SINGAPORE, perSecond: WAN26_INTL },
  },
  'wan2.7-r2v': {
    cn: { ...BEIJING, source: `${BEIJING.source}; ${AS_WAN27}`, perSecond: WAN26_CN, billsInputVideo: { maxSeconds: 5 } },
    intl: { ...SINGAPORE, source: `${SINGAPORE.source}; ${AS_WAN27}`, perSecond: WAN26_INTL, billsInputVideo: { maxSeconds: 5 } },
  },
  'wan2.7-videoedit': {
    cn: { ...BEIJING, source: `${BEIJING.source}; ${AS_WAN27}`, perSecond: WAN26_CN, billsInputVideo: {} },
    intl: { ...SINGAPORE, source: `${SINGAPORE.source}; ${AS_WAN27}`, perSecond: WAN26_INTL, billsInputVideo: {} },
  },
  'wan2.5': {
    cn: { ...BEIJING, perSecond: { '480P': 0.3, '720P': 0.6, '1080P': 1.0 } },
    intl: { ...SINGAPORE, perSecond: { '480P': 0.05, '720P': 0.1, '1080P': 0.15 } },
  },
  'wan2.2-plus': {
    cn: { ...BEIJING, perSecond: { '480P': 0.14, '1080P': 0.7 } },
    intl: { ...SINGAPORE, perSecond: { '480P': 0.02, '1080P': 0.1 } },
  },
  'wan2.2-flash': {
    cn: { ...BEIJING, perSecond: { '480P': 0.1, '720P': 0.2, '1080P': 0.48 } },
  },
  'wan2.1-turbo': {
    cn: { ...BEIJING, perSecond: { '480P': 0.24, '720P': 0.24 } },
    intl: { ...SINGAPORE, perSecond: { '480P': 0.036, '720P': 0.036 } },
  },
  'wan2.1-plus': {
    cn: { ...BEIJING, perSecond: { '720P': 0.7 } },
    intl: { ...SINGAPORE, perSecond: { '720P': 0.1 } },
  },
  'wan3.0': {
    cn: { ...BEIJING, source: 'secondary sources (Beijing)', perSecond: { '480P': 0.3, '720P': 0.6, '1080P': 1.2 } },
    intl: { ...SINGAPORE, perSecond: { '480P': 0.05, '720P': 0.1, '1080P': 0.2 } },
  },
  // HappyHorse (docs/protocol.md §10): Beijing from the pricing page; 1.1's 480P and the
  // international prices from secondary sources, read as Singapore's (the other regions: unknown).
  'happyhorse-1.0': {
    cn: { ...BEIJING, asOf: '2026-12', perSecond: { '720P': 0.9, '1080P': 1.6 } },
    intl: { ...SINGAPORE, asOf: '2026-12', source: 'international price, secondary sources', perSecond: { '720P': 0.14, '1080P': 0.24 } },
  },
  'happyhorse-1.1': {
    cn: { ...BEIJING, asOf: '2026-12', source: `${BEIJING.source}; 480P from secondary sources`, perSecond: { '480P': 0.45, '720P': 0.9, '1080P': 1.2 } },
    intl: { ...SINGAPORE, asOf: '2026-12', source: 'international price, secondary sources', perSecond: { '720P': 0.14, '1080P': 0.18 } },
  },
  'wan3.0-prime': {
    cn: { ...BEIJING, source: 'secondary sources (Beijing)', perSecond: { '480P': 0.45, '720P': 0.9, '1080P': 1.8 } },
  },
};

/** The table with `overrides` merged over it, entry by entry (an override replaces a region's entry). */
export function mergePrices(overrides: PriceTable | undefined): PriceTable {
  if (!overrides) return modelPrices;
  const merged: Record<string, Partial<Record<Region, PriceEntry>>> = { ...modelPrices };
  for (const [key, regions] of Object.entries(overrides)) merged[key] = { ...merged[key], ...regions };
  return merged;
}

/**
 * What a finished task cost, from the `usage` the service reports (docs/protocol.md §9.4, §9.5):
 * billed seconds (`duration`, or wan2.1's `video_duration`) at the rate of the model, region,
 * resolution and sound. Failed and canceled tasks are free.
 *
 * @module
 */
import { capsEntryFor, capsOf, type Resolution } from '../models/caps.ts';
import { shapeOfSize } from '../models/output-shape.ts';
import type { Region } from '../core/regions.ts';
import type { VideoUsage } from './usage.ts';
import { resolutionOf } from './estimate.ts';
import type { Currency, PriceTable } from './prices.ts';
import { priceEntryOf, rateOf, roundMoney } from './rates.ts';

/** What a task cost. */
export interface TaskCost {
  /** The currency of `amount`. */
  readonly currency: Currency | undefined;
  /** The amount billed; 0 for a failed or canceled task; `undefined` when no price is known (see `reason`). */
  readonly amount: number | undefined;
  /** Billed seconds, from `usage`. */
  readonly seconds: number | undefined;
  /** The rate per billed second. */
  readonly perSecond: number | undefined;
  /** How it was computed. */
  readonly basis: string;
  /** Why `amount` is `undefined`, when it is. */
  readonly reason?: string | undefined;
}

/** What the service's usage says of the resolution: `SR` lines, or a `W*H` size. */
function usedResolution(usage: VideoUsage | undefined, sizes: Parameters<typeof shapeOfSize>[0] | undefined): Resolution | undefined {
  if (usage?.sr !== undefined) return `${usage.sr}P` as Resolution;
  const size = usage?.size ?? usage?.videoRatio;
  return size !== undefined && sizes ? shapeOfSize(sizes, size)?.resolution : undefined;
}

/**
 * The cost of a task that ended with `status`, from its usage; `parameters` are the submit's, when
 * this process sent it. `undefined` until the task ends.
 */
export function actualCost(
  model: string | undefined,
  status: string,
  usage: VideoUsage | undefined,
  parameters: Readonly<Record<string, unknown>> | undefined,
  region: Region | undefined,
  prices: PriceTable,
): TaskCost | undefined {
  const lookup = model === undefined ? { reason: 'the model of this task is unknown here' } : priceEntryOf(model, region, prices);
  const currency = 'entry' in lookup ? lookup.entry.currency : undefined;
  if (status === 'FAILED' || status === 'CANCELED') {
    return { currency, amount: 0, seconds: 0, perSecond: undefined, basis: `a ${status.toLowerCase()} task is free` };
  }
  if (status !== 'SUCCEEDED') return undefined;
  const seconds = usage?.duration ?? usage?.videoDuration ?? usage?.outputSeconds;
  if ('reason' in lookup) return { currency, amount: undefined, seconds, perSecond: undefined, basis: lookup.reason, reason: lookup.reason };
  const entryId = capsEntryFor(model ?? '');
  const caps = entryId ? capsOf(entryId) : undefined;
  const resolution = usedResolution(usage, caps?.sizes) ?? (caps ? resolutionOf(caps, parameters ?? {}) : undefined);
  const audio = usage?.audio ?? (typeof parameters?.audio === 'boolean' ? parameters.audio : undefined);
  const perSecond = resolution === undefined ? undefined : rateOf(lookup.entry, resolution, audio);
  if (seconds === undefined || perSecond === undefined) {
    const reason = seconds === undefined ? 'the service reported no billed seconds' : `no ${region ?? ''} price is known for ${model ?? ''} at ${resolution ?? 'this resolution'}`;
    return { currency, amount: undefined, seconds, perSecond, basis: reason, reason };
  }
  const sound = lookup.entry.perSecondWithAudio ? (audio === false ? ', silent' : ', with sound') : '';
  return {
    currency,
    amount: roundMoney(perSecond * seconds),
    seconds,
    perSecond,
    basis: `${seconds} s billed × ${perSecond} ${lookup.entry.currency}/s at ${resolution ?? ''}${sound}; ${lookup.entry.source}, ${lookup.entry.asOf}`,
  };
}

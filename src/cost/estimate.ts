/**
 * What a request will cost, before it is sent (docs/protocol.md §9.4): the output seconds the
 * submit asks for (or the service's default), the input video seconds the model bills, and the
 * rate of the model, region, resolution and sound. Where the bill depends on something unknown
 * until the task runs (a video given as a URL, wan3.0's `duration: -1`), the estimate is a range.
 *
 * @module
 */
import { capsEntryFor, capsOf, type ModelCaps, type Resolution, type TimedInputCaps } from '../models/caps.ts';
import { shapeOfSize } from '../models/output-shape.ts';
import { inferReferenceKind } from '../models/references.ts';
import type { PreparedSubmit } from '../models/registry.ts';
import type { Region } from '../core/regions.ts';
import type { LocalMedia } from '../media/local-media.ts';
import type { Currency, PriceTable } from './prices.ts';
import { priceEntryOf, rateOf, roundMoney } from './rates.ts';

/**
 * A cost estimate. `amount` is what budgets compare: the upper bound when the bill depends on
 * something unknown before the task runs, with the range in `low`..`high`.
 */
export interface CostEstimate {
  /** The model priced (its name on the wire). */
  readonly model: string;
  /** The region whose prices apply. */
  readonly region: Region | undefined;
  /** The currency of the amounts. */
  readonly currency: Currency | undefined;
  /** The estimate; the upper bound when uncertain; `undefined` when no price is known (see `reason`). */
  readonly amount: number | undefined;
  /** The lowest it can come to. */
  readonly low: number | undefined;
  /** The highest it can come to. */
  readonly high: number | undefined;
  /** The rate per billed second. */
  readonly perSecond: number | undefined;
  /** Billed seconds (output, plus input video where billed), the upper bound when uncertain. */
  readonly seconds: number;
  /** Billed seconds, the lower bound. */
  readonly secondsLow: number;
  /** The date of the price. */
  readonly asOf: string | undefined;
  /** How the estimate was made: seconds, resolution, sound, the price's source. */
  readonly basis: string;
  /** Why `amount` is `undefined`, when it is. */
  readonly reason?: string | undefined;
}

/** A length in seconds, known or bounded. */
interface Span {
  readonly low: number;
  readonly high: number;
}

function span(low: number, high: number = low): Span {
  return { low, high };
}

/** The output resolution the submit asks for, or the service's default. */
export function resolutionOf(caps: ModelCaps, parameters: Readonly<Record<string, unknown>>): Resolution {
  if (typeof parameters.resolution === 'string') return parameters.resolution as Resolution;
  const size = typeof parameters.size === 'string' ? parameters.size : caps.output === 'size' ? caps.defaultSize : undefined;
  return (size !== undefined && caps.sizes ? shapeOfSize(caps.sizes, size)?.resolution : undefined) ?? caps.defaultResolution;
}

/** One input video of a body: its length when known, else the bounds its caps allow. */
function videoSpan(local: LocalMedia | undefined, rules: TimedInputCaps | undefined): Span {
  if (local?.seconds !== undefined) return span(local.seconds);
  return span(rules?.minSeconds ?? 0, rules?.maxSeconds ?? 0);
}

/** The input videos of a prepared body, each with its length or bounds. */
function inputVideos(prepared: PreparedSubmit, caps: ModelCaps): Span[] {
  const local = new Map(prepared.pending.map((item) => [item.at.join('/'), item.media]));
  const input = prepared.body.input;
  const found: Span[] = [];
  const add = (at: string, url: unknown, rules: TimedInputCaps | undefined) => {
    const media = local.get(at);
    const isVideo = media ? media.kind === 'video' : typeof url === 'string' && inferReferenceKind(url) !== 'image' && inferReferenceKind(url) !== 'audio';
    if (isVideo) found.push(videoSpan(media, rules));
  };
  if (Array.isArray(input.reference_urls)) input.reference_urls.forEach((url, index) => add(`reference_urls/${index}`, url, caps.references?.video));
  if (Array.isArray(input.media)) {
    input.media.forEach((item: { type?: unknown; url?: unknown }, index) => {
      if (item.type === 'reference_video') add(`media/${index}/url`, item.url, caps.references?.video);
      else if (item.type === caps.video?.mediaType) add(`media/${index}/url`, item.url, caps.video);
    });
  }
  for (const field of ['video_url', 'first_clip_url'] as const) if (input[field] !== undefined) add(field, input[field], caps.video);
  return found;
}

function sum(spans: readonly Span[]): Span {
  return spans.reduce((total, part) => span(total.low + part.low, total.high + part.high), span(0));
}

/** The output seconds the submit asks for: the duration, the default, or the range a special value stands for. */
function outputSpan(caps: ModelCaps, parameters: Readonly<Record<string, unknown>>, inputs: Span): Span {
  const duration = typeof parameters.duration === 'number' ? parameters.duration : caps.duration.default;
  if (duration === -1) return span(caps.duration.min, caps.duration.max);
  // videoedit's 0: the length of the input video.
  if (duration === 0) return inputs;
  return span(duration);
}

/** Estimates the cost of a validated submit, in the prices of `region`. */
export function estimateCost(prepared: PreparedSubmit, region: Region | undefined, prices: PriceTable): CostEstimate {
  const entryId = capsEntryFor(prepared.model);
  const parameters = prepared.body.parameters;
  const unknown = (reason: string, seconds: Span = span(0)): CostEstimate => ({
    model: prepared.model, region, currency: undefined, amount: undefined, low: undefined, high: undefined, perSecond: undefined,
    seconds: seconds.high, secondsLow: seconds.low, asOf: undefined, basis: reason, reason,
  });
  if (!entryId) return unknown(`${prepared.model} has no caps in this SDK, so its billed seconds cannot be told before it runs`);
  const caps = capsOf(entryId);
  const inputs = sum(inputVideos(prepared, caps));
  const output = outputSpan(caps, parameters, inputs);
  const lookup = priceEntryOf(prepared.model, region, prices);
  if ('reason' in lookup) return unknown(lookup.reason, output);
  const { entry } = lookup;
  const most = entry.billsInputVideo?.maxSeconds ?? Number.POSITIVE_INFINITY;
  const billedInput = entry.billsInputVideo ? span(Math.min(inputs.low, most), Math.min(inputs.high, most)) : span(0);
  const seconds = span(output.low + billedInput.low, output.high + billedInput.high);
  const resolution = resolutionOf(caps, parameters);
  const audio = typeof parameters.audio === 'boolean' ? parameters.audio : undefined;
  const perSecond = rateOf(entry, resolution, audio);
  if (perSecond === undefined) return unknown(`no ${region ?? ''} price is known for ${prepared.model} at ${resolution}`, seconds);
  const sound = entry.perSecondWithAudio ? (audio === false ? ', silent' : ', with sound (the default)') : '';
  const secondsText = seconds.low === seconds.high ? `${seconds.high} s` : `${seconds.low}–${seconds.high} s`;
  const inputText = entry.billsInputVideo && inputs.high > 0 ? ` (with input video${Number.isFinite(most) ? `, at most ${most} s` : ''})` : '';
  return {
    model: prepared.model,
    region,
    currency: entry.currency,
    amount: roundMoney(perSecond * seconds.high),
    low: roundMoney(perSecond * seconds.low),
    high: roundMoney(perSecond * seconds.high),
    perSecond,
    seconds: seconds.high,
    secondsLow: seconds.low,
    asOf: entry.asOf,
    basis: `${secondsText}${inputText} × ${perSecond} ${entry.currency}/s at ${resolution}${sound}; ${entry.source}, ${entry.asOf}`,
  };
}

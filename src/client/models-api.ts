/**
 * `client.models`: the lineup of the caps table with the prices of a region.
 *
 * @module
 */
import { regionNamed, type Region } from '../core/regions.ts';
import { perSecondPrice, type PerSecondPrice } from '../cost/price-list.ts';
import type { PriceTable } from '../cost/prices.ts';
import { modelLineup, type LineupModel, type LineupOptions } from '../models/lineup.ts';

/** Which models `client.models.list` returns. */
export type ListModelsOptions = LineupOptions;

/** One model of `client.models.list`: what it takes, and what it costs in the region listed. */
export interface ListedModel extends LineupModel {
  /**
   * Its price per second in the region listed, at the resolutions it serves there; `undefined`
   * when no price is known (a region with no price table, a model whose price is unpublished, a
   * client of no known region).
   */
  readonly price: PerSecondPrice | undefined;
}

/**
 * The lineup of the models served in `region` (every model when `undefined`), priced from `prices`.
 * What `client.models.list` returns; the command line's `models` calls it without a client.
 */
export function listModels(options: ListModelsOptions, region: Region | undefined, prices: PriceTable): ListedModel[] {
  const listed = options.region ?? region;
  const lineup = modelLineup({ ...options, region: listed });
  // The lineup has checked the region's name; the prices go by its key.
  const key = listed === undefined ? undefined : regionNamed(listed);
  return lineup.map((model) => ({ ...model, price: perSecondPrice(model.id, key, model.resolutions, prices) }));
}

/** The models a client can use, at a glance. Reached as `client.models`. */
export class ModelsAPI {
  readonly #region: Region | undefined;
  readonly #prices: PriceTable;

  /** @internal Created by the client. */
  constructor(region: Region | undefined, prices: PriceTable) {
    this.#region = region;
    this.#prices = prices;
  }

  /**
   * The models of the caps table served in a region (by default the client's), in the table's
   * order: each with its modes (the options and required options of each), durations,
   * resolutions and aspect ratios, inputs, sound, regions, limits, price per second in that
   * region, and whether every fact is confirmed. `mode` keeps the models of one mode, by name
   * (`imageToVideo`) or short name (`i2v`). Nothing is sent; no key is used. A client of no known
   * region (a proxy `baseUrl`) lists every model, unpriced, unless given a `region`. Throws a
   * `ValidationError` for an unknown mode or region.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const client = new ModelStudioClient({ region: 'intl' });
   * for (const model of client.models.list({ mode: 'i2v' })) {
   *   const price = model.price ? `${model.price.perSecond['720P']} ${model.price.currency}/s at 720P` : 'price unknown';
   *   console.log(`${model.id}: ${model.durations.allowed} s, ${model.resolutions.join(', ')}, sound ${model.sound}, ${price}`);
   * }
   * ```
   */
  list(options: ListModelsOptions = {}): ListedModel[] {
    return listModels(options, this.#region, this.#prices);
  }
}

/**
 * `models`: the lineup of the caps table, one line per model, or with `--json` as
 * `client.models.list` returns it. Read from the package's tables: no key, nothing sent.
 *
 * @module
 */
import { InvalidArgumentError } from 'commander';
import { environmentRegion } from '../client/connection.ts';
import { listModels, type ListedModel } from '../client/models-api.ts';
import { REGION_ENV_VAR } from '../core/env-vars.ts';
import { REGION_IDS, regionList, regionNamed, type Region } from '../core/regions.ts';
import { plural } from '../core/text.ts';
import { modelPrices, type RatesByResolution } from '../cost/prices.ts';
import { VIDEO_MODES, type OptionKey, type VideoMode } from '../models/caps.ts';
import { MODE_ALIASES, lineupMode, type LineupModel, type LineupReferences } from '../models/lineup.ts';
import type { ExitCode } from './exit-codes.ts';
import { Output, type OutputFlags } from './output.ts';
import { commandOf } from './typed-names.ts';

/** The flags of `models`. */
export interface ModelsFlags extends OutputFlags {
  /** `--mode <mode>`: a mode's name or short name. */
  readonly mode?: VideoMode;
  /** `--region <region>`: a region key or id. */
  readonly region?: Region;
}

/** What `--mode` accepts: the short names, then the modes' names. */
export const MODE_CHOICES: readonly string[] = [...Object.keys(MODE_ALIASES), ...VIDEO_MODES];

/** The mode of `--mode`. */
export function modeArgument(value: string): VideoMode {
  try {
    return lineupMode(value);
  } catch {
    throw new InvalidArgumentError(`Allowed: ${MODE_CHOICES.join(', ')}.`);
  }
}

/** The region of `--region`: a key or the service's region id. */
export function regionArgument(value: string): Region {
  const region = regionNamed(value);
  if (region === undefined) throw new InvalidArgumentError(`Allowed: ${regionList()}.`);
  return region;
}

/** `2–15`, `5/10`, `-1,2–30`: the allowed durations, short. */
function seconds(model: LineupModel): string {
  const { min, max, only, special = [] } = model.durations;
  const range = only ? only.join('/') : min === max ? String(min) : `${min}–${max}`;
  return [...special.map((entry) => String(entry.value)), range].join(',');
}

/** The words of the inputs column, by option. */
const INPUT_WORDS: Readonly<Partial<Record<OptionKey, string>>> = {
  image: 'image', firstFrame: 'first', lastFrame: 'last', maskImage: 'mask', video: 'video', continueFrom: 'clip',
};

/** The most references of all kinds together, when the caps bound it. */
function referenceTotal(references: LineupReferences): number | undefined {
  if (references.max !== undefined) return references.max;
  const each = references.kinds.map((kind) => (kind === 'image' ? references.maxImages : kind === 'video' ? references.maxVideos : references.maxAudios));
  return each.every((count) => count !== undefined) ? each.reduce((total: number, count) => total + (count ?? 0), 0) : undefined;
}

/** `image,last,clip,audio`, `refs≤9`, or `-` for a prompt alone: the inputs of `mode`, else of every mode. */
function inputs(model: LineupModel, mode: VideoMode | undefined): string {
  const { frames, video, audio, references } = model.modes.find((entry) => entry.mode === mode)?.inputs ?? model.inputs;
  const total = references && referenceTotal(references);
  const words = [
    ...frames.map((option) => INPUT_WORDS[option] ?? option),
    ...(references ? [total === undefined ? 'refs' : `refs≤${total}`] : []),
    ...video.map((option) => INPUT_WORDS[option] ?? option),
    ...(audio.length > 0 ? ['audio'] : []),
  ];
  return words.join(',') || '-';
}

/** `0.1–0.15`: the lowest and highest price per second, sound included; `-` when unknown. */
function price(model: ListedModel): string {
  const rates = (table: RatesByResolution | undefined) => Object.values(table ?? {});
  const all = [...rates(model.price?.perSecond), ...rates(model.price?.perSecondWithAudio)];
  if (all.length === 0) return '-';
  const [low, high] = [Math.min(...all), Math.max(...all)];
  return low === high ? String(low) : `${low}–${high}`;
}

/**
 * The table: one line per model, columns padded to their widest cell. The modes column is left out
 * when every model was listed for one mode; a `*` marks a model with unconfirmed facts.
 */
function lineupTable(models: readonly ListedModel[], mode: VideoMode | undefined): string[] {
  const currency = models.find((model) => model.price)?.price?.currency;
  const columns: readonly (readonly [string, (model: ListedModel) => string])[] = [
    ['MODEL', (model) => `${model.id}${model.confirmed ? '' : '*'}`],
    ...(mode === undefined ? [['MODES', (model: ListedModel) => model.modes.map((entry) => commandOf(entry.mode)).join(',')] as const] : []),
    ['SECONDS', seconds],
    ['RESOLUTIONS', (model) => model.resolutions.join(',')],
    ['RATIOS', (model) => (model.aspectRatios.length === 0 ? 'input' : String(model.aspectRatios.length))],
    ['INPUTS', (model) => inputs(model, mode)],
    ['SOUND', (model) => model.sound],
    [currency ? `${currency}/S` : 'PRICE/S', price],
  ];
  const rows = [columns.map(([title]) => title), ...models.map((model) => columns.map(([, cell]) => cell(model)))];
  const widths = columns.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

/** What the table means, for stderr. */
function legend(models: readonly ListedModel[], mode: VideoMode | undefined, region: Region | undefined): string {
  const where = region === undefined ? `in every region (the base URL names none: set ${REGION_ENV_VAR} or pass --region for prices)` : `in ${region} (${REGION_IDS[region]})`;
  const priced = models.find((model) => model.price)?.price;
  return [
    `${plural(models.length, 'model')}${mode ? ` of ${mode}` : ''} ${where}.`,
    priced
      ? `Prices per second of video, lowest to highest resolution, sound included, in ${priced.currency} (--json: by resolution, with sources).`
      : `No price is known${region === undefined ? ' without a region' : ` in ${region} for these models`}.`,
    'RATIOS: how many aspect ratios (input: the input decides). *: some facts come from secondary sources only (--json: unconfirmed).',
  ].join('\n');
}

/** Runs `models`. */
export function models(flags: ModelsFlags): ExitCode {
  const out = new Output(flags);
  try {
    const region = flags.region ?? environmentRegion(process.env);
    const listed = listModels({ mode: flags.mode }, region, modelPrices);
    out.result(lineupTable(listed, flags.mode), { region, mode: flags.mode, models: listed });
    out.log(legend(listed, flags.mode, region));
    return 0;
  } catch (error) {
    return out.fail(error);
  }
}

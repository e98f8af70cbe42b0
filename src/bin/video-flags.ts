/**
 * The video flags of `t2v`, `i2v` and `r2v`, read from the caps table: a mode offers a flag when
 * one of its models takes the option, and the help says which models and what range. A new model
 * in the caps shows up here without an edit. Values are checked by the SDK's validation, so the
 * command line and the SDK give the same messages.
 *
 * @module
 */
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MODELS, modelCaps, modelsOf, type ModelCaps, type VideoMode } from '../models/caps.ts';
import { mediaArg } from './media-arg.ts';

/** The video flags as commander parses them. */
export interface VideoFlagValues {
  readonly model?: string;
  readonly duration?: number;
  readonly resolution?: string;
  readonly ratio?: string;
  readonly size?: string;
  readonly seed?: number;
  readonly audio?: boolean;
  readonly watermark?: boolean;
  readonly negative?: string;
  readonly promptExtend?: boolean;
  readonly shotType?: string;
  readonly audioUrl?: string;
}

/** The request field each flag sets; the flag is `--` and the key in kebab case. */
const FIELDS = {
  model: 'model',
  duration: 'duration',
  resolution: 'resolution',
  ratio: 'aspectRatio',
  size: 'size',
  seed: 'seed',
  audio: 'audio',
  watermark: 'watermark',
  negative: 'negativePrompt',
  promptExtend: 'promptExtend',
  shotType: 'shotType',
  audioUrl: 'audioUrl',
} as const satisfies Record<keyof VideoFlagValues, string>;

const GROUP = 'Video options:';

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The flag that sets a request field, such as `--ratio` for `aspectRatio`. */
export function flagOfField(field: string): string | undefined {
  const entry = Object.entries(FIELDS).find(([, value]) => value === field);
  return entry && `--${kebab(entry[0])}`;
}

/** A whole number argument. */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

interface ModeModel {
  readonly id: string;
  readonly caps: ModelCaps;
}

function modelsOfMode(mode: VideoMode): ModeModel[] {
  const table: Readonly<Record<string, ModelCaps>> = modelCaps;
  return modelsOf(mode).map((id) => ({ id, caps: table[id] as ModelCaps }));
}

/** ` (a, b only)` when only some models of the mode take the option. */
function onlyFor(models: readonly ModeModel[], takes: (caps: ModelCaps) => boolean): string {
  const taking = models.filter((model) => takes(model.caps));
  return taking.length === models.length ? '' : ` (${taking.map((model) => model.id).join(', ')} only)`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** `2–15` or `2–10 (wan2.6-r2v, wan2.6-r2v-flash), 2–15 (wan2.7-r2v)`. */
function durationRanges(models: readonly ModeModel[]): string {
  const ranges = unique(models.map(({ caps }) => `${caps.duration.min}–${caps.duration.max}`));
  if (ranges.length === 1) return ranges[0] ?? '';
  return ranges.map((range) => `${range} (${models.filter(({ caps }) => `${caps.duration.min}–${caps.duration.max}` === range).map((model) => model.id).join(', ')})`).join(', ');
}

function option(flags: string, description: string): Option {
  return new Option(flags, description).helpGroup(GROUP);
}

/** The video flags of `mode`, in the order of the help. */
export function videoOptions(mode: VideoMode): Option[] {
  const models = modelsOfMode(mode);
  const any = (takes: (caps: ModelCaps) => boolean) => models.some((model) => takes(model.caps));
  const defaults = unique(models.map(({ caps }) => caps.duration.default));
  const resolutions = unique(models.flatMap(({ caps }) => caps.resolutions));
  const defaultResolutions = unique(models.map(({ caps }) => caps.defaultResolution));
  const ratios = unique(models.flatMap(({ caps }) => caps.aspectRatios));
  const options = [
    option('--model <model>', models.length === 1 ? `the model (default ${DEFAULT_MODELS[mode]})` : `the model: ${models.map((model) => model.id).join(', ')} (default ${DEFAULT_MODELS[mode]})`),
    option('--duration <seconds>', `length in whole seconds: ${durationRanges(models)}${defaults.length === 1 ? ` (default ${defaults[0]})` : ''}`).argParser(wholeNumber),
    option(
      '--resolution <resolution>',
      `${resolutions.join(' or ')}${defaultResolutions.length === 1 ? ` (default ${defaultResolutions[0]})` : ''}${ratios.length === 0 ? '; the aspect ratio follows the image' : ''}`,
    ).argParser((value) => value.toUpperCase()),
  ];
  if (ratios.length > 0) options.push(option('--ratio <ratio>', `aspect ratio: ${ratios.join(', ')}; with --resolution it picks the size`));
  if (any((caps) => caps.sizes !== undefined)) {
    options.push(option('--size <W*H>', `exact size with an asterisk, such as 1280*720 or 1920*1080 (or --resolution and --ratio)${onlyFor(models, (caps) => caps.sizes !== undefined)}`));
  }
  options.push(option('--negative <text>', 'what to avoid (negative prompt)'));
  if (any((caps) => caps.supports.seed)) options.push(option('--seed <n>', `random seed, 0–2147483647, for repeatable results${onlyFor(models, (caps) => caps.supports.seed)}`).argParser(wholeNumber));
  if (any((caps) => caps.supports.audio)) {
    options.push(option('--audio', `generate sound${onlyFor(models, (caps) => caps.supports.audio)}`), option('--no-audio', 'generate a silent video'));
  }
  if (any((caps) => caps.audioInput !== undefined)) {
    options.push(option('--audio-url <url|file>', `driving audio (wav or mp3, 3–30 s): a URL or a local file${onlyFor(models, (caps) => caps.audioInput !== undefined)}`));
  }
  if (any((caps) => caps.supports.watermark)) {
    options.push(option('--watermark', "add the service's watermark"), option('--no-watermark', 'no watermark (the default)'));
  }
  if (any((caps) => caps.supports.promptExtend)) {
    options.push(
      option('--prompt-extend', 'let the service rewrite the prompt (its default)'),
      option('--no-prompt-extend', 'send the prompt exactly as written'),
    );
  }
  if (any((caps) => caps.supports.shotType)) {
    options.push(option('--shot-type <type>', `one shot or several${onlyFor(models, (caps) => caps.supports.shotType)}`).choices(['single', 'multi']));
  }
  return options;
}

/** The request fields the flags set; flags not given are left out, so the model's defaults apply. */
export function requestFields(values: VideoFlagValues): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(FIELDS)) {
    const value = values[flag as keyof VideoFlagValues];
    if (value !== undefined) fields[field] = flag === 'audioUrl' && typeof value === 'string' ? mediaArg(value) : value;
  }
  return fields;
}

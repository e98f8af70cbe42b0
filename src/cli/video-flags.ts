/**
 * The video flags of `t2v`, `i2v`, `r2v` and `edit`, read from the caps table: a mode offers a flag
 * when one of its models takes the option, and the help says which models and what range. The
 * help shows only the models of the command's region and the values they accept; a flag that no
 * model of the region takes still parses (the SDK then says where the model is served) but is left
 * out of the help. A new model in the caps shows up here without an edit. Values are checked by the
 * SDK's validation, so the command line and the SDK give the same messages.
 *
 * @module
 */
import { InvalidArgumentError, Option } from 'commander';
import type { Region } from '../core/regions.ts';
import {
  DEFAULT_MODELS, MODE_OPTIONS, capsOf, modelsOf, nameInRegion, takesOption, type ModelId, type OptionKey, type Resolution, type VideoMode,
} from '../models/caps.ts';
import { allowedDurations } from '../models/fields.ts';
import { VACE_FUNCTIONS } from '../models/vace-functions.ts';
import { mediaArg } from './media-arg.ts';
import { commandOf, type TypedNames } from './typed-names.ts';

/** The video flags as commander parses them, by attribute name (`negative`, `ratio`, `lastFrame`, ...). */
export type VideoFlagValues = Readonly<Record<string, unknown>>;

const GROUP = 'Video options:';

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A whole number argument. */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

/** A positive number, such as an amount of money. */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('Expected a positive number, such as 1.5.');
  return number;
}

/** A whole number that may be negative (wan3.0's duration -1). */
function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

function decimal(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError('Expected a number.');
  return number;
}

/** The flag name of an option where it differs from the kebab-cased key. */
const FLAG_NAMES: Partial<Record<OptionKey, string>> = { negativePrompt: 'negative', aspectRatio: 'ratio', references: 'reference' };

/** The flag of a request option, such as `--ratio` for `aspectRatio`. */
function flagOfField(field: OptionKey): string {
  return `--${FLAG_NAMES[field] ?? kebab(field)}`;
}

/**
 * Options that are positional arguments in a mode, not flags, named as the command's usage line
 * names them (program.ts gives each mode command these arguments).
 */
const POSITIONAL: Readonly<Record<VideoMode, Readonly<Partial<Record<OptionKey, string>>>>> = {
  textToVideo: { prompt: '<prompt>' },
  imageToVideo: { image: '<image>', prompt: '<prompt>' },
  referenceToVideo: { references: '<refs...>', prompt: '<prompt>' },
  editVideo: { video: '<video>', prompt: '<prompt>' },
  animateCharacter: { image: '<image>', video: '<video>' },
  speechToVideo: { image: '<image>', drivingAudio: '<audio>' },
  lipSync: { video: '<video>', drivingAudio: '<audio>' },
};

/** Whether some model of `mode` takes `key`, so that the mode command has its flag (or argument). */
function offered(mode: VideoMode, key: OptionKey): boolean {
  return modelsOf(mode).some((model) => takesOption(model, mode, key));
}

/**
 * What the person typed for each request field of `mode`: its argument (`<image>`), else its flag
 * (`--last-frame`); and the mode's command for the mode's name (`t2v` for `textToVideo`).
 */
export function modeNames(mode: VideoMode): TypedNames {
  const names: Record<string, string> = { [mode]: commandOf(mode), model: '--model' };
  for (const key of MODE_OPTIONS[mode] as readonly OptionKey[]) {
    if (offered(mode, key)) names[key] = POSITIONAL[mode][key] ?? flagOfField(key);
  }
  return names;
}

/** Media options: a URL or a local file. */
const MEDIA: ReadonlySet<OptionKey> = new Set(['audioUrl', 'drivingAudio', 'lastFrame', 'continueFrom', 'firstFrame', 'maskImage', 'image', 'video', 'faceImage']);

/** On/off switches, which get a `--no-` twin. */
const SWITCHES: Readonly<Partial<Record<OptionKey, readonly [string, string]>>> = {
  audio: ['generate sound', 'generate a silent video'],
  watermark: ["add the service's watermark", 'no watermark'],
  promptExtend: ['let the service rewrite the prompt (its default)', 'send the prompt exactly as written'],
  extendVideo: ["extend the video to the audio's length", "keep the video's length (the default)"],
};

/** Whose default each side of a switch is, where the models differ: HappyHorse watermarks unless told not to. */
function switchDefaults(key: OptionKey, takers: readonly ModelId[]): readonly [string, string] {
  if (key !== 'watermark') return ['', ''];
  const marking = takers.filter((model) => capsOf(model).watermarkByDefault === true);
  if (marking.length === 0) return ['', ' (the default)'];
  if (marking.length === takers.length) return [' (the default)', ''];
  return [` (the default of ${marking.join(', ')})`, ' (the default of the others)'];
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** ` (a, b only)` when only some models of the mode take the option. */
function onlyFor(mode: VideoMode, models: readonly ModelId[], key: OptionKey): string {
  const taking = models.filter((model) => takesOption(model, mode, key));
  return taking.length === models.length ? '' : ` (${taking.join(', ')} only)`;
}

/** `2–15` or `2–10 (wan2.6-r2v, wan2.6-r2v-flash), 2–15 (wan2.7-r2v)`. */
function durationRanges(models: readonly ModelId[]): string {
  const ranges = unique(models.map((model) => allowedDurations(capsOf(model).duration)));
  if (ranges.length === 1) return ranges[0] ?? '';
  return ranges.map((range) => `${range} (${models.filter((model) => allowedDurations(capsOf(model).duration) === range).join(', ')})`).join('; ');
}

/** The resolutions a model serves in `region` (all of them when `undefined`). */
function resolutionsIn(model: ModelId, region: Region | undefined): readonly Resolution[] {
  const caps = capsOf(model);
  return (region !== undefined ? caps.resolutionsByRegion?.[region] : undefined) ?? caps.resolutions;
}

/** The value placeholder and help of an option's flag, from the caps of the models taking it in `region`. */
function describeFlag(key: OptionKey, models: readonly ModelId[], region: Region | undefined): { readonly value: string; readonly help: string } {
  const caps = models.map(capsOf);
  const defaults = unique(caps.map((entry) => entry.duration.default));
  switch (key) {
    case 'duration':
      return { value: '<seconds>', help: `length in whole seconds: ${durationRanges(models)}${defaults.length === 1 ? ` (default ${defaults[0]})` : ''}` };
    case 'resolution': {
      const ratios = caps.every((entry) => entry.aspectRatios.length === 0);
      const fallback = unique(caps.map((entry) => entry.defaultResolution));
      return {
        value: '<resolution>',
        help: `${unique(models.flatMap((model) => resolutionsIn(model, region))).join(', ')}${fallback.length === 1 ? ` (default ${fallback[0]})` : ''}${ratios ? '; the aspect ratio follows the input' : ''}`,
      };
    }
    case 'aspectRatio':
      return { value: '<ratio>', help: `aspect ratio: ${unique(caps.flatMap((entry) => entry.aspectRatios)).join(', ')}; with --resolution it picks the size` };
    case 'size':
      return { value: '<W*H>', help: 'exact size with an asterisk, such as 1280*720 or 1920*1080 (or --resolution and --ratio)' };
    case 'negativePrompt':
      return { value: '<text>', help: 'what to avoid (negative prompt)' };
    case 'seed':
      return { value: '<n>', help: 'random seed, 0–2147483647, for repeatable results' };
    case 'shotType':
      return { value: '<type>', help: 'one shot or several: single or multi' };
    case 'audioUrl':
      return { value: '<url|file>', help: 'driving audio (wav or mp3, 3–30 s): a URL or a local file' };
    case 'drivingAudio':
      return { value: '<url|file>', help: 'audio the first frame speaks or moves to (wav or mp3): a URL or a local file' };
    case 'lastFrame':
      return { value: '<url|file>', help: 'the last frame: an image URL or a local file' };
    case 'continueFrom':
      return { value: '<url|file>', help: 'continue this clip (mp4 or mov, 2–10 s) instead of starting from an image; then the only argument is the prompt' };
    case 'firstFrame':
      return { value: '<url|file>', help: 'the first frame: an image URL or a local file' };
    case 'template':
      return { value: '<name>', help: 'an effect template of the keyframe models' };
    case 'references':
      return { value: '<url|file>', help: 'a reference image (repeat for several), in order character1, character2, ...' };
    case 'function':
      return { value: '<function>', help: `the VACE function: ${Object.keys(VACE_FUNCTIONS).join(', ')}` };
    case 'maskImage':
      return { value: '<url|file>', help: 'the mask of the area to redraw (video_edit): an image URL or a local file' };
    case 'maskFrameId':
      return { value: '<n>', help: 'the frame the mask belongs to (from 1)' };
    case 'maskType':
      return { value: '<type>', help: 'tracking (the mask follows the object) or fixed' };
    case 'controlCondition':
      return { value: '<condition>', help: 'what video_repainting keeps: posebodyface, posebody, depth or scribble' };
    case 'strength':
      return { value: '<0-1>', help: 'how closely video_repainting follows the input, 0–1' };
    case 'expandRatio':
      return { value: '<ratio>', help: 'video_outpainting: how much wider, 1–2 on every side; video_edit: mask expansion, 0–1' };
    case 'objOrBg':
      return { value: '<list>', help: 'image_reference: obj or bg for each reference image, comma-separated' };
    case 'audioSetting':
      return { value: '<setting>', help: "auto (new sound) or origin (keep the input's sound)" };
    case 'quality':
      return { value: '<quality>', help: 'std (the default) or pro' };
    case 'shots':
      return { value: '<json>', help: 'a multi-shot video: a JSON list of 2–6 { "prompt", "duration" }, which set its length' };
    default:
      return { value: '<value>', help: `the ${key} option` };
  }
}

/** How a flag's text becomes the request's value. */
function parserOf(key: OptionKey): ((value: string, previous: unknown) => unknown) | undefined {
  if (key === 'duration') return integer;
  if (key === 'seed' || key === 'maskFrameId') return wholeNumber;
  if (key === 'strength' || key === 'expandRatio') return decimal;
  if (key === 'resolution') return (value) => value.toUpperCase();
  if (key === 'objOrBg') return (value) => value.split(',').map((part) => part.trim());
  if (key === 'shots') return parseJsonFlag;
  if (key === 'references') return (value, previous) => [...(Array.isArray(previous) ? previous : []), mediaArg(value)];
  if (MEDIA.has(key)) return (value) => mediaArg(value);
  return undefined;
}

/** A flag whose value is JSON (`--shots`); text that is not JSON is passed on for the SDK to refuse by name. */
function parseJsonFlag(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function option(flags: string, description: string): Option {
  return new Option(flags, description).helpGroup(GROUP);
}

/** `(default wan2.6-t2v-us)`, or why there is none in the region. */
function defaultModelNote(mode: VideoMode, region: Region | undefined): string {
  const fallback = DEFAULT_MODELS[mode];
  const regional = region === undefined ? fallback : nameInRegion(fallback, region);
  return regional === undefined ? `no default in ${region}, where ${fallback} is not served` : `default ${regional}`;
}

/**
 * The video flags of `mode`, in the order of the help, for the models served in `region` (every
 * model when `undefined`: a base URL of no known region, where the client checks no region).
 */
export function videoOptions(mode: VideoMode, region: Region | undefined): Option[] {
  const all = modelsOf(mode);
  const models = modelsOf(mode, region);
  const served = models.length > 0 ? models.join(', ') : `none in ${region}`;
  const options = [option('--model <model>', `the model (${defaultModelNote(mode, region)}): ${served}`)];
  for (const key of MODE_OPTIONS[mode] as readonly OptionKey[]) {
    if (POSITIONAL[mode][key] !== undefined || !offered(mode, key)) continue;
    const takers = models.filter((model) => takesOption(model, mode, key));
    const only = onlyFor(mode, models, key);
    const flag = flagOfField(key);
    const switches = SWITCHES[key];
    // No model of the region takes it: the flag still parses, so that the SDK names the regions of the model asked for.
    const hidden = takers.length === 0;
    if (switches) {
      const [on, off] = switchDefaults(key, takers);
      options.push(option(flag, `${switches[0]}${on}${only}`).hideHelp(hidden), option(`--no-${flag.slice(2)}`, `${switches[1]}${off}`).hideHelp(hidden));
      continue;
    }
    const { value, help } = describeFlag(key, hidden ? all.filter((model) => takesOption(model, mode, key)) : takers, region);
    const parser = parserOf(key);
    const made = option(`${flag} ${value}`, `${help}${only}`).hideHelp(hidden);
    options.push(parser ? made.argParser(parser) : made);
  }
  return options;
}

/** Every option key of every mode, and `model`. */
const REQUEST_FIELDS: ReadonlySet<string> = new Set(['model', ...Object.values(MODE_OPTIONS).flat()]);

/** The request field of each flag attribute that is named otherwise (`negative` → `negativePrompt`). */
const FIELD_OF_ATTRIBUTE: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(FLAG_NAMES).map(([field, flag]) => [flag, field]));

/** The request fields the flags set; flags not given are left out, so the model's defaults apply. */
export function requestFields(values: VideoFlagValues): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [attribute, value] of Object.entries(values)) {
    const field = FIELD_OF_ATTRIBUTE[attribute] ?? attribute;
    if (value !== undefined && REQUEST_FIELDS.has(field)) fields[field] = value;
  }
  return fields;
}

/**
 * The lineup: what each model takes, at a glance, read from the caps table. Every entry and field
 * comes from `modelCaps` through `capsOf` and `modesOf`, so a new model, mode or region shows up
 * here without an edit. Prices are added by the client (`client.models.list`), which knows them.
 *
 * @module
 */
import { ValidationError } from '../core/errors.ts';
import { regionList, regionNamed, type Region, type RegionId } from '../core/regions.ts';
import {
  VIDEO_MODES, capsOf, isModelId, modelCaps, modelsOf, modesOf, type AspectRatio, type DurationCaps, type ModeCaps, type ModelCaps, type ModelId, type OptionKey,
  type ReferenceCaps, type Resolution, type VideoMode, type WireFamily,
} from './caps.ts';
import { allowedDurations } from './fields.ts';
import { UNPUBLISHED_MODEL_LIMITS, publishedLimits } from './limits.ts';

/** The short names of the modes, as the command line's subcommands spell them. */
export interface ModeAliases {
  /** `textToVideo`. */
  readonly t2v: 'textToVideo';
  /** `imageToVideo`. */
  readonly i2v: 'imageToVideo';
  /** `referenceToVideo`. */
  readonly r2v: 'referenceToVideo';
  /** `editVideo`. */
  readonly edit: 'editVideo';
  /** `animateCharacter`. */
  readonly animate: 'animateCharacter';
  /** `speechToVideo`. */
  readonly s2v: 'speechToVideo';
  /** `lipSync`. */
  readonly lipsync: 'lipSync';
}

/**
 * The short name of each mode (`t2v` for `textToVideo`), accepted wherever a lineup takes a mode.
 *
 * @example
 * ```ts
 * import { MODE_ALIASES } from 'modelstudio-video';
 *
 * console.log(MODE_ALIASES.i2v); // 'imageToVideo'
 * ```
 */
export const MODE_ALIASES: ModeAliases = {
  t2v: 'textToVideo', i2v: 'imageToVideo', r2v: 'referenceToVideo', edit: 'editVideo', animate: 'animateCharacter', s2v: 'speechToVideo', lipsync: 'lipSync',
};

/** The same, to look a name up in. */
const ALIASES: Readonly<Record<string, VideoMode>> = { ...MODE_ALIASES };

/** A short mode name: `t2v`, `i2v`, `r2v`, `edit`, `animate`, `s2v` or `lipsync`. */
export type ModeAlias = keyof ModeAliases;

/** Whether a model's videos have sound: always, on request (the `audio` option), or never. */
export type Sound = 'always' | 'optional' | 'none';

/** Which models a lineup holds. */
export interface LineupOptions {
  /**
   * Only the models that serve this mode: its name (`imageToVideo`) or its short name (`i2v`).
   * @default every mode
   */
  readonly mode?: VideoMode | ModeAlias | undefined;
  /**
   * Only the models served in this region, with the resolutions it serves: a region key or the
   * service's region id (`eu-central-1`).
   * @default every region (client.models.list: the client's region)
   */
  readonly region?: Region | RegionId | undefined;
}

/** One mode of a model: the options it takes there, those it requires, and its inputs there. */
export interface LineupMode extends ModeCaps {
  /** The mode. */
  readonly mode: VideoMode;
  /** The inputs it takes in this mode besides the prompt. */
  readonly inputs: LineupInputs;
}

/** A model's durations, in whole seconds, as its caps give them. */
export interface LineupDurations extends DurationCaps {
  /** The allowed values in words, as validation messages give them: `2–15`, `5 or 10`, `-1 (the model picks) or 2–30`. */
  readonly allowed: string;
}

/** A model's reference inputs and how many of each it takes (the rules of each file are in `modelCaps`). */
export type LineupReferences = Omit<ReferenceCaps, 'image' | 'video' | 'audio'>;

/** The inputs a model takes besides the prompt, by request option. */
export interface LineupInputs {
  /** Frame images: `image`, `firstFrame`, `lastFrame`, `maskImage`. */
  readonly frames: readonly OptionKey[];
  /** Reference images, videos and audio with their counts, when it takes `references`. */
  readonly references: LineupReferences | undefined;
  /** Input videos: `video` (the video of an edit), `continueFrom` (the clip a video continues). */
  readonly video: readonly OptionKey[];
  /** Input audio: `audioUrl`, `drivingAudio`. */
  readonly audio: readonly OptionKey[];
}

/** A model's limits per account, as the client keeps to them unless told otherwise. */
export interface LineupLimits {
  /** Submits per second. */
  readonly submitsPerSecond: number;
  /** Tasks unfinished at once. */
  readonly concurrentTasks: number;
  /** `true` when the service publishes them; `false` for the client's conservative default ({@link UNPUBLISHED_MODEL_LIMITS}). */
  readonly published: boolean;
}

/** One model of the lineup. */
export interface LineupModel {
  /** The model id, as sent. */
  readonly id: ModelId;
  /** How its requests go on the wire. */
  readonly family: WireFamily;
  /** The model this is another name of (a region's own name, a dated snapshot), if any. */
  readonly sameModelAs: string | undefined;
  /** The modes it serves, in the order of `VIDEO_MODES`. */
  readonly modes: readonly LineupMode[];
  /** Its durations. */
  readonly durations: LineupDurations;
  /** The resolutions it serves (in the region, when the lineup is of one). */
  readonly resolutions: readonly Resolution[];
  /** The resolution the service uses when none is given. */
  readonly defaultResolution: Resolution;
  /** The aspect ratios it takes; none when the input decides. */
  readonly aspectRatios: readonly AspectRatio[];
  /** The ratio the service uses when none is given, where it takes one. */
  readonly defaultAspectRatio: AspectRatio | undefined;
  /** Its inputs besides the prompt, in any of its modes (each mode's are in `modes`). */
  readonly inputs: LineupInputs;
  /** Whether its videos have sound. */
  readonly sound: Sound;
  /** The regions that serve it under this name. */
  readonly regions: readonly Region[];
  /** Its limits (in the region, when the lineup is of one). */
  readonly limits: LineupLimits;
  /** `false` when some of its facts come only from secondary sources (docs/protocol.md *(2nd)*). */
  readonly confirmed: boolean;
  /** Which facts are unconfirmed, when some are. */
  readonly unconfirmed: string | undefined;
}

/** What kind of input each media option is. */
const INPUT_KINDS: Readonly<Partial<Record<OptionKey, 'frames' | 'video' | 'audio'>>> = {
  image: 'frames',
  firstFrame: 'frames',
  lastFrame: 'frames',
  maskImage: 'frames',
  faceImage: 'frames',
  video: 'video',
  continueFrom: 'video',
  audioUrl: 'audio',
  drivingAudio: 'audio',
};

/** The mode a name or short name stands for; a `ValidationError` naming the allowed ones otherwise. */
export function lineupMode(name: string): VideoMode {
  const mode = Object.hasOwn(ALIASES, name) ? ALIASES[name] : VIDEO_MODES.find((known) => known === name);
  if (mode !== undefined) return mode;
  const allowed = [...Object.keys(MODE_ALIASES), ...VIDEO_MODES].join(', ');
  throw new ValidationError('Invalid lineup options (1 problem):', [{ path: 'mode', message: `${JSON.stringify(name)} is not a mode (allowed: ${allowed})` }]);
}

/** The region a key or region id stands for; a `ValidationError` naming the allowed ones otherwise. */
function lineupRegion(name: string): Region {
  const region = regionNamed(name);
  if (region !== undefined) return region;
  throw new ValidationError('Invalid lineup options (1 problem):', [{ path: 'region', message: `${JSON.stringify(name)} is not a region (allowed: ${regionList()})` }]);
}

/** Sound: `sound: 'always'` in the caps, else optional where a mode takes the `audio` switch. */
function soundOf(caps: ModelCaps, modes: readonly LineupMode[]): Sound {
  if (caps.sound === 'always') return 'always';
  return modes.some((mode) => mode.options.includes('audio')) ? 'optional' : 'none';
}

/** The inputs among `options` (those of one mode, or of all), each once, in their order. */
function inputsOf(caps: ModelCaps, options: readonly OptionKey[]): LineupInputs {
  const taken = [...new Set(options)];
  const ofKind = (kind: 'frames' | 'video' | 'audio') => taken.filter((option) => INPUT_KINDS[option] === kind);
  const references = taken.includes('references') && caps.references ? countsOf(caps.references) : undefined;
  return { frames: ofKind('frames'), references, video: ofKind('video'), audio: ofKind('audio') };
}

/** The counts and switches of a model's references, without the rules of each file. */
function countsOf(references: ReferenceCaps): LineupReferences {
  const { image: _image, video: _video, audio: _audio, ...counts } = references;
  return counts;
}

/** One model as the lineup shows it, in `region` (all of its regions when `undefined`). */
function lineupModel(id: ModelId, region: Region | undefined): LineupModel {
  const caps = capsOf(id);
  const modes = modesOf(id).flatMap((mode): LineupMode[] => {
    const modeCaps = caps.modes[mode];
    return modeCaps ? [{ mode, ...modeCaps, inputs: inputsOf(caps, modeCaps.options) }] : [];
  });
  const published = publishedLimits(id, region);
  return {
    id,
    family: caps.family,
    sameModelAs: caps.sameModelAs,
    modes,
    durations: { ...caps.duration, allowed: allowedDurations(caps.duration) },
    resolutions: (region !== undefined ? caps.resolutionsByRegion?.[region] : undefined) ?? caps.resolutions,
    defaultResolution: caps.defaultResolution,
    aspectRatios: caps.aspectRatios,
    defaultAspectRatio: caps.defaultAspectRatio,
    inputs: inputsOf(caps, modes.flatMap((mode) => mode.options)),
    sound: soundOf(caps, modes),
    regions: caps.regions,
    limits: { ...(published ?? UNPUBLISHED_MODEL_LIMITS), published: published !== undefined },
    confirmed: caps.unconfirmed === undefined,
    unconfirmed: caps.unconfirmed,
  };
}

/**
 * The models of the caps table, in its order, as plain data: each with its modes and options,
 * durations, resolutions, ratios, inputs, sound, regions, limits and whether every fact is
 * confirmed. `mode` keeps the models that serve it; `region` keeps the models served there, with
 * the resolutions and limits of that region. Throws a `ValidationError` for an unknown mode or
 * region. `client.models.list` adds the prices of the region.
 *
 * @example
 * ```ts
 * import { modelLineup } from 'modelstudio-video';
 *
 * for (const model of modelLineup({ mode: 'i2v', region: 'intl' })) {
 *   console.log(model.id, model.durations.allowed, model.resolutions.join('/'), model.sound);
 * }
 * ```
 */
export function modelLineup(options: LineupOptions = {}): LineupModel[] {
  const mode = options.mode === undefined ? undefined : lineupMode(options.mode);
  const region = options.region === undefined ? undefined : lineupRegion(options.region);
  const ids = mode === undefined ? Object.keys(modelCaps).filter(isModelId) : modelsOf(mode);
  return ids.filter((id) => region === undefined || capsOf(id).regions.includes(region)).map((id) => lineupModel(id, region));
}

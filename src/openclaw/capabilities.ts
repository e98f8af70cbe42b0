/**
 * OpenClaw capabilities generated from the caps table: which of the SDK's modes serve each of
 * OpenClaw's three modes for a model, and each mode block's limits and allowed values. No model is
 * named here; a new model in the caps table appears in OpenClaw as it is.
 *
 * @module
 */
import { capsOf, modelCaps, takesOption, type ModelId, type OptionKey, type VideoMode } from '../models/caps.ts';
import { allSizes } from '../models/output-shape.ts';
import type { Region } from '../core/regions.ts';
import type {
  OpenClawProviderOptionType, OpenClawVideoCatalogEntry, OpenClawVideoMode, OpenClawVideoModeCapabilities,
  OpenClawVideoProviderCapabilities, OpenClawVideoTransformCapabilities,
} from './types.ts';

/** OpenClaw's modes, in its order. */
const OPENCLAW_MODES: readonly OpenClawVideoMode[] = ['generate', 'imageToVideo', 'videoToVideo'];

/**
 * How each option of the SDK reaches it from an OpenClaw request: a field of the request
 * (`request`), an input asset (`input`), a `providerOptions` key of the given type, or not at all
 * (`none`: Kling's shots, a list OpenClaw's option types cannot carry). Typed over
 * every option, so a new option cannot be forgotten.
 */
export const OPTION_ROUTES: Readonly<Record<OptionKey, 'request' | 'input' | 'none' | OpenClawProviderOptionType>> = {
  prompt: 'request',
  duration: 'request',
  size: 'request',
  resolution: 'request',
  aspectRatio: 'request',
  watermark: 'request',
  audio: 'request',
  image: 'input',
  lastFrame: 'input',
  firstFrame: 'input',
  continueFrom: 'input',
  drivingAudio: 'input',
  audioUrl: 'input',
  references: 'input',
  video: 'input',
  negativePrompt: 'string',
  promptExtend: 'boolean',
  shotType: 'string',
  seed: 'number',
  template: 'string',
  function: 'string',
  maskImage: 'string',
  maskFrameId: 'number',
  maskType: 'string',
  controlCondition: 'string',
  strength: 'number',
  expandRatio: 'number',
  objOrBg: 'string',
  audioSetting: 'string',
  quality: 'string',
  faceImage: 'string',
  extendVideo: 'boolean',
  shots: 'none',
};

/** The provider option of this entry itself: the most a call may cost (`maxCost`). */
export const MAX_COST_OPTION = 'maxCost';

/**
 * The count OpenClaw is told where the caps set no limit for an input kind (wan2.6-r2v's reference
 * images: the service takes more than the five some docs list). OpenClaw needs a number; the SDK
 * itself checks nothing there.
 */
export const UNLIMITED_INPUTS = 100;

/** The SDK modes that serve an OpenClaw mode for `model`. */
export function sdkModesFor(model: ModelId, mode: OpenClawVideoMode): VideoMode[] {
  const caps = capsOf(model);
  const served = (sdkMode: VideoMode) => caps.modes[sdkMode] !== undefined;
  const referenceKinds = (sdkMode: VideoMode) => (takesOption(model, sdkMode, 'references') ? (caps.references?.kinds ?? []) : []);
  switch (mode) {
    case 'generate':
      return served('textToVideo') ? ['textToVideo'] : [];
    case 'imageToVideo':
      return [
        ...(takesOption(model, 'imageToVideo', 'image') ? (['imageToVideo'] as const) : []),
        ...(referenceKinds('referenceToVideo').includes('image') ? (['referenceToVideo'] as const) : []),
        // An edit that needs no input video (VACE's image_reference) makes a video from images alone.
        ...(served('editVideo') && !caps.modes.editVideo?.required.includes('video') && referenceKinds('editVideo').includes('image')
          ? (['editVideo'] as const)
          : []),
      ];
    case 'videoToVideo':
      return [
        ...(served('editVideo') ? (['editVideo'] as const) : []),
        ...(referenceKinds('referenceToVideo').includes('video') ? (['referenceToVideo'] as const) : []),
        ...(takesOption(model, 'imageToVideo', 'continueFrom') ? (['imageToVideo'] as const) : []),
      ];
  }
}

/** The OpenClaw modes a model serves. */
function openClawModesOf(model: ModelId): OpenClawVideoMode[] {
  return OPENCLAW_MODES.filter((mode) => sdkModesFor(model, mode).length > 0);
}

/** Every whole-second duration a model serves, special values (`-1`, `0`) aside. */
function durationsOf(model: ModelId, longest: number): number[] {
  const { min, max, only } = capsOf(model).duration;
  const all = only ? [...only] : Array.from({ length: max - min + 1 }, (_, index) => min + index);
  return all.filter((seconds) => seconds <= longest);
}

/** A complete mode block: every field set, so that merging a model's block over the provider's leaves nothing of another model. */
type ModeBlock = Required<Pick<OpenClawVideoModeCapabilities,
  'maxVideos' | 'maxInputImages' | 'maxInputVideos' | 'maxInputAudios' | 'maxDurationSeconds' | 'supportedDurationSeconds' | 'sizes' |
  'aspectRatios' | 'resolutions' | 'supportsSize' | 'supportsAspectRatio' | 'supportsResolution' | 'supportsAudio' | 'supportsWatermark' |
  'providerOptions'>>;

/** How many frames of `keys` one allowed combination of the mode's frame inputs holds at most. */
function framesAllowed(model: ModelId, mode: VideoMode, keys: readonly OptionKey[], withClip: boolean): number {
  const combinations = capsOf(model).modes[mode]?.combinations;
  const taken = keys.filter((key) => takesOption(model, mode, key));
  if (!combinations) return withClip ? 0 : taken.length;
  return Math.max(0, ...combinations
    .filter((combination) => combination.includes('continueFrom') === withClip)
    .map((combination) => taken.filter((key) => combination.includes(key)).length));
}

/** Whether an allowed combination of the mode's frame inputs holds driving audio. */
function audioAllowed(model: ModelId, mode: VideoMode, withClip: boolean): boolean {
  const keys: OptionKey[] = ['audioUrl', 'drivingAudio'];
  const combinations = capsOf(model).modes[mode]?.combinations;
  if (!combinations) return !withClip && keys.some((key) => takesOption(model, mode, key));
  return combinations.some((combination) => combination.includes('continueFrom') === withClip && keys.some((key) => combination.includes(key)));
}

/** How many references of `kind` the mode takes. */
function referencesAllowed(model: ModelId, mode: VideoMode, kind: 'image' | 'video' | 'audio'): number {
  const references = capsOf(model).references;
  if (!references || !takesOption(model, mode, 'references') || !references.kinds.includes(kind)) return 0;
  const perKind = kind === 'image' ? references.maxImages : kind === 'video' ? references.maxVideos : references.maxAudios;
  return Math.min(perKind ?? UNLIMITED_INPUTS, references.max ?? UNLIMITED_INPUTS);
}

/** The OpenClaw view of one SDK mode of a model, serving OpenClaw mode `mode`. */
function sdkModeBlock(model: ModelId, sdkMode: VideoMode, mode: OpenClawVideoMode, region: Region | undefined): ModeBlock {
  const caps = capsOf(model);
  const takes = (key: OptionKey) => takesOption(model, sdkMode, key);
  const withVideo = mode === 'videoToVideo';
  let images = 0;
  let videos = 0;
  let audios = 0;
  switch (sdkMode) {
    case 'textToVideo':
      audios = takes('audioUrl') ? 1 : 0;
      break;
    case 'imageToVideo':
      images = framesAllowed(model, sdkMode, withVideo ? ['lastFrame'] : ['image', 'lastFrame'], withVideo);
      videos = withVideo ? 1 : 0;
      audios = audioAllowed(model, sdkMode, withVideo) ? 1 : 0;
      break;
    case 'referenceToVideo':
      images = referencesAllowed(model, sdkMode, 'image') + (takes('firstFrame') ? 1 : 0);
      videos = withVideo ? referencesAllowed(model, sdkMode, 'video') : 0;
      audios = referencesAllowed(model, sdkMode, 'audio');
      break;
    case 'editVideo':
      images = referencesAllowed(model, sdkMode, 'image');
      videos = withVideo ? 1 + referencesAllowed(model, sdkMode, 'video') : 0;
      audios = referencesAllowed(model, sdkMode, 'audio');
      break;
  }
  const withVideoMax = sdkMode === 'referenceToVideo' && withVideo ? caps.references?.maxDurationWithVideo : undefined;
  const durations = durationsOf(model, withVideoMax ?? caps.duration.max);
  const resolutions = (region && caps.resolutionsByRegion?.[region]) ?? caps.resolutions;
  const sizes = takes('size') && caps.sizes
    ? allSizes(Object.fromEntries(Object.entries(caps.sizes).filter(([resolution]) => resolutions.some((allowed) => allowed === resolution)))).filter(Boolean)
    : [];
  const providerOptions: Record<string, OpenClawProviderOptionType> = { [MAX_COST_OPTION]: 'number' };
  for (const key of caps.modes[sdkMode]?.options ?? []) {
    const route = OPTION_ROUTES[key];
    if (route !== 'request' && route !== 'input' && route !== 'none') providerOptions[key] = route;
  }
  return {
    maxVideos: caps.maxVideos,
    maxInputImages: images,
    maxInputVideos: videos,
    maxInputAudios: audios,
    maxDurationSeconds: Math.max(...durations),
    supportedDurationSeconds: durations,
    sizes: sizes.map((size) => size.replace('*', 'x')),
    aspectRatios: takes('aspectRatio') ? [...caps.aspectRatios] : [],
    resolutions: takes('resolution') ? [...resolutions] : [],
    supportsSize: takes('size'),
    supportsAspectRatio: takes('aspectRatio'),
    supportsResolution: takes('resolution'),
    supportsAudio: takes('audio'),
    supportsWatermark: takes('watermark'),
    providerOptions,
  };
}

function union<T>(lists: readonly (readonly T[])[]): T[] {
  return [...new Set(lists.flat())];
}

/** Blocks merged: the most of each count, every listed value, any switch on. */
function mergeBlocks(blocks: readonly ModeBlock[]): ModeBlock {
  const most = (pick: (block: ModeBlock) => number) => Math.max(0, ...blocks.map(pick));
  const any = (pick: (block: ModeBlock) => boolean) => blocks.some(pick);
  return {
    maxVideos: most((block) => block.maxVideos),
    maxInputImages: most((block) => block.maxInputImages),
    maxInputVideos: most((block) => block.maxInputVideos),
    maxInputAudios: most((block) => block.maxInputAudios),
    maxDurationSeconds: most((block) => block.maxDurationSeconds),
    supportedDurationSeconds: union(blocks.map((block) => block.supportedDurationSeconds)).sort((a, b) => a - b),
    sizes: union(blocks.map((block) => block.sizes)),
    aspectRatios: union(blocks.map((block) => block.aspectRatios)),
    resolutions: union(blocks.map((block) => block.resolutions)),
    supportsSize: any((block) => block.supportsSize),
    supportsAspectRatio: any((block) => block.supportsAspectRatio),
    supportsResolution: any((block) => block.supportsResolution),
    supportsAudio: any((block) => block.supportsAudio),
    supportsWatermark: any((block) => block.supportsWatermark),
    providerOptions: Object.assign({}, ...blocks.map((block) => block.providerOptions)) as Record<string, OpenClawProviderOptionType>,
  };
}

/** A model's block for one OpenClaw mode, or `undefined` when no SDK mode of it serves that mode. */
function modelBlock(model: ModelId, mode: OpenClawVideoMode, region: Region | undefined): ModeBlock | undefined {
  const blocks = sdkModesFor(model, mode).map((sdkMode) => sdkModeBlock(model, sdkMode, mode, region));
  return blocks.length > 0 ? mergeBlocks(blocks) : undefined;
}

/** A model's OpenClaw capabilities and modes. */
export function catalogEntryOf(model: ModelId, region: Region | undefined): OpenClawVideoCatalogEntry {
  const generate = modelBlock(model, 'generate', region);
  const transform = (mode: OpenClawVideoMode): OpenClawVideoTransformCapabilities => {
    const block = modelBlock(model, mode, region);
    return block ? { enabled: true, ...block } : { enabled: false };
  };
  return {
    modes: openClawModesOf(model),
    capabilities: { ...(generate && { generate }), imageToVideo: transform('imageToVideo'), videoToVideo: transform('videoToVideo') },
  };
}

/**
 * The models a region serves under their own name (every model when the region is unknown), in
 * table order, that serve one of OpenClaw's modes: character animation, talking heads and lip
 * sync have none (their inputs are a character and a driving video, a portrait and speech), so
 * the provider does not offer those models.
 */
export function modelsServedIn(region: Region | undefined): ModelId[] {
  return (Object.keys(modelCaps) as ModelId[]).filter(
    (model) => (region === undefined || capsOf(model).regions.includes(region)) && openClawModesOf(model).length > 0,
  );
}

/**
 * The provider's capabilities: each mode block is the union over the models that serve it (but for
 * `providerOptions`, which each model declares), with the per-model input counts and durations
 * OpenClaw reads (`maxInputImagesByModel`, ...), and `enabled` on the two transform modes.
 */
export function providerCapabilitiesOf(models: readonly ModelId[], region: Region | undefined): OpenClawVideoProviderCapabilities {
  const mode = (which: OpenClawVideoMode): OpenClawVideoModeCapabilities | undefined => {
    const rows = models.flatMap((model) => {
      const block = modelBlock(model, which, region);
      return block ? [[model, block] as const] : [];
    });
    if (rows.length === 0) return undefined;
    const byModel = <T>(pick: (block: ModeBlock) => T): Record<string, T> => Object.fromEntries(rows.map(([model, block]) => [model, pick(block)]));
    // No providerOptions here: OpenClaw merges a model's providerOptions into the provider's, so
    // a union would let every model accept every model's options. Each model declares its own.
    const { providerOptions: _union, ...merged } = mergeBlocks(rows.map(([, block]) => block));
    return {
      ...merged,
      maxInputImagesByModel: byModel((block) => block.maxInputImages),
      maxInputVideosByModel: byModel((block) => block.maxInputVideos),
      maxInputAudiosByModel: byModel((block) => block.maxInputAudios),
      supportedDurationSecondsByModel: byModel((block) => block.supportedDurationSeconds),
    };
  };
  const generate = mode('generate');
  const imageToVideo = mode('imageToVideo');
  const videoToVideo = mode('videoToVideo');
  return {
    ...(generate && { generate }),
    imageToVideo: imageToVideo ? { enabled: true, ...imageToVideo } : { enabled: false },
    videoToVideo: videoToVideo ? { enabled: true, ...videoToVideo } : { enabled: false },
  };
}

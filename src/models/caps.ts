/**
 * What each model accepts, as data. This table drives request validation, the docs and the
 * simulator's checks: adding a model is one entry here plus its schema and body mapper.
 *
 * @module
 */

/** Output resolutions. */
export type Resolution = '720P' | '1080P';

/** Output aspect ratios. */
export type AspectRatio = '16:9' | '9:16' | '1:1' | '4:3' | '3:4';

/** The three generation modes, named after the client's methods. */
export type VideoMode = 'textToVideo' | 'imageToVideo' | 'referenceToVideo';

/**
 * How a model takes the output shape on the wire:
 * `size` an exact `"W*H"` string, `resolution` a resolution only (the aspect ratio follows the
 * input image), `resolution+ratio` a resolution and an aspect ratio (wan2.7).
 */
export type OutputShape = 'size' | 'resolution' | 'resolution+ratio';

const SIZES = {
  '720P': { '16:9': '1280*720', '9:16': '720*1280', '1:1': '960*960', '4:3': '1088*832', '3:4': '832*1088' },
  '1080P': { '16:9': '1920*1080', '9:16': '1080*1920', '1:1': '1440*1440', '4:3': '1632*1248', '3:4': '1248*1632' },
} as const satisfies Record<Resolution, Record<AspectRatio, string>>;

/** Exact `"W*H"` sizes of one resolution, by aspect ratio. */
export type SizesByRatio = Readonly<Record<AspectRatio, string>>;

/** Exact `"W*H"` sizes by resolution and aspect ratio. */
export type SizeTable = Readonly<Record<Resolution, SizesByRatio>>;

/** The exact `"W*H"` sizes of the wan2.6 family, by resolution and aspect ratio. */
export const WAN26_SIZES: SizeTable = SIZES;

/** What an image input accepts. */
export interface ImageInputCaps {
  /** Accepted MIME types. */
  readonly mimeTypes: readonly string[];
  /** Largest file in bytes. */
  readonly maxBytes: number;
  /** Shortest accepted side in pixels. */
  readonly minSide: number;
  /** Longest accepted side in pixels. */
  readonly maxSide: number;
}

/** What a video or audio input accepts. */
export interface TimedInputCaps {
  /** Accepted MIME types. */
  readonly mimeTypes: readonly string[];
  /** Largest file in bytes. */
  readonly maxBytes: number;
  /** Shortest accepted length in seconds. */
  readonly minSeconds: number;
  /** Longest accepted length in seconds. */
  readonly maxSeconds: number;
}

/** Image inputs that every current model accepts (PROTOCOL.md §3). */
const IMAGE_INPUT = {
  mimeTypes: ['image/jpeg', 'image/png', 'image/bmp', 'image/webp'],
  maxBytes: 10 * 1024 * 1024,
  minSide: 360,
  maxSide: 2000,
} as const satisfies ImageInputCaps;

/** Video inputs accepted as references. */
const VIDEO_INPUT = {
  mimeTypes: ['video/mp4', 'video/quicktime'],
  maxBytes: 100 * 1024 * 1024,
  minSeconds: 1,
  maxSeconds: 30,
} as const satisfies TimedInputCaps;

/** Driving audio accepted by `audioUrl`. */
const AUDIO_INPUT = {
  mimeTypes: ['audio/wav', 'audio/x-wav', 'audio/mpeg', 'audio/mp3'],
  maxBytes: 15 * 1024 * 1024,
  minSeconds: 3,
  maxSeconds: 30,
} as const satisfies TimedInputCaps;

const PROMPT = { maxLength: 1500 } as const;
const NEGATIVE_PROMPT = { maxLength: 500 } as const;
const ALL_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;
const RESOLUTIONS = ['720P', '1080P'] as const;

/** Prompt rules. */
export interface PromptCaps {
  /** Whether the request must carry a non-empty prompt. */
  readonly required: boolean;
  /** Longest prompt in characters. */
  readonly maxLength: number;
}

/** Negative prompt rules. */
export interface NegativePromptCaps {
  /** Longest negative prompt in characters. */
  readonly maxLength: number;
}

/** Duration range in whole seconds. */
export interface DurationCaps {
  /** Shortest. */
  readonly min: number;
  /** Longest. */
  readonly max: number;
  /** What the service uses when none is given. */
  readonly default: number;
}

/** Reference inputs of a reference-to-video model. */
export interface ReferenceCaps {
  /** Fewest references. */
  readonly min: number;
  /** Most reference videos (the service allows more images). */
  readonly maxVideos: number;
  /** What a reference image accepts. */
  readonly image: ImageInputCaps;
  /** What a reference video accepts. */
  readonly video: TimedInputCaps;
}

/** The optional switches a model documents. */
export interface FeatureCaps {
  /** `audio`: generate sound. */
  readonly audio: boolean;
  /** `promptExtend`: let the service rewrite the prompt. */
  readonly promptExtend: boolean;
  /** `shotType`: single or multi shot. */
  readonly shotType: boolean;
  /** `watermark`. */
  readonly watermark: boolean;
  /** `seed`. */
  readonly seed: boolean;
}

/** The caps of one model. Every field is read by validation, docs and the simulator. */
export interface ModelCaps {
  /** The client method that drives this model. */
  readonly mode: VideoMode;
  /** How the output shape goes on the wire. */
  readonly output: OutputShape;
  /** Videos produced by one task. */
  readonly maxVideos: number;
  /** Prompt rules. */
  readonly prompt: PromptCaps;
  /** Negative prompt rules. */
  readonly negativePrompt: NegativePromptCaps;
  /** Duration in whole seconds. */
  readonly duration: DurationCaps;
  /** Accepted resolutions and the default one. */
  readonly resolutions: readonly Resolution[];
  /** The resolution the service uses when none is given. */
  readonly defaultResolution: Resolution;
  /** Accepted aspect ratios (for `image` output shape: none, the image decides). */
  readonly aspectRatios: readonly AspectRatio[];
  /**
   * The exact sizes, by resolution and ratio. Models with `output: 'size'` send them as is;
   * `resolution+ratio` models accept them too and send the matching resolution and ratio.
   */
  readonly sizes?: SizeTable;
  /** The size the service uses when none is given, for `output: 'size'`. */
  readonly defaultSize?: string;
  /** Exactly one input image (image to video). */
  readonly image?: ImageInputCaps;
  /** Reference inputs (reference to video). */
  readonly references?: ReferenceCaps;
  /** Driving audio input (`audioUrl`), when the model takes one. */
  readonly audioInput?: TimedInputCaps;
  /** Optional switches the model documents; any other is rejected before sending. */
  readonly supports: FeatureCaps;
}

const CAPS = {
  'wan2.6-t2v': {
    mode: 'textToVideo',
    output: 'size',
    maxVideos: 1,
    prompt: { required: true, ...PROMPT },
    negativePrompt: NEGATIVE_PROMPT,
    duration: { min: 2, max: 15, default: 5 },
    resolutions: RESOLUTIONS,
    defaultResolution: '1080P',
    aspectRatios: ALL_RATIOS,
    sizes: SIZES,
    defaultSize: '1920*1080',
    audioInput: AUDIO_INPUT,
    supports: { audio: true, promptExtend: true, shotType: true, watermark: true, seed: true },
  },
  'wan2.6-i2v': {
    mode: 'imageToVideo',
    output: 'resolution',
    maxVideos: 1,
    prompt: { required: false, ...PROMPT },
    negativePrompt: NEGATIVE_PROMPT,
    duration: { min: 2, max: 15, default: 5 },
    resolutions: RESOLUTIONS,
    defaultResolution: '1080P',
    aspectRatios: [],
    image: IMAGE_INPUT,
    audioInput: AUDIO_INPUT,
    supports: { audio: true, promptExtend: true, shotType: true, watermark: true, seed: true },
  },
  'wan2.6-r2v': {
    mode: 'referenceToVideo',
    output: 'size',
    maxVideos: 1,
    prompt: { required: true, ...PROMPT },
    negativePrompt: NEGATIVE_PROMPT,
    duration: { min: 2, max: 10, default: 5 },
    resolutions: RESOLUTIONS,
    defaultResolution: '1080P',
    aspectRatios: ALL_RATIOS,
    sizes: SIZES,
    defaultSize: '1920*1080',
    references: { min: 1, maxVideos: 4, image: IMAGE_INPUT, video: VIDEO_INPUT },
    supports: { audio: false, promptExtend: false, shotType: true, watermark: true, seed: true },
  },
  'wan2.6-r2v-flash': {
    mode: 'referenceToVideo',
    output: 'size',
    maxVideos: 1,
    prompt: { required: true, ...PROMPT },
    negativePrompt: NEGATIVE_PROMPT,
    duration: { min: 2, max: 10, default: 5 },
    resolutions: RESOLUTIONS,
    defaultResolution: '1080P',
    aspectRatios: ALL_RATIOS,
    sizes: SIZES,
    defaultSize: '1920*1080',
    references: { min: 1, maxVideos: 4, image: IMAGE_INPUT, video: VIDEO_INPUT },
    supports: { audio: true, promptExtend: false, shotType: true, watermark: true, seed: true },
  },
  'wan2.7-r2v': {
    mode: 'referenceToVideo',
    output: 'resolution+ratio',
    maxVideos: 1,
    prompt: { required: true, ...PROMPT },
    negativePrompt: NEGATIVE_PROMPT,
    duration: { min: 2, max: 15, default: 5 },
    resolutions: RESOLUTIONS,
    defaultResolution: '1080P',
    aspectRatios: ALL_RATIOS,
    sizes: SIZES,
    references: { min: 1, maxVideos: 4, image: IMAGE_INPUT, video: VIDEO_INPUT },
    supports: { audio: false, promptExtend: false, shotType: false, watermark: true, seed: true },
  },
} as const satisfies Record<string, ModelCaps>;

/** The caps table's type: one {@link ModelCaps} per model, with literal values. */
export type ModelCapsTable = typeof CAPS;

/**
 * The caps of every supported model (PROTOCOL.md §3), typed `as const`.
 *
 * @example
 * ```ts
 * import { modelCaps } from 'modelstudio-video';
 *
 * const { min, max } = modelCaps['wan2.6-r2v'].duration;
 * console.log(`wan2.6-r2v makes videos of ${min} to ${max} seconds`);
 * ```
 */
export const modelCaps: ModelCapsTable = CAPS;

/** Every supported model id. */
export type ModelId = keyof ModelCapsTable;

/** The model ids of one mode. */
export type ModelIdOf<M extends VideoMode> = {
  [K in ModelId]: ModelCapsTable[K]['mode'] extends M ? K : never;
}[ModelId];

/** Text-to-video model ids. */
export type TextToVideoModel = ModelIdOf<'textToVideo'>;
/** Image-to-video model ids. */
export type ImageToVideoModel = ModelIdOf<'imageToVideo'>;
/** Reference-to-video model ids. */
export type ReferenceToVideoModel = ModelIdOf<'referenceToVideo'>;

/** The model each mode uses unless told otherwise. */
export interface DefaultModels {
  /** Text to video. */
  readonly textToVideo: TextToVideoModel;
  /** Image to video. */
  readonly imageToVideo: ImageToVideoModel;
  /** Reference to video. */
  readonly referenceToVideo: ReferenceToVideoModel;
}

/** The default model of each mode. */
export const DEFAULT_MODELS: DefaultModels = {
  textToVideo: 'wan2.6-t2v',
  imageToVideo: 'wan2.6-i2v',
  referenceToVideo: 'wan2.6-r2v',
};

/** The model ids of `mode`, in table order. */
export function modelsOf(mode: VideoMode): string[] {
  return Object.entries(modelCaps)
    .filter(([, caps]) => caps.mode === mode)
    .map(([id]) => id);
}

/** True when `id` names a model in {@link modelCaps}. */
export function isModelId(id: string): id is ModelId {
  return Object.hasOwn(modelCaps, id);
}

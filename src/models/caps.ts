/**
 * What each model accepts, as data (docs/protocol.md §3, §9). One entry per model: its wire family,
 * the options it takes in each mode, its media rules, resolutions, durations, regions, limits and
 * price key. Validation, the request types, the docs, the command line, the agent tools and the
 * simulator all read this table: a new model of a known family is one entry here.
 *
 * @module
 */
import type { Region } from '../core/regions.ts';

/** Output resolutions. */
export type Resolution = '480P' | '720P' | '1080P';

/** Output aspect ratios; `adaptive` lets the model pick (wan3.0). */
export type AspectRatio = '16:9' | '9:16' | '1:1' | '4:3' | '3:4' | '4:5' | '5:4' | '9:21' | '21:9' | 'adaptive';

/**
 * The generation modes, named after the client's methods: `animateCharacter` (a character image
 * moved by a driving video, or put into it), `speechToVideo` (a portrait that speaks an audio
 * clip) and `lipSync` (a video whose lips follow new audio) beside the four of text, images,
 * references and edits.
 */
export type VideoMode = 'textToVideo' | 'imageToVideo' | 'referenceToVideo' | 'editVideo' | 'animateCharacter' | 'speechToVideo' | 'lipSync';

/** Every mode, in the order the docs list them. */
export const VIDEO_MODES: readonly VideoMode[] = [
  'textToVideo', 'imageToVideo', 'referenceToVideo', 'editVideo', 'animateCharacter', 'speechToVideo', 'lipSync',
];

/**
 * How a model's request goes on the wire (docs/protocol.md §9, §10): `flat` (wan2.1–2.6:
 * `img_url`, `reference_urls`, `size`), `media` (wan2.7, wan3.0, HappyHorse: `media[]`,
 * `resolution` + `ratio`), `keyframes` (first + last frame on the image2video endpoint), `vace`
 * (wan2.1 VACE editing) and `animation` (character animation, talking heads and lip sync: flat
 * `*_url` inputs on the image2video endpoint), and `kling` (the Kling partner models: `media[]`,
 * `mode` std | pro for 720P | 1080P, `aspect_ratio`, multi-shot prompts).
 */
export type WireFamily = 'flat' | 'media' | 'keyframes' | 'vace' | 'animation' | 'kling';

/**
 * How a model takes the output shape on the wire:
 * `size` an exact `"W*H"` string, `resolution` a resolution only (the aspect ratio follows the
 * input), `resolution+ratio` a resolution and an aspect ratio (wan2.7, wan3.0).
 */
export type OutputShape = 'size' | 'resolution' | 'resolution+ratio';

/** The options a request can carry, beyond `model`, `extraInput` and `extraParameters`. */
export type OptionKey =
  | 'prompt' | 'negativePrompt' | 'audioUrl' | 'duration' | 'size' | 'resolution' | 'aspectRatio'
  | 'promptExtend' | 'shotType' | 'watermark' | 'seed' | 'audio'
  | 'image' | 'lastFrame' | 'continueFrom' | 'drivingAudio' | 'template' | 'firstFrame'
  | 'references' | 'video' | 'function' | 'maskImage' | 'maskFrameId' | 'maskType' | 'controlCondition'
  | 'strength' | 'expandRatio' | 'objOrBg' | 'audioSetting' | 'quality' | 'faceImage' | 'extendVideo' | 'shots';

const MODE_OPTION_LISTS = {
  textToVideo: [
    'prompt', 'negativePrompt', 'audioUrl', 'duration', 'size', 'resolution', 'aspectRatio', 'promptExtend', 'shotType',
    'watermark', 'seed', 'audio', 'shots',
  ],
  imageToVideo: [
    'image', 'lastFrame', 'continueFrom', 'drivingAudio', 'prompt', 'negativePrompt', 'audioUrl', 'template', 'duration', 'size',
    'resolution', 'aspectRatio', 'promptExtend', 'shotType', 'watermark', 'seed', 'audio', 'shots',
  ],
  referenceToVideo: [
    'references', 'firstFrame', 'prompt', 'negativePrompt', 'duration', 'size', 'resolution', 'aspectRatio', 'promptExtend',
    'shotType', 'watermark', 'seed', 'audio', 'shots',
  ],
  editVideo: [
    'video', 'function', 'references', 'prompt', 'negativePrompt', 'maskImage', 'maskFrameId', 'maskType', 'controlCondition',
    'strength', 'expandRatio', 'objOrBg', 'audioSetting', 'duration', 'size', 'resolution', 'aspectRatio', 'promptExtend',
    'watermark', 'seed', 'audio',
  ],
  animateCharacter: ['image', 'video', 'quality', 'watermark'],
  speechToVideo: ['image', 'drivingAudio', 'resolution'],
  lipSync: ['video', 'drivingAudio', 'faceImage', 'extendVideo'],
} as const satisfies Record<VideoMode, readonly OptionKey[]>;

/** The options each mode knows, by mode. */
export interface ModeOptionsTable {
  /** Options of `textToVideo`. */
  readonly textToVideo: (typeof MODE_OPTION_LISTS)['textToVideo'];
  /** Options of `imageToVideo`. */
  readonly imageToVideo: (typeof MODE_OPTION_LISTS)['imageToVideo'];
  /** Options of `referenceToVideo`. */
  readonly referenceToVideo: (typeof MODE_OPTION_LISTS)['referenceToVideo'];
  /** Options of `editVideo`. */
  readonly editVideo: (typeof MODE_OPTION_LISTS)['editVideo'];
  /** Options of `animateCharacter`. */
  readonly animateCharacter: (typeof MODE_OPTION_LISTS)['animateCharacter'];
  /** Options of `speechToVideo`. */
  readonly speechToVideo: (typeof MODE_OPTION_LISTS)['speechToVideo'];
  /** Options of `lipSync`. */
  readonly lipSync: (typeof MODE_OPTION_LISTS)['lipSync'];
}

/**
 * The options each mode knows, in the order the docs and the tools show them. An option of the
 * mode that a model does not take is typed `never` for that model, and refused before sending.
 */
export const MODE_OPTIONS: ModeOptionsTable = MODE_OPTION_LISTS;

/** The options of one mode. */
export type ModeOptionKey<M extends VideoMode> = ModeOptionsTable[M][number];

const SIZES_480P = { '16:9': '832*480', '9:16': '480*832', '1:1': '624*624' } as const;
const SIZES_720P = { '16:9': '1280*720', '9:16': '720*1280', '1:1': '960*960', '4:3': '1088*832', '3:4': '832*1088' } as const;
const SIZES_1080P = { '16:9': '1920*1080', '9:16': '1080*1920', '1:1': '1440*1440', '4:3': '1632*1248', '3:4': '1248*1632' } as const;

/** Exact `"W*H"` sizes of one resolution, by aspect ratio (480P has only three ratios). */
export type SizesByRatio = Readonly<Partial<Record<AspectRatio, string>>>;

/** Exact `"W*H"` sizes by resolution and aspect ratio. */
export type SizeTable = Readonly<Partial<Record<Resolution, SizesByRatio>>>;

/** The exact `"W*H"` sizes of the wan2.6 family (720P and 1080P), by resolution and aspect ratio. */
export const WAN26_SIZES: SizeTable = { '720P': SIZES_720P, '1080P': SIZES_1080P };

const SIZES_ALL: SizeTable = { '480P': SIZES_480P, '720P': SIZES_720P, '1080P': SIZES_1080P };
const SIZES_480_1080: SizeTable = { '480P': SIZES_480P, '1080P': SIZES_1080P };
const SIZES_480_720: SizeTable = { '480P': SIZES_480P, '720P': SIZES_720P };
const SIZES_720: SizeTable = { '720P': SIZES_720P };

/** What an image input accepts. */
export interface ImageInputCaps {
  /** Accepted MIME types. */
  readonly mimeTypes: readonly string[];
  /** Largest file in bytes. */
  readonly maxBytes: number;
  /** Shortest accepted side in pixels. */
  readonly minSide: number;
  /** Longest accepted side in pixels, where the service sets one. */
  readonly maxSide?: number;
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

/** Images (frames, references, masks) that every current model accepts (docs/protocol.md §3). */
const IMAGE_INPUT = {
  mimeTypes: ['image/jpeg', 'image/png', 'image/bmp', 'image/webp'],
  maxBytes: 10 * 1024 * 1024,
  minSide: 360,
  maxSide: 2000,
} as const satisfies ImageInputCaps;

/** Videos accepted as references and as the input of an edit. */
const VIDEO_INPUT = {
  mimeTypes: ['video/mp4', 'video/quicktime'],
  maxBytes: 100 * 1024 * 1024,
  minSeconds: 1,
  maxSeconds: 30,
} as const satisfies TimedInputCaps;

/** The clip a wan2.7-i2v continuation starts from (`first_clip`: mp4/mov, 2–10 s). */
const CLIP_INPUT = { ...VIDEO_INPUT, minSeconds: 2, maxSeconds: 10 } as const satisfies TimedInputCaps;

/** Audio that drives a video (`audio_url`, `driving_audio`, reference audio). */
const AUDIO_INPUT = {
  mimeTypes: ['audio/wav', 'audio/x-wav', 'audio/mpeg', 'audio/mp3'],
  maxBytes: 15 * 1024 * 1024,
  minSeconds: 3,
  maxSeconds: 30,
} as const satisfies TimedInputCaps;

/** Prompt rules. Whether a prompt is required is per mode (`ModeCaps.required`). */
export interface PromptCaps {
  /** Longest prompt in characters. */
  readonly maxLength: number;
  /**
   * Chinese (CJK) characters count twice against `maxLength`, so that a Chinese prompt may be half
   * as long (HappyHorse: 5000 characters, 2500 when Chinese; docs/protocol.md §10).
   */
  readonly wideCountsTwice?: boolean;
}

/** Negative prompt rules. */
export interface NegativePromptCaps {
  /** Longest negative prompt in characters. */
  readonly maxLength: number;
}

/** A duration value with a meaning of its own, outside the range (`-1`, `0`). */
export interface SpecialDuration {
  /** The value sent. */
  readonly value: number;
  /** What it means, for messages and docs. */
  readonly meaning: string;
}

/** Duration in whole seconds. */
export interface DurationCaps {
  /** Shortest. */
  readonly min: number;
  /** Longest. */
  readonly max: number;
  /** What the service uses when none is given. */
  readonly default: number;
  /** When only some values of the range are served (wan2.5: 5 or 10). */
  readonly only?: readonly number[];
  /** Values outside the range with a meaning (wan3.0's `-1`, videoedit's `0`). */
  readonly special?: readonly SpecialDuration[];
}

/** The kind of a reference input. */
export type ReferenceKind = 'image' | 'video' | 'audio';

/** Reference inputs (reference to video, and the reference images of an edit). */
export interface ReferenceCaps {
  /** Kinds accepted. */
  readonly kinds: readonly ReferenceKind[];
  /** Most references of all kinds together, when the model limits the total. */
  readonly max?: number;
  /** Most reference images, when limited. */
  readonly maxImages?: number;
  /** Most reference images once a reference is a video (Kling omni: 4). */
  readonly maxImagesWithVideo?: number;
  /** Most reference videos. */
  readonly maxVideos: number;
  /** Most reference audio clips. */
  readonly maxAudios?: number;
  /** Whether each image or video may carry its own voice (`reference_voice`, wan2.7-r2v). */
  readonly voice: boolean;
  /** Whether each reference may carry a description of who or what it shows (`reference_description`, wan2.7-r2v). */
  readonly description?: boolean;
  /**
   * How the prompt names the reference images: `'image-n'` as `[Image 1]`, `[Image 2]`, ... in the
   * order given (HappyHorse); a prompt naming an image that is not given is refused.
   */
  readonly promptTags?: 'image-n';
  /** The longest duration once any reference is a video (wan2.7-r2v: 10). */
  readonly maxDurationWithVideo?: number;
  /** What a reference image accepts. */
  readonly image: ImageInputCaps;
  /** What a reference video accepts. */
  readonly video: TimedInputCaps;
  /** What a reference audio clip (or voice) accepts. */
  readonly audio: TimedInputCaps;
}

/** The input video of an edit, and the `media[]` type it goes on the wire as. */
export interface EditVideoCaps extends TimedInputCaps {
  /** `video` (wan2.7-videoedit), `file` (wan3.0); unused by VACE (`video_url`). */
  readonly mediaType: string;
}

/** What a model takes in one mode. */
export interface ModeCaps {
  /** Every option it takes in this mode. */
  readonly options: readonly OptionKey[];
  /** The options it requires (a subset of `options`). */
  readonly required: readonly OptionKey[];
  /**
   * The frame inputs allowed together, when the model takes several (wan2.7-i2v: `image` alone,
   * `image` + `drivingAudio`, `image` + `lastFrame`, `continueFrom`, `continueFrom` + `lastFrame`).
   */
  readonly combinations?: readonly (readonly OptionKey[])[];
}

/** A model's limits per account (docs/protocol.md §9 "Limits per model"). */
export interface ModelLimits {
  /** Submits per second. */
  readonly submitsPerSecond: number;
  /** Tasks unfinished at once. */
  readonly concurrentTasks: number;
  /** Stricter limits in some regions (intl `wan2.1-kf2v-plus`: 1 submit/s). */
  readonly byRegion?: Readonly<Partial<Record<Region, Partial<Pick<ModelLimits, 'submitsPerSecond' | 'concurrentTasks'>>>>>;
}

/** The caps of one model. Every field is read by validation, docs and the simulator. */
export interface ModelCaps {
  /** How its requests go on the wire. */
  readonly family: WireFamily;
  /** The modes it serves and the options it takes in each. */
  readonly modes: Readonly<Partial<Record<VideoMode, ModeCaps>>>;
  /** The regions that serve the model under this name. */
  readonly regions: readonly Region[];
  /**
   * The model this is another name of (a region's own name such as `wanx2.1-t2v-turbo`, or a
   * dated snapshot): for messages that name a region's equivalent. It shares no limit or timing.
   */
  readonly sameModelAs?: string;
  /** The service's limits for it; absent when unpublished (the client then uses a conservative default). */
  readonly limits?: ModelLimits;
  /** The price table row it bills under (prices are a later table). */
  readonly priceKey: string;
  /** Facts known only from secondary sources, or unsure; shown in the docs. */
  readonly unconfirmed?: string;
  /** Videos produced by one task. */
  readonly maxVideos: number;
  /** `'always'`: every video has sound and there is no switch (HappyHorse). */
  readonly sound?: 'always';
  /** Whether the service adds a watermark unless told `watermark: false` (HappyHorse). */
  readonly watermarkByDefault?: boolean;
  /** Prompt rules. */
  readonly prompt: PromptCaps;
  /** Negative prompt rules, when it takes one. */
  readonly negativePrompt?: NegativePromptCaps;
  /** Duration in whole seconds. */
  readonly duration: DurationCaps;
  /** How the output shape goes on the wire. */
  readonly output: OutputShape;
  /** Accepted resolutions. */
  readonly resolutions: readonly Resolution[];
  /** Resolutions served in a region when it serves fewer (intl wan2.2-i2v-flash: 480P, 720P). */
  readonly resolutionsByRegion?: Readonly<Partial<Record<Region, readonly Resolution[]>>>;
  /** The resolution the service uses when none is given. */
  readonly defaultResolution: Resolution;
  /** Accepted aspect ratios (none: the input decides). */
  readonly aspectRatios: readonly AspectRatio[];
  /** The ratio the service uses when none is given, where it takes one. */
  readonly defaultAspectRatio?: AspectRatio;
  /**
   * The exact sizes, by resolution and ratio. Models with `output: 'size'` send them as is;
   * `resolution+ratio` models accept them too and send the matching resolution and ratio.
   */
  readonly sizes?: SizeTable;
  /** The size the service uses when none is given, for `output: 'size'`. */
  readonly defaultSize?: string;
  /** Frame images (`image`, `lastFrame`, `firstFrame`, VACE masks). */
  readonly image?: ImageInputCaps;
  /** The clip a continuation starts from (`continueFrom`). */
  readonly clip?: TimedInputCaps;
  /** Driving audio (`audioUrl`, `drivingAudio`). */
  readonly audioInput?: TimedInputCaps;
  /** Reference inputs. */
  readonly references?: ReferenceCaps;
  /** The input video of an edit. */
  readonly video?: EditVideoCaps;
}

const PROMPT = { maxLength: 1500 } as const;
const NEGATIVE_PROMPT = { maxLength: 500 } as const;
const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;
const HD = ['720P', '1080P'] as const;
const CN_INTL = ['cn', 'intl'] as const;
const CN_ONLY_REGION = ['cn'] as const;
const LIMITS_5 = { submitsPerSecond: 5, concurrentTasks: 5 } as const;
const LIMITS_2 = { submitsPerSecond: 2, concurrentTasks: 2 } as const;

const FLAT_T2V = ['prompt', 'negativePrompt', 'duration', 'size', 'resolution', 'aspectRatio', 'promptExtend', 'watermark', 'seed'] as const;
const FLAT_I2V = ['image', 'prompt', 'negativePrompt', 'duration', 'resolution', 'promptExtend', 'watermark', 'seed'] as const;
const FLAT_R2V = ['references', 'prompt', 'negativePrompt', 'duration', 'size', 'resolution', 'aspectRatio', 'shotType', 'watermark', 'seed'] as const;

const WAN26_T2V = {
  family: 'flat',
  modes: {
    textToVideo: { options: [...FLAT_T2V, 'audioUrl', 'shotType', 'audio'], required: ['prompt'] },
  },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.6',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 2, max: 15, default: 5 },
  output: 'size',
  resolutions: HD,
  defaultResolution: '1080P',
  aspectRatios: RATIOS,
  sizes: WAN26_SIZES,
  defaultSize: '1920*1080',
  audioInput: AUDIO_INPUT,
} as const satisfies ModelCaps;

const WAN26_I2V = {
  family: 'flat',
  modes: {
    imageToVideo: { options: [...FLAT_I2V, 'audioUrl', 'shotType', 'audio'], required: ['image'] },
  },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.6',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 2, max: 15, default: 5 },
  output: 'resolution',
  resolutions: HD,
  defaultResolution: '1080P',
  aspectRatios: [],
  image: IMAGE_INPUT,
  audioInput: AUDIO_INPUT,
} as const satisfies ModelCaps;

const WAN26_R2V = {
  family: 'flat',
  modes: { referenceToVideo: { options: FLAT_R2V, required: ['references', 'prompt'] } },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.6',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 2, max: 10, default: 5 },
  output: 'size',
  resolutions: HD,
  defaultResolution: '1080P',
  aspectRatios: RATIOS,
  sizes: WAN26_SIZES,
  defaultSize: '1920*1080',
  references: { kinds: ['image', 'video'], maxVideos: 4, voice: false, image: IMAGE_INPUT, video: VIDEO_INPUT, audio: AUDIO_INPUT },
} as const satisfies ModelCaps;

const WAN27_T2V = {
  family: 'media',
  modes: {
    textToVideo: {
      options: ['prompt', 'negativePrompt', 'audioUrl', 'duration', 'size', 'resolution', 'aspectRatio', 'promptExtend', 'watermark', 'seed'],
      required: ['prompt'],
    },
  },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.7',
  maxVideos: 1,
  prompt: { maxLength: 5000 },
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 2, max: 15, default: 5 },
  output: 'resolution+ratio',
  resolutions: HD,
  defaultResolution: '1080P',
  aspectRatios: RATIOS,
  defaultAspectRatio: '16:9',
  sizes: WAN26_SIZES,
  audioInput: AUDIO_INPUT,
} as const satisfies ModelCaps;

const WAN27_I2V = {
  family: 'media',
  modes: {
    imageToVideo: {
      options: ['image', 'lastFrame', 'continueFrom', 'drivingAudio', 'prompt', 'negativePrompt', 'duration', 'resolution', 'promptExtend', 'watermark', 'seed'],
      required: [],
      combinations: [
        ['image'], ['image', 'drivingAudio'], ['image', 'lastFrame'], ['image', 'lastFrame', 'drivingAudio'], ['continueFrom'], ['continueFrom', 'lastFrame'],
      ],
    },
  },
  regions: ['cn', 'intl', 'us'],
  unconfirmed: 'first + last frame + driving audio together (secondary sources)',
  limits: LIMITS_5,
  priceKey: 'wan2.7',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 2, max: 15, default: 5 },
  output: 'resolution+ratio',
  resolutions: HD,
  defaultResolution: '1080P',
  aspectRatios: [],
  image: IMAGE_INPUT,
  clip: CLIP_INPUT,
  audioInput: { ...AUDIO_INPUT, minSeconds: 2 },
} as const satisfies ModelCaps;

const WAN27_R2V = {
  family: 'media',
  modes: {
    referenceToVideo: {
      // prompt_extend is in the official wan2.7-r2v body (docs/protocol.md §3.4).
      options: ['references', 'firstFrame', 'prompt', 'negativePrompt', 'duration', 'size', 'resolution', 'aspectRatio', 'promptExtend', 'watermark', 'seed'],
      required: ['references', 'prompt'],
    },
  },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.7-r2v',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 2, max: 15, default: 5 },
  output: 'resolution+ratio',
  resolutions: HD,
  defaultResolution: '1080P',
  aspectRatios: RATIOS,
  defaultAspectRatio: '16:9',
  sizes: WAN26_SIZES,
  image: IMAGE_INPUT,
  references: {
    kinds: ['image', 'video'], max: 5, maxVideos: 5, voice: true, description: true, maxDurationWithVideo: 10,
    image: IMAGE_INPUT, video: VIDEO_INPUT, audio: AUDIO_INPUT,
  },
} as const satisfies ModelCaps;

const WAN27_VIDEOEDIT = {
  family: 'media',
  modes: {
    editVideo: {
      options: ['video', 'references', 'prompt', 'negativePrompt', 'audioSetting', 'duration', 'resolution', 'aspectRatio', 'promptExtend', 'watermark', 'seed'],
      required: ['video', 'prompt'],
    },
  },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.7-videoedit',
  unconfirmed: 'at most 4 reference images (secondary sources)',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 2, max: 10, default: 0, special: [{ value: 0, meaning: "the input video's length" }] },
  output: 'resolution+ratio',
  resolutions: HD,
  defaultResolution: '1080P',
  aspectRatios: RATIOS,
  references: { kinds: ['image'], maxImages: 4, maxVideos: 0, voice: false, image: IMAGE_INPUT, video: VIDEO_INPUT, audio: AUDIO_INPUT },
  video: { ...VIDEO_INPUT, minSeconds: 2, mediaType: 'video' },
} as const satisfies ModelCaps;

const WAN30_COMMON = ['prompt', 'duration', 'resolution', 'aspectRatio', 'promptExtend', 'watermark', 'seed', 'audio'] as const;

const WAN30_VIDEO = {
  family: 'media',
  modes: {
    textToVideo: { options: WAN30_COMMON, required: ['prompt'] },
    imageToVideo: { options: ['image', 'lastFrame', ...WAN30_COMMON], required: ['image'] },
    referenceToVideo: { options: ['references', ...WAN30_COMMON], required: ['references', 'prompt'] },
    editVideo: { options: ['video', 'references', ...WAN30_COMMON], required: ['video', 'prompt'] },
  },
  // Hong Kong too: its official reference lists a cn-hongkong workspace host [S11] (docs/protocol.md §9.2, §10.1; decision 2026-12-08).
  regions: ['cn', 'intl', 'us', 'hk'],
  priceKey: 'wan3.0',
  unconfirmed: 'the edit input as media type "file", the default duration; limits unpublished',
  maxVideos: 1,
  prompt: { maxLength: 20_000 },
  duration: { min: 2, max: 30, default: 5, special: [{ value: -1, meaning: 'the model picks' }] },
  output: 'resolution+ratio',
  resolutions: ['480P', '720P', '1080P'],
  defaultResolution: '1080P',
  aspectRatios: ['adaptive', ...RATIOS],
  defaultAspectRatio: 'adaptive',
  image: IMAGE_INPUT,
  references: {
    kinds: ['image', 'video', 'audio'], maxImages: 10, maxVideos: 5, maxAudios: 5, voice: false,
    image: IMAGE_INPUT, video: VIDEO_INPUT, audio: AUDIO_INPUT,
  },
  video: { ...VIDEO_INPUT, mediaType: 'file' },
} as const satisfies ModelCaps;

const WAN25_T2V = {
  family: 'flat',
  modes: { textToVideo: { options: [...FLAT_T2V, 'audioUrl'], required: ['prompt'] } },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.5',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 5, max: 10, default: 5, only: [5, 10] },
  output: 'size',
  resolutions: ['480P', '720P', '1080P'],
  defaultResolution: '1080P',
  aspectRatios: RATIOS,
  sizes: SIZES_ALL,
  defaultSize: '1920*1080',
  audioInput: AUDIO_INPUT,
} as const satisfies ModelCaps;

const WAN25_I2V = {
  family: 'flat',
  modes: { imageToVideo: { options: [...FLAT_I2V, 'audioUrl'], required: ['image'] } },
  regions: CN_INTL,
  limits: LIMITS_5,
  priceKey: 'wan2.5',
  maxVideos: 1,
  prompt: PROMPT,
  negativePrompt: NEGATIVE_PROMPT,
  duration: { min: 5, max: 10, default: 5, only: [5, 10] },
  output: 'resolution',
  resolutions: ['480P', '720P', '1080P'],
  defaultResolution: '1080P',
  aspectRatios: [],
  image: IMAGE_INPUT,
  audioInput: AUDIO_INPUT,
} as const satisfies ModelCaps;

const FIVE_SECONDS = { min: 5, max: 5, default: 5 } as const;

/** A silent flat text-to-video model of wan2.1/2.2 (2 submits/s, 2 tasks). */
function olderT2v<const R extends readonly Resolution[]>(priceKey: string, resolutions: R, sizes: SizeTable, defaultSize: string) {
  return {
    family: 'flat',
    modes: { textToVideo: { options: FLAT_T2V, required: ['prompt'] } },
    regions: CN_INTL,
    limits: LIMITS_2,
    priceKey,
    maxVideos: 1,
    prompt: PROMPT,
    negativePrompt: NEGATIVE_PROMPT,
    duration: FIVE_SECONDS,
    output: 'size',
    resolutions,
    defaultResolution: resolutions[resolutions.length - 1] as R[number],
    aspectRatios: RATIOS,
    sizes,
    defaultSize,
  } as const satisfies ModelCaps;
}

/** A silent flat image-to-video model of wan2.1/2.2 (2 submits/s, 2 tasks). */
function olderI2v<const R extends readonly Resolution[]>(priceKey: string, resolutions: R, duration: DurationCaps = FIVE_SECONDS) {
  return {
    family: 'flat',
    modes: { imageToVideo: { options: FLAT_I2V, required: ['image'] } },
    regions: CN_INTL,
    limits: LIMITS_2,
    priceKey,
    maxVideos: 1,
    prompt: PROMPT,
    negativePrompt: NEGATIVE_PROMPT,
    duration,
    output: 'resolution',
    resolutions,
    defaultResolution: resolutions[resolutions.length - 1] as R[number],
    aspectRatios: [],
    image: IMAGE_INPUT,
  } as const satisfies ModelCaps;
}

/** A first + last frame model on the keyframes endpoint. */
function keyframes<const R extends readonly Resolution[]>(priceKey: string, resolutions: R, limits: ModelLimits) {
  return {
    family: 'keyframes',
    modes: {
      imageToVideo: {
        options: ['image', 'lastFrame', 'prompt', 'negativePrompt', 'template', 'duration', 'resolution', 'promptExtend', 'watermark', 'seed'],
        required: ['image', 'lastFrame'],
      },
    },
    regions: CN_INTL,
    limits,
    priceKey,
    maxVideos: 1,
    prompt: PROMPT,
    negativePrompt: NEGATIVE_PROMPT,
    duration: FIVE_SECONDS,
    output: 'resolution',
    resolutions,
    defaultResolution: resolutions[resolutions.length - 1] as R[number],
    aspectRatios: [],
    image: IMAGE_INPUT,
  } as const satisfies ModelCaps;
}

const WAN21_VACE = {
  family: 'vace',
  modes: {
    editVideo: {
      options: [
        'function', 'video', 'references', 'prompt', 'maskImage', 'maskFrameId', 'maskType', 'controlCondition', 'strength',
        'expandRatio', 'objOrBg', 'size', 'duration', 'promptExtend', 'watermark', 'seed',
      ],
      // The prompt is required by video_extension alone (its row in vace-functions.ts): the §9.1 table
      // marks it required there only, and §9.7 reads the notes tolerantly (decision 2026-12-08).
      required: ['function'],
    },
  },
  regions: ['intl'],
  limits: LIMITS_2,
  priceKey: 'wan2.1-plus',
  maxVideos: 1,
  prompt: PROMPT,
  duration: { min: 1, max: 5, default: 5 },
  output: 'size',
  resolutions: ['720P'],
  defaultResolution: '720P',
  aspectRatios: RATIOS,
  sizes: SIZES_720,
  defaultSize: '1280*720',
  image: IMAGE_INPUT,
  references: { kinds: ['image'], maxImages: 3, maxVideos: 0, voice: false, image: IMAGE_INPUT, video: VIDEO_INPUT, audio: AUDIO_INPUT },
  video: { ...VIDEO_INPUT, maxSeconds: 5, mediaType: 'video' },
} as const satisfies ModelCaps;

/** HappyHorse's regions: every region with a workspace host but Hong Kong (docs/protocol.md §10). */
const HAPPYHORSE_REGIONS = ['cn', 'intl', 'us', 'eu', 'jp'] as const;
/** The nine ratios of HappyHorse's current page (docs/protocol.md §10). */
const HAPPYHORSE_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '4:5', '5:4', '9:21', '21:9'] as const;
/** A HappyHorse first frame: jpeg, png or webp, each side at least 300 px, at most 20 MB. */
const HAPPYHORSE_FRAME = { mimeTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 20 * 1024 * 1024, minSide: 300 } as const satisfies ImageInputCaps;
/** A HappyHorse reference image: short side at least 400 px, at most 20 MB. */
const HAPPYHORSE_REFERENCE = { ...HAPPYHORSE_FRAME, minSide: 400 } as const satisfies ImageInputCaps;
/** The video of a HappyHorse edit: mp4 or mov, 3–60 s, at most 100 MB. */
const HAPPYHORSE_EDIT_VIDEO = { mimeTypes: ['video/mp4', 'video/quicktime'], maxBytes: 100 * 1024 * 1024, minSeconds: 3, maxSeconds: 60, mediaType: 'video' } as const satisfies EditVideoCaps;
const HAPPYHORSE_COMMON = ['prompt', 'duration', 'resolution', 'watermark', 'seed'] as const;

/**
 * A HappyHorse model of one mode (docs/protocol.md §10): the `media` family, 3–15 s, sound always,
 * a watermark unless told not to, no published limits.
 */
function happyHorse<
  const M extends VideoMode,
  const Mode extends ModeCaps,
  const R extends readonly Resolution[],
  const E extends Partial<Pick<ModelCaps, 'unconfirmed' | 'resolutionsByRegion' | 'image' | 'references' | 'video'>>,
>(priceKey: string, mode: M, modeCaps: Mode, resolutions: R, extra: E) {
  return {
    family: 'media',
    modes: { [mode]: modeCaps } as { readonly [K in M]: Mode },
    regions: HAPPYHORSE_REGIONS,
    priceKey,
    maxVideos: 1,
    sound: 'always',
    watermarkByDefault: true,
    prompt: { maxLength: 5000, wideCountsTwice: true },
    duration: { min: 3, max: 15, default: 5 },
    output: 'resolution+ratio',
    resolutions,
    defaultResolution: '1080P',
    aspectRatios: mode === 'imageToVideo' || mode === 'editVideo' ? [] : HAPPYHORSE_RATIOS,
    ...(mode !== 'imageToVideo' && mode !== 'editVideo' && { defaultAspectRatio: '16:9' }),
    ...extra,
  } as const satisfies ModelCaps;
}

const HAPPYHORSE_T2V_MODE = { options: [...HAPPYHORSE_COMMON, 'aspectRatio'], required: ['prompt'] } as const;
const HAPPYHORSE_I2V_MODE = { options: ['image', ...HAPPYHORSE_COMMON], required: ['image'] } as const;
const HAPPYHORSE_R2V_MODE = { options: ['references', ...HAPPYHORSE_COMMON, 'aspectRatio'], required: ['references', 'prompt'] } as const;
const HAPPYHORSE_R2V_REFERENCES = {
  kinds: ['image'], maxImages: 9, maxVideos: 0, voice: false, promptTags: 'image-n',
  image: HAPPYHORSE_REFERENCE, video: VIDEO_INPUT, audio: AUDIO_INPUT,
} as const satisfies ReferenceCaps;
/** 480P of HappyHorse 1.1 is listed on the Chinese page only (secondary): Beijing alone serves it here. */
const HAPPYHORSE_11_RESOLUTIONS = {
  resolutionsByRegion: { intl: HD, us: HD, eu: HD, jp: HD },
  unconfirmed: '480P, listed for 1.1 on the Chinese page only; the prices outside Beijing (secondary sources)',
} as const;
const HAPPYHORSE_10_NOTE = { unconfirmed: 'the prices outside Beijing (secondary sources)' } as const;

const HAPPYHORSE_11_T2V = happyHorse('happyhorse-1.1', 'textToVideo', HAPPYHORSE_T2V_MODE, ['480P', '720P', '1080P'], HAPPYHORSE_11_RESOLUTIONS);
const HAPPYHORSE_11_I2V = happyHorse('happyhorse-1.1', 'imageToVideo', HAPPYHORSE_I2V_MODE, ['480P', '720P', '1080P'], { ...HAPPYHORSE_11_RESOLUTIONS, image: HAPPYHORSE_FRAME });
const HAPPYHORSE_11_R2V = happyHorse('happyhorse-1.1', 'referenceToVideo', HAPPYHORSE_R2V_MODE, ['480P', '720P', '1080P'], {
  ...HAPPYHORSE_11_RESOLUTIONS, references: HAPPYHORSE_R2V_REFERENCES,
});
const HAPPYHORSE_10_T2V = happyHorse('happyhorse-1.0', 'textToVideo', HAPPYHORSE_T2V_MODE, HD, HAPPYHORSE_10_NOTE);
const HAPPYHORSE_10_I2V = happyHorse('happyhorse-1.0', 'imageToVideo', HAPPYHORSE_I2V_MODE, HD, { ...HAPPYHORSE_10_NOTE, image: HAPPYHORSE_FRAME });
const HAPPYHORSE_10_R2V = happyHorse('happyhorse-1.0', 'referenceToVideo', HAPPYHORSE_R2V_MODE, HD, { ...HAPPYHORSE_10_NOTE, references: HAPPYHORSE_R2V_REFERENCES });
const HAPPYHORSE_10_EDIT = happyHorse(
  'happyhorse-1.0-edit',
  'editVideo',
  { options: ['video', 'references', 'prompt', 'audioSetting', 'resolution', 'watermark', 'seed'], required: ['video', 'prompt'] },
  HD,
  {
    unconfirmed: 'the price (not published); the usage fields (secondary sources)',
    references: { kinds: ['image'], maxImages: 5, maxVideos: 0, voice: false, image: HAPPYHORSE_REFERENCE, video: VIDEO_INPUT, audio: AUDIO_INPUT },
    video: HAPPYHORSE_EDIT_VIDEO,
  },
);

/** A character image to animate: 200–4096 px per side, at most 5 MB (docs/protocol.md §10). */
const ANIMATE_IMAGE = { ...IMAGE_INPUT, maxBytes: 5 * 1024 * 1024, minSide: 200, maxSide: 4096 } as const satisfies ImageInputCaps;
/** The driving video of an animation: mp4, avi or mov, 2–30 s, at most 200 MB. */
const ANIMATE_VIDEO = {
  mimeTypes: ['video/mp4', 'video/x-msvideo', 'video/quicktime'], maxBytes: 200 * 1024 * 1024, minSeconds: 2, maxSeconds: 30, mediaType: 'video',
} as const satisfies EditVideoCaps;
/** Animation and talking heads: 5 submits a second, one task at a time (docs/protocol.md §10). */
const ONE_AT_A_TIME = { submitsPerSecond: 5, concurrentTasks: 1 } as const;
/** What the animation models share: the animation family, no prompt on the wire. */
const ANIMATION_COMMON = {
  family: 'animation',
  maxVideos: 1,
  prompt: PROMPT,
  output: 'resolution',
  aspectRatios: [],
} as const;

/** wan2.2-animate-move and -mix: a character image and a driving video (docs/protocol.md §10). */
function animate(priceKey: string) {
  return {
    ...ANIMATION_COMMON,
    modes: { animateCharacter: { options: ['image', 'video', 'quality', 'watermark'], required: ['image', 'video'] } },
    regions: CN_INTL,
    limits: ONE_AT_A_TIME,
    priceKey,
    unconfirmed: 'the output resolution and prices (not published); the output is as long as the driving video',
    duration: { min: 2, max: 30, default: 5 },
    resolutions: ['720P'],
    defaultResolution: '720P',
    image: ANIMATE_IMAGE,
    video: ANIMATE_VIDEO,
  } as const satisfies ModelCaps;
}

const WAN22_S2V = {
  ...ANIMATION_COMMON,
  modes: { speechToVideo: { options: ['image', 'drivingAudio', 'resolution'], required: ['image', 'drivingAudio'] } },
  regions: CN_ONLY_REGION,
  limits: ONE_AT_A_TIME,
  priceKey: 'wan2.2-s2v',
  unconfirmed: 'prices (secondary sources quote USD for a Beijing-only model); the output is as long as the audio',
  sound: 'always',
  duration: { min: 1, max: 20, default: 20 },
  resolutions: ['480P', '720P'],
  defaultResolution: '480P',
  image: IMAGE_INPUT,
  audioInput: { ...AUDIO_INPUT, minSeconds: 1, maxSeconds: 20 },
} as const satisfies ModelCaps;

const VIDEORETALK = {
  ...ANIMATION_COMMON,
  modes: { lipSync: { options: ['video', 'drivingAudio', 'faceImage', 'extendVideo'], required: ['video', 'drivingAudio'] } },
  regions: CN_ONLY_REGION,
  priceKey: 'videoretalk',
  unconfirmed: 'the body and the file sizes (secondary sources); limits and prices unpublished',
  sound: 'always',
  duration: { min: 2, max: 120, default: 120 },
  resolutions: ['720P'],
  defaultResolution: '720P',
  image: IMAGE_INPUT,
  video: { ...VIDEO_INPUT, minSeconds: 2, maxSeconds: 120, mediaType: 'video' },
  audioInput: { ...AUDIO_INPUT, minSeconds: 2, maxSeconds: 120 },
} as const satisfies ModelCaps;

/** A Kling frame or reference image: JPEG or PNG, 300–8000 px, at most 10 MB (docs/protocol.md §10.5, secondary). */
const KLING_IMAGE = { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024, minSide: 300, maxSide: 8000 } as const satisfies ImageInputCaps;
/** A Kling reference or edited video: mp4 or mov, 3–10 s, at most 200 MB (secondary). */
const KLING_VIDEO = { mimeTypes: ['video/mp4', 'video/quicktime'], maxBytes: 200 * 1024 * 1024, minSeconds: 3, maxSeconds: 10 } as const satisfies TimedInputCaps;
const KLING_COMMON_OPTIONS = ['prompt', 'duration', 'resolution', 'audio', 'watermark', 'shots'] as const;

/** A Kling model (docs/protocol.md §10.5): Beijing only, std (720P) or pro (1080P, the default). */
function kling<const M extends ModelCaps['modes']>(modes: M, extra: Pick<ModelCaps, 'unconfirmed'> & Partial<Pick<ModelCaps, 'references' | 'video'>>) {
  return {
    family: 'kling',
    modes,
    regions: CN_ONLY_REGION,
    priceKey: 'kling-v3',
    maxVideos: 1,
    prompt: { maxLength: 2500 },
    duration: { min: 3, max: 15, default: 5 },
    output: 'resolution+ratio',
    resolutions: HD,
    defaultResolution: '1080P',
    aspectRatios: ['16:9', '9:16', '1:1'],
    defaultAspectRatio: '16:9',
    image: KLING_IMAGE,
    ...extra,
  } as const satisfies ModelCaps;
}

const KLING_MODES = {
  textToVideo: { options: [...KLING_COMMON_OPTIONS, 'aspectRatio'], required: ['prompt'] },
  imageToVideo: { options: ['image', 'lastFrame', ...KLING_COMMON_OPTIONS], required: ['image'] },
} as const;
const KLING_UNCONFIRMED = 'the request body beyond the Kling page: multi_prompt items, media combinations and file limits (secondary sources); limits and prices unpublished';

/** The same model under another name: a region's own name, or a dated snapshot. */
function alias<const C extends ModelCaps, const R extends readonly Region[]>(base: string, caps: C, regions: R) {
  return { ...caps, regions, sameModelAs: base } as const;
}

const WAN21_T2V_TURBO = olderT2v('wan2.1-turbo', ['480P', '720P'], SIZES_480_720, '1280*720');
const WAN21_T2V_PLUS = olderT2v('wan2.1-plus', ['720P'], SIZES_720, '1280*720');
const WAN21_I2V_TURBO = olderI2v('wan2.1-turbo', ['480P', '720P'], { min: 3, max: 5, default: 5 });
const WAN21_I2V_PLUS = olderI2v('wan2.1-plus', ['720P']);
const INTL_ONLY = ['intl'] as const;
const CN_ONLY = CN_ONLY_REGION;

const CAPS = {
  'wan2.6-t2v': WAN26_T2V,
  'wan2.6-i2v': WAN26_I2V,
  'wan2.6-r2v': WAN26_R2V,
  'wan2.6-r2v-flash': {
    ...WAN26_R2V,
    modes: { referenceToVideo: { options: [...FLAT_R2V, 'audio'], required: ['references', 'prompt'] } },
    priceKey: 'wan2.6-flash',
  },
  'wan2.7-r2v': WAN27_R2V,
  'wan2.7-t2v': WAN27_T2V,
  'wan2.7-i2v': WAN27_I2V,
  'wan2.7-videoedit': WAN27_VIDEOEDIT,
  'wan2.7-t2v-2026-04-25': alias('wan2.7-t2v', WAN27_T2V, CN_INTL),
  // A snapshot is served as its base model (docs/protocol.md §9.2), in its regions: us too (§9.7; decision 2026-12-08).
  'wan2.7-i2v-2026-04-25': alias('wan2.7-i2v', WAN27_I2V, WAN27_I2V.regions),
  'wan2.7-t2v-2026-06-12': { ...alias('wan2.7-t2v', WAN27_T2V, CN_INTL), unconfirmed: 'the snapshot name (secondary sources)' },
  'wan2.7-r2v-2026-06-12': alias('wan2.7-r2v', WAN27_R2V, CN_INTL),
  'wan3.0-video': WAN30_VIDEO,
  'wan3.0-video-prime': { ...WAN30_VIDEO, priceKey: 'wan3.0-prime', unconfirmed: `the whole model (secondary sources); ${WAN30_VIDEO.unconfirmed}` },
  'wan2.6-i2v-flash': { ...WAN26_I2V, priceKey: 'wan2.6-flash' },
  'wan2.6-t2v-us': alias('wan2.6-t2v', WAN26_T2V, ['us']),
  'wan2.6-i2v-us': alias('wan2.6-i2v', WAN26_I2V, ['us']),
  'wan2.5-t2v-preview': WAN25_T2V,
  'wan2.5-i2v-preview': WAN25_I2V,
  'wan2.2-t2v-plus': olderT2v('wan2.2-plus', ['480P', '1080P'], SIZES_480_1080, '1920*1080'),
  'wan2.2-i2v-plus': olderI2v('wan2.2-plus', ['480P', '1080P']),
  'wan2.2-i2v-flash': { ...olderI2v('wan2.2-flash', ['480P', '720P', '1080P']), resolutionsByRegion: { intl: ['480P', '720P'] }, defaultResolution: '720P' },
  'wan2.2-kf2v-flash': keyframes('wan2.2-flash', ['480P', '720P', '1080P'], LIMITS_2),
  'wan2.1-kf2v-plus': keyframes('wan2.1-plus', ['720P'], { ...LIMITS_2, byRegion: { intl: { submitsPerSecond: 1 } } }),
  'wan2.1-t2v-turbo': alias('wanx2.1-t2v-turbo', WAN21_T2V_TURBO, INTL_ONLY),
  'wan2.1-t2v-plus': alias('wanx2.1-t2v-plus', WAN21_T2V_PLUS, INTL_ONLY),
  'wan2.1-i2v-turbo': alias('wanx2.1-i2v-turbo', WAN21_I2V_TURBO, INTL_ONLY),
  'wan2.1-i2v-plus': alias('wanx2.1-i2v-plus', WAN21_I2V_PLUS, INTL_ONLY),
  'wanx2.1-t2v-turbo': alias('wan2.1-t2v-turbo', WAN21_T2V_TURBO, CN_ONLY),
  'wanx2.1-t2v-plus': alias('wan2.1-t2v-plus', WAN21_T2V_PLUS, CN_ONLY),
  'wanx2.1-i2v-turbo': alias('wan2.1-i2v-turbo', WAN21_I2V_TURBO, CN_ONLY),
  'wanx2.1-i2v-plus': alias('wan2.1-i2v-plus', WAN21_I2V_PLUS, CN_ONLY),
  'wan2.1-vace-plus': alias('wanx2.1-vace-plus', WAN21_VACE, INTL_ONLY),
  'wanx2.1-vace-plus': alias('wan2.1-vace-plus', WAN21_VACE, CN_ONLY),
  'happyhorse-1.1-t2v': HAPPYHORSE_11_T2V,
  'happyhorse-1.1-i2v': HAPPYHORSE_11_I2V,
  'happyhorse-1.1-r2v': HAPPYHORSE_11_R2V,
  'happyhorse-1.0-t2v': HAPPYHORSE_10_T2V,
  'happyhorse-1.0-i2v': HAPPYHORSE_10_I2V,
  'happyhorse-1.0-r2v': HAPPYHORSE_10_R2V,
  'happyhorse-1.0-video-edit': HAPPYHORSE_10_EDIT,
  'wan2.2-animate-move': animate('wan2.2-animate-move'),
  'wan2.2-animate-mix': animate('wan2.2-animate-mix'),
  'wan2.2-s2v': WAN22_S2V,
  videoretalk: VIDEORETALK,
  'kling/kling-v3-video-generation': kling(KLING_MODES, { unconfirmed: KLING_UNCONFIRMED }),
  'kling/kling-v3-omni-video-generation': kling(
    {
      ...KLING_MODES,
      referenceToVideo: { options: ['references', ...KLING_COMMON_OPTIONS, 'aspectRatio'], required: ['references', 'prompt'] },
      editVideo: { options: ['video', 'references', 'prompt', 'resolution', 'audio', 'watermark'], required: ['video', 'prompt'] },
    },
    {
      unconfirmed: `${KLING_UNCONFIRMED}; element_list is not wrapped (extraInput)`,
      // refer images and one feature video; with a video, at most 4 images and 10 s (docs/protocol.md §10.5, [S19]).
      references: {
        kinds: ['image', 'video'], maxImages: 7, maxImagesWithVideo: 4, maxVideos: 1, voice: false, maxDurationWithVideo: 10,
        image: KLING_IMAGE, video: KLING_VIDEO, audio: AUDIO_INPUT,
      },
      video: { ...KLING_VIDEO, mediaType: 'base' },
    },
  ),
} as const satisfies Record<string, ModelCaps>;

/** The caps table's type: one {@link ModelCaps} per model, with literal values. */
export type ModelCapsTable = typeof CAPS;

/**
 * The caps of every supported model (docs/protocol.md §3, §9), typed `as const`.
 *
 * @example
 * ```ts
 * import { modelCaps } from 'modelstudio-video';
 *
 * const { min, max } = modelCaps['wan2.7-t2v'].duration;
 * console.log(`wan2.7-t2v makes videos of ${min} to ${max} seconds in ${modelCaps['wan2.7-t2v'].regions.join(', ')}`);
 * ```
 */
export const modelCaps: ModelCapsTable = CAPS;

/** Every supported model id. */
export type ModelId = keyof ModelCapsTable;

/** The model ids that serve mode `M`. */
export type ModelIdOf<M extends VideoMode> = {
  [K in ModelId]: M extends keyof ModelCapsTable[K]['modes'] ? K : never;
}[ModelId];

/** Text-to-video model ids. */
export type TextToVideoModel = ModelIdOf<'textToVideo'>;
/** Image-to-video model ids. */
export type ImageToVideoModel = ModelIdOf<'imageToVideo'>;
/** Reference-to-video model ids. */
export type ReferenceToVideoModel = ModelIdOf<'referenceToVideo'>;
/** Video-editing model ids. */
export type EditVideoModel = ModelIdOf<'editVideo'>;
/** Character animation model ids. */
export type AnimateCharacterModel = ModelIdOf<'animateCharacter'>;
/** Talking-head model ids. */
export type SpeechToVideoModel = ModelIdOf<'speechToVideo'>;
/** Lip-sync model ids. */
export type LipSyncModel = ModelIdOf<'lipSync'>;

/** The model each mode uses unless told otherwise. */
export interface DefaultModels {
  /** Text to video. */
  readonly textToVideo: TextToVideoModel;
  /** Image to video. */
  readonly imageToVideo: ImageToVideoModel;
  /** Reference to video. */
  readonly referenceToVideo: ReferenceToVideoModel;
  /** Video editing. */
  readonly editVideo: EditVideoModel;
  /** Character animation. */
  readonly animateCharacter: AnimateCharacterModel;
  /** Talking heads. */
  readonly speechToVideo: SpeechToVideoModel;
  /** Lip sync. */
  readonly lipSync: LipSyncModel;
}

const DEFAULTS = {
  textToVideo: 'wan2.6-t2v',
  imageToVideo: 'wan2.6-i2v',
  referenceToVideo: 'wan2.6-r2v',
  editVideo: 'wan2.7-videoedit',
  animateCharacter: 'wan2.2-animate-move',
  speechToVideo: 'wan2.2-s2v',
  lipSync: 'videoretalk',
} as const satisfies DefaultModels;

/** The default model of each mode. */
export const DEFAULT_MODELS: DefaultModels = DEFAULTS;

/**
 * The SDK's default model of mode `M`: a request of that mode without `model` is typed as this
 * model's request.
 */
export type DefaultModelOf<M extends VideoMode> = (typeof DEFAULTS)[M];

const VIDEO_SYNTHESIS = '/api/v1/services/aigc/video-generation/video-synthesis';
const IMAGE2VIDEO = '/api/v1/services/aigc/image2video/video-synthesis';

/** Entries of models that share a reason and a path, with the conservative default limits. */
function unsupported(models: readonly string[], reason: string, path: string): Record<string, UnsupportedModel> {
  return Object.fromEntries(models.map((model) => [model, { reason, limits: LIMITS_2, path }]));
}

/** A model the service serves that the SDK has no typed request for yet. */
export interface UnsupportedModel {
  /** Why, and what to do instead. */
  readonly reason: string;
  /** Its limits, which `client.submitTask` keeps to. */
  readonly limits: ModelLimits;
  /** Its submit path. */
  readonly path: string;
}

/**
 * Models the service serves that the SDK has no typed request for yet, and why. Their limits are
 * known, so `client.submitTask` keeps to them.
 */
export const UNSUPPORTED_MODELS: Readonly<Record<string, UnsupportedModel>> = {
  ...unsupported(
    ['emo-v1', 'liveportrait', 'animate-anyone-gen2', 'emoji-v1', 'video-style-transform'],
    'its body is known only from secondary sources (each needs its -detect model first); send it with client.submitTask',
    IMAGE2VIDEO,
  ),
  ...unsupported(
    [
      'pixverse/pixverse-c1-t2v', 'pixverse/pixverse-c1-it2v', 'pixverse/pixverse-c1-kf2v', 'pixverse/pixverse-c1-r2v',
      'pixverse/pixverse-v6-t2v', 'pixverse/pixverse-v6-it2v', 'pixverse/pixverse-v6-kf2v', 'pixverse/pixverse-v6-r2v',
      'pixverse/pixverse-v6-r2v-omni', 'pixverse/pixverse-v5.6-t2v', 'pixverse/pixverse-v5.6-it2v', 'pixverse/pixverse-v5.6-kf2v',
      'pixverse/pixverse-lipsync', 'pixverse/pixverse-motioncontrol', 'pixverse/pixverse-upscale',
    ],
    'a PixVerse partner model (cn only) whose body no Alibaba page or official SDK confirms; send it with client.submitTask',
    VIDEO_SYNTHESIS,
  ),
  ...unsupported(
    [
      'vidu/viduq3-turbo_text2video', 'vidu/viduq3-pro_text2video', 'vidu/viduq3-pro_img2video', 'vidu/viduq3-pro-fast_img2video',
      'vidu/viduq3-turbo_start-end2video', 'vidu/viduq3-mix_reference2video', 'vidu/viduq3-ad_reference2video',
      'vidu/viduq3-drama_reference2video', 'vidu/viduq2-pro_reference2video',
    ],
    'a Vidu partner model (cn only) whose body no Alibaba page or official SDK confirms; send it with client.submitTask',
    VIDEO_SYNTHESIS,
  ),
};

/** The caps of a model as the general {@link ModelCaps} type. */
export function capsOf(model: ModelId): ModelCaps {
  const table: Readonly<Record<string, ModelCaps>> = modelCaps;
  return table[model] as ModelCaps;
}

/** The model ids that serve `mode`, in table order; with `region`, only those that region serves. */
export function modelsOf(mode: VideoMode, region?: Region): ModelId[] {
  return (Object.keys(modelCaps) as ModelId[]).filter((id) => capsOf(id).modes[mode] !== undefined && (region === undefined || capsOf(id).regions.includes(region)));
}

/** True when `id` names a model in {@link modelCaps}. */
export function isModelId(id: string): id is ModelId {
  return Object.hasOwn(modelCaps, id);
}

/** The modes a model serves. */
export function modesOf(model: ModelId): VideoMode[] {
  return VIDEO_MODES.filter((mode) => capsOf(model).modes[mode] !== undefined);
}

/** Whether `model` takes `option` in `mode`. */
export function takesOption(model: ModelId, mode: VideoMode, option: OptionKey): boolean {
  return capsOf(model).modes[mode]?.options.includes(option) ?? false;
}

/**
 * The model's name in `region`: itself where that region serves it, else the name its region
 * serves it under (`wanx2.1-t2v-turbo` in cn for `wan2.1-t2v-turbo`, `wan2.6-t2v-us` in us), if any.
 */
export function nameInRegion(model: ModelId, region: Region): ModelId | undefined {
  if (capsOf(model).regions.includes(region)) return model;
  const base = capsOf(model).sameModelAs ?? model;
  return (Object.keys(modelCaps) as ModelId[]).find((id) => {
    const { sameModelAs, regions } = capsOf(id);
    return (id === base || sameModelAs === base || sameModelAs === model) && regions.includes(region);
  });
}

/** The dated snapshot pattern: `<base model>-YYYY-MM-DD`. */
const SNAPSHOT = /^(.+)-(\d{4}-\d{2}-\d{2})$/;

/** True for a dated snapshot name such as `wan2.7-t2v-2026-04-25`. */
export function isSnapshot(name: string): boolean {
  return SNAPSHOT.test(name);
}

/**
 * The caps entry a model name uses: its own, or for a dated snapshot not in the table yet
 * (`wan2.7-t2v-2026-09-01`), its base model's. The snapshot keeps its own name on the wire.
 */
export function capsEntryFor(name: string): ModelId | undefined {
  if (isModelId(name)) return name;
  const base = SNAPSHOT.exec(name)?.[1];
  return base !== undefined && isModelId(base) ? base : undefined;
}

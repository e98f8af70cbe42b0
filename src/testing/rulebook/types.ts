/**
 * The shape of the simulator's rulebook: what the simulated service accepts of one model, in the
 * service's own terms (wire paths, wire model names, `input.*` and `parameters.*` field names).
 * The data is in the model modules beside this one, each entry citing the docs/protocol.md section
 * it follows. Nothing here is read from the SDK's caps table (`src/models/`): when the two agree,
 * it is because docs/protocol.md says the same thing twice, not because one copies the other.
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';

/**
 * How a body carries its inputs (docs/protocol.md §9.1): `flat` one `*_url` field per input,
 * `media` typed items of `input.media[]`, `keyframes` the first and last frame fields, `vace` one of
 * the VACE functions, `animation` the animate/s2v/lip-sync inputs, `kling` Kling's `media[]` items,
 * `opaque` a model whose body the notes do not give (only its path and URLs are checked).
 */
type BodyShape = 'flat' | 'media' | 'keyframes' | 'vace' | 'animation' | 'kling' | 'opaque';

/** Free text (`input.prompt`, `input.negative_prompt`). */
export interface TextRule {
  /** The kind of rule. */
  readonly kind: 'text';
  /** Whether the body must carry it (and not empty). */
  readonly required?: boolean;
  /** Present `media[]` item types that make a required prompt optional (an image to video request of an all-in-one model). */
  readonly optionalWith?: readonly string[];
  /** Longest text in characters. */
  readonly maxLength?: number;
  /** Whether a Chinese (Han) character counts twice against `maxLength` (HappyHorse, docs/protocol.md §10.2). */
  readonly hanCountsTwice?: boolean;
  /** Whether the service cuts a longer text instead of refusing it (HappyHorse, docs/protocol.md §10.2). */
  readonly truncates?: boolean;
}

/** One input URL (`input.img_url`, `input.video_url`, ...). */
export interface UrlRule {
  /** The kind of rule. */
  readonly kind: 'url';
  /** Whether the body must carry it. */
  readonly required?: boolean;
  /** Whether a `data:image/...;base64,` URI is accepted instead (images, docs/protocol.md §3.2). */
  readonly dataUri?: boolean;
}

/** A list of input URLs (`input.reference_urls`, `input.ref_images_url`). */
export interface UrlListRule {
  /** The kind of rule. */
  readonly kind: 'url-list';
  /** Whether the body must carry it, with at least one URL. */
  readonly required?: boolean;
  /** Whether image items may be `data:` URIs. */
  readonly dataUri?: boolean;
}

/** One value of a fixed list (`parameters.size`, `parameters.resolution`, `parameters.ratio`, ...). */
export interface ChoiceRule {
  /** The kind of rule. */
  readonly kind: 'choice';
  /** The values accepted. */
  readonly values: readonly string[];
  /** Fewer values in some regions (wan2.2-i2v-flash in intl: 480P, 720P). */
  readonly byRegion?: Readonly<Partial<Record<Region, readonly string[]>>>;
  /** Whether the body must carry it. */
  readonly required?: boolean;
}

/** A boolean switch (`parameters.watermark`, `parameters.prompt_extend`, ...). */
export interface FlagRule {
  /** The kind of rule. */
  readonly kind: 'flag';
}

/** A number within a closed range; `integer` for whole numbers only (`parameters.seed`). */
export interface NumberRule {
  /** The kind of rule. */
  readonly kind: 'integer' | 'number';
  /** Lowest accepted. */
  readonly min: number;
  /** Highest accepted. */
  readonly max: number;
  /** Whether the body must carry it. */
  readonly required?: boolean;
}

/**
 * A field checked elsewhere: `duration` against the model's {@link DurationRule} once the task runs
 * (docs/protocol.md §4), `media` by the model's {@link MediaRules}, `any` a structure the notes name
 * but do not detail (`obj_or_bg`, `multi_prompt`, `element_list`).
 */
export interface DeferredRule {
  /** The kind of rule. */
  readonly kind: 'duration' | 'media' | 'any';
}

/** What one wire field accepts. */
export type FieldRule = TextRule | UrlRule | UrlListRule | ChoiceRule | FlagRule | NumberRule | DeferredRule;

/** The fields of `input` and of `parameters` a body may carry, by wire name. */
export interface FieldRules {
  /** `input.*` fields. */
  readonly input: Readonly<Record<string, FieldRule>>;
  /** `parameters.*` fields. */
  readonly parameters: Readonly<Record<string, FieldRule>>;
  /** Groups of `input.*` fields of which the body must carry at least one (VACE's mask or clip inputs). */
  readonly oneOf?: readonly (readonly string[])[];
}

/**
 * `parameters.duration` in whole seconds. A value outside is accepted at submit and fails the task
 * with `InvalidParameter` (docs/protocol.md §4).
 */
export interface DurationRule {
  /** Shortest. */
  readonly min: number;
  /** Longest. */
  readonly max: number;
  /** What the service makes when none is given. */
  readonly default: number;
  /** Only these values of the range (wan2.5: 5 or 10). */
  readonly only?: readonly number[];
  /** Values outside the range with a meaning (wan3.0's -1, videoedit's 0). */
  readonly special?: readonly number[];
  /** The longest once any input is a reference video (wan2.7-r2v, Kling omni: 10). */
  readonly maxWithVideo?: number;
}

/** What kind of file a `media[]` item is. */
type MediaKind = 'image' | 'video' | 'audio';

/** One `media[]` item type a model takes. */
interface MediaTypeRule {
  /** What the file is; images may be `data:` URIs. */
  readonly kind: MediaKind;
  /** Most items of this type. */
  readonly max: number;
  /** Whether it counts as a reference (`reference_*`, Kling's `refer`/`feature`) for the totals. */
  readonly reference?: boolean;
}

/** The `input.media[]` rules of a `media` or `kling` model (docs/protocol.md §3.4, §9.2, §10). */
export interface MediaRules {
  /** The item types taken, by wire type. */
  readonly types: Readonly<Record<string, MediaTypeRule>>;
  /** Whether a body without `media` (or with an empty one) is refused; a wan2.6-shaped body fails the task instead (§3.4). */
  readonly required: boolean;
  /** Most reference items of every type together (wan2.7-r2v: 5). */
  readonly maxReferences?: number;
  /** Most reference images once a reference video is given (Kling omni: 4). */
  readonly maxImagesWithVideo?: number;
  /** The frame types that may be given together, when only some sets are served (wan2.7-i2v). */
  readonly combinations?: readonly (readonly string[])[];
  /** Types that cannot go with each other's group (wan3.0: frames vs references, `file`, `link`). */
  readonly exclusive?: readonly [readonly string[], readonly string[]];
  /** Types of which at most one item may be given in all (wan3.0: `file` or `link`). */
  readonly oneOfTypes?: readonly string[];
  /** Extra keys a reference item may carry (wan2.7-r2v: `reference_voice`, `reference_description`). */
  readonly itemKeys?: readonly string[];
  /** Whether any item may be a `data:{mime};base64,` URI, not only images (HappyHorse, §10.2). */
  readonly anyDataUri?: boolean;
}

/** Flat reference URLs (`input.reference_urls`, wan2.6-r2v): kinds read from the file extension. */
export interface FlatReferenceRules {
  /** Most reference images, when limited. */
  readonly maxImages?: number;
  /** Most reference videos. */
  readonly maxVideos: number;
  /** Most references together, when limited. */
  readonly max?: number;
}

/** How `usage` looks for the model (docs/protocol.md §9.5, §10). */
export interface UsageRule {
  /**
   * The generation's field set: `wan2.1` (`video_duration`, `video_ratio`, `video_count`),
   * `wan2.2` (wan2.2 and 2.5: `duration`, `SR`, `video_count`), `wan2.6` (adds input and output
   * seconds, `size`, `audio`), `wan2.7` (wan2.7, wan3.0, HappyHorse, Kling: adds `ratio` and `fps`),
   * `animation` (`video_duration`, `video_count`, and `video_ratio` for animate).
   */
  readonly shape: 'wan2.1' | 'wan2.2' | 'wan2.6' | 'wan2.7' | 'animation';
  /** Seconds of input video billed in `duration`: none when absent, all, or at most `maxSeconds`. */
  readonly billsInputVideo?: { readonly maxSeconds?: number };
  /** Whether `input_video_duration` is reported even at 0 (models that take input videos). */
  readonly reportsInputVideo?: boolean;
  /** Whether `audio` is reported (wan2.6-i2v-flash, whose price depends on it). */
  readonly reportsAudio?: boolean;
  /** Whether `video_ratio` is reported (animate). */
  readonly reportsRatio?: boolean;
  /** Frames per second of the output (`fps` of the wan2.7 shape; 24 unless given). */
  readonly fps?: number;
  /**
   * The duration the service uses when the body gives none; 0 for the input's length (a video
   * edit), which the simulator cannot measure and makes 5.04 s, as it does for -1 (the model picks).
   */
  readonly defaultSeconds: number;
  /** The resolution made when the body gives none, for `SR`. */
  readonly defaultResolution: string;
}

/** How a succeeded task's answer carries its video (docs/protocol.md §4, §10). */
interface ResultRule {
  /** `output.video_url`, or `output.results.video_url` (animate, s2v). */
  readonly at: 'video_url' | 'results.video_url';
  /** Whether the answer adds `watermark_video_url` (Kling, §10.5). */
  readonly watermarkedCopy?: boolean;
}

/** The service's limits for a model (docs/protocol.md §6, §9.3); absent where unpublished. */
export interface LimitRule {
  /** Submits per second. */
  readonly submitsPerSecond: number;
  /** Tasks unfinished at once. */
  readonly concurrentTasks: number;
  /** Stricter limits in a region (intl wan2.1-kf2v-plus: 1 submit a second). */
  readonly byRegion?: Readonly<Partial<Record<Region, Partial<Pick<LimitRule, 'submitsPerSecond' | 'concurrentTasks'>>>>>;
}

/** Everything the simulated service knows of one model name. */
export interface ModelRule {
  /** The submit path it is served on. */
  readonly path: string;
  /** The regions that serve it under this name. */
  readonly regions: readonly Region[];
  /** How its body carries the inputs. */
  readonly shape: BodyShape;
  /** The fields it takes; for VACE, those of every function (each function adds its own). */
  readonly fields: FieldRules;
  /** `parameters.duration`, where it takes one. */
  readonly duration?: DurationRule;
  /** `input.media[]`, for the `media` and `kling` shapes. */
  readonly media?: MediaRules;
  /** `input.reference_urls`, for flat reference models. */
  readonly flatReferences?: FlatReferenceRules;
  /** The VACE functions and the fields each adds (docs/protocol.md §9.1). */
  readonly functions?: Readonly<Record<string, VaceFunctionRule>>;
  /** Published limits. */
  readonly limits?: LimitRule;
  /** `usage` of a succeeded task. */
  readonly usage: UsageRule;
  /** Where a succeeded task's video is. */
  readonly result: ResultRule;
}

/** One VACE function: the fields it adds to the common ones, and its reference image limit. */
export interface VaceFunctionRule extends FieldRules {
  /** Most `ref_images_url` items; more are refused, unless `keepsFirst`. */
  readonly maxReferenceImages: number;
  /** Whether the service keeps the first `maxReferenceImages` and drops the rest instead of refusing. */
  readonly keepsFirst?: boolean;
}

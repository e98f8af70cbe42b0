/**
 * The request types of the mode methods. Each is a union over the mode's models, discriminated by
 * `model`: a model's member has the options it takes in that mode (their types inferred from the
 * option fields' zod schemas, resolutions and ratios narrowed to the model's), and every other
 * option of the mode typed `never`, so that editors flag it.
 *
 * @module
 */
import type {
  AnimateCharacterModel, DefaultModelOf, EditVideoModel, ImageToVideoModel, LipSyncModel, ModeOptionKey, ModelCapsTable, ModelId,
  ReferenceToVideoModel, SpeechToVideoModel, TextToVideoModel, VideoMode,
} from './caps.ts';
import type { OptionDocs } from './option-docs.ts';
import type { OptionInputs } from './options.ts';

type ModeCapsOf<Id extends ModelId, Mode extends VideoMode> = ModelCapsTable[Id]['modes'] extends infer Modes
  ? Mode extends keyof Modes ? Modes[Mode] : never
  : never;

type Taken<Id extends ModelId, Mode extends VideoMode> = ModeCapsOf<Id, Mode> extends { readonly options: readonly (infer K)[] } ? K & ModeOptionKey<Mode> : never;
type Needed<Id extends ModelId, Mode extends VideoMode> = ModeCapsOf<Id, Mode> extends { readonly required: readonly (infer K)[] } ? K & ModeOptionKey<Mode> : never;

/** Option types narrowed to one model's caps. */
interface Narrowed<Id extends ModelId> {
  readonly resolution: ModelCapsTable[Id]['resolutions'][number];
  readonly aspectRatio: ModelCapsTable[Id]['aspectRatios'][number];
}

type ValueOf<Id extends ModelId, K extends keyof OptionInputs> = K extends keyof Narrowed<Id> ? Narrowed<Id>[K] : OptionInputs[K];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The `model` of a mode's default model: may be left out. */
export interface DefaultModelField<Id extends ModelId> {
  /** The model; the mode's default when left out. */
  readonly model?: Id | undefined;
}

/** The `model` of any other model: required, so that it picks the request's options. */
export interface ModelField<Id extends ModelId> {
  /** The model. */
  readonly model: Id;
}

/** Options every request takes: wire fields the SDK does not know yet, merged last. */
export interface PassThroughOptions {
  /** Extra `input` fields, sent as is and merged last. */
  readonly extraInput?: Record<string, unknown> | undefined;
  /** Extra `parameters` fields, sent as is and merged last. */
  readonly extraParameters?: Record<string, unknown> | undefined;
}

/**
 * The request of model `Id` in mode `Mode`, as the caller writes it. `model` may be left out only
 * for the mode's default model, so that a request without it is checked against that model's
 * options (with `defaultModels` changed, name the model in each request).
 *
 * @example
 * ```ts
 * import type { RequestOf } from 'modelstudio-video';
 *
 * const request: RequestOf<'wan2.7-i2v', 'imageToVideo'> = {
 *   model: 'wan2.7-i2v',
 *   image: 'https://example.com/first.png',
 *   lastFrame: 'https://example.com/last.png',
 *   prompt: 'The flower blooms',
 * };
 * ```
 */
export type RequestOf<Id extends ModelId, Mode extends VideoMode> = Simplify<
  (Id extends DefaultModelOf<Mode> ? DefaultModelField<Id> : ModelField<Id>) & {
    // Mapped over OptionDocs so that each option keeps its doc (editors, the API reference).
    readonly [K in keyof OptionDocs as K extends Needed<Id, Mode> ? K : never]: ValueOf<Id, K>;
  } & {
    readonly [K in keyof OptionDocs as K extends Exclude<Taken<Id, Mode>, Needed<Id, Mode>> ? K : never]?: ValueOf<Id, K> | undefined;
  } & {
    readonly [K in keyof OptionDocs as K extends Exclude<ModeOptionKey<Mode>, Taken<Id, Mode>> ? K : never]?: never;
  } & PassThroughOptions
>;

type RequestsOf<Mode extends VideoMode, Ids extends ModelId> = { [Id in Ids]: RequestOf<Id, Mode> }[Ids];

/** A `textToVideo` request: the options depend on `model`. */
export type TextToVideoRequest = RequestsOf<'textToVideo', TextToVideoModel>;

/** An `imageToVideo` request: the options depend on `model`. */
export type ImageToVideoRequest = RequestsOf<'imageToVideo', ImageToVideoModel>;

/** A `referenceToVideo` request: the options depend on `model`. */
export type ReferenceToVideoRequest = RequestsOf<'referenceToVideo', ReferenceToVideoModel>;

/** An `editVideo` request: the options depend on `model`. */
export type EditVideoRequest = RequestsOf<'editVideo', EditVideoModel>;

/** An `animateCharacter` request: the options depend on `model`. */
export type AnimateCharacterRequest = RequestsOf<'animateCharacter', AnimateCharacterModel>;

/** A `speechToVideo` request: the options depend on `model`. */
export type SpeechToVideoRequest = RequestsOf<'speechToVideo', SpeechToVideoModel>;

/** A `lipSync` request: the options depend on `model`. */
export type LipSyncRequest = RequestsOf<'lipSync', LipSyncModel>;

/** The request type of each mode, as the mode methods take it. */
export interface ModeRequests {
  /** What `client.textToVideo` takes. */
  readonly textToVideo: TextToVideoRequest;
  /** What `client.imageToVideo` takes. */
  readonly imageToVideo: ImageToVideoRequest;
  /** What `client.referenceToVideo` takes. */
  readonly referenceToVideo: ReferenceToVideoRequest;
  /** What `client.editVideo` takes. */
  readonly editVideo: EditVideoRequest;
  /** What `client.animateCharacter` takes. */
  readonly animateCharacter: AnimateCharacterRequest;
  /** What `client.speechToVideo` takes. */
  readonly speechToVideo: SpeechToVideoRequest;
  /** What `client.lipSync` takes. */
  readonly lipSync: LipSyncRequest;
}

/** The request of mode `M`, as its method (and `client.estimateCost(mode, ...)`) takes it. */
export type RequestOfMode<M extends VideoMode> = ModeRequests[M];

/**
 * A request whose static type is `unknown`, such as parsed JSON: what `client.generate` and
 * `client.estimateCost` take with a `string` mode, and check at run time. A request of any other
 * type must match its mode's typed request, so that a typo in typed code still fails to compile.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 *
 * const request: unknown = JSON.parse('{"prompt":"A fox in snow"}');
 * const estimate = new ModelStudioClient().estimateCost('textToVideo', request);
 * console.log(estimate.amount);
 * ```
 */
export type UncheckedRequest<R> = unknown extends R ? R : never;

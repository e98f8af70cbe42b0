/**
 * The AI SDK's video call options as a request of ours: the mode picked from the model and the
 * inputs, each option mapped to the model's, inline files as bytes for our uploader, and a warning
 * for every option the model cannot honour. The request is then validated by the client, like any
 * other.
 *
 * @module
 */
import type { Experimental_VideoModelV4CallOptions, Experimental_VideoModelV4File, JSONValue, SharedV4Warning } from '@ai-sdk/provider';
import type { ValidationIssue } from '../core/errors.ts';
import {
  MODE_OPTIONS, capsOf, isSnapshot, modelsOf, modesOf, takesOption,
  type AspectRatio, type ModelCaps, type ModelId, type OptionKey, type ReferenceKind, type Resolution, type VideoMode,
} from '../models/caps.ts';
import { inferReferenceKind } from '../models/references.ts';
import { describe, either, isRecord, plural } from '../core/text.ts';
import type { Region } from '../core/regions.ts';
import { extensionFor, kindOfMimeType } from '../media/local-media.ts';
import type { UploadMode } from '../task/uploader.ts';
import { ModelStudioInvalidArgumentError } from './errors.ts';
import { shapeFor } from './resolution.ts';

/** The key of this provider's options and metadata: `providerOptions.modelstudio`. */
export const PROVIDER_KEY = 'modelstudio';

/** A media input given in `providerOptions.modelstudio`: a URL, or a local file. */
export type ProviderMediaInput =
  | string
  | {
      /** A local file, read and uploaded (or, for a small image, inlined) at submit time. */
      readonly path: string;
      /** Its MIME type, when the extension does not tell. */
      readonly mimeType?: string;
    };

/** A reference given in `providerOptions.modelstudio.references`. */
export type ProviderReferenceInput =
  | string
  | {
      /** An http(s):// or oss:// URL, or for images a `data:` URI. */
      readonly url?: string;
      /** A local file, read and uploaded at submit time. */
      readonly path?: string;
      /** Whether it is an image, a video or an audio clip, when the URL does not tell. */
      readonly type?: ReferenceKind;
      /** A voice for this character (wan2.7-r2v): an audio URL. */
      readonly voice?: string;
    };

/**
 * `providerOptions.modelstudio`: every option of the model that the AI SDK has no argument for,
 * checked against the model's caps like a request of the client (an option the model does not take
 * is refused before anything is sent), and how the call runs. JSON only, as the AI SDK requires:
 * media are URLs or `{ path }` files. Write it with `satisfies` to keep the object literal JSON:
 * `providerOptions: { modelstudio: { negativePrompt: 'blurry' } satisfies ModelStudioVideoProviderOptions }`.
 */
export interface ModelStudioVideoProviderOptions {
  /** What to keep out of the video (flat and wan2.7 models). */
  readonly negativePrompt?: string;
  /** Let the service rewrite the prompt (its `actualPrompt` comes back in the metadata). */
  readonly promptExtend?: boolean;
  /** `single` or `multi` shot (wan2.6). */
  readonly shotType?: 'single' | 'multi';
  /** A watermark on the video. */
  readonly watermark?: boolean;
  /** Sound on or off; the AI SDK's `generateAudio` is the same switch (give one of them). */
  readonly audio?: boolean;
  /** An exact `"W*H"` size, instead of the AI SDK's `resolution`. */
  readonly size?: string;
  /** `480P`, `720P` or `1080P`, instead of the AI SDK's `resolution`. */
  readonly resolution?: Resolution;
  /** An aspect ratio, instead of the AI SDK's `aspectRatio`. */
  readonly aspectRatio?: AspectRatio;
  /** The video to edit: picks the edit mode (wan2.7-videoedit, wan3.0, wan2.1-vace-plus). */
  readonly video?: ProviderMediaInput;
  /** References after the AI SDK's `inputReferences` (`character1`, `character2`, ... in order), with a voice each where the model takes one. */
  readonly references?: readonly ProviderReferenceInput[];
  /** The first frame, instead of the AI SDK's `image`. */
  readonly image?: ProviderMediaInput;
  /** The last frame, instead of a `last_frame` in the AI SDK's `frameImages`. */
  readonly lastFrame?: ProviderMediaInput;
  /** The first frame of a reference video (wan2.7-r2v), instead of the AI SDK's `image`. */
  readonly firstFrame?: ProviderMediaInput;
  /** A clip to continue (wan2.7-i2v). */
  readonly continueFrom?: ProviderMediaInput;
  /** Audio that drives the video (wan2.7-i2v). */
  readonly drivingAudio?: ProviderMediaInput;
  /** Audio to put under the video (wan2.5, wan2.6, wan2.7-t2v). */
  readonly audioUrl?: ProviderMediaInput;
  /** An effect template (the keyframes models). */
  readonly template?: string;
  /** The VACE function of wan2.1-vace-plus. */
  readonly function?: 'image_reference' | 'video_repainting' | 'video_edit' | 'video_extension' | 'video_outpainting';
  /** The mask of a VACE `video_edit`. */
  readonly maskImage?: ProviderMediaInput;
  /** The frame the mask is for (VACE). */
  readonly maskFrameId?: number;
  /** `tracking` or `fixed` (VACE). */
  readonly maskType?: 'tracking' | 'fixed';
  /** The control of a VACE `video_repainting`. */
  readonly controlCondition?: 'posebodyface' | 'posebody' | 'depth' | 'scribble';
  /** 0–1 (VACE). */
  readonly strength?: number;
  /** How far a VACE edit or outpainting extends. */
  readonly expandRatio?: number;
  /** `obj` or `bg` per reference image (VACE `image_reference`). */
  readonly objOrBg?: readonly ('obj' | 'bg')[];
  /** `auto` or `origin` (wan2.7-videoedit, happyhorse-1.0-video-edit). */
  readonly audioSetting?: 'auto' | 'origin';
  /** `std` or `pro` (character animation). */
  readonly quality?: 'std' | 'pro';
  /** The face to sync when the video shows several (videoretalk). */
  readonly faceImage?: ProviderMediaInput;
  /** Extend the video to the audio's length (videoretalk). */
  readonly extendVideo?: boolean;
  /** A multi-shot video: 2–6 shots (Kling). */
  readonly shots?: readonly ProviderShot[];
  /** Wire `input` fields the SDK does not know yet, merged last. */
  readonly extraInput?: Readonly<Record<string, JSONValue>>;
  /** Wire `parameters` fields the SDK does not know yet, merged last. */
  readonly extraParameters?: Readonly<Record<string, JSONValue>>;
  /**
   * How inline files (bytes from the AI SDK) and `{ path }` files travel: `auto` (images up to
   * 1 MiB as `data:` URIs, the rest uploaded), `storage` (uploaded, `oss://`) or `inline`.
   * @default the client's `upload`, 'auto'
   */
  readonly upload?: UploadMode;
  /**
   * The most this call may cost, in the client's currency: above it, or with no known price, the
   * call fails with a `BudgetError` before anything is sent.
   */
  readonly maxCost?: number;
}

/** One shot of a multi-shot video. */
export interface ProviderShot {
  /** What the shot shows. */
  readonly prompt: string;
  /** Its length in whole seconds. */
  readonly duration: number;
}

/** A call mapped to a request of ours. */
export interface MappedCall {
  /** The mode, picked from the model and the inputs. */
  readonly mode: VideoMode;
  /** The request, for the mode's client method. */
  readonly request: Record<string, unknown>;
  /** `providerOptions.modelstudio.upload`. */
  readonly upload: UploadMode | undefined;
  /** `providerOptions.modelstudio.maxCost`. */
  readonly maxCost: number | undefined;
  /** What the model cannot honour. */
  readonly warnings: SharedV4Warning[];
  /** Where each request option came from: the AI SDK argument, for error messages. */
  readonly origins: ReadonlyMap<string, string>;
}

/** The model a call is for. */
export interface CallTarget {
  /** The model name as given (a snapshot keeps its name). */
  readonly model: string;
  /** Its caps entry. */
  readonly entry: ModelId;
  /** The client's region, when known. */
  readonly region: Region | undefined;
}

const RUN_OPTIONS = new Set(['upload', 'maxCost']);
/** Options with an AI SDK argument of their own: set there, not in providerOptions. */
const STANDARD: Readonly<Record<string, string>> = {
  prompt: "is the AI SDK's prompt argument",
  duration: "is the AI SDK's duration argument",
  seed: "is the AI SDK's seed argument",
  model: 'is the model id: modelstudio.video(modelId)',
};
const UPLOAD_MODES: readonly UploadMode[] = ['auto', 'storage', 'inline'];


function bytesOf(data: string | Uint8Array): Uint8Array {
  if (typeof data !== 'string') return data;
  const binary = atob(data.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** An AI SDK file as one of our media inputs: a URL as is, inline data as bytes for our uploader. */
function mediaOf(file: Experimental_VideoModelV4File, name: string): unknown {
  if (file.type === 'url') return file.url;
  const mimeType = file.mediaType.toLowerCase();
  return { data: bytesOf(file.data), fileName: `${name}${extensionFor(mimeType)}`, mimeType };
}

/** An AI SDK reference as one of ours: its kind from its media type where the URL does not tell. */
function referenceOf(file: Experimental_VideoModelV4File, index: number): unknown | { problem: string } {
  const kind: ReferenceKind | undefined = file.mediaType ? kindOfMimeType(file.mediaType.toLowerCase()) : undefined;
  if (file.type === 'file') {
    const media = mediaOf(file, `reference-${index + 1}`) as Record<string, unknown>;
    return kind ? { ...media, type: kind } : media;
  }
  if (kind) return { url: file.url, type: kind };
  if (inferReferenceKind(file.url) === undefined) {
    return {
      problem: `cannot tell whether ${describe(file.url)} is an image, a video or an audio clip; pass it as { data: url, mediaType: 'image/png' } (or 'video/mp4')`,
    };
  }
  return file.url;
}

/** The models that take `option` in `mode`, for "use ..." hints. */
function takers(mode: VideoMode, option: OptionKey): string {
  return either(modelsOf(mode).filter((id) => takesOption(id, mode, option) && !isSnapshot(id)));
}

/** The mode a call is for: the model's only one, else from the inputs (wan3.0 serves all four). */
function pickMode(entry: ModelId, inputs: { video: boolean; references: boolean; frames: boolean }): VideoMode {
  const modes = modesOf(entry);
  if (modes.length === 1) return modes[0] as VideoMode;
  const wanted: VideoMode = inputs.video ? 'editVideo' : inputs.references ? 'referenceToVideo' : inputs.frames ? 'imageToVideo' : 'textToVideo';
  return modes.includes(wanted) ? wanted : (modes[0] as VideoMode);
}

function unsupported(feature: string, details: string): SharedV4Warning {
  return { type: 'unsupported', feature, details };
}

/**
 * Maps the AI SDK's call options to a request of ours for `target`. Throws a
 * {@link ModelStudioInvalidArgumentError} for what cannot be mapped (an input the model cannot
 * use, a resolution that fits nothing, an option given twice), listing too what `validate` finds
 * in the rest of the request, so that one error names every problem; a request that maps is
 * validated by the client when it is submitted.
 */
export function mapCallOptions(
  target: CallTarget,
  options: Experimental_VideoModelV4CallOptions & { readonly webhookUrl?: string },
  validate?: (mode: VideoMode, request: Record<string, unknown>) => readonly ValidationIssue[],
): MappedCall {
  const { model, entry, region } = target;
  const caps: ModelCaps = capsOf(entry);
  const issues: ValidationIssue[] = [];
  const warnings: SharedV4Warning[] = [];
  const origins = new Map<string, string>();
  const request: Record<string, unknown> = {};
  const set = (key: string, value: unknown, origin: string) => {
    if (value === undefined) return;
    if (key in request) {
      issues.push({ path: origin, message: `sets ${key}, which is already set by ${origins.get(key) ?? 'another argument'}; give it once` });
      return;
    }
    request[key] = value;
    origins.set(key, origin);
  };

  // providerOptions.modelstudio: the model's other options, and how the call runs.
  const given = options.providerOptions?.[PROVIDER_KEY];
  if (given !== undefined && !isRecord(given)) {
    issues.push({ path: `providerOptions.${PROVIDER_KEY}`, message: `must be an object of options, got ${describe(given)}` });
  }
  const provider: Record<string, unknown> = isRecord(given) ? given : {};
  const upload = provider.upload;
  if (upload !== undefined && !UPLOAD_MODES.includes(upload as UploadMode)) {
    issues.push({ path: `providerOptions.${PROVIDER_KEY}.upload`, message: `must be ${either(UPLOAD_MODES.map((mode) => `'${mode}'`))}, got ${describe(upload)}` });
  }
  const maxCost = provider.maxCost;
  if (maxCost !== undefined && (typeof maxCost !== 'number' || !Number.isFinite(maxCost) || maxCost < 0)) {
    issues.push({ path: `providerOptions.${PROVIDER_KEY}.maxCost`, message: `must be a number of at least 0, got ${describe(maxCost)}` });
  }

  const firstFrame = options.image;
  const lastFrames = (options.frameImages ?? []).filter((frame) => frame.frameType === 'last_frame');
  const firstFrames = (options.frameImages ?? []).filter((frame) => frame.frameType === 'first_frame');
  if (lastFrames.length > 1 || firstFrames.length > 1) {
    issues.push({ path: 'frameImages', message: 'has more than one first_frame or last_frame; a video has one of each' });
  }
  const lastFrame = lastFrames[0]?.image;
  const inputReferences = options.inputReferences ?? [];
  const mode = pickMode(entry, {
    video: provider.video !== undefined,
    references: inputReferences.length > 0 || provider.references !== undefined,
    frames: firstFrame !== undefined || lastFrame !== undefined || provider.image !== undefined || provider.lastFrame !== undefined,
  });
  const modeOptions: readonly string[] = MODE_OPTIONS[mode];
  const serves = `${model} serves ${either(modesOf(entry))}`;

  // Inputs: a model never drops one (the video would be made, and billed, without it).
  // Lip sync and talking heads take no prompt: the AI SDK requires one, so an empty one is dropped
  // and any other is reported as ignored.
  if (modeOptions.includes('prompt')) set('prompt', options.prompt, 'prompt');
  else if (typeof options.prompt === 'string' && options.prompt.trim() !== '') warnings.push(unsupported('prompt', `${model} takes no prompt; it was not sent`));
  if (firstFrame !== undefined) {
    const origin = firstFrames.length > 0 ? 'frameImages' : 'image';
    const key = mode === 'referenceToVideo' ? 'firstFrame' : 'image';
    if (modeOptions.includes(key)) set(key, mediaOf(firstFrame, 'first-frame'), origin);
    else issues.push({ path: origin, message: `${serves} and takes no first frame${mode === 'editVideo' ? ' when editing' : ''}; image to video: ${takers('imageToVideo', 'image')}` });
  }
  if (lastFrame !== undefined) {
    if (modeOptions.includes('lastFrame')) set('lastFrame', mediaOf(lastFrame, 'last-frame'), 'frameImages');
    else issues.push({ path: 'frameImages', message: `${serves} and takes no last frame; first + last frame: ${takers('imageToVideo', 'lastFrame')}` });
  }
  const references: unknown[] = [];
  inputReferences.forEach((file, index) => {
    const reference = referenceOf(file, index);
    if (isRecord(reference) && typeof reference.problem === 'string') issues.push({ path: `inputReferences[${index}]`, message: reference.problem });
    else references.push(reference);
  });
  if (inputReferences.length > 0 && !modeOptions.includes('references')) {
    issues.push({ path: 'inputReferences', message: `${serves} and takes no references; reference to video: ${takers('referenceToVideo', 'references')}` });
  } else if (inputReferences.length > 0) {
    const extra = provider.references;
    if (extra !== undefined && !Array.isArray(extra)) {
      issues.push({ path: `providerOptions.${PROVIDER_KEY}.references`, message: `must be an array of references, got ${describe(extra)}` });
    }
    set('references', [...references, ...(Array.isArray(extra) ? (extra as unknown[]) : [])], 'inputReferences');
  }

  // Settings: what the model cannot honour comes back as a warning.
  const takes = (option: OptionKey) => takesOption(entry, mode, option);
  for (const [option, value] of [['duration', options.duration], ['seed', options.seed]] as const) {
    if (value === undefined) continue;
    if (takes(option)) set(option, value, option);
    else warnings.push(unsupported(option, `${model} takes no ${option} in ${mode}; the service's default applies`));
  }
  if (options.generateAudio !== undefined) {
    if (takes('audio')) set('audio', options.generateAudio, 'generateAudio');
    else warnings.push(unsupported('generateAudio', `${model} has no sound switch (it takes no audio option); sent without it, so the video has the model's own sound or none`));
  }
  if (options.n > 1) {
    warnings.push(unsupported('n', `${model} makes ${caps.maxVideos} video per task; making 1 (experimental_generateVideo makes one call per video, as maxVideosPerCall is ${caps.maxVideos})`));
  }
  if (options.fps !== undefined) warnings.push(unsupported('fps', `${model} has a fixed frame rate (wan2.7 and wan3.0: 30 fps, reported in usage.fps)`));
  if (options.webhookUrl !== undefined) {
    warnings.push(unsupported('webhookUrl', 'Model Studio cannot call a URL per task (its task events go through EventBridge): receive them with modelstudio-video/events (a client given events and onTaskEvent), or poll with experimental_getVideoStatus'));
  }
  const headers = Object.entries(options.headers ?? {})
    .filter(([name, value]) => value !== undefined && name.toLowerCase() !== 'user-agent')
    // The AI SDK adds an idempotency key of its own to every start; the service has no such header.
    .filter(([name, value]) => !(name.toLowerCase() === 'idempotency-key' && String(value).startsWith('aisdk_vid_')))
    .map(([name]) => name);
  if (headers.length > 0) {
    warnings.push(unsupported('headers', `not sent: the client sends its own headers (ignored: ${headers.join(', ')}); use the client's options (workspace, ...) instead`));
  }

  // Output shape.
  const ratioValues: readonly string[] = caps.aspectRatios;
  let aspectRatio: string | undefined = options.aspectRatio;
  if (aspectRatio !== undefined) {
    const followsInput = ratioValues.length === 0 || (!takes('aspectRatio') && !takes('size'));
    if (followsInput) {
      if (aspectRatio !== 'adaptive') warnings.push(unsupported('aspectRatio', `${model} makes the video in the aspect ratio of its input; ${aspectRatio} was not sent`));
      aspectRatio = undefined;
    } else if (aspectRatio === 'adaptive' && !ratioValues.includes('adaptive')) {
      warnings.push(unsupported('aspectRatio', `${model} has no adaptive ratio (it makes ${ratioValues.join(', ')}); the service's default applies`));
      aspectRatio = undefined;
    } else if (!takes('aspectRatio') && options.resolution === undefined) {
      warnings.push(unsupported('aspectRatio', `${model} takes an exact size: give resolution (such as 1280x720) instead; ${aspectRatio} was not sent`));
      aspectRatio = undefined;
    }
  }
  if (options.resolution !== undefined) {
    const served = (region && caps.resolutionsByRegion?.[region]) || caps.resolutions;
    if (!takes('resolution') && !takes('size')) {
      warnings.push(unsupported('resolution', `${model} takes no resolution in ${mode}`));
    } else {
      const choice = shapeFor({ model, caps, served, takesSize: takes('size'), takesAspectRatio: takes('aspectRatio') }, options.resolution, aspectRatio);
      if ('problem' in choice) {
        issues.push({ path: 'resolution', message: choice.problem });
      } else {
        set('size', choice.size, 'resolution');
        set('resolution', choice.resolution, 'resolution');
        set('aspectRatio', choice.aspectRatio, aspectRatio === undefined ? 'resolution' : 'aspectRatio');
        if (choice.warning) warnings.push({ type: 'compatibility', feature: 'resolution', details: choice.warning });
      }
    }
  } else if (aspectRatio !== undefined) {
    set('aspectRatio', aspectRatio, 'aspectRatio');
  }

  // The rest of providerOptions.modelstudio, as given: the client's schema checks each.
  for (const [key, value] of Object.entries(provider)) {
    if (RUN_OPTIONS.has(key) || value === undefined || (key === 'references' && inputReferences.length > 0)) continue;
    const path = `providerOptions.${PROVIDER_KEY}.${key}`;
    if (STANDARD[key] !== undefined) {
      issues.push({ path, message: `${STANDARD[key]}, not a provider option` });
      continue;
    }
    if (key === 'audio' && request.audio !== undefined) {
      issues.push({ path, message: 'and generateAudio are the same switch; give one of them' });
      continue;
    }
    if ((key === 'size' || key === 'resolution' || key === 'aspectRatio') && (options.resolution !== undefined || (key === 'aspectRatio' && options.aspectRatio !== undefined))) {
      issues.push({ path, message: `and the AI SDK's ${key === 'aspectRatio' ? 'aspectRatio' : 'resolution'} both set the output shape; give one of them` });
      continue;
    }
    set(key, value, path);
  }

  if (issues.length > 0) {
    const first = issues[0] as ValidationIssue;
    const seen = new Set(issues.map((issue) => `${issue.path}\u0000${issue.message}`));
    for (const issue of validate?.(mode, { model, ...request }) ?? []) {
      if (!seen.has(`${issue.path}\u0000${issue.message}`)) issues.push(issue);
    }
    throw new ModelStudioInvalidArgumentError(
      `Invalid ${mode} call for ${model} (${plural(issues.length, 'problem')}); nothing was sent:`,
      issues,
      first.path.replace(/\[\d+\].*$/, ''),
    );
  }
  return {
    mode,
    request: { model, ...request },
    upload: upload as UploadMode | undefined,
    maxCost: maxCost as number | undefined,
    warnings,
    origins,
  };
}

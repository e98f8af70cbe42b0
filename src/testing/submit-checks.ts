/**
 * What the simulated service checks in a submit body, per wire family, from the caps table. Two
 * kinds of outcome, as on the real service (docs/protocol.md §3, §4): a bad request is refused at
 * submit with HTTP 400/404; some errors (an unsupported duration, the wan2.6 input shape sent to a
 * media model, a prompt that moderation flags) are accepted and fail the task afterwards.
 *
 * @module
 */
import {
  UNSUPPORTED_MODELS, capsEntryFor, capsOf, type ModelCaps, type ModelId, type OptionKey, type ReferenceKind,
} from '../models/caps.ts';
import { WIRE_FAMILIES } from '../models/families/index.ts';
import { allSizes } from '../models/output-shape.ts';
import { inferReferenceKind } from '../models/references.ts';
import { characters } from '../core/text.ts';
import { VACE_FUNCTIONS } from '../models/vace-functions.ts';
import type { Region } from '../core/regions.ts';

/** A refusal at submit: HTTP status, service code and message. */
export interface Refusal {
  /** HTTP status. */
  readonly status: number;
  /** The service's error code. */
  readonly code: string;
  /** The service's message. */
  readonly message: string;
}

/** A failure the task reports after it was accepted. */
export interface TaskFailure {
  /** `output.code`, such as `InvalidParameter` or `DataInspectionFailed`. */
  readonly code: string;
  /** `output.message`. */
  readonly message: string;
}

/** The result of checking one submit. */
export type SubmitVerdict =
  | { readonly ok: false; readonly refusal: Refusal }
  | {
      readonly ok: true;
      /** The model name as sent. */
      readonly model: string;
      readonly failure: TaskFailure | undefined;
      /** Every input URL of the body, for resolving `oss://` uploads. */
      readonly inputUrls: readonly string[];
    };

/** What the checks need beyond the body. */
export interface SubmitContext {
  /** The submit path. */
  readonly path: string;
  /** The region whose model names are served; every name when absent. */
  readonly region: Region | undefined;
  /** Whether `X-DashScope-OssResourceResolve: enable` was sent. */
  readonly ossResolve: boolean;
  /** Whether an `oss://` key names an uploaded object. */
  readonly hasUpload: (key: string) => boolean;
  /** Prompt words that make moderation fail the task. */
  readonly moderationWords: readonly string[];
  /** Stricter duration lists per model, where configured. */
  readonly supportedDurations: Partial<Record<string, readonly number[]>>;
}

type Json = Record<string, unknown>;

/** Thrown inside a check to refuse the submit. */
class Refused extends Error {
  readonly refusal: Refusal;

  constructor(refusal: Refusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
}

const refuse = (message: string, status = 400, code = 'InvalidParameter'): never => {
  throw new Refused({ status, code, message });
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one input URL and notes it; refuses a bad one. */
function checkUrl(field: string, url: unknown, allowData: boolean, context: SubmitContext, urls: string[]): void {
  if (typeof url !== 'string' || url.length === 0) refuse(`Field required: ${field}`);
  const text = url as string;
  if (text.startsWith('oss://')) {
    if (!context.ossResolve) refuse(`${field} is an oss:// URL but the header X-DashScope-OssResourceResolve: enable is missing`);
    if (!context.hasUpload(text.slice('oss://'.length))) refuse(`The oss resource of ${field} does not exist or expired: ${text}`);
  } else if (text.startsWith('data:')) {
    if (!allowData || !/^data:image\/[\w.+-]+;base64,/.test(text)) refuse(`${field} is not a valid base64 image data URI`);
  } else if (!/^https?:\/\/[^\s]+$/.test(text)) {
    refuse(`${field} is not a valid URL: ${text.slice(0, 100)}`);
  }
  urls.push(text);
}

/** Whether every mode of the model needs a prompt, so that a body without one is refused. */
function promptAlwaysRequired(caps: ModelCaps): boolean {
  return Object.values(caps.modes).every((mode) => mode.required.includes('prompt'));
}

function checkPrompt(input: Json, caps: ModelCaps, required: boolean): void {
  const { prompt, negative_prompt: negative } = input;
  if (prompt === undefined || prompt === '') {
    if (required) refuse('Field required: input.prompt');
    return;
  }
  if (typeof prompt !== 'string') refuse('input.prompt must be a string');
  if (characters(prompt as string) > caps.prompt.maxLength) refuse(`Range of input.prompt length should be [1, ${caps.prompt.maxLength}]`);
  const most = caps.negativePrompt?.maxLength;
  if (negative !== undefined && most !== undefined && (typeof negative !== 'string' || characters(negative) > most)) {
    refuse(`Range of input.negative_prompt length should be [0, ${most}]`);
  }
}

function checkParameters(parameters: Json, caps: ModelCaps): void {
  const { size, resolution, ratio } = parameters;
  if (size !== undefined && caps.output === 'size' && caps.sizes && !allSizes(caps.sizes).includes(String(size))) {
    refuse(`The size is not supported: ${String(size)}. Supported sizes: ${allSizes(caps.sizes).join(', ')}`);
  }
  if (resolution !== undefined && caps.output !== 'size' && !caps.resolutions.some((allowed) => allowed === resolution)) {
    refuse(`The resolution is not supported: ${String(resolution)}. Supported: ${caps.resolutions.join(', ')}`);
  }
  if (ratio !== undefined && caps.output === 'resolution+ratio' && !caps.aspectRatios.some((allowed) => allowed === ratio)) {
    refuse(`The ratio is not supported: ${String(ratio)}. Supported: ${caps.aspectRatios.join(', ') || 'none (the ratio follows the input)'}`);
  }
  for (const flag of ['watermark', 'prompt_extend', 'audio'] as const) {
    if (parameters[flag] !== undefined && typeof parameters[flag] !== 'boolean') refuse(`parameters.${flag} must be a boolean`);
  }
  if (parameters.shot_type !== undefined && parameters.shot_type !== 'single' && parameters.shot_type !== 'multi') {
    refuse(`The shot_type is not supported: ${String(parameters.shot_type)}. Supported: single, multi`);
  }
  if (parameters.audio_setting !== undefined && parameters.audio_setting !== 'auto' && parameters.audio_setting !== 'origin') {
    refuse(`The audio_setting is not supported: ${String(parameters.audio_setting)}. Supported: auto, origin`);
  }
  const seed = parameters.seed;
  if (seed !== undefined && (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > 2147483647)) {
    refuse('Range of parameters.seed should be [0, 2147483647]');
  }
}

/** The duration problem the task fails with, if any. */
function durationFailure(duration: unknown, caps: ModelCaps, strict: readonly number[] | undefined, mostWithVideo: number | undefined): TaskFailure | undefined {
  if (duration === undefined) return undefined;
  const { min, only, special = [] } = caps.duration;
  const max = mostWithVideo ?? caps.duration.max;
  const value = duration as number;
  const fine =
    Number.isInteger(duration) &&
    (special.some((entry) => entry.value === value) || (value >= min && value <= max && (!only || only.includes(value)))) &&
    (strict === undefined || strict.includes(value));
  if (fine) return undefined;
  const allowed = strict ? strict.join(', ') : [...special.map((entry) => String(entry.value)), only ? only.join(', ') : `${min}-${max}`].join(', ');
  return { code: 'InvalidParameter', message: `The duration is not supported: ${String(duration)}. Supported: ${allowed}` };
}

/** The references of a flat body, kinds read from the URL (the service looks at the file; we cannot, so no extension counts as an image). */
function flatReferences(input: Json): { url: unknown; kind: ReferenceKind; field: string }[] {
  if (!Array.isArray(input.reference_urls)) refuse('Field required: input.reference_urls');
  return (input.reference_urls as unknown[]).map((url, index) => ({
    url,
    kind: (typeof url === 'string' ? inferReferenceKind(url) : undefined) ?? 'image',
    field: `input.reference_urls[${index}]`,
  }));
}

function checkReferenceCounts(references: readonly { kind: ReferenceKind }[], caps: ModelCaps): void {
  const limits = caps.references;
  if (!limits) return;
  const count = (kind: ReferenceKind) => references.filter((reference) => reference.kind === kind).length;
  if (references.some((reference) => !limits.kinds.includes(reference.kind))) refuse(`Reference types allowed: ${limits.kinds.join(', ')}`);
  if (count('video') > limits.maxVideos) refuse(`Too many reference videos: ${count('video')}, at most ${limits.maxVideos}`);
  if (limits.maxImages !== undefined && count('image') > limits.maxImages) refuse(`Too many reference images: ${count('image')}, at most ${limits.maxImages}`);
  if (limits.maxAudios !== undefined && count('audio') > limits.maxAudios) refuse(`Too many reference audios: ${count('audio')}, at most ${limits.maxAudios}`);
  if (limits.max !== undefined && references.length > limits.max) refuse(`Too many references: ${references.length}, at most ${limits.max}`);
}

/** The frame inputs of a media body, as the SDK's option names, for the combination rules. */
const MEDIA_FRAMES: Readonly<Record<string, OptionKey>> = {
  first_frame: 'image',
  last_frame: 'lastFrame',
  driving_audio: 'drivingAudio',
  first_clip: 'continueFrom',
};

interface FamilyVerdict {
  readonly failure?: TaskFailure | undefined;
  readonly hasReferenceVideo?: boolean;
}

function checkFlat(input: Json, caps: ModelCaps, context: SubmitContext, urls: string[]): FamilyVerdict {
  if (caps.modes.imageToVideo) checkUrl('input.img_url', input.img_url, true, context, urls);
  let hasReferenceVideo = false;
  if (caps.modes.referenceToVideo) {
    const references = flatReferences(input);
    if (references.length === 0) refuse('At least 1 reference is required');
    for (const { url, kind, field } of references) checkUrl(field, url, kind === 'image', context, urls);
    checkReferenceCounts(references, caps);
    hasReferenceVideo = references.some((reference) => reference.kind === 'video');
  }
  if (input.audio_url !== undefined) checkUrl('input.audio_url', input.audio_url, false, context, urls);
  return { hasReferenceVideo };
}

function checkMedia(input: Json, caps: ModelCaps, context: SubmitContext, urls: string[]): FamilyVerdict {
  if (input.audio_url !== undefined) checkUrl('input.audio_url', input.audio_url, false, context, urls);
  const needsMedia = !caps.modes.textToVideo;
  if (input.media === undefined) {
    // The wan2.6 input shape on a media model is accepted, then fails (docs/protocol.md §3).
    return needsMedia ? { failure: { code: 'InvalidParameter', message: 'Field required: input.media' } } : {};
  }
  if (!Array.isArray(input.media)) refuse('input.media must be an array');
  const items = (input.media as unknown[]).map((item) => (isObject(item) ? item : {}));
  const editType = caps.video?.mediaType;
  const references: { kind: ReferenceKind }[] = [];
  const frames: OptionKey[] = [];
  items.forEach((item, index) => {
    const type = String(item.type);
    const kind = /^reference_(image|video|audio)$/.exec(type)?.[1] as ReferenceKind | undefined;
    const frame = MEDIA_FRAMES[type];
    const allowed =
      (kind !== undefined && caps.references !== undefined) ||
      (type === editType && caps.modes.editVideo !== undefined) ||
      (frame !== undefined && Object.values(caps.modes).some((mode) => mode.options.includes(frame) || (frame === 'image' && mode.options.includes('firstFrame'))));
    if (!allowed) refuse(`input.media[${index}].type ${JSON.stringify(item.type)} is not supported by this model`);
    checkUrl(`input.media[${index}].url`, item.url, type.endsWith('frame') || kind === 'image', context, urls);
    if (item.reference_voice !== undefined) {
      if (!caps.references?.voice) refuse(`input.media[${index}].reference_voice is not supported by this model`);
      checkUrl(`input.media[${index}].reference_voice`, item.reference_voice, false, context, urls);
    }
    if (kind) references.push({ kind });
    if (frame) frames.push(frame);
  });
  checkReferenceCounts(references, caps);
  const combinations = caps.modes.imageToVideo?.combinations;
  if (combinations && frames.length > 0 && !combinations.some((combination) => combination.length === frames.length && combination.every((key) => frames.includes(key)))) {
    refuse(`The media combination is not supported: ${items.map((item) => String(item.type)).join(' + ')}`);
  }
  const framed = frames.some((frame) => frame === 'image' || frame === 'lastFrame');
  const referenced = references.length > 0 || items.some((item) => item.type === editType || item.type === 'link');
  // wan3.0: first and last frames go alone (docs/protocol.md §9); wan2.7-r2v's first frame joins its references.
  if (framed && referenced && !caps.modes.referenceToVideo?.options.includes('firstFrame')) {
    refuse('first_frame and last_frame cannot be combined with reference, file or link media');
  }
  if (needsMedia && items.length === 0) refuse('At least 1 item is required in input.media');
  return { hasReferenceVideo: references.some((reference) => reference.kind === 'video') };
}

function checkKeyframes(input: Json, context: SubmitContext, urls: string[]): FamilyVerdict {
  checkUrl('input.first_frame_url', input.first_frame_url, true, context, urls);
  checkUrl('input.last_frame_url', input.last_frame_url, true, context, urls);
  return {};
}

function checkVace(input: Json, parameters: Json, context: SubmitContext, urls: string[]): FamilyVerdict {
  const name = input.function;
  if (typeof name !== 'string' || !Object.hasOwn(VACE_FUNCTIONS, name)) {
    refuse(`The function is not supported: ${String(name)}. Supported: ${Object.keys(VACE_FUNCTIONS).join(', ')}`);
  }
  const rules = VACE_FUNCTIONS[name as keyof typeof VACE_FUNCTIONS];
  const images = input.ref_images_url;
  if (images !== undefined) {
    if (!Array.isArray(images)) refuse('input.ref_images_url must be an array');
    (images as unknown[]).forEach((url, index) => checkUrl(`input.ref_images_url[${index}]`, url, true, context, urls));
    if ((images as unknown[]).length > rules.maxReferences) refuse(`Too many ref_images_url for ${name}: at most ${rules.maxReferences}`);
  }
  if ((rules.requires as readonly OptionKey[]).includes('references') && !(Array.isArray(images) && images.length > 0)) refuse('Field required: input.ref_images_url');
  if (name === 'video_extension') checkUrl('input.first_clip_url', input.first_clip_url, false, context, urls);
  else if ((rules.requires as readonly OptionKey[]).includes('video')) checkUrl('input.video_url', input.video_url, false, context, urls);
  if (name === 'video_edit') checkUrl('input.mask_image_url', input.mask_image_url, true, context, urls);
  if (name === 'video_repainting' && parameters.control_condition === undefined) refuse('Field required: parameters.control_condition');
  return {};
}

/** The input URLs each mode of the animation family needs (docs/protocol.md §10). */
const ANIMATION_INPUTS: Readonly<Partial<Record<string, readonly string[]>>> = {
  animateCharacter: ['image_url', 'video_url'],
  speechToVideo: ['image_url', 'audio_url'],
  lipSync: ['video_url', 'audio_url'],
};

function checkAnimation(input: Json, parameters: Json, caps: ModelCaps, context: SubmitContext, urls: string[]): FamilyVerdict {
  const mode = Object.keys(caps.modes)[0] ?? '';
  for (const field of ANIMATION_INPUTS[mode] ?? []) checkUrl(`input.${field}`, input[field], false, context, urls);
  if (input.ref_image_url !== undefined) checkUrl('input.ref_image_url', input.ref_image_url, false, context, urls);
  if (mode === 'animateCharacter' && parameters.mode !== 'wan-std' && parameters.mode !== 'wan-pro') {
    refuse(`parameters.mode must be wan-std or wan-pro, got ${JSON.stringify(parameters.mode ?? null)}`);
  }
  return {};
}

/** Kling: frames and refer images as media items, `mode` std | pro, multi-shot prompts (docs/protocol.md §10.5). */
function checkKling(input: Json, parameters: Json, caps: ModelCaps, context: SubmitContext, urls: string[]): FamilyVerdict {
  const items = Array.isArray(input.media) ? (input.media as unknown[]).map((item) => (isObject(item) ? item : {})) : [];
  const allowed = new Set(['first_frame', 'last_frame', ...(caps.references ? ['refer', 'feature'] : []), ...(caps.modes.editVideo ? ['base'] : [])]);
  items.forEach((item, index) => {
    if (!allowed.has(String(item.type))) refuse(`input.media[${index}].type ${JSON.stringify(item.type)} is not supported by this model`);
    checkUrl(`input.media[${index}].url`, item.url, item.type !== 'base' && item.type !== 'feature', context, urls);
  });
  if (parameters.mode !== undefined && parameters.mode !== 'std' && parameters.mode !== 'pro') refuse(`parameters.mode must be std or pro, got ${JSON.stringify(parameters.mode)}`);
  if (input.multi_shot === true && input.shot_type !== 'customize' && input.shot_type !== 'intelligence') refuse('input.shot_type is required with multi_shot (customize or intelligence)');
  if (input.shot_type === 'customize' && !(Array.isArray(input.multi_prompt) && input.multi_prompt.length >= 1)) refuse('input.multi_prompt is required with shot_type customize');
  return {};
}

/** The service's minimal checks for the models the SDK only reaches through `submitTask`: the path, and every `*_url` input. */
function checkUnsupported(model: string, input: Json, context: SubmitContext, urls: string[]): SubmitVerdict {
  const path = UNSUPPORTED_MODELS[model]?.path;
  if (context.path !== path) refuse(`url error, please check url: ${model} is served on ${String(path)}`);
  for (const [field, value] of Object.entries(input)) if (field.endsWith('_url')) checkUrl(`input.${field}`, value, false, context, urls);
  return { ok: true, model, failure: undefined, inputUrls: urls };
}

/** The model a name settles to where the simulator serves it, or a 404. */
function servedModel(model: string, region: Region | undefined): ModelId | undefined {
  const entry = capsEntryFor(model);
  if (entry === undefined) {
    if (!Object.hasOwn(UNSUPPORTED_MODELS, model)) refuse(`Model not exist: ${model}`, 404, 'ModelNotFound');
    return undefined;
  }
  if (region !== undefined && !capsOf(entry).regions.includes(region)) refuse(`Model not exist: ${model}`, 404, 'ModelNotFound');
  return entry;
}

/** Checks a submit body the way the service does. */
export function checkSubmit(body: unknown, context: SubmitContext): SubmitVerdict {
  try {
    if (!isObject(body)) refuse('The request body is not a JSON object');
    const { model, input, parameters = {} } = body as Json;
    if (typeof model !== 'string' || model.length === 0) refuse('Field required: model');
    const name = model as string;
    const entry = servedModel(name, context.region);
    if (!isObject(input)) refuse('Field required: input');
    if (!isObject(parameters)) refuse('parameters must be a JSON object');
    const urls: string[] = [];
    if (entry === undefined) return checkUnsupported(name, input as Json, context, urls);
    const caps = capsOf(entry);
    if (WIRE_FAMILIES[caps.family].path !== context.path) refuse(`url error, please check url: ${name} is served on ${WIRE_FAMILIES[caps.family].path}`);
    const inputs = input as Json;
    const params = parameters as Json;
    const promptRequired = promptAlwaysRequired(caps) || (caps.family === 'media' && inputs.media === undefined && caps.modes.textToVideo?.required.includes('prompt') === true);
    checkPrompt(inputs, caps, promptRequired);
    checkParameters(params, caps);
    const verdict =
      caps.family === 'flat'
        ? checkFlat(inputs, caps, context, urls)
        : caps.family === 'media'
          ? checkMedia(inputs, caps, context, urls)
          : caps.family === 'keyframes'
            ? checkKeyframes(inputs, context, urls)
            : caps.family === 'animation'
              ? checkAnimation(inputs, params, caps, context, urls)
              : caps.family === 'kling'
                ? checkKling(inputs, params, caps, context, urls)
                : checkVace(inputs, params, context, urls);
    const mostWithVideo = verdict.hasReferenceVideo ? caps.references?.maxDurationWithVideo : undefined;
    let failure = verdict.failure ?? durationFailure(params.duration, caps, context.supportedDurations[name], mostWithVideo);
    const prompt = typeof inputs.prompt === 'string' ? inputs.prompt.toLowerCase() : '';
    if (context.moderationWords.some((word) => prompt.includes(word.toLowerCase()))) {
      failure ??= { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' };
    }
    return { ok: true, model: name, failure, inputUrls: urls };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

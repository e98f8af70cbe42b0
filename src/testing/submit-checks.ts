/**
 * What the simulated service checks in a submit body, per model, from the caps table. Two kinds of
 * outcome, as on the real service (PROTOCOL.md §3, §4): a bad request is refused at submit with
 * HTTP 400/404; some errors (an unsupported duration, the wan2.6 input shape sent to wan2.7, a
 * prompt that moderation flags) are accepted and fail the task afterwards.
 *
 * @module
 */
import { isModelId, modelCaps, type ModelCaps, type ModelId } from '../models/caps.ts';
import { allSizes } from '../models/output-shape.ts';
import { inferReferenceKind } from '../models/references.ts';
import { characters } from '../models/text.ts';

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
      readonly model: ModelId;
      readonly failure: TaskFailure | undefined;
      /** Every input URL of the body, for resolving `oss://` uploads. */
      readonly inputUrls: readonly string[];
    };

/** What the checks need beyond the body. */
export interface SubmitContext {
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

const invalid = (message: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { status: 400, code: 'InvalidParameter', message },
});

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function urlProblem(field: string, url: unknown, allowData: boolean, context: SubmitContext): string | undefined {
  if (typeof url !== 'string' || url.length === 0) return `Field required: ${field}`;
  if (url.startsWith('oss://')) {
    if (!context.ossResolve) return `${field} is an oss:// URL but the header X-DashScope-OssResourceResolve: enable is missing`;
    return context.hasUpload(url.slice('oss://'.length)) ? undefined : `The oss resource of ${field} does not exist or expired: ${url}`;
  }
  if (url.startsWith('data:')) return allowData && /^data:image\/[\w.+-]+;base64,/.test(url) ? undefined : `${field} is not a valid base64 image data URI`;
  return /^https?:\/\/[^\s]+$/.test(url) ? undefined : `${field} is not a valid URL: ${url.slice(0, 100)}`;
}

function checkPrompt(input: Json, caps: ModelCaps): string | undefined {
  const { prompt, negative_prompt: negative } = input;
  if (prompt === undefined || prompt === '') return caps.prompt.required ? 'Field required: input.prompt' : undefined;
  if (typeof prompt !== 'string') return 'input.prompt must be a string';
  if (characters(prompt) > caps.prompt.maxLength) return `Range of input.prompt length should be [1, ${caps.prompt.maxLength}]`;
  if (negative !== undefined && (typeof negative !== 'string' || characters(negative) > caps.negativePrompt.maxLength)) {
    return `Range of input.negative_prompt length should be [0, ${caps.negativePrompt.maxLength}]`;
  }
  return undefined;
}

function checkOutputShape(parameters: Json, caps: ModelCaps): string | undefined {
  const { size, resolution, ratio } = parameters;
  if (caps.output === 'size' && size !== undefined && caps.sizes && !allSizes(caps.sizes).includes(String(size))) {
    return `The size is not supported: ${String(size)}. Supported sizes: ${allSizes(caps.sizes).join(', ')}`;
  }
  if (caps.output !== 'size' && resolution !== undefined && !caps.resolutions.includes(resolution as never)) {
    return `The resolution is not supported: ${String(resolution)}. Supported: ${caps.resolutions.join(', ')}`;
  }
  if (caps.output === 'resolution+ratio' && ratio !== undefined && !caps.aspectRatios.includes(ratio as never)) {
    return `The ratio is not supported: ${String(ratio)}. Supported: ${caps.aspectRatios.join(', ')}`;
  }
  for (const flag of ['watermark', 'prompt_extend', 'audio'] as const) {
    if (parameters[flag] !== undefined && typeof parameters[flag] !== 'boolean') return `parameters.${flag} must be a boolean`;
  }
  if (parameters.shot_type !== undefined && parameters.shot_type !== 'single' && parameters.shot_type !== 'multi') {
    return `The shot_type is not supported: ${String(parameters.shot_type)}. Supported: single, multi`;
  }
  const seed = parameters.seed;
  if (seed !== undefined && (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > 2147483647)) {
    return 'Range of parameters.seed should be [0, 2147483647]';
  }
  return undefined;
}

/** The references of a wan2.6 (`reference_urls`) or wan2.7 (`media[]`) body, with their kinds. */
function referencesOf(input: Json, caps: ModelCaps): { urls: { url: unknown; kind: string | undefined; field: string }[] } | { missing: string } {
  if (caps.output === 'resolution+ratio') {
    if (!Array.isArray(input.media)) return { missing: 'input.media' };
    return {
      urls: input.media.map((item: unknown, index) => {
        const entry = isObject(item) ? item : {};
        const kind = entry.type === 'reference_image' ? 'image' : entry.type === 'reference_video' ? 'video' : undefined;
        return { url: entry.url, kind, field: `input.media[${index}].url` };
      }),
    };
  }
  if (!Array.isArray(input.reference_urls)) return { missing: 'input.reference_urls' };
  return {
    urls: input.reference_urls.map((url: unknown, index) => ({
      url,
      // The service looks at the fetched file; we cannot, so a URL without a known extension counts as an image.
      kind: typeof url === 'string' ? (inferReferenceKind(url) ?? 'image') : undefined,
      field: `input.reference_urls[${index}]`,
    })),
  };
}

/** Checks a submit body the way the service does. */
export function checkSubmit(body: unknown, context: SubmitContext): SubmitVerdict {
  if (!isObject(body)) return invalid('The request body is not a JSON object');
  const { model, input, parameters = {} } = body;
  if (typeof model !== 'string' || model.length === 0) return invalid('Field required: model');
  if (!isModelId(model)) return { ok: false, refusal: { status: 404, code: 'ModelNotFound', message: `Model not exist: ${model}` } };
  if (!isObject(input)) return invalid('Field required: input');
  if (!isObject(parameters)) return invalid('parameters must be a JSON object');
  const caps: ModelCaps = modelCaps[model];
  const urls: string[] = [];
  const problem = checkPrompt(input, caps) ?? checkOutputShape(parameters, caps);
  if (problem) return invalid(problem);

  if (caps.image) {
    const bad = urlProblem('input.img_url', input.img_url, true, context);
    if (bad) return invalid(bad);
    urls.push(input.img_url as string);
  }
  let failure: TaskFailure | undefined;
  if (caps.references) {
    const references = referencesOf(input, caps);
    if ('missing' in references) {
      // The 2.6 shape on a 2.7 model is accepted, then fails (PROTOCOL.md §3).
      if (caps.output === 'resolution+ratio') failure = { code: 'InvalidParameter', message: `Field required: ${references.missing}` };
      else return invalid(`Field required: ${references.missing}`);
    } else {
      if (references.urls.length < caps.references.min) return invalid(`At least ${caps.references.min} reference is required`);
      for (const { url, kind, field } of references.urls) {
        if (!kind) return invalid(`${field}: cannot tell whether the reference is an image or a video`);
        const bad = urlProblem(field, url, kind === 'image', context);
        if (bad) return invalid(bad);
        urls.push(url as string);
      }
      const videos = references.urls.filter((reference) => reference.kind === 'video').length;
      if (videos > caps.references.maxVideos) return invalid(`Too many reference videos: ${videos}, at most ${caps.references.maxVideos}`);
    }
  }
  if (input.audio_url !== undefined) {
    const bad = urlProblem('input.audio_url', input.audio_url, false, context);
    if (bad) return invalid(bad);
    urls.push(input.audio_url as string);
  }

  const duration = parameters.duration;
  const strict = context.supportedDurations[model];
  if (
    duration !== undefined &&
    (!Number.isInteger(duration) ||
      (duration as number) < caps.duration.min ||
      (duration as number) > caps.duration.max ||
      (strict !== undefined && !strict.includes(duration as number)))
  ) {
    const allowed = strict ? strict.join(', ') : `${caps.duration.min}-${caps.duration.max}`;
    failure ??= { code: 'InvalidParameter', message: `The duration is not supported: ${String(duration)}. Supported: ${allowed}` };
  }
  const prompt = typeof input.prompt === 'string' ? input.prompt.toLowerCase() : '';
  if (context.moderationWords.some((word) => prompt.includes(word.toLowerCase()))) {
    failure ??= { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' };
  }
  return { ok: true, model, failure, inputUrls: urls };
}

/**
 * Every model's schema and wire mapper, keyed by model id, and the one function that turns a
 * caller's request into a validated submit body.
 *
 * @module
 */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors.ts';
import { isModelId, modelCaps, modelsOf, type ModelId, type VideoMode } from './caps.ts';
import { describe, withArticle } from './text.ts';
import { wan26I2vBody, wan26I2vSchema } from './image-to-video.ts';
import {
  wan26R2vBody, wan26R2vFlashSchema, wan26R2vSchema, wan27R2vBody, wan27R2vSchema,
} from './reference-to-video.ts';
import { wan26T2vBody, wan26T2vSchema } from './text-to-video.ts';
import { LocalMedia } from '../upload/local-media.ts';
import type { SubmitBody } from './wire.ts';

interface ModelSpec<S extends z.ZodObject> {
  readonly schema: S;
  readonly toBody: (model: string, request: z.output<S>) => SubmitBody;
}

function spec<S extends z.ZodObject>(schema: S, toBody: (model: string, request: z.output<S>) => SubmitBody): ModelSpec<S> {
  return { schema, toBody };
}

const SCHEMAS = {
  'wan2.6-t2v': wan26T2vSchema,
  'wan2.6-i2v': wan26I2vSchema,
  'wan2.6-r2v': wan26R2vSchema,
  'wan2.6-r2v-flash': wan26R2vFlashSchema,
  'wan2.7-r2v': wan27R2vSchema,
} as const satisfies Record<ModelId, z.ZodObject>;

/** The type of {@link modelSchemas}: each model's zod schema, by model id. */
export type ModelSchemas = typeof SCHEMAS;

/**
 * The request schema of every model, keyed by model id.
 *
 * @example
 * ```ts
 * import { modelSchemas } from 'modelstudio-video';
 *
 * console.log(Object.keys(modelSchemas['wan2.7-r2v'].shape));
 * ```
 */
export const modelSchemas: ModelSchemas = SCHEMAS;

const specs: { [K in ModelId]: ModelSpec<ModelSchemas[K]> } = {
  'wan2.6-t2v': spec(wan26T2vSchema, wan26T2vBody),
  'wan2.6-i2v': spec(wan26I2vSchema, wan26I2vBody),
  'wan2.6-r2v': spec(wan26R2vSchema, wan26R2vBody),
  'wan2.6-r2v-flash': spec(wan26R2vFlashSchema, wan26R2vBody),
  'wan2.7-r2v': spec(wan27R2vSchema, wan27R2vBody),
};

/** A local input of a prepared body and where its URL goes. */
export interface PendingMedia {
  /** The path of the field inside `body.input`, such as `['reference_urls', 1]`. */
  readonly at: readonly (string | number)[];
  /** The input to read and send. */
  readonly media: LocalMedia;
}

/** A request that passed validation, ready to submit. */
export interface PreparedSubmit {
  /** The model it goes to. */
  readonly model: ModelId;
  /** The wire body; fields named in `pending` still hold a placeholder. */
  readonly body: SubmitBody;
  /** Local inputs to inline or upload before the submit, in body order. */
  readonly pending: readonly PendingMedia[];
  /** The prompt, kept to find the task again if the submit's answer is lost. */
  readonly prompt: string | undefined;
}

/** `references[2].url` from `['references', 2, 'url']`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Validates `request` for `mode` against its model's schema and maps it to the wire body.
 * Throws {@link ValidationError} listing every problem; sends nothing.
 */
export function prepareSubmit(mode: VideoMode, defaultModel: string, request: unknown): PreparedSubmit {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new ValidationError(`Invalid ${mode} request (1 problem):`, [
      { path: '', message: `the request must be an object of options, got ${describe(request)}` },
    ]);
  }
  const requested = (request as { model?: unknown }).model;
  const model = requested === undefined ? defaultModel : requested;
  const choices = modelsOf(mode);
  if (typeof model !== 'string' || !isModelId(model) || modelCaps[model].mode !== mode) {
    const otherMode = typeof model === 'string' && isModelId(model) ? modelCaps[model].mode : undefined;
    const what = otherMode
      ? `model ${describe(model)} is for ${otherMode}: call client.${otherMode}, or pick ${withArticle(mode)} model`
      : `unknown model ${describe(model)}`;
    throw new ValidationError(`Invalid ${mode} request: ${what}`, [
      { path: 'model', message: `must be one of ${choices.join(', ')}` },
    ]);
  }
  const { schema, toBody } = specs[model] as ModelSpec<z.ZodObject>;
  const known = Object.entries(schema.shape)
    .filter(([, field]) => !(field instanceof z.ZodOptional && field.unwrap() instanceof z.ZodNever))
    .map(([key]) => key)
    .join(', ');
  const result = schema.safeParse(request, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
        return `unknown option${issue.keys.length === 1 ? '' : 's'} ${keys} for ${model} (options: ${known})`;
      }
      return undefined;
    },
  });
  if (!result.success) {
    const issues: ValidationIssue[] = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
    throw new ValidationError(`Invalid ${mode} request for ${model} (${plural(issues.length, 'problem')}):`, issues);
  }
  const prompt = (result.data as { prompt?: string }).prompt;
  const body = toBody(model, result.data);
  const pending: PendingMedia[] = [];
  const input = takeLocalMedia(body.input, [], pending) as Record<string, unknown>;
  return { model, body: { ...body, input }, pending, prompt };
}

/** A copy of `value` with every {@link LocalMedia} replaced by a placeholder, each noted in `found`. */
function takeLocalMedia(value: unknown, at: (string | number)[], found: PendingMedia[]): unknown {
  if (value instanceof LocalMedia) {
    found.push({ at, media: value });
    return '';
  }
  if (Array.isArray(value)) return value.map((item, index) => takeLocalMedia(item, [...at, index], found));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, takeLocalMedia(item, [...at, key], found)]));
  }
  return value;
}

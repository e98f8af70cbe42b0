/**
 * The input schemas of the video tools, built from the model registry: one zod object per mode
 * whose fields are the registry's own fields (merged across the mode's models), described for a
 * model, and its JSON Schema from `z.toJSONSchema`. A caps change reaches the tools with no edit here.
 *
 * @module
 */
import { z } from 'zod';
import { modelCaps, type ModelCaps, type ModelId, type VideoMode } from '../models/caps.ts';
import { modelSchemas } from '../models/registry.ts';
import { fieldDescription } from './descriptions.ts';

/** Wire pass-throughs for developers (`extraInput`, `extraParameters`): a model must not fill them. */
const DEVELOPER_ONLY_FIELDS: ReadonlySet<string> = new Set(['extraInput', 'extraParameters']);

/**
 * A tool's input as JSON Schema: an object schema, as OpenAI function parameters, Anthropic
 * `input_schema` and the Vercel AI SDK all require at the top level. Assignable to the OpenAI and
 * Anthropic SDKs' own parameter types (a type alias with a mutable `required`, for that).
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type ToolInputSchema } from 'modelstudio-video/tools';
 *
 * const schema: ToolInputSchema = createVideoTools(new ModelStudioClient())[0].jsonSchema;
 * console.log(schema.properties['duration']); // { type: 'integer', minimum: 2, maximum: 15, description: '...' }
 * ```
 */
export type ToolInputSchema = {
  /** Always `object`. */
  readonly type: 'object';
  /** One JSON Schema per argument, each with a `description` written for a model. */
  readonly properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The arguments that must be given. */
  readonly required?: string[];
  /** Always `false`: unknown arguments are refused. */
  readonly additionalProperties: false;
};

/** A model's field for one option, with whether it is optional. */
interface Taker {
  readonly model: ModelId;
  readonly field: z.ZodType;
  readonly optional: boolean;
}

/** The field of `shape[key]` as a model takes it, or nothing when the model does not take it. */
function takerOf(model: ModelId, key: string): Taker | undefined {
  const shape: Readonly<Record<string, z.ZodType>> = modelSchemas[model].shape;
  const declared = shape[key];
  if (!declared) return undefined;
  const optional = declared instanceof z.ZodOptional;
  const field = declared instanceof z.ZodOptional ? (declared.unwrap() as z.ZodType) : declared;
  // Options a model refuses are declared as `never` (so editors flag them): not offered to it.
  return field instanceof z.ZodNever ? undefined : { model, field, optional };
}

function jsonOf(key: string, field: z.ZodType): string {
  try {
    return JSON.stringify(z.toJSONSchema(field, { io: 'input' }));
  } catch (error) {
    throw new Error(
      `modelstudio-video/tools: the "${key}" option cannot be shown in JSON Schema (${error instanceof Error ? error.message : String(error)}); ` +
        'give it a field in URL_ONLY_FIELDS or teach mergeFields its kind',
      { cause: error },
    );
  }
}

/**
 * One field for an option that several models take: the registry's field when they agree, the
 * widest range or the union of choices when they differ (the client still checks the chosen
 * model's exact limits, and says which).
 */
function mergeFields(key: string, takers: readonly [Taker, ...Taker[]]): z.ZodType {
  const [first] = takers;
  const fields = takers.map((taker) => taker.field);
  if (fields.every((field) => jsonOf(key, field) === jsonOf(key, first.field))) return first.field;
  if (fields.every((field) => field instanceof z.ZodNumber)) {
    const numbers = fields as z.ZodNumber[];
    const base = numbers.every((field) => field.isInt) ? z.number().int() : z.number();
    const mins = numbers.map((field) => field.minValue);
    const maxes = numbers.map((field) => field.maxValue);
    const min = mins.every((value) => value !== null) ? Math.min(...(mins as number[])) : undefined;
    const max = maxes.every((value) => value !== null) ? Math.max(...(maxes as number[])) : undefined;
    return min === undefined ? (max === undefined ? base : base.max(max)) : max === undefined ? base.min(min) : base.min(min).max(max);
  }
  if (fields.every((field) => field instanceof z.ZodEnum)) {
    const values = [...new Set(fields.flatMap((field) => (field as z.ZodEnum).options.map(String)))];
    return z.enum(values as [string, ...string[]]);
  }
  throw new Error(`modelstudio-video/tools: cannot merge the "${key}" option of ${takers.map((taker) => taker.model).join(', ')}; teach mergeFields its kind`);
}

/** A media argument must be URL text: a string never reads a local file. */
function urlField(what: string): z.ZodType {
  return z.string({
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be ${what} as a string, got ${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input}`,
  });
}

/** The `references` argument: URL strings, or `{ url, type }` when the URL's extension does not tell. */
function referencesField(models: readonly ModelId[]): z.ZodType {
  const mins = models.map((model) => (modelCaps[model] as ModelCaps).references?.min ?? 1);
  const item = z.union(
    [
      urlField('a URL').meta({ description: 'A URL whose extension tells its kind (.png, .jpg, .jpeg, .webp, .bmp; .mp4, .mov).' }),
      z.strictObject({
        url: urlField('a URL').meta({ description: 'An https:// or oss:// URL (for images also a data: URI).' }),
        type: z.enum(['image', 'video']).meta({ description: 'Whether the URL is an image or a video.' }),
      }),
    ],
    { error: 'must be a URL string, or { url, type } with type "image" or "video"' },
  );
  return z.array(item, { error: 'must be an array of reference URLs' }).min(Math.min(...mins), { error: (issue) => `needs at least ${String(issue.minimum)} reference${Number(issue.minimum) === 1 ? '' : 's'}` });
}

/**
 * Tool-side fields for the registry's media inputs. The client's fields also take local inputs
 * (`{ path }`, a `Blob`, bytes), which it reads and uploads: a model, or a prompt injected into its
 * context, must not make the application send a local file. So a tool takes URL text only, and
 * these fields say so in JSON Schema (the registry's, which read anything, cannot be represented).
 * The client still checks each URL against the caps.
 */
const URL_ONLY_FIELDS: Readonly<Record<string, (models: readonly ModelId[]) => z.ZodType>> = {
  image: () => urlField('an image URL'),
  audioUrl: () => urlField('an audio URL'),
  references: referencesField,
};

/** The keys of the mode's models, in the order the first model declares them. */
function keysOf(models: readonly ModelId[]): string[] {
  return [...new Set(models.flatMap((model) => Object.keys(modelSchemas[model].shape)))];
}

/** What the schema of one mode tool is built from. */
export interface ModeSchemaSpec {
  /** The mode. */
  readonly mode: VideoMode;
  /** The models the tool offers, at least one, in the order to show them. */
  readonly models: readonly [ModelId, ...ModelId[]];
  /** The model used when the arguments name none, when the tools know it. */
  readonly defaultModel: ModelId | undefined;
}

/** The input schemas of one mode tool. */
export interface ModeInputSchemas {
  /** Every argument: what the tool shows and the Vercel AI SDK validates with. */
  readonly schema: z.ZodObject;
  /**
   * The URL-only media arguments alone, to check before the client sees the arguments (it would
   * read a `{ path }`); other keys pass through.
   */
  readonly urlGate: z.ZodObject;
}

/**
 * The zod input schemas of a mode tool: every option that at least one offered model takes, with
 * the registry's validation, described for a model. Options no offered model takes, and the
 * developer-only wire pass-throughs, are left out; media inputs take URL text only.
 */
export function modeInputSchemas(spec: ModeSchemaSpec): ModeInputSchemas {
  const { models } = spec;
  const shape: Record<string, z.ZodType> = {};
  const gate: Record<string, z.ZodType> = {};
  for (const key of keysOf(models)) {
    if (DEVELOPER_ONLY_FIELDS.has(key)) continue;
    const takers = models.map((model) => takerOf(model, key)).filter((taker): taker is Taker => taker !== undefined);
    const [first, ...rest] = takers;
    if (!first) continue;
    const urlOnly = URL_ONLY_FIELDS[key]?.(models);
    const merged = key === 'model' ? z.enum(models) : (urlOnly ?? mergeFields(key, [first, ...rest]));
    const described = merged.meta(fieldDescription(key, spec, takers.map((taker) => taker.model)));
    const required = key !== 'model' && takers.length === models.length && takers.every((taker) => !taker.optional);
    shape[key] = required ? described : described.optional();
    if (urlOnly) gate[key] = described.optional();
  }
  return { schema: z.strictObject(shape), urlGate: z.looseObject(gate) };
}

/** The zod input schema of `get_video_task`. */
export function getTaskInputSchema(): z.ZodObject {
  return z.strictObject({
    task_id: z
      .string({ error: 'must be the task_id string that a video tool returned' })
      .trim()
      .min(1, { error: 'must not be empty: pass the task_id that a video tool returned' })
      .meta({ description: 'The task_id returned by text_to_video, image_to_video or reference_to_video.' }),
  });
}

/**
 * The JSON Schema of a tool's zod input schema, ready for any tool format: no `$schema` key, and
 * an object at the top level. Throws if a field cannot be represented, so that no tool ever ships
 * a schema that lies.
 */
export function toToolInputSchema(schema: z.ZodObject): ToolInputSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });
  if (json.type !== 'object' || json.additionalProperties !== false || typeof json.properties !== 'object') {
    throw new Error('modelstudio-video/tools: a tool input schema must be a strict object');
  }
  return json as ToolInputSchema;
}

/**
 * The input schemas of the video tools, built from the model registry: one zod object per mode
 * whose fields are the registry's own fields (merged across the mode's models), described for a
 * model, and its JSON Schema from `z.toJSONSchema`. A caps change reaches the tools with no edit here.
 *
 * @module
 */
import { z } from 'zod';
import { MODE_OPTIONS, capsOf, takesOption, type ModelId, type OptionKey, type ReferenceKind, type VideoMode } from '../models/caps.ts';
import { schemaOf } from '../models/schema.ts';
import { describe } from '../core/text.ts';
import { fieldDescription, representatives } from './descriptions.ts';
import type { ModeSchemaSpec } from './mode-spec.ts';

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
 * console.log(schema.properties['duration']); // { type: 'integer', minimum: -1, maximum: 30, description: '...' }
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

/** A model's registry field for one option. */
interface Taker {
  readonly model: ModelId;
  readonly field: z.ZodType;
}

/** The registry's field of `key` for `model` in `mode` (the model takes it). */
function takerOf(model: ModelId, mode: VideoMode, key: OptionKey): Taker {
  const declared = (schemaOf(model, mode).shape as Readonly<Record<string, z.ZodType>>)[key];
  if (!declared) throw new Error(`modelstudio-video/tools: the ${mode} schema of ${model} has no "${key}" field`);
  return { model, field: declared instanceof z.ZodOptional ? (declared.unwrap() as z.ZodType) : declared };
}

/** The issues of the first taker that refuses `value`, with the fewest issues. */
function refusalOf(takers: readonly Taker[], value: unknown): readonly z.core.$ZodIssue[] {
  let best: readonly z.core.$ZodIssue[] | undefined;
  for (const { field } of takers) {
    const result = field.safeParse(value);
    if (result.success) return [];
    if (!best || result.error.issues.length < best.length) best = result.error.issues;
  }
  return best ?? [];
}

/**
 * One field for an option that several models take. Its JSON Schema is the union of theirs (the
 * widest range, every choice); it accepts what at least one of them accepts, and otherwise says
 * why with a model's own message. The client then checks the chosen model's exact caps.
 */
function mergeFields(key: string, takers: readonly [Taker, ...Taker[]]): z.ZodType {
  const [first] = takers;
  if (takers.length === 1) return first.field;
  const fields = takers.map((taker) => taker.field);
  const says = { error: (issue: { readonly input?: unknown }) => refusalOf(takers, issue.input)[0]?.message ?? `${describe(issue.input)} is not accepted` };
  let base: z.ZodType;
  if (fields.every((field) => field instanceof z.ZodNumber)) {
    const numbers = fields as z.ZodNumber[];
    let merged = numbers.every((field) => field.isInt) ? z.number(says).int(says) : z.number(says);
    const mins = numbers.map((field) => field.minValue);
    const maxes = numbers.map((field) => field.maxValue);
    if (mins.every((value) => value !== null && Number.isFinite(value))) {
      const min = Math.min(...(mins as number[]));
      merged = merged.min(min, { error: (issue) => `${String(issue.input)} is below the minimum of ${min}, the lowest any model here takes` });
    }
    if (maxes.every((value) => value !== null && Number.isFinite(value))) {
      const max = Math.max(...(maxes as number[]));
      merged = merged.max(max, { error: (issue) => `${String(issue.input)} is above the maximum of ${max}, the highest any model here takes` });
    }
    base = merged;
  } else if (fields.every((field) => field instanceof z.ZodEnum)) {
    const values = [...new Set(fields.flatMap((field) => (field as z.ZodEnum).options.map(String)))];
    base = z.enum(values as [string, ...string[]], { error: (issue) => `${describe(issue.input)} is not one of ${values.join(', ')}` });
  } else if (fields.every((field) => field instanceof z.ZodString)) {
    const strings = fields as z.ZodString[];
    let merged = z.string(says);
    const mins = strings.map((field) => field.minLength);
    if (mins.every((value) => value !== null && value > 0)) merged = merged.min(Math.min(...(mins as number[])), says);
    base = merged;
  } else if (fields.every((field) => field instanceof z.ZodBoolean)) {
    base = z.boolean(says);
  } else if (fields.every((field) => field instanceof z.ZodArray)) {
    // Lists (Kling's shots) are the same field for every model that takes them.
    base = first.field;
  } else {
    throw new Error(`modelstudio-video/tools: cannot merge the "${key}" option of ${takers.map((taker) => taker.model).join(', ')}; teach mergeFields its kind`);
  }
  return base.superRefine((value, ctx) => {
    for (const issue of refusalOf(takers, value)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
  });
}

/** A media argument must be URL text: a string never reads a local file. */
function urlField(what: string): z.ZodString {
  return z.string({
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be ${what} as a string, got ${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input}`,
  });
}

/** The caps that the `references` argument of a tool shows, from the models that take it. */
function referenceRules(mode: VideoMode, models: readonly ModelId[], takers: readonly ModelId[]) {
  const kinds = [...new Set(takers.flatMap((model) => capsOf(model).references?.kinds ?? []))] as ReferenceKind[];
  const voice = takers.some((model) => capsOf(model).references?.voice === true);
  const required = models.every((model) => capsOf(model).modes[mode]?.required.includes('references') === true);
  return { kinds: kinds.length > 0 ? kinds : (['image'] as ReferenceKind[]), voice, required };
}

/**
 * The `references` argument: URL strings, or `{ url, type }` (with a `voice` URL where a model
 * takes one). The kinds are those the offered models take.
 */
function referencesField(mode: VideoMode, models: readonly ModelId[], takers: readonly ModelId[]): z.ZodType {
  const { kinds, voice, required } = referenceRules(mode, models, takers);
  const quoted = kinds.map((kind) => JSON.stringify(kind));
  const item = z.union(
    [
      urlField('a URL'),
      z.strictObject({
        url: urlField('a URL'),
        type: z.enum(kinds as [ReferenceKind, ...ReferenceKind[]]),
        ...(voice && { voice: urlField('an audio URL').optional() }),
      }),
    ],
    { error: `must be a URL string, or { url, type${voice ? ', voice' : ''} } with type ${quoted.join(' or ')}` },
  );
  const list = z.array(item, { error: 'must be an array of reference URLs' });
  return required ? list.min(1, { error: 'needs at least 1 reference' }) : list;
}

/** The options whose registry field takes media, and the URL-text field a tool shows instead. */
type MediaKey = 'image' | 'lastFrame' | 'continueFrom' | 'drivingAudio' | 'firstFrame' | 'video' | 'maskImage' | 'audioUrl' | 'faceImage' | 'references';

/**
 * Tool-side fields for the registry's media inputs. The client's fields also take local inputs
 * (`{ path }`, a `Blob`, bytes), which it reads and uploads: a model, or a prompt injected into its
 * context, must not make the application send a local file. So a tool takes URL text only, and
 * these fields say so in JSON Schema (the registry's, which read anything, cannot be represented).
 * The client still checks each URL against the caps.
 */
const URL_ONLY_FIELDS: Readonly<Record<MediaKey, (mode: VideoMode, models: readonly ModelId[], takers: readonly ModelId[]) => z.ZodType>> = {
  image: () => urlField('an image URL'),
  lastFrame: () => urlField('an image URL'),
  firstFrame: () => urlField('an image URL'),
  maskImage: () => urlField('an image URL'),
  continueFrom: () => urlField('a video URL'),
  video: () => urlField('a video URL'),
  drivingAudio: () => urlField('an audio URL'),
  audioUrl: () => urlField('an audio URL'),
  faceImage: () => urlField('an image URL'),
  references: referencesField,
};

function isMediaKey(key: string): key is MediaKey {
  return Object.hasOwn(URL_ONLY_FIELDS, key);
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
 * The zod input schemas of a mode tool: every option of the mode that at least one offered model
 * takes (in the mode's order), with the registry's validation, described for a model. Options no
 * offered model takes, and the developer-only wire pass-throughs, are left out; media inputs take
 * URL text only. An option is required when every offered model requires it.
 */
export function modeInputSchemas(spec: ModeSchemaSpec): ModeInputSchemas {
  const { mode, models } = spec;
  const shape: Record<string, z.ZodType> = { model: z.enum(models).meta(fieldDescription('model', spec, models)).optional() };
  const gate: Record<string, z.ZodType> = {};
  for (const key of MODE_OPTIONS[mode] as readonly OptionKey[]) {
    const takers = models.filter((model) => takesOption(model, mode, key));
    if (takers.length === 0) continue;
    const field = isMediaKey(key)
      ? URL_ONLY_FIELDS[key](mode, models, takers)
      : mergeFields(key, representatives(takers).map((model) => takerOf(model, mode, key)) as [Taker, ...Taker[]]);
    const described = field.meta(fieldDescription(key, spec, takers));
    const required = models.every((model) => capsOf(model).modes[mode]?.required.includes(key) === true);
    shape[key] = required ? described : described.optional();
    if (isMediaKey(key)) gate[key] = described.optional();
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
      .meta({ description: 'The task_id returned by text_to_video, image_to_video, reference_to_video or edit_video.' }),
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

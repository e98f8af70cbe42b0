/**
 * The one schema builder: a model's zod request schema for one mode, made from its caps entry and
 * its wire family's checks. Options of the mode that the model does not take are `never` fields
 * whose message names the models that do.
 *
 * @module
 */
import { z } from 'zod';
import { MODE_OPTIONS, capsOf, isSnapshot, modelsOf, takesOption, type ModelCaps, type ModelId, type OptionKey, type VideoMode } from './caps.ts';
import { WIRE_FAMILIES } from './families/index.ts';
import type { ParsedRequest } from './families/family.ts';
import { extraField, unsupportedField } from './fields.ts';
import { OPTION_FIELDS } from './options.ts';
import { checkSizeAgreement, RUN_WITH_OTHER_PROBLEMS } from './output-shape.ts';
import { either, plural } from '../core/text.ts';

/** The wire name of each parameter option, for "send it anyway" hints. */
const PARAMETER_NAMES: Partial<Record<OptionKey, string>> = {
  promptExtend: 'prompt_extend',
  shotType: 'shot_type',
  audio: 'audio',
  watermark: 'watermark',
  seed: 'seed',
  template: 'template',
};

/** Why `model` refuses `key` in `mode`, and what to do instead. */
function refusal(model: string, caps: ModelCaps, mode: VideoMode, key: OptionKey): string {
  if (key === 'aspectRatio' && caps.aspectRatios.length === 0) return 'the video takes the aspect ratio of the input; set resolution instead';
  if (key === 'size' && caps.output !== 'size' && !caps.sizes) {
    return `set resolution (${either(caps.resolutions)})${caps.aspectRatios.length > 0 ? ' and aspectRatio' : '; the aspect ratio follows the input'}`;
  }
  if (key === 'negativePrompt') return 'it takes no negative prompt; say what to avoid in the prompt';
  if (key === 'audio' && caps.sound === 'always') return 'its videos always have sound; there is no switch';
  const wire = PARAMETER_NAMES[key];
  // A parameter is best sent to a model of the same wire family; an input, to any model that takes it.
  const takers = modelsOf(mode).filter(
    (id) => takesOption(id, mode, key) && !isSnapshot(id) && (wire === undefined || capsOf(id).family === caps.family),
  );
  if (wire === undefined) return takers.length > 0 ? `use ${either(takers)}` : `no ${mode} model takes it`;
  // The animation family carries its watermark in `input` (docs/protocol.md §10).
  const anyway = `${caps.family === 'animation' && key === 'watermark' ? 'extraInput' : 'extraParameters'}.${wire} to send it anyway`;
  return takers.length > 0 ? `use ${either(takers)}, or ${anyway}` : `not documented for this model; use ${anyway}`;
}

/** Adds an issue when the frame inputs given are not one of the model's allowed combinations. */
function checkCombinations(model: string, combinations: readonly (readonly OptionKey[])[], request: ParsedRequest, ctx: z.RefinementCtx): void {
  const frameKeys = [...new Set(combinations.flat())];
  const given = frameKeys.filter((key) => request[key as keyof ParsedRequest] !== undefined);
  const allowed = combinations.some((combination) => combination.length === given.length && combination.every((key) => given.includes(key)));
  if (allowed) return;
  const list = either(combinations.map((combination) => combination.join(' + ')));
  ctx.addIssue({
    code: 'custom',
    path: given.length === 0 ? [frameKeys[0] ?? 'image'] : [],
    message: given.length === 0 ? `is required by ${model}: give ${list}` : `${given.join(' + ')} cannot go together on ${model} (allowed: ${list})`,
  });
}

/** Adds an issue when a duration is above the model's maximum once a reference is a video. */
function checkDurationWithVideo(model: string, caps: ModelCaps, request: ParsedRequest, ctx: z.RefinementCtx): void {
  const most = caps.references?.maxDurationWithVideo;
  const hasVideo = Array.isArray(request.references) && request.references.some((reference) => reference.type === 'video');
  if (most !== undefined && hasVideo && typeof request.duration === 'number' && request.duration > most && request.duration <= caps.duration.max) {
    ctx.addIssue({ code: 'custom', path: ['duration'], message: `${request.duration} is above the maximum of ${most} for ${model} with a reference video` });
  }
}

/**
 * Adds an issue for each `[Image N]` of the prompt beyond the reference images given, on models
 * whose prompts name their images so (HappyHorse).
 */
function checkPromptTags(model: string, caps: ModelCaps, request: ParsedRequest, ctx: z.RefinementCtx): void {
  if (caps.references?.promptTags !== 'image-n' || typeof request.prompt !== 'string' || !Array.isArray(request.references)) return;
  const images = request.references.filter((reference) => reference.type === 'image').length;
  const named = [...new Set([...request.prompt.matchAll(/\[Image\s*(\d+)\]/gi)].map((match) => Number(match[1])))];
  for (const number of named.filter((n) => n < 1 || n > images).sort((a, b) => a - b)) {
    ctx.addIssue({
      code: 'custom',
      path: ['prompt'],
      message: `names [Image ${number}], but ${plural(images, 'reference image')} ${images === 1 ? 'is' : 'are'} given to ${model} ([Image 1] is the first)`,
    });
  }
}

/**
 * The request schema of `model` in `mode`, built from its caps and family. Throws if the model does
 * not serve the mode.
 */
export function buildSchema(model: string, caps: ModelCaps, mode: VideoMode): z.ZodObject {
  const modeCaps = caps.modes[mode];
  if (!modeCaps) throw new Error(`modelstudio-video: ${model} does not serve ${mode}`);
  const shape: Record<string, z.ZodType> = { model: z.string().optional() };
  for (const key of MODE_OPTIONS[mode] as readonly OptionKey[]) {
    if (!modeCaps.options.includes(key)) {
      shape[key] = unsupportedField(model, refusal(model, caps, mode, key)).optional();
      continue;
    }
    const required = modeCaps.required.includes(key);
    const field: z.ZodType = OPTION_FIELDS[key]({ model, caps, mode, required });
    shape[key] = required ? field : field.optional();
  }
  shape.extraInput = extraField().optional();
  shape.extraParameters = extraField().optional();
  const family = WIRE_FAMILIES[caps.family];
  const takesShape = modeCaps.options.some((key) => key === 'size' || key === 'resolution' || key === 'aspectRatio');
  return z.strictObject(shape).superRefine((value, ctx) => {
    const request = value as ParsedRequest;
    if (takesShape) checkSizeAgreement(model, caps, request, ctx);
    if (modeCaps.combinations) checkCombinations(model, modeCaps.combinations, request, ctx);
    checkDurationWithVideo(model, caps, request, ctx);
    checkPromptTags(model, caps, request, ctx);
    family.check?.({ model, caps, mode }, request, ctx);
  }, RUN_WITH_OTHER_PROBLEMS);
}

const cache = new Map<string, z.ZodObject>();

/**
 * The schema of a model in the caps table for `mode`, built once. `name` is the name the caller
 * gave (a later dated snapshot of `model`), so that messages name what was written.
 */
export function schemaOf(model: ModelId, mode: VideoMode, name: string = model): z.ZodObject {
  const key = `${name}\u0000${mode}`;
  let schema = cache.get(key);
  if (!schema) {
    schema = buildSchema(name, capsOf(model), mode);
    cache.set(key, schema);
  }
  return schema;
}

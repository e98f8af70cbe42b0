/**
 * zod field builders shared by the model schemas. Each reads its limits from a caps entry, so a
 * schema never repeats a number that the caps table holds.
 *
 * @module
 */
import { z } from 'zod';
import type { AspectRatio, ModelCaps, Resolution } from './caps.ts';
import { characters, describe } from './text.ts';

/** The prompt: required or optional per the caps, trimmed length checked. */
export function promptField(model: string, caps: Pick<ModelCaps, 'prompt'>) {
  const { maxLength, required } = caps.prompt;
  return z
    .string({ error: (issue) => (issue.input === undefined ? `is required by ${model}` : `must be a string, got ${describe(issue.input)}`) })
    .refine((value) => !required || value.trim().length > 0, { error: `must not be empty: ${model} needs a prompt` })
    .refine((value) => characters(value) <= maxLength, {
      error: (issue) => `is ${characters(String(issue.input))} characters, above the maximum of ${maxLength} for ${model}`,
    });
}

/** The negative prompt. */
export function negativePromptField(model: string, caps: Pick<ModelCaps, 'negativePrompt'>) {
  const { maxLength } = caps.negativePrompt;
  return z
    .string({ error: (issue) => `must be a string, got ${describe(issue.input)}` })
    .refine((value) => characters(value) <= maxLength, {
      error: (issue) => `is ${characters(String(issue.input))} characters, above the maximum of ${maxLength} for ${model}`,
    });
}

/** Duration in whole seconds within the model's range. */
export function durationField(model: string, caps: Pick<ModelCaps, 'duration'>) {
  const { min, max } = caps.duration;
  const allowed = `allowed ${min}–${max}`;
  return z
    .number({ error: (issue) => `must be a number of seconds, got ${describe(issue.input)}` })
    .int({ error: (issue) => `${String(issue.input)} is not a whole number of seconds (${allowed})` })
    .min(min, { error: (issue) => `${String(issue.input)} is below the minimum of ${min} for ${model} (${allowed})` })
    .max(max, { error: (issue) => `${String(issue.input)} is above the maximum of ${max} for ${model} (${allowed})` });
}

/** One of a fixed list of values, with a message that lists them. */
export function choiceField<const T extends readonly [string, ...string[]]>(model: string, values: T, hint = '') {
  return z.enum(values, {
    error: (issue) => `${describe(issue.input)} is not supported by ${model} (allowed: ${values.join(', ')})${hint}`,
  });
}

/** The output resolution. */
export function resolutionField(model: string, caps: { readonly resolutions: readonly Resolution[] }) {
  return choiceField(model, caps.resolutions as readonly Resolution[] as readonly ['720P', '1080P']);
}

/** The output aspect ratio. */
export function aspectRatioField(model: string, caps: { readonly aspectRatios: readonly AspectRatio[] }) {
  return choiceField(model, caps.aspectRatios as readonly AspectRatio[] as readonly ['16:9', '9:16', '1:1', '4:3', '3:4']);
}

/** A boolean switch. */
export function switchField() {
  return z.boolean({ error: (issue) => `must be true or false, got ${describe(issue.input)}` });
}

/** An option the model does not take: present in the type as `never`, so editors flag it too. */
export function unsupportedField(model: string, why: string) {
  return z.never({ error: `is not supported by ${model}: ${why}` });
}

/** The seed range the service accepts. */
export function seedField() {
  return z
    .number({ error: (issue) => `must be an integer, got ${describe(issue.input)}` })
    .int({ error: (issue) => `${String(issue.input)} is not an integer` })
    .min(0, { error: (issue) => `${String(issue.input)} is below the minimum of 0` })
    .max(2147483647, { error: (issue) => `${String(issue.input)} is above the maximum of 2147483647` });
}

/** Fields the SDK does not know yet, merged last into `input` or `parameters`. */
export function extraField() {
  return z.record(z.string(), z.unknown(), { error: 'must be a plain object of extra wire fields' });
}

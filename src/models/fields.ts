/**
 * zod field builders shared by the model schemas. Each reads its limits from a caps entry, so a
 * schema never repeats a number that the caps table holds.
 *
 * @module
 */
import { z } from 'zod';
import type { DurationCaps, ModelCaps, NegativePromptCaps, PromptCaps } from './caps.ts';
import { characters, describe, either } from '../core/text.ts';

/** Chinese (Han) characters. */
const HAN = /\p{Script=Han}/gu;

/** A prompt's length as `caps` counts it: characters, Chinese ones twice where the model says so. */
function promptLength(text: string, caps: PromptCaps): number {
  return characters(text) + (caps.wideCountsTwice ? (text.match(HAN)?.length ?? 0) : 0);
}

/** The prompt: its length checked the service's way; a required prompt must not be empty. */
export function promptField(model: string, caps: Pick<ModelCaps, 'prompt'>, required: boolean) {
  const { maxLength, wideCountsTwice } = caps.prompt;
  const counted = wideCountsTwice ? ` (Chinese characters count twice: at most ${maxLength / 2} in a Chinese prompt)` : '';
  return z
    .string({ error: (issue) => (issue.input === undefined ? `is required by ${model}` : `must be a string, got ${describe(issue.input)}`) })
    .refine((value) => !required || value.trim().length > 0, { error: `must not be empty: ${model} needs a prompt` })
    .refine((value) => promptLength(value, caps.prompt) <= maxLength, {
      error: (issue) => `is ${promptLength(String(issue.input), caps.prompt)} characters, above the maximum of ${maxLength} for ${model}${counted}`,
    });
}

/** The negative prompt. */
export function negativePromptField(model: string, caps: NegativePromptCaps) {
  const { maxLength } = caps;
  return z
    .string({ error: (issue) => `must be a string, got ${describe(issue.input)}` })
    .refine((value) => characters(value) <= maxLength, {
      error: (issue) => `is ${characters(String(issue.input))} characters, above the maximum of ${maxLength} for ${model}`,
    });
}

/** `2–15`, `5 or 10`, `-1 (the model picks) or 2–30`. */
export function allowedDurations(caps: DurationCaps): string {
  const range = caps.only ? either(caps.only.map(String)) : caps.min === caps.max ? String(caps.min) : `${caps.min}–${caps.max}`;
  const special = (caps.special ?? []).map((entry) => `${entry.value} (${entry.meaning})`);
  return either([...special, range]);
}

/**
 * Duration in whole seconds: the model's range or list, and its special values. The bounds are
 * the lowest and highest values served (so JSON Schema shows them); a gap between a special value
 * and the range, or between listed values, is refused with the allowed values.
 */
export function durationField(model: string, caps: Pick<ModelCaps, 'duration'>) {
  const { min, max, only, special = [] } = caps.duration;
  const allowed = `allowed ${allowedDurations(caps.duration)}`;
  const lowest = Math.min(min, ...special.map((entry) => entry.value));
  const served = (value: number) =>
    special.some((entry) => entry.value === value) || (value >= min && value <= max && (!only || only.includes(value)));
  return z
    .number({ error: (issue) => `must be a number of seconds, got ${describe(issue.input)}` })
    .int({ error: (issue) => `${String(issue.input)} is not a whole number of seconds (${allowed})` })
    .min(lowest, { error: (issue) => `${String(issue.input)} is below the minimum of ${lowest} for ${model} (${allowed})` })
    .max(max, { error: (issue) => `${String(issue.input)} is above the maximum of ${max} for ${model} (${allowed})` })
    .refine((value) => !Number.isInteger(value) || value < lowest || value > max || served(value), {
      error: (issue) => `${String(issue.input)} is not served by ${model} (${allowed})`,
    });
}

/** One of a fixed list of values, with a message that lists them. */
export function choiceField<const T extends readonly [string, ...string[]]>(model: string, values: T, hint = '') {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `is required by ${model} (allowed: ${values.join(', ')})`
        : `${describe(issue.input)} is not supported by ${model} (allowed: ${values.join(', ')})${hint}`,
  });
}

/** A number within a closed range. */
export function rangeField(min: number, max: number, what = 'a number') {
  return z
    .number({ error: (issue) => `must be ${what}, got ${describe(issue.input)}` })
    .min(min, { error: (issue) => `${String(issue.input)} is below the minimum of ${min}` })
    .max(max, { error: (issue) => `${String(issue.input)} is above the maximum of ${max}` });
}

/** A whole number, at least `min`. */
export function wholeField(min: number) {
  return z
    .number({ error: (issue) => `must be a whole number, got ${describe(issue.input)}` })
    .int({ error: (issue) => `${String(issue.input)} is not a whole number` })
    .min(min, { error: (issue) => `${String(issue.input)} is below the minimum of ${min}` });
}

/** A non-empty string. */
export function textField() {
  return z.string({ error: (issue) => `must be a string, got ${describe(issue.input)}` }).min(1, { error: 'must not be empty' });
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

/** A multi-shot video's shots (Kling): 2–6 shots, each a prompt of up to 512 characters and whole seconds. */
export function shotsField(model: string) {
  const shot = z.strictObject(
    {
      prompt: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(512, { error: `is above the maximum of 512 characters for a shot of ${model}` }),
      duration: z.number({ error: 'must be a number of seconds' }).int({ error: 'must be a whole number of seconds' }).min(1, { error: 'must be at least 1 s' }),
    },
    { error: 'must be { prompt, duration }' },
  );
  return z
    .array(shot, { error: (issue) => `must be an array of { prompt, duration }, got ${describe(issue.input)}` })
    .superRefine((shots, ctx) => {
      // Counted only once the value is a list (a string's length is no count of shots).
      if (!Array.isArray(shots)) return;
      if (shots.length < 2) ctx.addIssue({ code: 'custom', message: `has fewer than 2 shots; give ${model} a prompt instead` });
      if (shots.length > 6) ctx.addIssue({ code: 'custom', message: `has more than 6 shots, the most ${model} takes` });
    });
}

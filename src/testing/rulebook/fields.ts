/**
 * Field rules that many models share, named once so that a model's entry reads as its list of
 * wire fields. Each constant cites the docs/protocol.md section its numbers come from.
 *
 * @module
 */
import type { ChoiceRule, DeferredRule, FlagRule, NumberRule, TextRule, UrlListRule, UrlRule } from './types.ts';

/** A boolean switch. */
export const FLAG: FlagRule = { kind: 'flag' };

/** `parameters.seed`: an integer 0–2147483647 (§3.1, §9.1 keyframes, §10.2). */
export const SEED: NumberRule = { kind: 'integer', min: 0, max: 2147483647 };

/** `parameters.duration`, checked against the model's duration rule when the task runs (§4). */
export const DURATION: DeferredRule = { kind: 'duration' };

/** `input.media`, checked against the model's media rules. */
export const MEDIA: DeferredRule = { kind: 'media' };

/** A structure the notes name without detailing it: any value passes. */
export const ANY: DeferredRule = { kind: 'any' };

/**
 * A prompt of at most `maxLength` characters. 1500 is §3.1's limit for wan2.6; the notes give no
 * limit for the older models, wan2.6-r2v or the wan2.7 models other than t2v, and §9.7 takes 1500
 * for them.
 */
export function prompt(required: boolean, maxLength = 1500): TextRule {
  return { kind: 'text', required, maxLength };
}

/**
 * `input.negative_prompt`: at most 500 characters (§3.1, wan2.6-t2v). The notes give no limit for
 * the other models that take one; 500 is taken for them too (the §9.7 reading: the documented
 * value of the nearest model).
 */
export const NEGATIVE_PROMPT: TextRule = { kind: 'text', maxLength: 500 };

/** An input URL: `http(s)://` or an uploaded `oss://` object (§3.2, §7). */
export function url(required = false): UrlRule {
  return { kind: 'url', required };
}

/** An image input URL, which may also be a `data:image/...;base64,` URI (§3.2, §9.1 keyframes). */
export function imageUrl(required = false): UrlRule {
  return { kind: 'url', required, dataUri: true };
}

/** A list of input URLs; image items may be `data:` URIs. */
export function urlList(required: boolean): UrlListRule {
  return { kind: 'url-list', required, dataUri: true };
}

/** One of `values`; `byRegion` narrows it where a region serves fewer. */
export function choice(values: readonly string[], extra: Omit<ChoiceRule, 'kind' | 'values'> = {}): ChoiceRule {
  return { kind: 'choice', values, ...extra };
}

/** A number within a closed range. */
export function range(min: number, max: number): NumberRule {
  return { kind: 'number', min, max };
}

/**
 * Input keys the official Python SDK always adds (`extend_prompt`, `function: "video-synthesis"`):
 * the service evidently tolerates them, so the simulator does too (§3, §8). They are not counted as
 * undocumented fields.
 */
export const TOLERATED_INPUT_KEYS: readonly string[] = ['extend_prompt', 'function'];

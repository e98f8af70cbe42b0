/**
 * The checks one body shape needs beyond its fields (docs/protocol.md §3.3, §9.1, §10.5): flat
 * reference counts by kind, a VACE function's reference images and `obj_or_bg`, Kling's multi-shot
 * fields.
 *
 * @module
 */
import { invalid, missing } from './refusals.ts';
import type { FlatReferenceRules, VaceFunctionRule } from './types.ts';
import { kindOfUrl } from './urls.ts';

type Json = Readonly<Record<string, unknown>>;

/** The string items of a list field, or none. */
const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((url): url is string => typeof url === 'string') : []);

/**
 * The references of a flat reference model (§3.3, §3.5): `input.reference_urls`, kinds read from
 * each URL's extension (the service reads the file; a URL without one counts as an image), and
 * `input.reference_video_urls`, videos (the 2026-06-16 reference page), counted together against
 * the model's limits. Returns whether a reference is a video.
 */
export function checkFlatReferences(input: Json, rules: FlatReferenceRules): boolean {
  if (input.reference_urls === undefined && input.reference_video_urls === undefined) missing('input.reference_urls');
  const kinds = [...stringsOf(input.reference_urls).map(kindOfUrl), ...stringsOf(input.reference_video_urls).map(() => 'video' as const)];
  if (kinds.length === 0) invalid('At least 1 item is required in input.reference_urls');
  const count = (kind: string) => kinds.filter((given) => given === kind).length;
  if (count('audio') > 0) invalid('Reference types allowed: image, video');
  if (count('video') > rules.maxVideos) invalid(`Too many reference videos: ${count('video')}, at most ${rules.maxVideos}`);
  if (rules.maxImages !== undefined && count('image') > rules.maxImages) invalid(`Too many reference images: ${count('image')}, at most ${rules.maxImages}`);
  if (rules.max !== undefined && kinds.length > rules.max) invalid(`Too many references: ${kinds.length}, at most ${rules.max}`);
  return count('video') > 0;
}

/**
 * A VACE function's reference images (§9.1): above its most, refused, except `image_reference`,
 * which keeps the first 3; `obj_or_bg` has one entry per reference image.
 */
export function checkVaceFunction(name: string, rule: VaceFunctionRule, input: Json, parameters: Json): void {
  const images = Array.isArray(input.ref_images_url) ? input.ref_images_url.length : 0;
  if (images > rule.maxReferenceImages && !rule.keepsFirst) invalid(`Too many ref_images_url for ${name}: ${images}, at most ${rule.maxReferenceImages}`);
  const objOrBg = parameters.obj_or_bg;
  if (objOrBg !== undefined) {
    if (!Array.isArray(objOrBg) || objOrBg.some((entry) => entry !== 'obj' && entry !== 'bg')) invalid('parameters.obj_or_bg must be an array of "obj" or "bg"');
    if ((objOrBg as unknown[]).length !== images) invalid(`parameters.obj_or_bg has ${(objOrBg as unknown[]).length} entries for ${images} ref_images_url; give one per image`);
  }
}

/** Kling's multi-shot input (§10.5): `multi_shot` goes with `shot_type`; `customize` needs a `multi_prompt` list. */
export function checkKlingShots(input: Json): void {
  if (input.multi_shot === true && input.shot_type !== 'customize' && input.shot_type !== 'intelligence') {
    invalid('input.shot_type is required with multi_shot (customize or intelligence)');
  }
  if (input.shot_type === 'customize' && !(Array.isArray(input.multi_prompt) && input.multi_prompt.length >= 1)) {
    invalid('input.multi_prompt is required with shot_type customize');
  }
}

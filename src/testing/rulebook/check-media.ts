/**
 * The `input.media[]` items of a `media` or `kling` body against the model's {@link MediaRules}:
 * item types, their URLs and counts, the frame combinations served, and the types that exclude
 * each other (docs/protocol.md §3.4, §9.2, §10.2, §10.5).
 *
 * @module
 */
import { MEDIA_REQUIRED, invalid, type TaskFailure } from './refusals.ts';
import type { MediaRules } from './types.ts';
import { checkUrl, type UrlContext } from './urls.ts';

/** What the media of a body come to. */
export interface MediaVerdict {
  /** The item types given, in order. */
  readonly types: readonly string[];
  /** Whether a reference item is a video (wan2.7-r2v and Kling omni then make at most 10 s). */
  readonly hasReferenceVideo: boolean;
  /** The failure the task will end with, if the body has the wrong shape for the model (§3.4). */
  readonly failure?: TaskFailure;
  /** Item keys the model does not document (`input.media[0].foo`). */
  readonly ignored: readonly string[];
}

type Json = Readonly<Record<string, unknown>>;

/** How a count's message names a type: `reference videos`, `refer images`, `first_frame items`. */
function label(type: string, kind: string): string {
  if (type.startsWith('reference_')) return `reference ${kind}s`;
  if (type === 'refer' || type === 'feature') return `${type} ${kind}s`;
  return `${type} items`;
}

/** Only the types of a media list's items, for the prompt rule, without checking anything. */
export function mediaTypesOf(input: Json): string[] {
  return Array.isArray(input.media) ? input.media.map((item: unknown) => String((item as { type?: unknown } | null)?.type)) : [];
}

/** Checks `input.media` of a body; refuses what the service refuses at submit. */
export function checkMedia(input: Json, rules: MediaRules, context: UrlContext, urls: string[]): MediaVerdict {
  if (input.media === undefined) {
    // A wan2.6-shaped body (img_url, reference_urls) to a media model is accepted, then fails (§3.4).
    return { types: [], hasReferenceVideo: false, ignored: [], ...(rules.required && { failure: MEDIA_REQUIRED }) };
  }
  if (!Array.isArray(input.media)) invalid('input.media must be an array');
  const items = (input.media as unknown[]).map((item) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Json) : {}));
  if (rules.required && items.length === 0) invalid('At least 1 item is required in input.media');
  const ignored: string[] = [];
  items.forEach((item, index) => {
    const at = `input.media[${index}]`;
    const type = String(item.type);
    const rule = Object.hasOwn(rules.types, type) ? rules.types[type] : undefined;
    if (!rule) invalid(`${at}.type ${JSON.stringify(item.type ?? null)} is not supported by this model (supported: ${Object.keys(rules.types).join(', ')})`);
    const kind = rule?.kind ?? 'image';
    checkUrl(`${at}.url`, item.url, rules.anyDataUri ? 'any' : kind === 'image' ? 'image' : 'none', context, urls);
    for (const key of Object.keys(item).filter((name) => name !== 'type' && name !== 'url')) {
      if (!rule?.reference || !(rules.itemKeys ?? []).includes(key)) ignored.push(`${at}.${key}`);
      else if (key === 'reference_voice') checkUrl(`${at}.reference_voice`, item[key], 'none', context, urls);
      else if (typeof item[key] !== 'string') invalid(`${at}.${key} must be a string`);
    }
  });
  const types = items.map((item) => String(item.type));
  const count = (type: string) => types.filter((given) => given === type).length;
  for (const [type, rule] of Object.entries(rules.types)) {
    if (count(type) > rule.max) invalid(`Too many ${label(type, rule.kind)}: ${count(type)}, at most ${rule.max}`);
  }
  const references = types.filter((type) => rules.types[type]?.reference);
  if (rules.maxReferences !== undefined && references.length > rules.maxReferences) invalid(`Too many references: ${references.length}, at most ${rules.maxReferences}`);
  const hasReferenceVideo = references.some((type) => rules.types[type]?.kind === 'video');
  const referenceImages = references.filter((type) => rules.types[type]?.kind === 'image').length;
  if (hasReferenceVideo && rules.maxImagesWithVideo !== undefined && referenceImages > rules.maxImagesWithVideo) {
    invalid(`Too many reference images with a reference video: ${referenceImages}, at most ${rules.maxImagesWithVideo}`);
  }
  checkTogether(types, rules);
  return { types, hasReferenceVideo, ignored };
}

/** The combination, exclusion and one-of rules. */
function checkTogether(types: readonly string[], rules: MediaRules): void {
  const combinations = rules.combinations;
  if (combinations) {
    const given = [...new Set(types)];
    if (!combinations.some((combination) => combination.length === given.length && combination.every((type) => given.includes(type)))) {
      invalid(`The media combination is not supported: ${types.join(' + ')}`);
    }
  }
  if (rules.exclusive) {
    const [frames, others] = rules.exclusive;
    if (types.some((type) => frames.includes(type)) && types.some((type) => others.includes(type))) {
      invalid(`${frames.join(' and ')} cannot be combined with ${others.join(', ')} media`);
    }
  }
  if (rules.oneOfTypes && types.filter((type) => rules.oneOfTypes?.includes(type)).length > 1) {
    invalid(`At most one of ${rules.oneOfTypes.join(', ')} may be given`);
  }
}

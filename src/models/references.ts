/**
 * Reference inputs (images and videos) of the reference-to-video models.
 *
 * @module
 */
import { z } from 'zod';
import type { ModelCaps } from './caps.ts';
import { describe } from './text.ts';
import { checkMediaUrl } from './media-url.ts';

/** The kind of a reference input. */
export type ReferenceKind = 'image' | 'video';

/**
 * One reference: a URL whose kind the SDK infers from its extension or `data:` type, or an
 * explicit `{ url, type }`. The prompt refers to references in order as `character1`, `character2`, ...
 */
export type ReferenceInput = string | ReferenceObject;

/** A reference with its kind given explicitly. */
export interface ReferenceObject {
  /** An http(s):// or oss:// URL, or for images a `data:` URI. */
  readonly url: string;
  /** Whether it is an image or a video. */
  readonly type: ReferenceKind;
}

/** A reference with its kind settled. */
export interface Reference {
  /** The input URL. */
  readonly url: string;
  /** Whether it is an image or a video. */
  readonly type: ReferenceKind;
}

const IMAGE_EXTENSIONS = /\.(jpe?g|png|bmp|webp)$/i;
const VIDEO_EXTENSIONS = /\.(mp4|mov)$/i;

/** The kind of a reference URL, from its `data:` type or its path's extension. */
export function inferReferenceKind(url: string): ReferenceKind | undefined {
  if (url.startsWith('data:image/')) return 'image';
  if (url.startsWith('data:video/')) return 'video';
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  if (IMAGE_EXTENSIONS.test(path)) return 'image';
  if (VIDEO_EXTENSIONS.test(path)) return 'video';
  return undefined;
}

/** The reference an item names, or what is wrong with it. */
function readItem(item: unknown): { url: string; type: ReferenceKind | undefined; path: (string | number)[] } | { problem: string; path: (string | number)[] } {
  if (typeof item === 'string') return { url: item, type: inferReferenceKind(item), path: [] };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { problem: `must be a URL string or { url, type }, got ${describe(item)}`, path: [] };
  }
  const { url, type, ...rest } = item as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    return { problem: `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => JSON.stringify(key)).join(', ')} (a reference takes url and type)`, path: [] };
  }
  if (typeof url !== 'string') return { problem: url === undefined ? 'is required' : `must be a URL string, got ${describe(url)}`, path: ['url'] };
  if (type === undefined) return { problem: 'is required (allowed: image, video)', path: ['type'] };
  if (type !== 'image' && type !== 'video') return { problem: `${describe(type)} is not a reference type (allowed: image, video)`, path: ['type'] };
  return { url, type, path: ['url'] };
}

/** The `references` field: kinds settled, URLs and counts checked against the caps. */
export function referencesField(model: string, caps: Required<Pick<ModelCaps, 'references'>>) {
  const { min, maxVideos, image, video } = caps.references;
  return z
    .array(z.unknown(), {
      error: (issue) => (issue.input === undefined ? `is required by ${model}` : `must be an array of references, got ${describe(issue.input)}`),
    })
    .transform((items, ctx): Reference[] => {
      const references: Reference[] = [];
      items.forEach((item, index) => {
        const read = readItem(item);
        if ('problem' in read) {
          ctx.addIssue({ code: 'custom', path: [index, ...read.path], message: read.problem });
          return;
        }
        const { url, type } = read;
        if (!type) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `cannot tell whether ${describe(url)} is an image or a video; pass { url, type: 'image' | 'video' }`,
          });
          return;
        }
        const problem = checkMediaUrl(url, { kind: type, rules: type === 'image' ? image : video, allowDataUri: type === 'image' });
        if (problem) ctx.addIssue({ code: 'custom', path: [index, ...read.path], message: problem });
        references.push({ url, type });
      });
      if (items.length < min) {
        ctx.addIssue({ code: 'custom', message: `has ${items.length} references; ${model} needs at least ${min}` });
      }
      const videos = references.filter((reference) => reference.type === 'video').length;
      if (videos > maxVideos) {
        ctx.addIssue({ code: 'custom', message: `has ${videos} videos, above the maximum of ${maxVideos} for ${model}` });
      }
      return references;
    });
}

/**
 * Reference inputs (images and videos) of the reference-to-video models.
 *
 * @module
 */
import { z } from 'zod';
import { describe } from './text.ts';
import { kindOfMimeType, mimeTypeOf, type BytesInput, type FileInput, type LocalMedia } from '../upload/local-media.ts';
import { toMedia } from '../upload/media-field.ts';
import type { ModelCaps, ReferenceCaps } from './caps.ts';

/** The kind of a reference input. */
export type ReferenceKind = 'image' | 'video';

/**
 * One reference: a URL whose kind the SDK infers from its extension or `data:` type, or an
 * explicit `{ url, type }`. The prompt refers to references in order as `character1`, `character2`, ...
 */
export type ReferenceInput = string | ReferenceObject | LocalReference;

/**
 * A local reference: a file (`{ path }`), a `Blob`/`File` or bytes; its kind comes from its MIME
 * type unless `type` says. It is uploaded (or, for small images, inlined) before the submit.
 */
export type LocalReference = ((FileInput | BytesInput) & ReferenceKindHint) | Blob | URL;

/** The kind of a local reference, when its MIME type does not tell. */
export interface ReferenceKindHint {
  /** Whether it is an image or a video. */
  readonly type?: ReferenceKind | undefined;
}

/** A reference with its kind given explicitly. */
export interface ReferenceObject {
  /** An http(s):// or oss:// URL (or `URL`), or for images a `data:` URI. */
  readonly url: string | URL;
  /** Whether it is an image or a video. */
  readonly type: ReferenceKind;
}

/** A reference with its kind settled. */
export interface Reference {
  /** The input URL, or the local input that becomes one before the submit. */
  readonly url: string | LocalMedia;
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

/** The reference an item names (a URL string, or a local input still to read), or what is wrong with it. */
function readItem(
  item: unknown,
  caps: ReferenceCaps,
): { media: string | LocalMedia; type: ReferenceKind | undefined; path: (string | number)[] } | { problem: string; path: (string | number)[] } {
  const checked = (value: unknown, type: ReferenceKind | undefined, path: (string | number)[]) => {
    const kind = type ?? (typeof value === 'string' ? inferReferenceKind(value) : undefined) ?? localKind(value);
    if (!kind) return { media: '', type: undefined, path };
    const media = toMedia(value, { kind, rules: kind === 'image' ? caps.image : caps.video, allowDataUri: kind === 'image' });
    return typeof media === 'object' && 'problem' in media ? { problem: media.problem, path } : { media, type: kind, path };
  };
  if (typeof item === 'string' || item instanceof URL || item instanceof Blob) return checked(item instanceof URL ? item.href : item, undefined, []);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { problem: `must be a URL string, { url, type }, { path }, a Blob or { data, fileName, mimeType }, got ${describe(item)}`, path: [] };
  }
  const { url, type, path, data, fileName, mimeType, ...rest } = item as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    return { problem: `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => JSON.stringify(key)).join(', ')} (a reference takes url and type)`, path: [] };
  }
  if (type !== undefined && type !== 'image' && type !== 'video') {
    return { problem: `${describe(type)} is not a reference type (allowed: image, video)`, path: ['type'] };
  }
  if (path !== undefined || data !== undefined) return checked({ path, data, fileName, mimeType }, type, []);
  if (url instanceof URL) return checked(url.href, type, ['url']);
  if (typeof url !== 'string') return { problem: url === undefined ? 'is required' : `must be a URL string, got ${describe(url)}`, path: ['url'] };
  if (type === undefined) return { problem: 'is required (allowed: image, video)', path: ['type'] };
  return checked(url, type, ['url']);
}

/** The kind of a local input from its MIME type. */
function localKind(value: unknown): ReferenceKind | undefined {
  const mimeType =
    value instanceof Blob
      ? value.type || (value instanceof File ? mimeTypeOf(value.name) : undefined)
      : typeof value === 'object' && value !== null
        ? ((value as { mimeType?: string }).mimeType ?? mimeTypeOf(String((value as { path?: unknown; fileName?: unknown }).path ?? (value as { fileName?: unknown }).fileName ?? '')))
        : undefined;
  const kind = mimeType ? kindOfMimeType(mimeType) : undefined;
  return kind === 'image' || kind === 'video' ? kind : undefined;
}

/** The `references` field: kinds settled, URLs and counts checked against the caps. */
export function referencesField(model: string, caps: Required<Pick<ModelCaps, 'references'>>) {
  const { min, maxVideos } = caps.references;
  return z
    .array(z.custom<ReferenceInput>(() => true), {
      error: (issue) => (issue.input === undefined ? `is required by ${model}` : `must be an array of references, got ${describe(issue.input)}`),
    })
    .transform((items, ctx): Reference[] => {
      const references: Reference[] = [];
      items.forEach((item, index) => {
        const read = readItem(item, caps.references);
        if ('problem' in read) {
          ctx.addIssue({ code: 'custom', path: [index, ...read.path], message: read.problem });
          return;
        }
        if (!read.type) {
          const what = typeof item === 'string' ? describe(item) : 'this input';
          ctx.addIssue({ code: 'custom', path: [index], message: `cannot tell whether ${what} is an image or a video; pass { url, type: 'image' | 'video' }` });
          return;
        }
        references.push({ url: read.media, type: read.type });
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

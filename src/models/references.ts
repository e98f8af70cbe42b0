/**
 * Reference inputs (images and videos) of the reference-to-video models.
 *
 * @module
 */
import { z } from 'zod';
import { describe, either } from '../core/text.ts';
import { kindOfMimeType, mimeTypeOf, type BytesInput, type FileInput, type LocalMedia } from '../media/local-media.ts';
import { toMedia } from './media-field.ts';
import type { ReferenceCaps, ReferenceKind } from './caps.ts';

export type { ReferenceKind } from './caps.ts';

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

/** The kind of a local reference, when its MIME type does not tell, and its voice. */
export interface ReferenceKindHint {
  /** Whether it is an image, a video or an audio clip. */
  readonly type?: ReferenceKind | undefined;
  /** A voice for this character (`reference_voice`, wan2.7-r2v): an audio URL or local file. */
  readonly voice?: string | URL | undefined;
  /** Who or what it shows, in words (`reference_description`, wan2.7-r2v). */
  readonly description?: string | undefined;
}

/** A reference with its kind given explicitly. */
export interface ReferenceObject {
  /** An http(s):// or oss:// URL (or `URL`), or for images a `data:` URI. */
  readonly url: string | URL;
  /** Whether it is an image, a video or an audio clip (wan3.0). */
  readonly type?: ReferenceKind | undefined;
  /** A voice for this character (`reference_voice`, wan2.7-r2v): an audio http(s):// or oss:// URL. */
  readonly voice?: string | URL | undefined;
  /** Who or what it shows, in words (`reference_description`, wan2.7-r2v). */
  readonly description?: string | undefined;
}

/** A reference with its kind settled. */
export interface Reference {
  /** The input URL, or the local input that becomes one before the submit. */
  readonly url: string | LocalMedia;
  /** Whether it is an image, a video or an audio clip. */
  readonly type: ReferenceKind;
  /** Its voice, where given. */
  readonly voice?: string | LocalMedia | undefined;
  /** Its description, where given. */
  readonly description?: string | undefined;
}

const IMAGE_EXTENSIONS = /\.(jpe?g|png|bmp|webp)$/i;
const VIDEO_EXTENSIONS = /\.(mp4|mov)$/i;
const AUDIO_EXTENSIONS = /\.(mp3|wav)$/i;

/** The kind of a reference URL, from its `data:` type or its path's extension. */
export function inferReferenceKind(url: string): ReferenceKind | undefined {
  if (url.startsWith('data:image/')) return 'image';
  if (url.startsWith('data:video/')) return 'video';
  if (url.startsWith('data:audio/')) return 'audio';
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  if (IMAGE_EXTENSIONS.test(path)) return 'image';
  if (VIDEO_EXTENSIONS.test(path)) return 'video';
  if (AUDIO_EXTENSIONS.test(path)) return 'audio';
  return undefined;
}

const KIND_WORDS = { image: 'an image', video: 'a video', audio: 'an audio clip' } as const;

/** The reference an item names (a URL string, or a local input still to read), or what is wrong with it. */
type ReadItem =
  | { media: string | LocalMedia; type: ReferenceKind | undefined; voice?: string | LocalMedia; description?: string; path: (string | number)[] }
  | { problem: string; path: (string | number)[] };

function readItem(item: unknown, caps: ReferenceCaps): ReadItem {
  const checked = (value: unknown, type: ReferenceKind | undefined, path: (string | number)[]): ReadItem => {
    const kind = type ?? (typeof value === 'string' ? inferReferenceKind(value) : undefined) ?? localKind(value);
    if (!kind) return { media: '', type: undefined, path };
    const media = toMedia(value, { kind, rules: caps[kind], allowDataUri: kind === 'image' });
    return typeof media === 'object' && 'problem' in media ? { problem: media.problem, path } : { media, type: kind, path };
  };
  const withVoice = (read: ReadItem, voice: unknown): ReadItem => {
    if ('problem' in read || voice === undefined) return read;
    if (!caps.voice) return { problem: 'is not taken by this model (wan2.7-r2v takes a voice per reference)', path: ['voice'] };
    const media = toMedia(voice instanceof URL ? voice.href : voice, { kind: 'audio', rules: caps.audio, allowDataUri: false });
    return typeof media === 'object' && 'problem' in media ? { problem: media.problem, path: ['voice'] } : { ...read, voice: media };
  };
  if (typeof item === 'string' || item instanceof URL || item instanceof Blob) return checked(item instanceof URL ? item.href : item, undefined, []);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { problem: `must be a URL string, { url, type }, { path }, a Blob or { data, fileName, mimeType }, got ${describe(item)}`, path: [] };
  }
  const { url, type, voice, description, path, data, fileName, mimeType, ...rest } = item as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    const keys = ['url', 'type', ...(caps.voice ? ['voice'] : []), ...(caps.description ? ['description'] : [])];
    return { problem: `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => JSON.stringify(key)).join(', ')} (a reference takes ${keys.slice(0, -1).join(', ')} and ${keys.at(-1) ?? ''})`, path: [] };
  }
  const described = withDescription(description, caps);
  if (typeof described === 'object') return described;
  const located = (): ReadItem => {
    if (type !== undefined && !caps.kinds.includes(type as ReferenceKind)) {
      return { problem: `${describe(type)} is not a reference type (allowed: ${caps.kinds.join(', ')})`, path: ['type'] };
    }
    const kind = type as ReferenceKind | undefined;
    if (path !== undefined || data !== undefined) return withVoice(checked({ path, data, fileName, mimeType }, kind, []), voice);
    if (url instanceof URL) return withVoice(checked(url.href, kind, ['url']), voice);
    if (typeof url !== 'string') return { problem: url === undefined ? 'is required' : `must be a URL string, got ${describe(url)}`, path: ['url'] };
    if (kind === undefined && inferReferenceKind(url) === undefined) return { problem: `is required (allowed: ${caps.kinds.join(', ')})`, path: ['type'] };
    return withVoice(checked(url, kind, ['url']), voice);
  };
  const read = located();
  return described === undefined || 'problem' in read ? read : { ...read, description: described };
}

/** A reference's description, checked: `undefined` when none, or the problem with it. */
function withDescription(description: unknown, caps: ReferenceCaps): string | undefined | { problem: string; path: (string | number)[] } {
  if (description === undefined) return undefined;
  if (!caps.description) return { problem: 'is not taken by this model (wan2.7-r2v takes a description per reference)', path: ['description'] };
  if (typeof description !== 'string' || description.trim() === '') return { problem: `must be a non-empty string, got ${describe(description)}`, path: ['description'] };
  return description;
}

/** The kind of a local input from its MIME type. */
function localKind(value: unknown): ReferenceKind | undefined {
  const mimeType =
    value instanceof Blob
      ? value.type || (value instanceof File ? mimeTypeOf(value.name) : undefined)
      : typeof value === 'object' && value !== null
        ? ((value as { mimeType?: string }).mimeType ?? mimeTypeOf(String((value as { path?: unknown; fileName?: unknown }).path ?? (value as { fileName?: unknown }).fileName ?? '')))
        : undefined;
  return mimeType ? kindOfMimeType(mimeType) : undefined;
}

/** The counts a model allows, as `[kind, count, most]`, for the kinds it limits. */
function overLimits(references: readonly Reference[], caps: ReferenceCaps): string[] {
  const count = (kind: ReferenceKind) => references.filter((reference) => reference.type === kind).length;
  const limits: [string, number, number | undefined][] = [
    ['images', count('image'), caps.maxImages],
    ['videos', count('video'), caps.maxVideos],
    ['audio clips', count('audio'), caps.maxAudios],
    ['references', references.length, caps.max],
  ];
  const over = limits.filter(([, found, most]) => most !== undefined && found > most).map(([what, found, most]) => `has ${found} ${what}, above the maximum of ${String(most)}`);
  // Fewer images go with a video (Kling omni, docs/protocol.md §10.5), unless already over the plain limit.
  const withVideo = caps.maxImagesWithVideo;
  if (withVideo !== undefined && count('video') > 0 && count('image') > withVideo && count('image') <= (caps.maxImages ?? Number.POSITIVE_INFINITY)) {
    over.push(`has ${count('image')} images beside a video, above the maximum of ${withVideo} with a video`);
  }
  return over;
}

/** The `references` field: kinds settled, URLs and counts checked against the caps. */
export function referencesField(model: string, caps: ReferenceCaps, required: boolean) {
  return z
    .array(z.custom<ReferenceInput>(() => true), {
      error: (issue) => (issue.input === undefined ? `is required by ${model}` : `must be an array of references, got ${describe(issue.input)}`),
    })
    .transform((items, ctx): Reference[] => {
      const references: Reference[] = [];
      items.forEach((item, index) => {
        const read = readItem(item, caps);
        if ('problem' in read) {
          ctx.addIssue({ code: 'custom', path: [index, ...read.path], message: read.problem });
          return;
        }
        if (!read.type) {
          const what = typeof item === 'string' ? describe(item) : 'this input';
          const kinds = caps.kinds.map((kind) => `'${kind}'`).join(' | ');
          ctx.addIssue({ code: 'custom', path: [index], message: `cannot tell whether ${what} is ${either(caps.kinds.map((kind) => KIND_WORDS[kind]))}; pass { url, type: ${kinds} }` });
          return;
        }
        if (!caps.kinds.includes(read.type)) {
          ctx.addIssue({ code: 'custom', path: [index], message: `is ${KIND_WORDS[read.type]}; ${model} takes ${either(caps.kinds.map((kind) => `${kind}s`))} as references` });
          return;
        }
        references.push({
          url: read.media,
          type: read.type,
          ...(read.voice !== undefined && { voice: read.voice }),
          ...(read.description !== undefined && { description: read.description }),
        });
      });
      if (required && items.length === 0) {
        ctx.addIssue({ code: 'custom', message: `has 0 references; ${model} needs at least 1` });
      }
      for (const problem of overLimits(references, caps)) ctx.addIssue({ code: 'custom', message: `${problem} for ${model}` });
      return references;
    });
}

/**
 * The zod field of a media input: a URL string checked against the caps, or a local input
 * (`URL`, `{ path }`, `Blob`, bytes) checked as far as it can be before reading.
 *
 * @module
 */
import { z } from 'zod';
import { checkMediaUrl, type MediaUrlPolicy } from './media-url.ts';
import { describe } from '../core/text.ts';
import { mediaSeconds } from '../media/media-length.ts';
import { LocalMedia, extensionFor, mimeTypeOf, readFileBytes, type BytesInput, type FileInput, type MediaInput, type MediaKind } from '../media/local-media.ts';

/** What a media field accepts, by kind. */
export interface MediaPolicy extends MediaUrlPolicy {
  /** The input's kind. */
  readonly kind: MediaKind;
}

function isBytes(value: object): value is BytesInput {
  const { data, fileName, mimeType } = value as Partial<BytesInput>;
  return data instanceof Uint8Array && typeof fileName === 'string' && typeof mimeType === 'string';
}

function isFile(value: object): value is FileInput {
  return typeof (value as Partial<FileInput>).path === 'string';
}

/** A size in MiB with two decimals, as local-input messages give it. */
export function sizeLabel(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** The checked input, or what is wrong with it. */
export function toMedia(value: unknown, policy: MediaPolicy): string | LocalMedia | { problem: string } {
  const { kind, rules } = policy;
  if (typeof value === 'string') {
    const problem = checkMediaUrl(value, policy);
    return problem ? { problem } : value;
  }
  if (value instanceof URL) return toMedia(value.href, policy);
  const local = (mimeType: string | undefined, fileName: string, size: number | undefined, read: () => Promise<Uint8Array>, bytes?: Uint8Array, path?: string) => {
    if (!mimeType) return { problem: `cannot tell the type of ${describe(fileName)}; give its mimeType (allowed: ${rules.mimeTypes.join(', ')})` };
    if (!rules.mimeTypes.includes(mimeType.toLowerCase())) {
      return { problem: `${describe(fileName)} is ${mimeType}, not an accepted ${kind} type (allowed: ${rules.mimeTypes.join(', ')})` };
    }
    if (size !== undefined && size > rules.maxBytes) {
      return { problem: `${describe(fileName)} is ${sizeLabel(size)}, above the ${kind} limit of ${sizeLabel(rules.maxBytes)}` };
    }
    // Bytes in memory tell their length now, for cost estimates; files and Blobs are read later.
    const seconds = bytes && kind !== 'image' ? mediaSeconds(bytes, mimeType.toLowerCase()) : undefined;
    return new LocalMedia(kind, mimeType.toLowerCase(), fileName, size, rules.maxBytes, read, seconds, path);
  };
  if (value instanceof Blob) {
    const name = value instanceof File && value.name ? value.name : `${kind}${extensionFor(value.type)}`;
    return local(value.type || mimeTypeOf(name), name, value.size, async () => new Uint8Array(await value.arrayBuffer()));
  }
  if (typeof value === 'object' && value !== null) {
    if (isBytes(value)) return local(value.mimeType, value.fileName, value.data.byteLength, () => Promise.resolve(value.data), value.data);
    if (isFile(value)) {
      const fileName = value.path.split(/[\\/]/).at(-1) || value.path;
      return local(value.mimeType ?? mimeTypeOf(value.path), fileName, undefined, () => readFileBytes(value.path), undefined, value.path);
    }
  }
  return { problem: `must be a URL, a URL string, { path }, a Blob or { data, fileName, mimeType }, got ${describe(value)}` };
}

/** A media input field: `z.input` is {@link MediaInput}, `z.output` a URL string or a {@link LocalMedia}. */
export function mediaField(policy: MediaPolicy) {
  return z
    .custom<MediaInput>((value) => value !== undefined, { error: 'is required' })
    .transform((value, ctx): string | LocalMedia => {
      const media = toMedia(value, policy);
      if (typeof media === 'object' && 'problem' in media) {
        ctx.addIssue({ code: 'custom', message: media.problem });
        return z.NEVER;
      }
      return media;
    });
}

/**
 * Turns a prepared submit's local inputs into URLs: small images inline as `data:` URIs, the rest
 * uploaded to the service's temporary storage (`oss://`, valid 48 hours), one policy per model
 * reused while it is valid.
 *
 * @module
 */
import { ValidationError } from '../core/errors.ts';
import type { PendingMedia, PreparedSubmit } from '../models/registry.ts';
import type { SubmitBody } from '../http/wire.ts';
import type { Transport } from '../http/transport.ts';
import { postToStorage, type UploadPolicy } from '../http/storage.ts';
import { readFailure, type LocalMedia } from '../media/local-media.ts';
import { sizeLabel } from '../models/media-field.ts';

/**
 * How local inputs travel: `inline` as a `data:` URI in the submit (images only), `storage` through
 * the service's temporary storage, `auto` inline for images up to {@link INLINE_LIMIT_BYTES} and
 * storage for the rest.
 */
export type UploadMode = 'auto' | 'storage' | 'inline';

/** The largest image `auto` sends inline. */
export const INLINE_LIMIT_BYTES = 1024 * 1024;

/** A policy is reused until this long before it expires. */
const POLICY_MARGIN_MS = 30_000;

function base64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

function setAt(target: Record<string, unknown>, at: readonly (string | number)[], value: string): void {
  let node: Record<string | number, unknown> = target;
  for (const part of at.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[at.at(-1) as string | number] = value;
}

/** Resolves local inputs for one client. */
export class Uploader {
  readonly #transport: Transport;
  readonly #fetch: typeof globalThis.fetch;
  readonly #policies = new Map<string, { policy: UploadPolicy; until: number }>();

  constructor(transport: Transport, fetchImpl: typeof globalThis.fetch) {
    this.#transport = transport;
    this.#fetch = fetchImpl;
  }

  /** The body with every local input replaced by its URL, and whether any is an `oss://` upload. */
  async resolve(prepared: PreparedSubmit, mode: UploadMode, signal?: AbortSignal): Promise<SubmitBody> {
    const input = structuredClone(prepared.body.input);
    for (const pending of prepared.pending) {
      setAt(input, pending.at, await this.#urlOf(prepared.model, pending, mode, signal));
    }
    return { ...prepared.body, input };
  }

  async #urlOf(model: string, { field, media }: PendingMedia, mode: UploadMode, signal: AbortSignal | undefined): Promise<string> {
    const bytes = await this.#read(media, field);
    const inline = media.kind === 'image' && (mode === 'inline' || (mode === 'auto' && bytes.byteLength <= INLINE_LIMIT_BYTES));
    if (mode === 'inline' && !inline) {
      throw new ValidationError('Invalid local input (1 problem):', [
        { path: field, message: `a ${media.kind} cannot be sent inline; use upload: 'storage' or 'auto'` },
      ]);
    }
    if (inline) return `data:${media.mimeType};base64,${base64(bytes)}`;
    const policy = await this.#policy(model, signal);
    const limit = (policy.max_file_size_mb ?? Number.POSITIVE_INFINITY) * 1024 * 1024;
    if (bytes.byteLength > limit) {
      throw new ValidationError('Invalid local input (1 problem):', [
        { path: field, message: `${media.fileName} is larger than the storage limit of ${policy.max_file_size_mb ?? '?'} MB` },
      ]);
    }
    const safeName = media.fileName.replace(/[^\w.-]+/g, '_');
    const key = `${policy.upload_dir}/${crypto.randomUUID().slice(0, 8)}-${safeName}`;
    return postToStorage(this.#fetch, policy, key, { bytes, mimeType: media.mimeType, fileName: safeName }, signal);
  }

  /** The bytes of `media`, given as the request's `field`; a file that cannot be read is named by its path as given. */
  async #read(media: LocalMedia, field: string): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = await media.read();
    } catch (error) {
      throw new ValidationError('Invalid local input (1 problem):', [
        { path: field, message: `${media.path ?? media.fileName} cannot be read: ${readFailure(error)}` },
      ]);
    }
    if (bytes.byteLength > media.maxBytes) {
      throw new ValidationError('Invalid local input (1 problem):', [
        { path: field, message: `${media.fileName} is ${sizeLabel(bytes.byteLength)}, above the ${media.kind} limit of ${sizeLabel(media.maxBytes)}` },
      ]);
    }
    return bytes;
  }

  async #policy(model: string, signal: AbortSignal | undefined): Promise<UploadPolicy> {
    const cached = this.#policies.get(model);
    if (cached && cached.until > Date.now()) return cached.policy;
    const policy = await this.#transport.getUploadPolicy(model, { signal });
    this.#policies.set(model, { policy, until: Date.now() + (policy.expire_in_seconds ?? 300) * 1000 - POLICY_MARGIN_MS });
    return policy;
  }
}

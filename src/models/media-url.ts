/**
 * Checks of input URLs (images, videos, audio) against a model's caps, before anything is sent.
 *
 * @module
 */
import { either, withArticle } from '../core/text.ts';

/** Longest `http(s)://` or `oss://` URL we send; longer ones are almost always a mistake. */
const MAX_URL_LENGTH = 2048;

/** What one kind of media input accepts. */
interface MediaRules {
  /** The MIME types accepted (for `data:` URIs, and to describe the input). */
  readonly mimeTypes: readonly string[];
  /** Largest accepted size in bytes. */
  readonly maxBytes: number;
}

/** How one input may be given. */
export interface MediaUrlPolicy {
  /** A name for messages: `image`, `video`, `audio`. */
  readonly kind: string;
  /** The caps of this input. */
  readonly rules: MediaRules;
  /** Whether a `data:` URI is accepted (images only, today). */
  readonly allowDataUri: boolean;
}

const DATA_URI = /^data:([\w.+-]+\/[\w.+-]+)((?:;[\w-]+=[^;,]*)*);base64,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function formatMiB(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(2)} MiB`;
}

/** A size over `limit`, in bytes when MiB rounding would make it look equal to the limit. */
function formatOver(bytes: number, limit: number): string {
  return formatMiB(bytes) === formatMiB(limit) ? `${bytes} bytes` : formatMiB(bytes);
}

const LOCAL_PATH = /^(?:[A-Za-z]:[\\/]|\\\\|\/|\.{1,2}[\\/]|~[\\/])/;

/** The decoded size of a base64 payload, without decoding it. */
function base64Bytes(payload: string): number {
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  return Math.floor((payload.length * 3) / 4) - padding;
}

/**
 * Returns what is wrong with `url` as an input of this kind, or `undefined` when it is fine.
 * Messages start lower-case and omit the field path; the caller adds it.
 */
export function checkMediaUrl(url: string, policy: MediaUrlPolicy): string | undefined {
  const { kind, rules, allowDataUri } = policy;
  if (url.startsWith('data:')) {
    if (!allowDataUri) return `${withArticle(kind)} cannot be sent as a data: URI; pass an http(s):// or oss:// URL`;
    const match = DATA_URI.exec(url);
    if (!match) return `is not a base64 data: URI (expected data:<mime type>;base64,<data>)`;
    const [, mimeType = '', , payload = ''] = match;
    if (!rules.mimeTypes.includes(mimeType.toLowerCase())) {
      return `data: URI of type ${mimeType} is not an accepted ${kind} type (allowed: ${rules.mimeTypes.join(', ')})`;
    }
    // A length of 1 mod 4 cannot come from any byte string.
    if (payload.length === 0 || payload.length % 4 === 1 || !BASE64.test(payload)) return 'data: URI payload is not valid base64';
    const bytes = base64Bytes(payload);
    if (bytes > rules.maxBytes) {
      return `data: URI holds ${formatOver(bytes, rules.maxBytes)}, above the ${kind} limit of ${formatMiB(rules.maxBytes)}`;
    }
    return undefined;
  }
  if (url.length > MAX_URL_LENGTH) return `URL is ${url.length} characters, above the limit of ${MAX_URL_LENGTH}`;
  if (LOCAL_PATH.test(url)) {
    const forms = ['an http(s):// URL', 'an oss:// URL', ...(allowDataUri ? ['a data: URI'] : [])];
    return `${JSON.stringify(truncate(url))} looks like a local file path; pass ${either(forms)}`;
  }
  if (url.startsWith('oss://')) return url.length > 'oss://'.length ? undefined : 'oss:// URL has no object key';
  if (!URL.canParse(url)) return `"${truncate(url)}" is not a URL (expected http(s)://, oss://${allowDataUri ? ' or data:' : ''})`;
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') {
    return `URL scheme ${protocol} is not accepted (allowed: https:, http:, oss:${allowDataUri ? ', data:' : ''})`;
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

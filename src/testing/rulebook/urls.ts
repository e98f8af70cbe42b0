/**
 * Input URLs as the service takes them (docs/protocol.md §3.2, §7): `http(s)://`, an uploaded
 * `oss://` object (with `X-DashScope-OssResourceResolve: enable`), or for images a
 * `data:image/...;base64,` URI.
 *
 * @module
 */
import { invalid, missing } from './refusals.ts';

/** What URL checks need to know of the request and the simulator's storage. */
export interface UrlContext {
  /** Whether `X-DashScope-OssResourceResolve: enable` was sent. */
  readonly ossResolve: boolean;
  /** Whether an `oss://` key names an uploaded object that has not expired. */
  readonly hasUpload: (key: string) => boolean;
}

/** How a data URI may look: an image's (§3.2), or any type's (HappyHorse, §10.2). */
export type DataUriPolicy = 'none' | 'image' | 'any';

const IMAGE_DATA_URI = /^data:image\/[\w.+-]+;base64,/;
const ANY_DATA_URI = /^data:[\w.+-]+\/[\w.+-]+;base64,/;

/**
 * Checks one input URL at wire path `field` and adds it to `urls`; refuses a missing, malformed or
 * unresolvable one with 400 `InvalidParameter` (§5).
 */
export function checkUrl(field: string, value: unknown, data: DataUriPolicy, context: UrlContext, urls: string[]): void {
  if (typeof value !== 'string' || value.length === 0) missing(field);
  const text = value as string;
  if (text.startsWith('oss://')) {
    // §7: an upload is used as oss://{key} with the resolve header; objects live 48 h.
    if (!context.ossResolve) invalid(`${field} is an oss:// URL but the header X-DashScope-OssResourceResolve: enable is missing`);
    if (!context.hasUpload(text.slice('oss://'.length))) invalid(`The oss resource of ${field} does not exist or expired: ${text}`);
  } else if (text.startsWith('data:')) {
    const pattern = data === 'any' ? ANY_DATA_URI : IMAGE_DATA_URI;
    if (data === 'none' || !pattern.test(text)) invalid(`${field} is not a valid base64 ${data === 'any' ? '' : 'image '}data URI`);
  } else if (!/^https?:\/\/\S+$/.test(text)) {
    invalid(`${field} is not a valid URL: ${text.slice(0, 100)}`);
  }
  urls.push(text);
}

/** The kind of a reference URL from its extension or data type, as the service reads the file (no extension: an image). */
export function kindOfUrl(value: string): 'image' | 'video' | 'audio' {
  const type = /^data:(image|video|audio)\//.exec(value)?.[1];
  if (type === 'image' || type === 'video' || type === 'audio') return type;
  const path = URL.canParse(value) ? new URL(value).pathname : value;
  if (/\.(mp4|mov)$/i.test(path)) return 'video';
  if (/\.(mp3|wav)$/i.test(path)) return 'audio';
  return 'image';
}

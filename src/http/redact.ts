/**
 * What a transcript must never hold, and how it is taken out (docs/recording.md, "What is
 * redacted"): the API key wherever it shows (a hostile or buggy server may echo it in a body or a
 * header), credentials in headers, the signatures and access key ids of signed URLs, the upload
 * policy's signature fields, the account ids of list pages, and the bytes of inline images.
 *
 * @module
 */
import type { JsonValue } from './transcript.ts';

/** The text that replaces a secret. */
const REDACTED = '[redacted]';

/** The header record's account of what was redacted. */
export const REDACTION_NOTE =
  'the API key wherever it appeared; the authorization, cookie and security-token headers; the Signature, OSSAccessKeyId, ' +
  'x-oss-signature, x-oss-credential, security-token and X-Amz-* credential parameters of signed URLs (Expires is kept); ' +
  'the signature, access key id and security token fields of upload policies and upload forms; the account ids of task list pages ' +
  '(caller_uid, caller_parent_id, api_key_id); inline data: URIs (their length is kept)';

/** Headers whose whole value is a credential. */
const SECRET_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-oss-security-token', 'x-acs-security-token', 'x-amz-security-token',
]);

/** Fields (JSON keys, form fields) whose value is a credential, compared in lower case. */
const SECRET_FIELDS = new Set([
  'signature', 'ossaccesskeyid', 'oss_access_key_id', 'x-oss-signature', 'x-oss-credential', 'x-oss-security-token', 'x_oss_security_token',
  'security_token', 'securitytoken', 'security-token', 'access_key_secret', 'accesskeysecret', 'api_key', 'apikey',
  // Not credentials, but who the account is (the task list names them): a transcript is meant to be shared.
  'caller_uid', 'caller_parent_id', 'api_key_id',
]);

/**
 * Query parameters of signed URLs that carry a credential, wherever such a URL shows: a request's
 * URL, a `video_url` in a body, a message quoting a link. `Expires` stays: the SDK reads a link's
 * expiry from it, and it is no secret.
 */
const SIGNED_PARAMS =
  /([?&](?:Signature|OSSAccessKeyId|x-oss-signature|x-oss-credential|x-oss-security-token|security-token|SecurityToken|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|access_token)=)[^&#\s"'<>\\]*/gi;

/** Keys of the Model Studio form (`sk-` and letters or digits), redacted even when not the client's own key. */
const DASHSCOPE_KEY = /\bsk-[A-Za-z0-9][A-Za-z0-9_-]{15,}/g;

/** A `data:` URI's payload: the bytes of an inline image, private and large. */
const DATA_URI = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/** Takes secrets out of the parts of an exchange. One per recording (or replay): it knows the key. */
export class Redactor {
  readonly #secrets: readonly string[];

  /** `apiKey` is removed wherever it appears, raw or URL-encoded; without one only the generic rules apply (a replay). */
  constructor(apiKey: string | undefined) {
    this.#secrets = apiKey ? [...new Set([apiKey, encodeURIComponent(apiKey)])] : [];
  }

  /** Any text: the key, signed-URL parameters and key-like strings replaced. */
  text(value: string): string {
    let text = value;
    for (const secret of this.#secrets) text = text.replaceAll(secret, REDACTED);
    return text.replace(SIGNED_PARAMS, `$1${REDACTED}`).replace(DASHSCOPE_KEY, REDACTED);
  }

  /** A header set as a plain object, names in lower case. */
  headers(headers: Headers): Record<string, string> {
    const plain: Record<string, string> = {};
    for (const [name, value] of headers) {
      plain[name] = name === 'authorization' ? `${value.split(' ')[0] === 'Bearer' ? 'Bearer ' : ''}${REDACTED}` : SECRET_HEADERS.has(name) ? REDACTED : this.text(value);
    }
    return plain;
  }

  /** A form field's value: a credential field whole, any other as text. */
  field(name: string, value: string): string {
    return SECRET_FIELDS.has(name.toLowerCase()) ? REDACTED : this.text(value);
  }

  /** A JSON value, walked: credential fields, then every string (data: URIs summarised). */
  json(value: JsonValue): JsonValue {
    if (typeof value === 'string') return this.#string(value);
    if (Array.isArray(value)) return value.map((item: JsonValue) => this.json(item));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, JsonValue> = {};
      for (const [key, item] of Object.entries(value as Readonly<Record<string, JsonValue>>)) {
        out[this.text(key)] = SECRET_FIELDS.has(key.toLowerCase()) && typeof item === 'string' ? REDACTED : this.json(item);
      }
      return out;
    }
    return value;
  }

  #string(value: string): string {
    const dataUri = DATA_URI.exec(value);
    if (dataUri) {
      const [, type = '', params = '', payload = ''] = dataUri;
      const bytes = params.includes(';base64') ? Math.floor((payload.replace(/=+$/, '').length * 3) / 4) : payload.length;
      return `data:${type}${params},[${bytes} bytes not recorded]`;
    }
    return this.text(value);
  }
}

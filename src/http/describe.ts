/**
 * A request and a response as a transcript stores them (http/transcript.ts): JSON bodies parsed,
 * other bodies described, everything through a {@link Redactor}. A response whose body is a video
 * is described from its headers alone: its stream is left unread for the caller.
 *
 * @module
 */
import type { Redactor } from './redact.ts';
import type { JsonValue, TranscriptBodySummary, TranscriptFilePart, TranscriptRequest, TranscriptResponse } from './transcript.ts';

/** Text kept of a body that is neither JSON nor binary. */
const TEXT_LIMIT = 4000;

/** A body without a type is read only when this small (the storage host's empty 200, say). */
const UNTYPED_READ_LIMIT = 64 * 1024;

/** A JSON body, or a summary of any other. */
type Body = { readonly body?: JsonValue; readonly bodySummary?: TranscriptBodySummary };

function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}

function isTextType(contentType: string | null): boolean {
  return contentType !== null && /^text\/|[/+]xml\b/i.test(contentType);
}

/** `text` as JSON when it parses (and the type allows), else as a text summary; empty text is no body. */
function fromText(text: string, contentType: string | null, redactor: Redactor): Body {
  if (text === '') return {};
  if (isJsonType(contentType) || (contentType === null && /^\s*[[{]/.test(text))) {
    try {
      return { body: redactor.json(JSON.parse(text) as JsonValue) };
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  const truncated = text.length > TEXT_LIMIT;
  return { bodySummary: { kind: 'text', contentType, text: redactor.text(truncated ? text.slice(0, TEXT_LIMIT) : text), truncated } };
}

function multipart(form: FormData, redactor: Redactor): TranscriptBodySummary {
  const fields: Record<string, string> = {};
  const files: TranscriptFilePart[] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') fields[name] = redactor.field(name, value);
    else files.push({ field: name, fileName: redactor.text(value.name), contentType: value.type, bytes: value.size });
  }
  return { kind: 'multipart', fields, files };
}

/** A request body given in `init` (the upload's FormData, a string), described without consuming anything the caller needs. */
async function initBody(body: NonNullable<RequestInit['body']>, contentType: string | null, redactor: Redactor): Promise<Body> {
  if (typeof body === 'string') return fromText(body, contentType, redactor);
  if (body instanceof FormData) return { bodySummary: multipart(body, redactor) };
  if (body instanceof URLSearchParams) return fromText(body.toString(), contentType, redactor);
  if (body instanceof Blob) return { bodySummary: { kind: 'binary', contentType: contentType ?? (body.type || null), bytes: body.size } };
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bodySummary: { kind: 'binary', contentType, bytes: body.byteLength } };
  // A stream can be read only once, by the request itself.
  return { bodySummary: { kind: 'binary', contentType, bytes: null } };
}

/** A `Request` object's body, read from a clone (ky sends its JSON bodies this way). */
async function requestObjectBody(request: Request, redactor: Redactor): Promise<Body> {
  if (request.body === null) return {};
  const contentType = request.headers.get('content-type');
  if (contentType?.startsWith('multipart/form-data')) return { bodySummary: multipart(await request.clone().formData(), redactor) };
  if (isJsonType(contentType) || isTextType(contentType) || contentType?.startsWith('application/x-www-form-urlencoded')) {
    return fromText(await request.clone().text(), contentType, redactor);
  }
  return { bodySummary: { kind: 'binary', contentType, bytes: (await request.clone().arrayBuffer()).byteLength } };
}

/** A request as fetch receives it, `(input, init)`, described and redacted. */
export async function describeRequest(input: RequestInfo | URL, init: RequestInit | undefined, redactor: Redactor): Promise<TranscriptRequest> {
  const base = input instanceof Request ? input : undefined;
  const url = base ? base.url : input instanceof URL ? input.href : String(input);
  const headers = new Headers(base?.headers);
  for (const [name, value] of new Headers(init?.headers)) headers.set(name, value);
  const method = (init?.method ?? base?.method ?? 'GET').toUpperCase();
  const body = init?.body != null ? await initBody(init.body, headers.get('content-type'), redactor) : base ? await requestObjectBody(base, redactor) : {};
  return { method, url: redactor.text(url), headers: redactor.headers(headers), ...body };
}

/**
 * A response described and redacted: JSON and text read from a clone, anything else (a video) from
 * its headers only, so that the caller's stream is untouched and no video byte is kept.
 */
export async function describeResponse(response: Response, redactor: Redactor): Promise<TranscriptResponse> {
  const contentType = response.headers.get('content-type');
  const lengthHeader = response.headers.get('content-length');
  const length = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const readable = isJsonType(contentType) || isTextType(contentType) || (contentType === null && length !== null && length <= UNTYPED_READ_LIMIT);
  let body: Body = {};
  if (response.body !== null && readable) {
    body = fromText(await response.clone().text(), contentType, redactor);
  } else if (response.body !== null && length !== 0) {
    body = { bodySummary: { kind: 'binary', contentType, bytes: length } };
  }
  return { status: response.status, headers: redactor.headers(response.headers), ...body };
}

/**
 * The transcript format (docs/recording.md): JSON Lines, a header record first, then one record per
 * HTTP exchange in the order the requests left. Written by the client's `record` option, read back
 * by `replayFetch` of `modelstudio-video/testing`, and the format of the shipped fixtures.
 *
 * @module
 */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import { plural } from '../core/text.ts';

/** The `format` of every transcript's header record. */
export const TRANSCRIPT_FORMAT = 'modelstudio-video-transcript';

/** The version of the format this package writes and reads; a reader refuses a newer one. */
export const TRANSCRIPT_VERSION = 1;

/** A JSON value, as a transcript stores a JSON body. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** For a transcript built from documentation rather than recorded: the page its examples come from. */
export interface TranscriptSource {
  /** The page's address. */
  readonly url: string;
  /** The page's own "last updated" date (or the date it was read when it shows none), `YYYY-MM-DD`. */
  readonly date: string;
  /** True when no official page gives these examples and a secondary source (a mirror, a reseller's copy) was used. */
  readonly secondary?: boolean | undefined;
  /** What was taken from the page and what was filled in. */
  readonly note?: string | undefined;
}

/** The first record of a transcript. */
export interface TranscriptHeader {
  /** Always `header`. */
  readonly type: 'header';
  /** Always {@link TRANSCRIPT_FORMAT}. */
  readonly format: typeof TRANSCRIPT_FORMAT;
  /** The format's version, {@link TRANSCRIPT_VERSION} when written by this package. */
  readonly version: number;
  /** When the recording started, ISO 8601. */
  readonly createdAt: string;
  /** The writer: `modelstudio-video/<version>`, or `documentation` for a transcript built by hand from a page. */
  readonly sdk: string;
  /** The client's base URL. */
  readonly baseUrl: string;
  /** What was replaced by `[redacted]`, in words, so that a reader knows what it cannot see. */
  readonly redaction: string;
  /** The documentation page, for a transcript built from one. */
  readonly source?: TranscriptSource | undefined;
  /** Free text: what the run did, or what the fixture shows. */
  readonly note?: string | undefined;
}

/** A file part of a multipart body: described, never its bytes. */
export interface TranscriptFilePart {
  /** The form field. */
  readonly field: string;
  /** The file name sent. */
  readonly fileName: string;
  /** Its MIME type. */
  readonly contentType: string;
  /** Its size in bytes. */
  readonly bytes: number;
}

/** A body that is not JSON, described instead of stored. */
export type TranscriptBodySummary =
  | {
      /** A `multipart/form-data` body (an upload to the storage host). */
      readonly kind: 'multipart';
      /** The text fields, credentials redacted. */
      readonly fields: Readonly<Record<string, string>>;
      /** The files, described. */
      readonly files: readonly TranscriptFilePart[];
    }
  | {
      /** Bytes that are not kept (a video download): their type and length only. */
      readonly kind: 'binary';
      /** The `Content-Type`, when given. */
      readonly contentType: string | null;
      /** The length in bytes, when known (`Content-Length`). */
      readonly bytes: number | null;
    }
  | {
      /** Text that is not JSON (the storage host's XML errors), kept up to 4000 characters. */
      readonly kind: 'text';
      /** The `Content-Type`, when given. */
      readonly contentType: string | null;
      /** The text, redacted. */
      readonly text: string;
      /** True when the text was cut at 4000 characters. */
      readonly truncated: boolean;
    };

/** A request as it left the client, redacted. */
export interface TranscriptRequest {
  /** `GET` or `POST`. */
  readonly method: string;
  /** The whole URL, signed query parameters redacted. */
  readonly url: string;
  /** The headers, names in lower case, credentials redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body, parsed. */
  readonly body?: JsonValue | undefined;
  /** Any other body, described. */
  readonly bodySummary?: TranscriptBodySummary | undefined;
}

/** The answer to a request, redacted. */
export interface TranscriptResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The headers, names in lower case, credentials redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body, parsed. */
  readonly body?: JsonValue | undefined;
  /** Any other body, described (a video: its type and length, never its bytes). */
  readonly bodySummary?: TranscriptBodySummary | undefined;
}

/** A request that got no answer: the connection failed, timed out or was aborted. */
export interface TranscriptFailure {
  /** The error's name (`TypeError` for a failed fetch, `AbortError`, ...). */
  readonly name: string;
  /** Its message, redacted. */
  readonly message: string;
  /** The system error code underneath, such as `ECONNRESET`, when there is one. */
  readonly code?: string | undefined;
}

/** One request and its answer, or its failure. */
export interface TranscriptExchange {
  /** Always `exchange`. */
  readonly type: 'exchange';
  /** The order in which the requests left, from 1. Records are written as answers end, so a reader sorts by it. */
  readonly seq: number;
  /** When the request left, ISO 8601. */
  readonly startedAt: string;
  /** Milliseconds until the answer's headers, and its body when that was read (JSON, text); for a failure, until it failed. */
  readonly durationMs: number;
  /** The request. */
  readonly request: TranscriptRequest;
  /** The answer, unless the request failed. */
  readonly response?: TranscriptResponse | undefined;
  /** The failure, when no answer came. */
  readonly error?: TranscriptFailure | undefined;
  /** Free text: which documented example this is. */
  readonly note?: string | undefined;
}

/** One line of a transcript. */
export type TranscriptRecord = TranscriptHeader | TranscriptExchange;

/** A transcript read back: its header, and its exchanges in the order the requests left. */
export interface Transcript {
  /** The header record. */
  readonly header: TranscriptHeader;
  /** The exchanges, sorted by `seq`. */
  readonly exchanges: readonly TranscriptExchange[];
}

/**
 * Receives each record of a transcript as it is made: the header when the client is created, then
 * one exchange per answered or failed request. For runtimes without files, or to send the records
 * elsewhere; a returned promise is not awaited, and its rejection is ignored.
 */
export type RecordSink = (record: TranscriptRecord) => void | Promise<void>;

const headers = z.record(z.string(), z.string());
const summary = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('multipart'),
    fields: z.record(z.string(), z.string()),
    files: z.array(z.object({ field: z.string(), fileName: z.string(), contentType: z.string(), bytes: z.number() })),
  }),
  z.object({ kind: z.literal('binary'), contentType: z.string().nullable(), bytes: z.number().nullable() }),
  z.object({ kind: z.literal('text'), contentType: z.string().nullable(), text: z.string(), truncated: z.boolean() }),
]);
const message = { headers, body: z.json().optional(), bodySummary: summary.optional() };
const headerRecord = z.looseObject({
  type: z.literal('header'),
  format: z.literal(TRANSCRIPT_FORMAT),
  version: z.number().int().positive(),
  createdAt: z.string(),
  sdk: z.string(),
  baseUrl: z.string(),
  redaction: z.string(),
  source: z.object({ url: z.string(), date: z.string(), secondary: z.boolean().optional(), note: z.string().optional() }).optional(),
  note: z.string().optional(),
});
const exchangeRecord = z.looseObject({
  type: z.literal('exchange'),
  seq: z.number().int().positive(),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  request: z.looseObject({ method: z.string(), url: z.string(), ...message }),
  response: z.looseObject({ status: z.number().int(), ...message }).optional(),
  error: z.looseObject({ name: z.string(), message: z.string(), code: z.string().optional() }).optional(),
  note: z.string().optional(),
});

/**
 * Reads a transcript from its JSON Lines text. Throws a `ValidationError` naming each bad line (not
 * JSON, a record of the wrong shape, no header first, a newer version, an exchange with neither a
 * response nor an error) and reads nothing from a bad transcript.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseTranscript } from 'modelstudio-video/testing';
 *
 * const transcript = parseTranscript(readFileSync('run.jsonl', 'utf8'));
 * for (const exchange of transcript.exchanges) console.log(exchange.request.method, exchange.request.url, exchange.response?.status);
 * ```
 */
export function parseTranscript(text: string): Transcript {
  const issues: ValidationIssue[] = [];
  let header: TranscriptHeader | undefined;
  const exchanges: TranscriptExchange[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const path = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      issues.push({ path, message: 'is not JSON' });
      return;
    }
    if (header === undefined) {
      const parsed = headerRecord.safeParse(value);
      if (!parsed.success) {
        issues.push({ path, message: `must be the header record ({ "type": "header", "format": "${TRANSCRIPT_FORMAT}", "version": ${TRANSCRIPT_VERSION}, ... }): ${firstIssue(parsed.error)}` });
        header = { type: 'header', format: TRANSCRIPT_FORMAT, version: TRANSCRIPT_VERSION, createdAt: '', sdk: '', baseUrl: '', redaction: '' };
        return;
      }
      if (parsed.data.version > TRANSCRIPT_VERSION) {
        issues.push({ path, message: `is version ${parsed.data.version} of the format; this package reads version ${TRANSCRIPT_VERSION}: update modelstudio-video` });
      }
      header = parsed.data as TranscriptHeader;
      return;
    }
    const parsed = exchangeRecord.safeParse(value);
    if (!parsed.success) {
      issues.push({ path, message: `is not an exchange record: ${firstIssue(parsed.error)}` });
    } else if (parsed.data.response === undefined && parsed.data.error === undefined) {
      issues.push({ path, message: 'has neither a response nor an error' });
    } else {
      exchanges.push(parsed.data as TranscriptExchange);
    }
  });
  if (header === undefined) issues.push({ path: 'line 1', message: 'must be the header record: the transcript is empty' });
  if (issues.length > 0) throw new ValidationError(`Invalid transcript (${plural(issues.length, 'problem')}):`, issues);
  return { header: header as TranscriptHeader, exchanges: exchanges.sort((a, b) => a.seq - b.seq) };
}

/** The first problem zod found, as `path: message`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unreadable';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** One record as its line of JSON Lines, newline included. */
export function transcriptLine(record: TranscriptRecord): string {
  return `${JSON.stringify(record)}\n`;
}

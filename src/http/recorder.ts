/**
 * The client's `record` option: a fetch that writes every exchange of the client (submits, queries,
 * lists, cancels, upload policies, uploads, downloads) to a transcript (http/transcript.ts) as it
 * passes. It wraps the one fetch that the transport, the uploader and the downloads share, so that
 * retries show as the separate requests they are, in the order they left.
 *
 * @module
 */
import { ValidationError } from '../core/errors.ts';
import { errorMessage } from '../core/text.ts';
import { describeRequest, describeResponse } from './describe.ts';
import { REDACTION_NOTE, Redactor } from './redact.ts';
import {
  TRANSCRIPT_FORMAT, TRANSCRIPT_VERSION, transcriptLine, type RecordSink, type TranscriptExchange, type TranscriptFailure, type TranscriptRecord,
} from './transcript.ts';

/** What the header of a recording says about the client. */
export interface RecordingContext {
  /** The API key, to redact wherever it shows. Never written. */
  readonly apiKey: string;
  /** The client's base URL. */
  readonly baseUrl: string;
  /** `modelstudio-video/<version>`. */
  readonly sdk: string;
}

/** The part of `node:fs` a transcript file needs, loaded synchronously so that a bad path fails the client's constructor. */
type SyncFs = Pick<typeof import('node:fs'), 'writeFileSync' | 'appendFileSync'>;

function syncFs(): SyncFs | undefined {
  const holder = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  return holder.process?.getBuiltinModule?.('node:fs') as SyncFs | undefined;
}

function problem(message: string): ValidationError {
  return new ValidationError('Invalid client options (1 problem):', [{ path: 'record', message }]);
}

/** Why a transcript file cannot be written, in words. */
function writeFailure(error: unknown, path: string): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return `cannot write ${path}: its folder does not exist (create it first)`;
    case 'EISDIR':
      return `cannot write ${path}: it is a folder; give a file name, such as ${path.replace(/[/\\]+$/, '')}/run.jsonl`;
    case 'ENOTDIR':
      return `cannot write ${path}: a part of its path is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
      return `cannot write ${path}: permission denied`;
    case 'EROFS':
      return `cannot write ${path}: the file system is read-only`;
    default:
      return `cannot write ${path}: ${errorMessage(error)}`;
  }
}

/**
 * A sink that writes to the file at `path`, created (or emptied) now with `firstLine`: a path that
 * cannot be written throws here, before the client sends anything. Each record is appended
 * synchronously, so that a run killed halfway leaves every exchange that ended before.
 */
function fileSink(path: string, firstLine: string): RecordSink {
  const fs = syncFs();
  if (fs === undefined) {
    throw problem('a file path needs a runtime with files (Node 22.3 or later, Bun, Deno); elsewhere pass a function that receives each record');
  }
  try {
    fs.writeFileSync(path, firstLine, { flag: 'w' });
  } catch (error) {
    throw problem(writeFailure(error, path));
  }
  let warned = false;
  return (record) => {
    try {
      fs.appendFileSync(path, transcriptLine(record));
    } catch (error) {
      // A full disk must not fail a paid task; the transcript is then incomplete, and says so once.
      if (!warned) console.error(`[modelstudio-video] the transcript ${path} is incomplete: ${writeFailure(error, path)}`);
      warned = true;
    }
  };
}

/** The failure of a fetch that got no answer, redacted. */
function failureOf(error: unknown, redactor: Redactor): TranscriptFailure {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: redactor.text(errorMessage(error)),
    ...(typeof code === 'string' && { code }),
  };
}

/**
 * Starts a recording for `target` (a file path, or a sink) and returns the wrapper of the client's
 * fetch. The header record is written now; a file path that cannot be written throws a
 * `ValidationError` (path `record`) now.
 */
export function startRecording(target: string | RecordSink, context: RecordingContext): (inner: typeof globalThis.fetch) => typeof globalThis.fetch {
  if (typeof target === 'string' && target.trim() === '') throw problem('must be a file path or a function');
  if (typeof target !== 'string' && typeof target !== 'function') throw problem('must be a file path or a function');
  const redactor = new Redactor(context.apiKey);
  const header: TranscriptRecord = {
    type: 'header',
    format: TRANSCRIPT_FORMAT,
    version: TRANSCRIPT_VERSION,
    createdAt: new Date().toISOString(),
    sdk: context.sdk,
    baseUrl: redactor.text(context.baseUrl),
    redaction: REDACTION_NOTE,
  };
  let sink: RecordSink;
  if (typeof target === 'string') {
    sink = fileSink(target, transcriptLine(header));
  } else {
    sink = target;
    emit(sink, header);
  }
  let seq = 0;
  return (inner) => async (input, init) => {
    seq += 1;
    const number = seq;
    const startedAt = new Date().toISOString();
    const began = performance.now();
    // A request that cannot be described still goes out: the recording never stops a call.
    const request = await describeRequest(input, init, redactor).catch(() => ({
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      url: redactor.text(input instanceof Request ? input.url : String(input)),
      headers: {},
    }));
    const write = (rest: Pick<TranscriptExchange, 'response' | 'error'>) =>
      emit(sink, { type: 'exchange', seq: number, startedAt, durationMs: Math.round(performance.now() - began), request, ...rest });
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      write({ error: failureOf(error, redactor) });
      throw error;
    }
    try {
      write({ response: await describeResponse(response, redactor) });
    } catch (error) {
      // The body could not be read (the caller aborted): the exchange is kept with what is known.
      write({ response: { status: response.status, headers: redactor.headers(response.headers) }, error: failureOf(error, redactor) });
    }
    return response;
  };
}

/** Hands `record` to `sink`; a sink's failure never reaches the request. */
function emit(sink: RecordSink, record: TranscriptRecord): void {
  try {
    void Promise.resolve(sink(record)).catch(() => undefined);
  } catch {
    // Same: the recording is the caller's concern, the request goes on.
  }
}

/**
 * Reading a batch file: JSON Lines (one request object per line) or CSV with a header row, into
 * lines of mode, id and SDK request, each with a hash of what it asks for. Local paths are read from
 * the input file's folder. Nothing here knows the models: the client checks the requests.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIDEO_MODES, isModelId, modesOf, type VideoMode } from '../models/caps.ts';
import { MODE_ALIASES } from '../models/lineup.ts';
import { describe, isRecord } from '../core/text.ts';
import { parseCsv } from './csv.ts';
import { cellValue, isLineField, mediaKindOf } from './line-fields.ts';

/** How the file is written. */
export type BatchFileFormat = 'jsonl' | 'csv';

/** One request of the file. */
export interface BatchLine {
  /** Its line in the file (1-based; a CSV's header is line 1). */
  readonly line: number;
  /** Its `id`, by default the line number: it names `<id>.mp4` and keys the journal. */
  readonly id: string;
  /** Its mode. */
  readonly mode: VideoMode;
  /** The request, as the mode's client method takes it; local paths as `{ path }`, absolute. */
  readonly request: Readonly<Record<string, unknown>>;
  /** A hash of the mode and the request as written: a rerun with a changed line sees a new request. */
  readonly hash: string;
}

/** What is wrong with one line. */
export interface LineProblem {
  /** The line. */
  readonly line: number;
  /** The field at fault, when one is. */
  readonly field?: string | undefined;
  /** What is wrong. */
  readonly message: string;
}

/** Where the text came from, and how to read it. */
export interface BatchTextSource {
  /** The text. */
  readonly text: string;
  /** The folder that relative paths in it are read from. */
  readonly dir: string;
  /**
   * How it is written.
   * @default 'jsonl' when the first character that is not a space is `{`, else 'csv'
   */
  readonly format?: BatchFileFormat | undefined;
  /** The model of lines that name none, where it serves their mode (else each mode's default). */
  readonly defaultModel?: string | undefined;
}

/** Schemes the service reads itself; anything else in a media field is a local file. */
const REMOTE = /^(?:https?:\/\/|oss:\/\/|data:)/i;

/** An id names a file: letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const MODE_NAMES: Readonly<Record<string, VideoMode>> = {
  ...Object.fromEntries(VIDEO_MODES.map((mode) => [mode.toLowerCase(), mode])),
  ...MODE_ALIASES,
};

/** The lines of `source`, and every problem found on them. */
export function parseBatchText(source: BatchTextSource): { readonly lines: readonly BatchLine[]; readonly problems: readonly LineProblem[] } {
  const format = source.format ?? (/^\s*\{/.test(source.text) ? 'jsonl' : 'csv');
  const problems: LineProblem[] = [];
  const rows = format === 'jsonl' ? jsonRows(source.text, problems) : csvRows(source.text, problems);
  const lines: BatchLine[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const parsed = toLine(line, fields, source, problems);
    if (!parsed) continue;
    const earlier = seen.get(parsed.id);
    if (earlier !== undefined) {
      problems.push({ line, field: 'id', message: `${JSON.stringify(parsed.id)} is already the id of line ${earlier}; ids name the output files, so each must be unique` });
      continue;
    }
    seen.set(parsed.id, line);
    lines.push(parsed);
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'the file has no requests' });
  return { lines, problems };
}

/** The objects of a JSON Lines text, with their line numbers. */
function jsonRows(text: string, problems: LineProblem[]): { line: number; fields: Record<string, unknown> }[] {
  const rows: { line: number; fields: Record<string, unknown> }[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(content) as unknown;
    } catch (error) {
      problems.push({ line, message: `is not JSON (${error instanceof Error ? error.message : String(error)}); each line is one JSON object` });
      return;
    }
    if (!isRecord(value)) problems.push({ line, message: `is ${describe(value)}; each line is one JSON object, such as {"prompt": "A fox in snow"}` });
    else rows.push({ line, fields: value });
  });
  return rows;
}

/** The records of a CSV text as objects keyed by its header; an unknown column is a problem of the header. */
function csvRows(text: string, problems: LineProblem[]): { line: number; fields: Record<string, unknown> }[] {
  const { records, problem } = parseCsv(text);
  if (problem) problems.push(problem);
  const [header, ...body] = records;
  if (!header) return [];
  const columns = header.fields.map((name) => name.trim());
  const unknown = columns.filter((name) => !isLineField(name));
  for (const name of unknown) {
    problems.push({ line: header.line, field: name, message: `is not a field of a request: the columns are mode, id, model and the SDK's request fields, such as prompt, image, duration, resolution` });
  }
  if (unknown.length > 0) return [];
  const rows: { line: number; fields: Record<string, unknown> }[] = [];
  for (const record of body) {
    if (record.fields.length > columns.length) {
      problems.push({ line: record.line, message: `has ${record.fields.length} cells for ${columns.length} columns; quote a cell that holds a comma` });
      continue;
    }
    const fields: Record<string, unknown> = {};
    let bad = false;
    columns.forEach((name, index) => {
      const read = cellValue(name, record.fields[index] ?? '');
      if (read === undefined) return;
      if ('problem' in read) {
        problems.push({ line: record.line, field: name, message: read.problem });
        bad = true;
      } else fields[name] = read.value;
    });
    if (!bad) rows.push({ line: record.line, fields });
  }
  return rows;
}

/** One row as a line, or `undefined` with its problems noted. */
function toLine(line: number, fields: Readonly<Record<string, unknown>>, source: BatchTextSource, problems: LineProblem[]): BatchLine | undefined {
  const { mode: modeField = 't2v', id: idField = String(line), ...written } = fields;
  const mode = typeof modeField === 'string' ? MODE_NAMES[modeField.trim().toLowerCase()] : undefined;
  if (!mode) {
    problems.push({ line, field: 'mode', message: `is ${describe(modeField)}; the modes are ${[...Object.keys(MODE_ALIASES), ...VIDEO_MODES].join(', ')}` });
  }
  const id = typeof idField === 'number' && Number.isInteger(idField) ? String(idField) : idField;
  if (typeof id !== 'string' || !ID.test(id)) {
    problems.push({ line, field: 'id', message: `is ${describe(idField)}; an id names its video file, so it is letters, digits, ".", "_" and "-" (up to 100)` });
  }
  if (!mode || typeof id !== 'string' || !ID.test(id)) return undefined;
  const asked = written.model === undefined && takesDefault(source.defaultModel, mode) ? { ...written, model: source.defaultModel } : written;
  return { line, id, mode, request: withLocalPaths(asked, source.dir), hash: hashOf(mode, asked) };
}

/**
 * Whether a line of `mode` without a model gets `model`: when the model serves the mode. A name
 * that is no model goes to every line, so that the client's check says what is wrong with it.
 */
function takesDefault(model: string | undefined, mode: VideoMode): model is string {
  if (model === undefined) return false;
  return !isModelId(model) || modesOf(model).includes(mode);
}

/** The request with each local path in a media field as `{ path }` read from `dir`. */
function withLocalPaths(request: Readonly<Record<string, unknown>>, dir: string): Record<string, unknown> {
  const local = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (REMOTE.test(value)) return value;
      if (/^file:/i.test(value)) return { path: fileURLToPath(value) };
      // Another scheme stays a string, so that the SDK's check names it rather than "file not found".
      if (/^[a-z][a-z0-9+.-]+:\/\//i.test(value)) return value;
      return { path: isAbsolute(value) ? value : resolve(dir, value) };
    }
    if (isRecord(value) && typeof value['path'] === 'string') return { ...value, path: resolve(dir, value['path']) };
    return value;
  };
  return Object.fromEntries(
    Object.entries(request).map(([name, value]) => {
      const media = mediaKindOf(name);
      if (media === 'one') return [name, local(value)];
      if (media === 'list' && Array.isArray(value)) return [name, value.map(local)];
      return [name, value];
    }),
  );
}

/** The hash of what a line asks for: its mode and request, keys sorted, so that spacing and order do not count. */
function hashOf(mode: VideoMode, request: Readonly<Record<string, unknown>>): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (isRecord(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
    return value;
  };
  return createHash('sha256').update(JSON.stringify([mode, canonical(request)])).digest('hex').slice(0, 16);
}

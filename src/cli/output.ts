/**
 * Where each kind of output goes. stdout holds the result only: lines for a person, or with
 * `--json` exactly one JSON document, success or error. Logs, progress and error lines go to
 * stderr. Nothing printed ever holds the API key.
 *
 * @module
 */
import { API_KEY_ENV_VARS, BASE_URL_ENV_VAR, REGION_ENV_VAR } from '../core/env-vars.ts';
import {
  AbortError, BudgetError, DownloadError, SubmitOutcomeUnknownError, TimeoutError, ValidationError, isModelStudioError,
} from '../core/errors.ts';
import { errorMessage, isRecord } from '../core/text.ts';
import { commandLineReason } from './cost-lines.ts';
import { exitCodeOf, type ExitCode } from './exit-codes.ts';
import { ProgressView, type ProgressStream, type ProgressStyle } from './progress.ts';
import { fieldListInTypedWords, inTypedWords, typedPath, type TypedNames } from './typed-names.ts';

/** The output flags every command takes. */
export interface OutputFlags {
  /** One JSON document on stdout. */
  readonly json?: boolean;
  /** No progress or logs; errors still print. */
  readonly quiet?: boolean;
}

/** A stream as the output needs it. */
export interface OutputStream extends ProgressStream {
  readonly isTTY?: boolean;
}

/** What the command knew when an error happened, for the hint. */
export interface ErrorContext {
  /** The task, when one was submitted. */
  readonly taskId?: string | undefined;
  /** The file given with `-o`. */
  readonly output?: string | undefined;
  /** What the person typed for the SDK's names (`<image>` for `image`): what the error line names. */
  readonly names?: TypedNames | undefined;
}


/** The `error` member of a JSON error document. */
interface ErrorJSON {
  readonly type: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/** Fields of SDK errors worth a script's attention, when set. */
const ERROR_FIELDS = ['code', 'status', 'requestId', 'taskId', 'model', 'timeoutKind', 'estimate', 'limit', 'currency', 'basis'] as const;

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/** The SDK's messages name its JavaScript API in their advice; on the command line the hint does. */
function withoutApiAdvice(message: string): string {
  return commandLineReason(message.replace(/ (Resume (it )?with|Look for the task with) client\.tasks\..*$/s, ''))
    .replace(/\bmaxCost\b/g, '--max-cost')
    .replace(/ A lower resolution or a shorter duration costs less\.$/, '');
}

/**
 * A problem's advice as the command line can follow it: the SDK's way around a refusal
 * (`extraParameters.ratio`), its `mimeType`, `{ url, type }` and `allowInsecure` have no flag; a
 * local file's kind comes from its extension; the client options are flags or variables.
 */
function commandLineAdvice(message: string): string {
  return message
    .replace(/pass workspaceId \(or set (\w+)\), or baseUrl/, `pass --workspace (or set $1), or set ${BASE_URL_ENV_VAR}`)
    .replace(/; or pass baseUrl$/, `; or set ${BASE_URL_ENV_VAR}`)
    .replace(/, or pass allowInsecure: true for a trusted network$/, '')
    .replace(/,? or extra(?:Parameters|Input)\.\w+ to send it anyway/, '')
    .replace(/; use extra(?:Parameters|Input)\.\w+ to send it anyway/, '')
    .replace(/; give its mimeType \(/, ' from its extension (')
    .replace(/; pass \{ url, type: [^}]*\}/, ': give a file or URL whose extension says (such as .png or .mp4)');
}

/** A validation error on one line, each problem named by what the person typed: `--duration 20 is above ...`, `<image> nope.png cannot be read`. */
function validationLine(error: ValidationError, names: TypedNames): string {
  const summary = error.message.split('\n')[0] ?? '';
  if (error.issues.length === 0) return inTypedWords(summary, names);
  // A batch file's problems are named by line and field as the file writes them, one per line of output.
  if (error.issues.every(({ path }) => path.startsWith('line '))) {
    return [summary, ...error.issues.map(({ path, message }) => `  ${path} ${commandLineAdvice(message)}`)].join('\n');
  }
  const problems = error.issues.map(({ path, message }) => {
    const name = typedPath(path, names);
    const problem = fieldListInTypedWords(commandLineAdvice(message), names);
    return name ? `${name} ${problem}` : problem;
  });
  return inTypedWords(`${summary} ${problems.join('; ')}`, names);
}

/** The error's message on one line, for stderr. */
function errorLine(error: unknown, names: TypedNames): string {
  if (error instanceof ValidationError) return validationLine(error, names);
  const message = errorMessage(error);
  return inTypedWords(withoutApiAdvice(message).replace(/\s*\n\s*/g, ' '), names);
}

/** What to run next, when the command line can help. */
function hintFor(error: unknown, context: ErrorContext): string | undefined {
  const own = (error as { taskId?: unknown }).taskId;
  const taskId = typeof own === 'string' && own !== '' ? own : context.taskId;
  if (error instanceof AbortError && taskId) {
    return `follow it with \`modelstudio-video wait ${taskId}\`, or while it is PENDING cancel it with \`modelstudio-video cancel ${taskId}\``;
  }
  if (error instanceof TimeoutError && taskId) return `follow it with \`modelstudio-video wait ${taskId}\``;
  if (error instanceof SubmitOutcomeUnknownError) {
    const since = new Date(error.submittedAt.getTime() - 60_000).toISOString();
    return `look for the task with \`modelstudio-video list --model ${error.model} --since ${since}\` before submitting again`;
  }
  if (error instanceof BudgetError) {
    return error.estimate === undefined
      ? `no price is known here: set ${REGION_ENV_VAR} to the region of the service, or leave out --max-cost`
      : 'lower --resolution or --duration, or raise --max-cost';
  }
  if (error instanceof DownloadError && taskId) {
    return `the video exists: download it again with \`modelstudio-video wait ${taskId} -o ${context.output ?? '<file>'}\` (links last 24 hours)`;
  }
  return undefined;
}

/** An error as the `error` member of the JSON document. */
function errorJson(error: unknown, hint: string | undefined): ErrorJSON {
  const fields: Record<string, unknown> = {};
  // isRecord lets the fields be read by name: each error class carries only some of them.
  if (isModelStudioError(error) && isRecord(error)) {
    for (const name of ERROR_FIELDS) {
      const value = error[name];
      if (typeof value === 'string' || typeof value === 'number') fields[name] = value;
    }
  }
  if (error instanceof SubmitOutcomeUnknownError) fields.submittedAt = error.submittedAt.toISOString();
  if (error instanceof ValidationError) fields.issues = error.issues.map(({ path, message }) => ({ path, message }));
  return {
    type: nameOf(error),
    message: withoutApiAdvice(errorMessage(error)),
    ...fields,
    ...(hint !== undefined && { hint }),
  };
}

/** The command's output channels. */
export class Output {
  /** `--json`: the result is one JSON document on stdout. */
  readonly json: boolean;
  /** `--quiet`: no logs or progress. */
  readonly quiet: boolean;
  readonly #stdout: OutputStream;
  readonly #stderr: OutputStream;
  readonly #secrets: readonly string[];

  constructor(
    flags: OutputFlags,
    streams: { readonly stdout: OutputStream; readonly stderr: OutputStream } = process,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.json = flags.json === true;
    this.quiet = flags.quiet === true;
    this.#stdout = streams.stdout;
    this.#stderr = streams.stderr;
    this.#secrets = API_KEY_ENV_VARS.map((name) => env[name]?.trim() ?? '').filter((value) => value.length >= 4);
  }

  /** The result: `lines` for a person, or `document` with `--json`. */
  result(lines: readonly string[], document: Readonly<Record<string, unknown>>): void {
    if (this.json) this.#write(this.#stdout, `${JSON.stringify({ ok: true, ...document }, null, 2)}\n`);
    else if (lines.length > 0) this.#write(this.#stdout, `${lines.join('\n')}\n`);
  }

  /** A log line on stderr, unless `--quiet`. */
  log(line: string): void {
    if (!this.quiet) this.#write(this.#stderr, `${line}\n`);
  }

  /** Progress on stderr: a live bar on a terminal, plain lines elsewhere, nothing with `--quiet`. */
  progress(): ProgressView {
    const { stream, style } = this.progressStream();
    return new ProgressView(stream, style);
  }

  /** Where a command's own progress display writes (stderr, the key redacted) and in which style. */
  progressStream(): { readonly stream: ProgressStream; readonly style: ProgressStyle } {
    const style = this.quiet ? 'off' : this.#stderr.isTTY === true ? 'bar' : 'lines';
    return { stream: { write: (text: string) => this.#write(this.#stderr, text) }, style };
  }

  /** Reports `error` (one line on stderr, and the JSON document with `--json`); returns its exit code. */
  fail(error: unknown, context: ErrorContext = {}): ExitCode {
    const hint = hintFor(error, context);
    if (this.json) this.#write(this.#stdout, `${JSON.stringify({ ok: false, error: errorJson(error, hint) }, null, 2)}\n`);
    this.#write(this.#stderr, `error: ${nameOf(error)}: ${errorLine(error, context.names ?? {})}\n${hint ? `hint: ${hint}\n` : ''}`);
    return exitCodeOf(error);
  }

  #write(stream: OutputStream, text: string): void {
    let safe = text;
    for (const secret of this.#secrets) safe = safe.split(secret).join('[redacted]');
    stream.write(safe);
  }
}

/**
 * `runBatchFile`: every line of a batch file, run inside the account's limits, with a journal so
 * that a rerun after a kill resumes without paying twice, the videos written as `<id>.mp4`, and
 * `results.jsonl` and the contact sheet rewritten as lines end. The command `batch` is this.
 *
 * @module
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { EventEmitter } from 'eventemitter3';
import { ModelStudioClient } from '../client/client.ts';
import { batchTotal, checkBudget } from '../cost/budget.ts';
import { roundMoney } from '../cost/rates.ts';
import { AbortError, SubmitOutcomeUnknownError, ValidationError } from '../core/errors.ts';
import { sleep } from '../core/sleep.ts';
import { plural } from '../core/text.ts';
import type { UnknownSubmitPolicy } from '../http/retry.ts';
import type { BatchRequest } from '../task/batch.ts';
import { CLOCK_SKEW_MS, DEFAULT_RECOVERY } from '../task/recover-submit.ts';
import type { VideoResult } from '../task/result.ts';
import type { VideoTask } from '../task/video-task.ts';
import { checkLines, type CheckedLine } from './check-lines.ts';
import { parseBatchText, type BatchFileFormat, type LineProblem } from './input.ts';
import { BatchJournal, type EndRecord } from './journal.ts';
import { lineError, nextStepAfter, type BatchFileProgress, type LineResult } from './line-result.ts';
import { acquireLock, type BatchLock } from './lock.ts';
import { BatchOutputs } from './outputs.ts';

/** The input of a batch: a file's path, or text with the folder its relative paths are read from. */
export type BatchFileInput = string | BatchText;

/** A batch file's text, read elsewhere (stdin). */
export interface BatchText {
  /** The text. */
  readonly text: string;
  /** The folder that relative paths in it are read from. */
  readonly dir: string;
  /** A name for messages and the contact sheet's title. */
  readonly name?: string | undefined;
  /**
   * How it is written.
   * @default 'jsonl' when it starts with `{`, else 'csv'
   */
  readonly format?: BatchFileFormat | undefined;
}

/** What {@link runBatchFile} and {@link checkBatchFile} read. */
export interface BatchFileSource {
  /** The requests: a `.jsonl` or `.csv` file, or text (stdin) with its folder. */
  readonly input: BatchFileInput;
  /**
   * The client that checks and sends the requests.
   * @default a client configured from the environment
   */
  readonly client?: ModelStudioClient | undefined;
  /** The model of lines that name none, where it serves their mode (else each mode's default model). */
  readonly model?: string | undefined;
}

/** Options of {@link runBatchFile}. */
export interface BatchFileOptions extends BatchFileSource {
  /** The output folder: `<id>.mp4`, `results.jsonl`, `index.html`, the journal and the lock. Created when missing. */
  readonly out: string;
  /**
   * Tasks of one model in flight at once.
   * @default the model's task limit as the client keeps it
   */
  readonly concurrency?: number | undefined;
  /** Refuse the batch (a `BudgetError`, nothing sent) when what it still has to submit is estimated above this. */
  readonly maxCost?: number | undefined;
  /**
   * Download each video to `<out>/<id>.mp4`; with `false`, results keep the link (it expires after about a day).
   * @default true
   */
  readonly download?: boolean | undefined;
  /** Run the valid lines and report the others as `invalid`, instead of refusing the batch. */
  readonly skipInvalid?: boolean | undefined;
  /**
   * A line whose submit began in an earlier run that stopped before the answer (a kill), and whose
   * task a look-up does not find: `'resubmit'` sends it again; otherwise it ends failed with a
   * `SubmitOutcomeUnknownError`, as the SDK treats a submit whose answer never came.
   * @default 'resubmit-if-answered'
   */
  readonly onUnknownSubmit?: UnknownSubmitPolicy | undefined;
  /** Stops everything: nothing more is submitted or followed; tasks already created run on, and a rerun follows them. */
  readonly signal?: AbortSignal | undefined;
}

/** How a batch ended. */
export interface BatchFileSummary extends BatchFileProgress {
  /** One result per input line, in input order (as `results.jsonl`). */
  readonly results: readonly LineResult[];
  /** Tasks this run created (submits answered, or found by a look-up after an earlier run's kill). */
  readonly submitted: number;
  /** Lines whose earlier task this run followed instead of submitting again. */
  readonly resumed: number;
  /** Lines whose video an earlier run had already saved. */
  readonly alreadyDone: number;
  /** Whether the run was stopped before every line ended. */
  readonly stopped: boolean;
}

/** The events of a {@link BatchFileRun}. */
export interface BatchFileEvents {
  /** A line ended in this run (lines an earlier run finished are in the summary, and counted by a notice). */
  line: (result: LineResult) => void;
  /** The counts changed. */
  progress: (progress: BatchFileProgress) => void;
  /** Something a person should know: changed lines, resumed tasks, look-ups. */
  notice: (message: string) => void;
}

/** A line's number and id. */
export interface LineId {
  /** The line's number in the file. */
  readonly line: number;
  /** Its id, when it has a valid one. */
  readonly id: string | undefined;
}

/** A checked batch file: its valid lines and the problems of the others. */
export interface CheckedBatchFile {
  /** The file's name, for titles and messages. */
  readonly name: string;
  /** The lines the client accepted, with their model and estimate. */
  readonly lines: readonly CheckedLine[];
  /** Every problem, in line order. */
  readonly problems: readonly LineProblem[];
  /** Every line's number and id (undefined where the id itself is bad), valid or not. */
  readonly ids: readonly LineId[];
}

/** The client of `source`, or one from the environment. */
function clientOf(source: BatchFileSource): ModelStudioClient {
  return source.client ?? new ModelStudioClient();
}

/**
 * Reads and checks every line of a batch file, sending nothing: local files exist, each request is
 * one the client accepts, each has its estimate. For `--estimate`, or to report bad lines.
 */
export async function checkBatchFile(source: BatchFileSource): Promise<CheckedBatchFile> {
  const { input } = source;
  const text = typeof input === 'string' ? await readFile(input, 'utf8') : input.text;
  const dir = typeof input === 'string' ? dirname(resolve(input)) : input.dir;
  const name = typeof input === 'string' ? basename(input) : (input.name ?? 'stdin');
  const format = typeof input === 'string' ? (/\.csv$/i.test(input) ? 'csv' : /\.jsonl?$/i.test(input) ? 'jsonl' : undefined) : input.format;
  const parsed = parseBatchText({ text, dir, format, defaultModel: source.model });
  const { checked, problems } = await checkLines(clientOf(source), parsed.lines);
  const all = [...parsed.problems, ...problems].sort((a, b) => a.line - b.line);
  const ids = [...parsed.lines.map(({ line, id }) => ({ line, id })), ...all.filter((p) => !parsed.lines.some((l) => l.line === p.line)).map((p) => ({ line: p.line, id: undefined }))];
  const unique = [...new Map(ids.map((entry) => [entry.line, entry])).values()].sort((a, b) => a.line - b.line);
  return { name, lines: checked, problems: all, ids: unique };
}

/** The problems as one `ValidationError`, each named by line and field. */
export function invalidBatchError(file: CheckedBatchFile): ValidationError {
  const lines = new Set(file.problems.map((problem) => problem.line)).size;
  return new ValidationError(
    `${file.name} has ${plural(file.problems.length, 'problem')} on ${plural(lines, 'line')}; nothing was sent:`,
    file.problems.map((problem) => ({ path: `line ${problem.line}${problem.field ? `, ${problem.field}` : ''}:`, message: problem.message })),
  );
}

/**
 * Runs a batch file: see {@link BatchFileOptions}. Every line is checked first; a bad line refuses
 * the batch (a `ValidationError` naming each line and field) unless `skipInvalid`. Before each submit
 * the journal records what is about to leave, and after it the task id, so that the same call after
 * a kill follows the tasks already created, looks for those whose answer was lost, skips the videos
 * already saved and submits only the rest.
 *
 * @example
 * ```ts
 * import { runBatchFile } from 'modelstudio-video/batch';
 *
 * const run = runBatchFile({ input: 'prompts.jsonl', out: 'videos' });
 * run.on('line', (line) => console.log(line.id, line.status, line.file ?? line.error?.message));
 * const summary = await run.summary();
 * console.log(`${summary.succeeded}/${summary.total} videos, ${summary.cost} ${summary.currency ?? ''}`);
 * ```
 */
export function runBatchFile(options: BatchFileOptions): BatchFileRun {
  return new BatchFileRun(options);
}

/** Internal state of one line. */
interface LineState {
  readonly line: CheckedLine;
  result: LineResult;
  task: VideoTask | undefined;
  /** The submit began (the journal has its start) and its answer has not come. */
  submitting: boolean;
}

/** A running batch file; created by {@link runBatchFile}. */
export class BatchFileRun extends EventEmitter<BatchFileEvents> {
  readonly #options: BatchFileOptions;
  readonly #client: ModelStudioClient;
  readonly #states = new Map<string, LineState>();
  readonly #invalid: LineResult[] = [];
  readonly #summary: Promise<BatchFileSummary>;
  readonly #stopping = new AbortController();
  #stopBatch: (() => void) | undefined;
  #outputs: BatchOutputs | undefined;
  #estimatedCost: number | undefined;
  #currency: string | undefined;
  #submitted = 0;
  #resumed = 0;
  #alreadyDone = 0;
  #submitsSettled: (() => void) | undefined;
  /** Lines by where they stand, kept as results change: progress is read on every event. */
  readonly #tally: Record<Exclude<LineResult['status'], 'invalid'>, number> = { succeeded: 0, failed: 0, running: 0, queued: 0 };
  readonly #running = new Set<LineState>();
  #cost = 0;
  #submitting = 0;
  /** Actual over expected run time of this run's finished tasks, for the time left. */
  readonly #paces: number[] = [];
  /** What each task was expected to take when this run began following it. */
  readonly #expectedAtStart = new WeakMap<VideoTask, number>();

  /** @internal Use {@link runBatchFile}. */
  constructor(options: BatchFileOptions) {
    super();
    this.#options = options;
    this.#client = clientOf(options);
    this.#summary = this.#run();
    // A rejection is the caller's to read through summary(); an unread one must not crash the process.
    this.#summary.catch(() => undefined);
  }

  /** How the batch ended; rejects before anything is sent when the file is invalid, over `maxCost`, or its folder is locked. */
  summary(): Promise<BatchFileSummary> {
    return this.#summary;
  }

  /** The counts now. */
  get progress(): BatchFileProgress {
    const { succeeded, failed, running, queued } = this.#tally;
    return {
      total: this.#states.size + this.#invalid.length,
      succeeded,
      failed,
      running,
      queued,
      invalid: this.#invalid.length,
      cost: roundMoney(this.#cost),
      estimatedCost: this.#estimatedCost,
      currency: this.#currency,
      etaMs: this.#eta(),
    };
  }

  /**
   * Submits nothing more; tasks already created are followed to their end. Resolves once no submit
   * is on its way, so that the journal holds the id of every task created.
   */
  stop(): Promise<void> {
    this.#stopping.abort(new AbortError('The batch was stopped before this line was submitted; nothing was sent.'));
    this.#stopBatch?.();
    if (this.#submitting === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#submitsSettled = resolve;
    });
  }

  async #run(): Promise<BatchFileSummary> {
    const options = this.#options;
    const file = await checkBatchFile({ ...options, client: this.#client });
    if (file.problems.length > 0 && !options.skipInvalid) throw invalidBatchError(file);
    for (const { line, id } of file.ids) {
      if (file.lines.some((checked) => checked.line === line)) continue;
      const problems = file.problems.filter((problem) => problem.line === line);
      const message = problems.map((problem) => `${problem.field ? `${problem.field} ` : ''}${problem.message}`).join('; ');
      this.#invalid.push({ id: id ?? String(line), line, taskId: undefined, status: 'invalid', model: undefined, cost: undefined, currency: undefined, error: { class: 'ValidationError', message } });
    }
    const estimates = file.lines.map((line) => line.estimate);
    const total = batchTotal(estimates);
    this.#estimatedCost = total.amount;
    this.#currency = total.currency ?? estimates.find((estimate) => estimate.currency)?.currency;

    await mkdir(options.out, { recursive: true });
    const lock = await acquireLock(options.out);
    let journal: BatchJournal | undefined;
    try {
      journal = await BatchJournal.open(options.out);
      const plan = await this.#plan(file.lines, journal);
      const toSubmit = plan.filter((entry) => entry.step === 'submit').map((entry) => entry.line);
      if (options.maxCost !== undefined && toSubmit.length > 0) checkBudget(batchTotal(toSubmit.map((line) => line.estimate)), options.maxCost, 'The batch');
      this.#outputs = new BatchOutputs(options.out, file.name, () => this.#results(), () => this.progress, (id) => {
        const state = this.#states.get(id);
        return { prompt: state && promptOf(state.line), estimate: state?.line.estimate.amount };
      });
      this.#emitProgress();
      const work: Promise<void>[] = [];
      for (const entry of plan) {
        if (entry.step === 'follow') work.push(this.#follow(entry.line, entry.taskId as string, journal));
        if (entry.step === 'look-up') work.push(this.#lookUp(entry.line, entry.at as Date, journal));
      }
      work.push(this.#submitAll(toSubmit, journal));
      await Promise.all(work);
      await this.#outputs.write();
      return { ...this.progress, results: this.#results(), submitted: this.#submitted, resumed: this.#resumed, alreadyDone: this.#alreadyDone, stopped: this.#stopping.signal.aborted || options.signal?.aborted === true };
    } finally {
      await journal?.close();
      lock.release();
    }
  }

  /** What to do with each line, from the journal; lines already done are recorded as such. */
  async #plan(lines: readonly CheckedLine[], journal: BatchJournal): Promise<{ line: CheckedLine; step: 'submit' | 'follow' | 'look-up'; taskId?: string; at?: Date }[]> {
    const plan: { line: CheckedLine; step: 'submit' | 'follow' | 'look-up'; taskId?: string; at?: Date }[] = [];
    const changed: number[] = [];
    for (const line of lines) {
      const state: LineState = { line, task: undefined, submitting: false, result: queued(line, this.#currency) };
      this.#states.set(line.id, state);
      this.#tally.queued += 1;
      if (journal.changed(line.id, line.hash)) changed.push(line.line);
      const { start, taskId, end } = journal.history(line.id, line.hash);
      if (end?.status === 'succeeded' && (await this.#saved(end))) {
        this.#set(state, fromEnd(line, end, this.#currency));
        this.#alreadyDone += 1;
      } else if (taskId !== undefined && (end === undefined || end.next !== 'submit')) {
        plan.push({ line, step: 'follow', taskId });
        this.#resumed += 1;
      } else if (start !== undefined && taskId === undefined && (end === undefined || end.next === 'look-up')) {
        plan.push({ line, step: 'look-up', at: new Date(start.at) });
      } else {
        plan.push({ line, step: 'submit' });
      }
    }
    if (changed.length > 0) this.emit('notice', `${plural(changed.length, 'line')} changed since the journal's last run (${listed(changed)}): each is a new request.`);
    if (this.#alreadyDone > 0) this.emit('notice', `${plural(this.#alreadyDone, 'line')} already done in an earlier run: skipped.`);
    if (this.#resumed > 0) this.emit('notice', `Following ${plural(this.#resumed, 'task')} an earlier run created, instead of submitting again.`);
    const lookUps = plan.filter((entry) => entry.step === 'look-up').length;
    if (lookUps > 0) this.emit('notice', `Looking for the tasks of ${plural(lookUps, 'line')} whose submit an earlier run began but never heard back from.`);
    return plan;
  }

  /** Whether an ended line's video is where the journal says (or, without downloads, it has a link). */
  async #saved(end: EndRecord): Promise<boolean> {
    if (this.#options.download === false) return end.url !== undefined || end.file !== undefined;
    if (end.file === undefined) return false;
    return (await stat(join(this.#options.out, end.file)).catch(() => undefined))?.isFile() === true;
  }

  /** Submits `lines` through `client.batch`, journaling each submit before it leaves and its task id after. */
  async #submitAll(lines: readonly CheckedLine[], journal: BatchJournal): Promise<void> {
    if (lines.length === 0 || this.#stopping.signal.aborted) return;
    // Checked above, line by line, as the client checks any untyped input.
    const requests = lines.map((line) => ({ mode: line.mode, request: line.request }) as BatchRequest);
    const batch = this.#client.batch(requests, {
      concurrency: this.#options.concurrency,
      signal: this.#options.signal,
      beforeSubmit: (index) => this.#beforeSubmit(lines[index] as CheckedLine, journal),
    });
    this.#stopBatch = () => batch.stop();
    batch.on('submitted', ({ index, taskId, task }) => {
      this.#submittedLine(lines[index] as CheckedLine, taskId, task, 'answer', journal).catch((error: unknown) => this.#journalFailed(error));
    });
    const ends: Promise<void>[] = [];
    batch.on('item', (item) => {
      const line = lines[item.index] as CheckedLine;
      if (item.status === 'succeeded') ends.push(this.#succeeded(line, item.result, journal));
      else ends.push(this.#failed(line, item.taskId, item.error, journal, item.status === 'skipped'));
    });
    await batch.results();
    await Promise.all(ends);
  }

  async #beforeSubmit(line: CheckedLine, journal: BatchJournal): Promise<void> {
    const state = this.#states.get(line.id) as LineState;
    this.#setSubmitting(state, true);
    this.#set(state, { ...state.result, status: 'running' });
    this.#emitProgress();
    await journal.append({ type: 'start', id: line.id, hash: line.hash, line: line.line, model: line.model, prompt: promptOf(line), at: new Date().toISOString() });
  }

  async #submittedLine(line: CheckedLine, taskId: string, task: VideoTask, via: 'answer' | 'look-up', journal: BatchJournal): Promise<void> {
    const state = this.#states.get(line.id) as LineState;
    state.task = task;
    this.#expectedAtStart.set(task, task.progress.expectedMs);
    this.#set(state, { ...state.result, taskId, status: 'running' });
    this.#submitted += 1;
    try {
      await journal.append({ type: 'task', id: line.id, hash: line.hash, taskId, via, at: new Date().toISOString() });
    } finally {
      this.#setSubmitting(state, false);
      this.#settleSubmits();
      this.#emitProgress();
    }
  }

  /** Follows a task an earlier run created. */
  async #follow(line: CheckedLine, taskId: string, journal: BatchJournal): Promise<void> {
    const state = this.#states.get(line.id) as LineState;
    const task = this.#client.tasks.wait({ taskId, model: line.model, mode: line.mode }, { signal: this.#options.signal });
    state.task = task;
    // A task an earlier run began has run for an unknown time: its pace would say nothing.
    this.#set(state, { ...state.result, taskId, status: 'running' });
    this.#emitProgress();
    try {
      await this.#succeeded(line, await task, journal);
    } catch (error) {
      await this.#failed(line, taskId, error, journal, false);
    }
  }

  /**
   * Looks for the task of a submit an earlier run began but never heard back from: the model's tasks
   * with the line's prompt from a minute before the submit, once the service's list has settled.
   * One found and not another line's: followed. None: submitted again only with `onUnknownSubmit: 'resubmit'`.
   */
  async #lookUp(line: CheckedLine, at: Date, journal: BatchJournal): Promise<void> {
    const state = this.#states.get(line.id) as LineState;
    this.#set(state, { ...state.result, status: 'running' });
    const signal = this.#options.signal;
    try {
      const settled = at.getTime() + DEFAULT_RECOVERY.settleWindowMs - Date.now();
      if (settled > 0 && !(await sleep(settled, signal))) throw new AbortError('The batch was stopped during a look-up.');
      const known = journal.taskIds();
      const found = (await this.#client.tasks.findSubmitted({ model: line.model, prompt: promptOf(line), submittedAt: at, until: new Date(Date.now() + CLOCK_SKEW_MS) }, { signal }))
        .filter((snapshot) => !known.has(snapshot.taskId));
      const lost = (candidates: readonly string[]) =>
        new SubmitOutcomeUnknownError({ model: line.model, submittedAt: at, prompt: promptOf(line), cause: new Error('the run that submitted it stopped before the answer'), candidates });
      const since = new Date(at.getTime() - CLOCK_SKEW_MS).toISOString();
      // The error's own advice speaks of one handle; a batch line is settled by a rerun.
      const advice = (candidates: readonly string[]) =>
        candidates.length > 1
          ? `Its submit began at ${at.toISOString()} in a run that stopped before the answer, and ${candidates.length} tasks match it (${candidates.join(', ')}); none was adopted. ` +
            'Put the right one in the journal by hand, or delete the line\'s records to submit it again.'
          : `Its submit began at ${at.toISOString()} in a run that stopped before the answer, and no task of it was found; it may still have been billed. ` +
            `Check the ${line.model} tasks since ${since}; to send it again, run the batch again with onUnknownSubmit: 'resubmit'.`;
      if (found.length === 1) {
        const [task] = found as [(typeof found)[number]];
        this.emit('notice', `Line ${line.line} (${line.id}): found its task ${task.taskId}; following it.`);
        await journal.append({ type: 'task', id: line.id, hash: line.hash, taskId: task.taskId, via: 'look-up', at: new Date().toISOString() });
        this.#submitted += 1;
        await this.#follow(line, task.taskId, journal);
      } else if (found.length > 1) {
        const candidates = found.map((task) => task.taskId);
        await this.#failed(line, undefined, lost(candidates), journal, false, advice(candidates));
      } else if (this.#options.onUnknownSubmit === 'resubmit' && !this.#stopping.signal.aborted) {
        this.emit('notice', `Line ${line.line} (${line.id}): no task was created by the earlier submit; submitting it again.`);
        await this.#submitAll([line], journal);
      } else {
        await this.#failed(line, undefined, lost([]), journal, false, advice([]));
      }
    } catch (error) {
      await this.#failed(line, undefined, error, journal, false);
    }
  }

  async #succeeded(line: CheckedLine, result: VideoResult, journal: BatchJournal): Promise<void> {
    this.#notePace(this.#states.get(line.id)?.task);
    const [video] = result.videos;
    let file: string | undefined;
    try {
      if (this.#options.download !== false) {
        file = `${line.id}.mp4`;
        await video.download(join(this.#options.out, file), { signal: this.#options.signal });
      }
    } catch (error) {
      return this.#failed(line, result.taskId, error, journal, false);
    }
    const state = this.#states.get(line.id) as LineState;
    const ended: LineResult = {
      id: line.id, line: line.line, taskId: result.taskId, status: 'succeeded', model: result.model ?? line.model,
      ...(file !== undefined ? { file } : { url: video.url }),
      cost: result.cost?.amount, currency: result.cost?.currency ?? this.#currency, seconds: videoSeconds(result),
    };
    await journal.append({
      type: 'end', id: line.id, hash: line.hash, status: 'succeeded', taskId: result.taskId, file, url: file === undefined ? video.url : undefined,
      cost: result.cost?.amount, seconds: videoSeconds(result), next: 'none', at: new Date().toISOString(),
    });
    // The counts change once the journal holds the end, so that each line event comes with its own count.
    this.#set(state, ended);
    this.#ended(state);
  }

  /**
   * A line that did not end with a video. Stopped before its submit (`skipped`): still queued. Its
   * following stopped by the caller while the task runs on: still running, and a rerun follows it.
   */
  async #failed(line: CheckedLine, taskId: string | undefined, error: unknown, journal: BatchJournal, skipped: boolean, message?: string): Promise<void> {
    const state = this.#states.get(line.id) as LineState;
    const wasSubmitting = state.submitting;
    this.#setSubmitting(state, false);
    this.#settleSubmits();
    const stopped = error instanceof AbortError && (this.#stopping.signal.aborted || this.#options.signal?.aborted === true);
    if (skipped || stopped) {
      // Not an end: the line waits for the next run, which submits it or follows its task.
      const id = taskId ?? state.result.taskId;
      const message = id !== undefined
        ? `The run stopped while task ${id} ran; it runs on, and a rerun follows it.`
        : wasSubmitting
          ? 'The run stopped while this line\'s submit was on its way; a rerun looks for its task before sending it again.'
          : 'The run stopped before this line was submitted; nothing was sent. A rerun submits it.';
      const status = id === undefined && !wasSubmitting ? 'queued' : 'running';
      this.#set(state, { ...state.result, taskId: id, status, error: { class: 'AbortError', message } });
      this.#emitProgress();
      this.#outputs?.schedule();
      return;
    }
    const reason = { ...lineError(error), ...(message !== undefined && { message }) };
    await journal.append({
      type: 'end', id: line.id, hash: line.hash, status: 'failed', taskId, error: { name: reason.class, code: reason.code, message: reason.message },
      next: nextStepAfter(error, taskId), at: new Date().toISOString(),
    });
    this.#set(state, { ...state.result, taskId, status: 'failed', cost: undefined, error: reason });
    this.#ended(state);
  }

  #ended(state: LineState): void {
    this.emit('line', state.result);
    this.#emitProgress();
    this.#outputs?.schedule();
  }

  /**
   * The journal could not be written (a full disk, a removed folder): a submit whose task id is not
   * on disk could not be resumed without a look-up, so nothing more is submitted; what runs is followed.
   */
  #journalFailed(error: unknown): void {
    this.emit('notice', `The journal could not be written (${error instanceof Error ? error.message : String(error)}): no further submits; the tasks created are followed to their end.`);
    void this.stop();
  }

  /** How long a task of this run took against what was expected of it when it began. */
  #notePace(task: VideoTask | undefined): void {
    const expected = task && this.#expectedAtStart.get(task);
    if (task && expected) this.#paces.push(task.progress.elapsedMs / expected);
  }

  /** Changes a line's result, keeping the counts. */
  #set(state: LineState, result: LineResult): void {
    const before = state.result.status;
    if (before !== 'invalid') this.#tally[before] -= 1;
    if (result.status !== 'invalid') this.#tally[result.status] += 1;
    this.#cost += (result.cost ?? 0) - (state.result.cost ?? 0);
    if (result.status === 'running') this.#running.add(state);
    else this.#running.delete(state);
    state.result = result;
  }

  #setSubmitting(state: LineState, submitting: boolean): void {
    if (state.submitting !== submitting) this.#submitting += submitting ? 1 : -1;
    state.submitting = submitting;
  }

  #settleSubmits(): void {
    if (this.#submitsSettled && this.#submitting === 0) {
      this.#submitsSettled();
      this.#submitsSettled = undefined;
    }
  }

  #emitProgress(): void {
    this.emit('progress', this.progress);
  }

  /** Every line's result, in input order, invalid ones included. */
  #results(): LineResult[] {
    return [...this.#invalid, ...[...this.#states.values()].map((state) => state.result)].sort((a, b) => a.line - b.line);
  }

  /**
   * The time left: what the running tasks still need by their learned run times, and the queued
   * lines' run times shared among as many slots as tasks run now. The learned times are the
   * client's, across runs and kinds of task; this run's own finished tasks scale them (the median
   * of actual over expected), so that the estimate follows what the service does today.
   */
  #eta(): number | undefined {
    const running = [...this.#running].filter((state) => state.task);
    if (running.length === 0) return undefined;
    const scale = this.#paces.length > 0 ? median(this.#paces) : 1;
    const expected = (task: VideoTask) => task.progress.expectedMs * scale;
    const left = running.map((state) => Math.max(0, expected(state.task as VideoTask) - (state.task as VideoTask).progress.elapsedMs));
    const typical = running.reduce((sum, state) => sum + expected(state.task as VideoTask), 0) / running.length;
    const queued = this.#tally.queued;
    const work = left.reduce((sum, ms) => sum + ms, 0) + queued * typical;
    return Math.round(Math.max(Math.max(...left), work / running.length));
  }

}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The line's prompt, when it has one. */
function promptOf(line: CheckedLine): string | undefined {
  const prompt = line.request['prompt'];
  return typeof prompt === 'string' ? prompt : undefined;
}

function queued(line: CheckedLine, currency: string | undefined): LineResult {
  return { id: line.id, line: line.line, taskId: undefined, status: 'queued', model: line.model, cost: undefined, currency };
}

function fromEnd(line: CheckedLine, end: EndRecord, currency: string | undefined): LineResult {
  return {
    id: line.id, line: line.line, taskId: end.taskId, status: 'succeeded', model: line.model,
    ...(end.file !== undefined ? { file: end.file } : { url: end.url }),
    cost: end.cost, currency, seconds: end.seconds,
  };
}

/** The video's length in seconds, from the task's usage. */
function videoSeconds(result: VideoResult): number | undefined {
  const usage = result.usage;
  return usage?.outputVideoDuration ?? usage?.videoDuration ?? usage?.duration;
}

/** `3, 7, 12` or `3, 7, 12 and 40 more`. */
function listed(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 10).join(', ');
  return numbers.length > 10 ? `lines ${shown} and ${numbers.length - 10} more` : `line${numbers.length > 1 ? 's' : ''} ${shown}`;
}

/**
 * The action of `batch`: a thin layer over the SDK's `runBatchFile`, adding the progress view,
 * Ctrl+C (stop submitting, leave running tasks running, say how to resume) and the exit code.
 *
 * @module
 */
import { resolve } from 'node:path';
import { checkBatchFile, invalidBatchError, runBatchFile, type BatchFileInput, type BatchFileSummary, type CheckedBatchFile } from '../batch-file/index.ts';
import { batchTotal } from '../cost/budget.ts';
import { roundMoney } from '../cost/rates.ts';
import { showBatchProgress, duration } from './batch-progress.ts';
import { connect } from './connect.ts';
import type { ExitCode } from './exit-codes.ts';
import { onInterrupt } from './interrupt.ts';
import { Output } from './output.ts';
import { connectionNames } from './typed-names.ts';

/** The flags of `batch`, as commander parses them. */
export interface BatchFlags {
  readonly out: string;
  readonly estimate?: boolean;
  readonly maxCost?: number;
  readonly concurrency?: number;
  readonly model?: string;
  readonly download: boolean;
  readonly skipInvalid?: boolean;
  readonly onUnknownSubmit?: 'fail' | 'resubmit-if-answered' | 'resubmit';
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
  readonly region?: string;
  readonly workspace?: string;
}

/** How long Ctrl+C waits for submits on their way, so that the journal learns their task ids. */
const STOP_GRACE_MS = 800;

/** stdin, whole. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `batch <file>`; returns the exit code. */
export async function batch(file: string, flags: BatchFlags): Promise<ExitCode> {
  const out = new Output(flags);
  const interrupt = onInterrupt();
  try {
    const input: BatchFileInput = file === '-' ? { text: await readStdin(), dir: process.cwd(), name: 'stdin' } : file;
    const client = await connect(flags, { keyOptional: flags.estimate === true });
    if (flags.estimate) return estimate(out, await checkBatchFile({ input, client, model: flags.model }), flags);
    const started = Date.now();
    const controller = new AbortController();
    const run = runBatchFile({
      input, client, out: flags.out, model: flags.model, concurrency: flags.concurrency, maxCost: flags.maxCost, download: flags.download,
      skipInvalid: flags.skipInvalid, onUnknownSubmit: flags.onUnknownSubmit, signal: controller.signal,
    });
    const { stream, style } = out.progressStream();
    const view = showBatchProgress(run, stream, style);
    let interrupted = false;
    interrupt.signal.addEventListener('abort', () => {
      interrupted = true;
      out.log('\nStopping: no new submits; the tasks already created keep running on the service.');
      // Give submits on their way a moment to answer, so the journal holds their task ids; then stop following.
      void Promise.race([run.stop(), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]).then(() => controller.abort());
    }, { once: true });
    let summary: BatchFileSummary;
    try {
      summary = await run.summary();
    } finally {
      view.stop();
    }
    const lines = summaryLines(summary, flags.out, Date.now() - started);
    out.result(lines, { ...summary, out: flags.out, elapsedMs: Date.now() - started });
    if (interrupted || summary.stopped) {
      out.log(`Resume with the same command: modelstudio-video batch ${file} --out ${flags.out}`);
      return 130;
    }
    return summary.failed + summary.invalid > 0 ? 10 : 0;
  } catch (error) {
    return out.fail(error, { names: connectionNames(flags) });
  } finally {
    interrupt.dispose();
  }
}

/** The closing lines for a person. */
function summaryLines(summary: BatchFileSummary, dir: string, elapsedMs: number): string[] {
  const cost = `${roundMoney(summary.cost)}${summary.currency ? ` ${summary.currency}` : ''}`;
  const lines = [
    `${summary.succeeded} of ${summary.total} succeeded, ${summary.failed + summary.invalid} failed` +
      `${summary.running + summary.queued > 0 ? `, ${summary.running + summary.queued} not finished` : ''} in ${duration(elapsedMs)}; cost ${cost}.`,
    `Tasks: ${summary.submitted} created by this run, ${summary.resumed} followed from an earlier run, ${summary.alreadyDone} already done.`,
    `Results: ${resolve(dir, 'results.jsonl')}`,
    `Contact sheet: ${resolve(dir, 'index.html')}`,
  ];
  return lines;
}

/** `--estimate`: the batch's cost by model, sending nothing. */
function estimate(out: Output, file: CheckedBatchFile, flags: BatchFlags): ExitCode {
  if (file.problems.length > 0 && !flags.skipInvalid) return out.fail(invalidBatchError(file));
  const byModel = new Map<string, { lines: number; amount: number | undefined }>();
  for (const line of file.lines) {
    const entry = byModel.get(line.model) ?? { lines: 0, amount: 0 };
    entry.lines += 1;
    entry.amount = entry.amount === undefined || line.estimate.amount === undefined ? undefined : roundMoney(entry.amount + line.estimate.amount);
    byModel.set(line.model, entry);
  }
  const currency = file.lines.find((line) => line.estimate.currency)?.estimate.currency;
  const total = batchTotal(file.lines.map((line) => line.estimate)).amount;
  const models = [...byModel].map(([model, entry]) => ({ model, lines: entry.lines, amount: entry.amount }));
  const money = (amount: number | undefined) => (amount === undefined ? 'unknown' : `${amount}${currency ? ` ${currency}` : ''}`);
  out.result(
    [
      ...models.map((entry) => `${entry.model.padEnd(28)} ${String(entry.lines).padStart(5)} ${entry.lines === 1 ? 'line ' : 'lines'}  ${money(entry.amount)}`),
      `${'total'.padEnd(28)} ${String(file.lines.length).padStart(5)} ${file.lines.length === 1 ? 'line ' : 'lines'}  ${money(total)}`,
    ],
    { estimate: { total, currency, lines: file.lines.length, models, invalid: file.problems.length } },
  );
  out.log('Nothing was sent. Estimates are upper bounds from the price list; a failed task costs nothing.');
  return 0;
}

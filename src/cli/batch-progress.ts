/**
 * What a person sees while a batch runs: on a terminal one live line (done, running, queued,
 * failed, time left, cost so far against the estimate) redrawn four times a second, with each
 * ended line and notice printed above it; elsewhere one plain line per ended line. Always stderr.
 *
 * @module
 */
import type { BatchFileProgress, BatchFileRun, LineResult } from '../batch-file/index.ts';
import { liveLine, type ProgressStream, type ProgressStyle } from './progress.ts';

const REDRAW_MS = 250;

/** `1m 05s`, `42 s`, `1h 02m`. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

function money(amount: number | undefined, currency: string | undefined): string {
  return amount === undefined ? 'unknown' : `${amount}${currency ? ` ${currency}` : ''}`;
}

/** The status line: `12/30 done · 5 running · 13 queued · 0 failed · about 1m 20s left · 1.2 of 3.6 USD estimated`. */
function statusLine(progress: BatchFileProgress): string {
  // Nothing counted yet: the file is being read and checked.
  if (progress.total === 0) return 'Checking the lines…';
  const done = progress.succeeded + progress.failed + progress.invalid;
  const parts = [
    `${done}/${progress.total} done`,
    `${progress.running} running`,
    `${progress.queued} queued`,
    `${progress.failed + progress.invalid} failed`,
    progress.etaMs === undefined ? undefined : progress.etaMs < 5_000 ? 'a few seconds left' : `about ${duration(progress.etaMs)} left`,
    `${money(progress.cost, progress.currency)} of ${money(progress.estimatedCost, progress.currency)} estimated`,
  ];
  return parts.filter((part) => part !== undefined).join(' · ');
}

/** The SDK's advice in the words of the command line. */
function commandLineAdvice(message: string): string {
  return message
    .replace(/run the batch again with onUnknownSubmit: 'resubmit'/, 'run the same command with --on-unknown-submit resubmit')
    .replace(/Check the (\S+) tasks since (\S+);/, 'check `modelstudio-video list --model $1 --since $2`;');
}

/** One ended line: `line 7 fox: succeeded  fox.mp4  0.5 USD`. */
function resultLine(result: LineResult): string {
  const where = result.file ?? result.url ?? '';
  const cost = result.cost === undefined ? '' : `  ${money(result.cost, result.currency)}`;
  const detail = result.status === 'succeeded' ? `  ${where}${cost}` : result.error ? `  ${result.error.class}: ${commandLineAdvice(result.error.message.split('\n')[0] ?? '')}` : '';
  return `line ${result.line} ${result.id}: ${result.status}${detail}`;
}

/** Shows a batch's progress on `stream` in `style`, until stopped. */
export function showBatchProgress(run: BatchFileRun, stream: ProgressStream, style: ProgressStyle): { stop(): void } {
  if (style === 'off') return { stop: () => undefined };
  const started = Date.now();
  if (style === 'lines') {
    const onLine = (result: LineResult) => {
      const progress = run.progress;
      stream.write(`[${progress.succeeded + progress.failed + progress.invalid}/${progress.total}] ${resultLine(result)}\n`);
    };
    const onNotice = (message: string) => stream.write(`${message}\n`);
    run.on('line', onLine).on('notice', onNotice);
    return {
      stop: () => {
        run.off('line', onLine).off('notice', onNotice);
        // A batch refused before it started has no counts to show; its error says why.
        if (run.progress.total > 0) stream.write(`${statusLine(run.progress)} · ${duration(Date.now() - started)} elapsed\n`);
      },
    };
  }
  const line = liveLine(stream, () => `${statusLine(run.progress)} · ${duration(Date.now() - started)}`, () => run.off('line', onLine).off('notice', onNotice), REDRAW_MS);
  const onLine = (result: LineResult) => line.above(resultLine(result));
  const onNotice = (message: string) => line.above(message);
  run.on('line', onLine).on('notice', onNotice);
  return line;
}

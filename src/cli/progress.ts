/**
 * What a person sees while a task runs: on a terminal one live line redrawn every 100 ms (status,
 * our estimate of the fraction done, elapsed time), and a download bar; elsewhere (CI logs,
 * pipes) one plain line per status change. Always on stderr, so stdout holds only the result.
 *
 * @module
 */
import { isTerminal } from '../task/result.ts';
import type { VideoTask } from '../task/video-task.ts';
import type { DownloadProgress } from '../video/generated-video.ts';

/** `bar` on a terminal, `lines` elsewhere, `off` with `--quiet`. */
export type ProgressStyle = 'bar' | 'lines' | 'off';

/** Where progress goes. */
export interface ProgressStream {
  write(text: string): unknown;
}

/** A progress display that can be ended. */
export interface ProgressHandle {
  /** Draws the last state and ends the line; safe to call twice. */
  stop(): void;
}

/** A download's progress display. */
export interface DownloadHandle extends ProgressHandle {
  /** Called with each chunk's progress. */
  update(progress: DownloadProgress): void;
}

const REDRAW_MS = 100;
const WIDTH = 20;
/** Back to the start of the line, and clear what the last draw left beyond the new text. */
const REDRAW = '\r';
const CLEAR_TO_END = '\x1b[K';

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
}

function percent(fraction: number): string {
  return `${String(Math.round(fraction * 100)).padStart(3)}%`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `34.1 kB`, `12.0 MB`. */
function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The live line of a task: `[####................]  21% (estimate)  RUNNING  12.3 s`. */
function taskLine(task: VideoTask): string {
  const { status, elapsedMs, estimatedFraction } = task.progress;
  // Once the task succeeded the fraction is a fact, not our estimate.
  const label = status === 'SUCCEEDED' ? '' : ' (estimate)';
  return `${bar(estimatedFraction)} ${percent(estimatedFraction)}${label}  ${status ?? 'SUBMITTING'}  ${seconds(elapsedMs)}`;
}

/** Shows progress on `stream` in `style`. */
export class ProgressView {
  readonly #stream: ProgressStream;
  readonly #style: ProgressStyle;

  constructor(stream: ProgressStream, style: ProgressStyle) {
    this.#stream = stream;
    this.#style = style;
  }

  /** A line of its own (above the live line on a terminal). */
  note(line: string): void {
    if (this.#style !== 'off') this.#stream.write(`${line}\n`);
  }

  /** Follows `task` until {@link ProgressHandle.stop}. */
  follow(task: VideoTask): ProgressHandle {
    if (this.#style === 'off') return { stop: () => undefined };
    if (this.#style === 'lines') {
      const onSubmitted = ({ taskId, model }: { taskId: string; model: string }) => this.note(`Submitted task ${taskId} (${model})`);
      const onStatus = () => {
        const { status, elapsedMs, estimatedFraction } = task.progress;
        const ended = status !== undefined && isTerminal(status);
        this.note(`${status ?? 'SUBMITTING'}  ${seconds(elapsedMs)}${ended ? '' : `  ${percent(estimatedFraction).trim()} (estimate)`}`);
      };
      task.on('submitted', onSubmitted).on('status', onStatus);
      return {
        stop: () => {
          task.off('submitted', onSubmitted).off('status', onStatus);
        },
      };
    }
    const line = liveLine(this.#stream, () => taskLine(task), () => task.off('submitted', onSubmitted));
    const onSubmitted = ({ taskId, model }: { taskId: string; model: string }) => line.above(`Submitted task ${taskId} (${model})`);
    task.on('submitted', onSubmitted);
    return line;
  }

  /** Shows a download to `path` until {@link DownloadHandle.stop}. */
  download(path: string): DownloadHandle {
    if (this.#style === 'off') return { update: () => undefined, stop: () => undefined };
    if (this.#style === 'lines') {
      this.note(`Downloading to ${path}`);
      return { update: () => undefined, stop: () => undefined };
    }
    let last: DownloadProgress | undefined;
    let drawnAt = 0;
    let stopped = false;
    const draw = () => {
      if (!last) return this.#stream.write(`${REDRAW}Downloading to ${path}${CLEAR_TO_END}`);
      const { bytesDone, bytesTotal } = last;
      const amount = bytesTotal === undefined ? formatBytes(bytesDone) : `${bar(bytesDone / bytesTotal)} ${percent(bytesDone / bytesTotal)}  ${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`;
      this.#stream.write(`${REDRAW}Downloading ${amount}${CLEAR_TO_END}`);
    };
    draw();
    return {
      update: (progress) => {
        last = progress;
        const now = Date.now();
        if (now - drawnAt < REDRAW_MS) return;
        drawnAt = now;
        draw();
      },
      stop: () => {
        if (stopped) return;
        stopped = true;
        draw();
        this.#stream.write('\n');
      },
    };
  }
}

/** A live line on a terminal, with lines printed above it. */
export interface LiveLine extends ProgressHandle {
  /** Prints `text` on a line of its own above the live line. */
  above(text: string): void;
}

/**
 * Draws `render()` on one line of `stream`, redrawn every `redrawMs` until stopped; `onStop`
 * detaches what feeds it. The timer is unref'd: the work being shown keeps the process alive, not the redraw.
 */
export function liveLine(stream: ProgressStream, render: () => string, onStop: () => void, redrawMs = REDRAW_MS): LiveLine {
  const draw = () => stream.write(`${REDRAW}${render()}${CLEAR_TO_END}`);
  draw();
  const timer = setInterval(draw, redrawMs).unref();
  let stopped = false;
  return {
    above: (text) => {
      stream.write(`${REDRAW}${CLEAR_TO_END}${text}\n`);
      draw();
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      onStop();
      draw();
      stream.write('\n');
    },
  };
}

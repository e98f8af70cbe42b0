/**
 * The batch's files a person reads: `results.jsonl` (one line per input line) and the contact
 * sheet `index.html`, both replaced atomically, rewritten at most twice a second while lines end and
 * once at the end.
 *
 * @module
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeContactSheet, type ContactSheet, type SheetEntry } from './contact-sheet.ts';
import type { BatchFileProgress, LineResult } from './line-result.ts';

/** The results file's name in the output folder. */
export const RESULTS_FILE = 'results.jsonl';

/** The contact sheet's file name in the output folder. */
export const SHEET_FILE = 'index.html';

const REWRITE_MS = 500;

/** What the sheet shows of a line beyond its result. */
export interface LineFacts {
  /** Its prompt. */
  readonly prompt: string | undefined;
  /** Its estimate, for a line not ended. */
  readonly estimate: number | undefined;
}

/** Writes the results and the contact sheet of one run. */
export class BatchOutputs {
  readonly #dir: string;
  readonly #title: string;
  readonly #results: () => readonly LineResult[];
  readonly #progress: () => BatchFileProgress;
  readonly #about: (id: string) => LineFacts;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(dir: string, title: string, results: () => readonly LineResult[], progress: () => BatchFileProgress, about: (id: string) => LineFacts) {
    this.#dir = dir;
    this.#title = title;
    this.#results = results;
    this.#progress = progress;
    this.#about = about;
  }

  /** Rewrites both files soon (coalescing the lines that end meanwhile). */
  schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.write(true).catch(() => undefined);
    }, REWRITE_MS);
  }

  /** Rewrites both files now; `running` says whether the batch goes on. */
  write(running = false): Promise<void> {
    if (!running && this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#writing = this.#writing.catch(() => undefined).then(() => this.#write(running));
    return this.#writing;
  }

  async #write(running: boolean): Promise<void> {
    const results = this.#results();
    const path = join(this.#dir, RESULTS_FILE);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, results.map((result) => JSON.stringify(result)).join('\n') + (results.length > 0 ? '\n' : ''));
    await rename(temporary, path);
    await writeContactSheet(join(this.#dir, SHEET_FILE), this.#sheet(results, running));
  }

  #sheet(results: readonly LineResult[], running: boolean): ContactSheet {
    const progress = this.#progress();
    const entries = results.map((result): SheetEntry => {
      const { prompt, estimate } = this.#about(result.id);
      return {
        id: result.id,
        line: result.line,
        status: result.status === 'invalid' ? 'skipped' : result.status,
        model: result.model,
        prompt,
        video: result.file ?? result.url,
        durationSeconds: result.seconds,
        // A failed task costs nothing; a line not ended shows its estimate.
        cost: result.status === 'succeeded' ? result.cost : result.status === 'failed' ? 0 : estimate,
        error: result.error && { name: result.error.class, message: result.error.message },
      };
    });
    return {
      title: this.#title,
      updatedAt: new Date(),
      running,
      currency: progress.currency,
      totals: {
        lines: progress.total,
        succeeded: progress.succeeded,
        failed: progress.failed + progress.invalid,
        running: progress.running,
        queued: progress.queued,
        cost: progress.cost,
        estimatedCost: progress.estimatedCost,
      },
      entries,
    };
  }
}

/**
 * The contact sheet of a batch: `<out>/index.html`, a static page (no server, no script from
 * elsewhere) with each line's video, prompt, model, duration, cost and status, the failures with
 * their reason, and the batch's totals. Rewritten as results arrive, so it can be opened mid-run.
 *
 * @module
 */

/** One line of the batch, as the sheet shows it. */
export interface SheetEntry {
  /** The line's id (it names `<id>.mp4`). */
  readonly id: string;
  /** Its line number in the input file (1-based, the header of a CSV being line 1). */
  readonly line: number;
  /** `queued`, `running`, `succeeded`, `failed` or `skipped`. */
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped';
  /** The model, once known. */
  readonly model: string | undefined;
  /** The prompt, when the request has one. */
  readonly prompt: string | undefined;
  /** Where the video plays from: the file's name relative to the sheet (`<id>.mp4`), or its URL with `--no-download`. */
  readonly video: string | undefined;
  /** The video's length in seconds, when known. */
  readonly durationSeconds: number | undefined;
  /** What it cost (succeeded) or is estimated to cost (otherwise), when priced. */
  readonly cost: number | undefined;
  /** Why it failed or was skipped: the error's class and message. */
  readonly error: { readonly name: string; readonly message: string } | undefined;
}

/** The whole sheet. */
export interface ContactSheet {
  /** The input file's name, for the title. */
  readonly title: string;
  /** When the page was written. */
  readonly updatedAt: Date;
  /** Whether the batch is still running (the page then says it is rewritten as results arrive). */
  readonly running: boolean;
  /** The currency of every cost, when priced. */
  readonly currency: string | undefined;
  /** Totals over the lines. */
  readonly totals: {
    readonly lines: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly running: number;
    readonly queued: number;
    /** Cost of the succeeded lines. */
    readonly cost: number;
    /** The estimate of the whole batch. */
    readonly estimatedCost: number | undefined;
  };
  /** The lines, in input order. */
  readonly entries: readonly SheetEntry[];
}

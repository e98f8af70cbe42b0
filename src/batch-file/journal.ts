/**
 * The journal `<out>/batch-journal.jsonl`: before each submit what is about to be sent, after it
 * the task id, at each line's end how it ended and what a rerun should do. Each record is one line,
 * flushed to disk before the run goes on, so that a run killed at any point leaves enough to resume
 * without paying twice. Only appended to; a torn last line (a kill mid-write) is ignored.
 *
 * @module
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** The journal's file name in the output folder. */
export const JOURNAL_FILE = 'batch-journal.jsonl';

/** A submit is about to leave for line `id`. */
export interface StartRecord {
  /** The kind of record. */
  readonly type: 'start';
  /** The line's id. */
  readonly id: string;
  /** The hash of what the line asks for: records of another hash belong to an earlier version of the line. */
  readonly hash: string;
  /** The line's number in the input file. */
  readonly line: number;
  /** The model the submit goes to, for a look-up. */
  readonly model: string;
  /** Its prompt, to tell its task from others in a look-up. */
  readonly prompt?: string | undefined;
  /** When, by the local clock. */
  readonly at: string;
}

/** The service created the task of line `id` (from the submit's answer, or found by a look-up). */
export interface TaskRecord {
  /** The kind of record. */
  readonly type: 'task';
  /** The line's id. */
  readonly id: string;
  /** {@inheritDoc StartRecord.hash} */
  readonly hash: string;
  /** The task. */
  readonly taskId: string;
  /** Learned from the submit's answer, or found by a later run's look-up. */
  readonly via: 'answer' | 'look-up';
  /** When, by the local clock (ISO 8601). */
  readonly at: string;
}

/** What a rerun does with a line that ended: nothing, follow its task, look for its task, or submit it again. */
export type NextStep = 'none' | 'follow' | 'look-up' | 'submit';

/** Line `id` ended. */
export interface EndRecord {
  /** The kind of record. */
  readonly type: 'end';
  /** The line's id. */
  readonly id: string;
  /** {@inheritDoc StartRecord.hash} */
  readonly hash: string;
  /** How it ended. */
  readonly status: 'succeeded' | 'failed';
  /** Its task, when one was created. */
  readonly taskId?: string | undefined;
  /** The video's file, relative to the output folder. */
  readonly file?: string | undefined;
  /** The video's link, without `--no-download`'s file. */
  readonly url?: string | undefined;
  /** What it cost, from the task's usage. */
  readonly cost?: number | undefined;
  /** The video's length in seconds. */
  readonly seconds?: number | undefined;
  /** Why it failed: the error's class, the service's code and the message. */
  readonly error?: {
    /** The error's class. */
    readonly name: string;
    /** The service's code, when it gave one. */
    readonly code?: string | undefined;
    /** What happened. */
    readonly message: string;
  } | undefined;
  /** What a rerun should do. */
  readonly next: NextStep;
  /** When, by the local clock (ISO 8601). */
  readonly at: string;
}

/** One record. */
export type JournalRecord = StartRecord | TaskRecord | EndRecord;

/** What the journal knows of one line with one hash. */
export interface LineHistory {
  /** The last start, when a submit began. */
  readonly start: StartRecord | undefined;
  /** The task of the last start, when known. */
  readonly taskId: string | undefined;
  /** The last end after the last start (or task). */
  readonly end: EndRecord | undefined;
}

/** The journal of an output folder. */
export class BatchJournal {
  readonly #handle: FileHandle;
  readonly #records: JournalRecord[];
  #writing: Promise<void> = Promise.resolve();

  private constructor(handle: FileHandle, records: JournalRecord[]) {
    this.#handle = handle;
    this.#records = records;
  }

  /** Opens (or creates) the journal of `dir` and reads what it holds. */
  static async open(dir: string): Promise<BatchJournal> {
    const path = join(dir, JOURNAL_FILE);
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const records: JournalRecord[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line) as JournalRecord);
      } catch {
        // A line torn by a kill mid-write: what it would have said was not acted on yet.
      }
    }
    const handle = await open(path, 'a');
    // A torn last line gets its newline, so that the next record starts a line of its own.
    if (text !== '' && !text.endsWith('\n')) await handle.write('\n');
    return new BatchJournal(handle, records);
  }

  /** Every record read at open and appended since, in order. */
  get records(): readonly JournalRecord[] {
    return this.#records;
  }

  /** Appends `record` and resolves once it is on disk. */
  append(record: JournalRecord): Promise<void> {
    this.#records.push(record);
    const written = this.#writing.then(async () => {
      await this.#handle.write(`${JSON.stringify(record)}\n`);
      await this.#handle.datasync();
    });
    // One write at a time, in order; a failed write fails its caller, not the ones after it.
    this.#writing = written.catch(() => undefined);
    return written;
  }

  /** What is known of line `id` with `hash`. */
  history(id: string, hash: string): LineHistory {
    let start: StartRecord | undefined;
    let taskId: string | undefined;
    let end: EndRecord | undefined;
    for (const record of this.#records) {
      if (record.id !== id || record.hash !== hash) continue;
      if (record.type === 'start') {
        start = record;
        taskId = undefined;
        end = undefined;
      } else if (record.type === 'task') {
        taskId = record.taskId;
        end = undefined;
      } else end = record;
    }
    return { start, taskId, end };
  }

  /** Whether the journal has records of `id` with another hash only: the line was changed. */
  changed(id: string, hash: string): boolean {
    const mine = this.#records.filter((record) => record.id === id);
    return mine.length > 0 && mine.every((record) => record.hash !== hash);
  }

  /** Every task id the journal holds, of any line: a look-up never adopts one of them. */
  taskIds(): Set<string> {
    return new Set(this.#records.flatMap((record) => (record.type === 'task' ? [record.taskId] : record.type === 'end' && record.taskId ? [record.taskId] : [])));
  }

  /** Waits for the writes, then closes the file. */
  async close(): Promise<void> {
    await this.#writing;
    await this.#handle.close();
  }
}

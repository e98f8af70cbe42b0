/**
 * One batch at a time per output folder: `<out>/batch.lock` holds the running process's pid. A lock
 * whose process is gone (a kill, a crash) is stale and taken over; a live one refuses the second run.
 *
 * @module
 */
import { readFileSync, rmSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ModelStudioError } from '../core/errors.ts';

/** The lock's file name in the output folder. */
export const LOCK_FILE = 'batch.lock';

/** Another batch holds the output folder; nothing was sent. */
export class BatchLockedError extends ModelStudioError {
  static override readonly kind: string = 'BatchLockedError';
  /** The pid of the process that holds the folder. */
  readonly pid: number | undefined;

  constructor(message: string, pid: number | undefined) {
    super(message);
    this.pid = pid;
  }
}

/** What the lock file says. */
interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

/** A held lock. */
export interface BatchLock {
  /** Removes the lock file; safe to call twice. */
  release(): void;
}

function holderOf(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host, startedAt: String(value.startedAt) } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether process `pid` of this machine runs (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dir`, taking over a stale one, or throws a {@link BatchLockedError}. */
export async function acquireLock(dir: string): Promise<BatchLock> {
  const path = join(dir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies Holder);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(mine);
      await handle.close();
      return lockAt(path, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = await readFile(path, 'utf8').catch(() => '');
    const holder = holderOf(seen);
    // A lock being written this instant reads empty: another run is starting.
    if (seen === '' && attempt < 2) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (holder && holder.host !== hostname()) {
      throw new BatchLockedError(`${path} is held by process ${holder.pid} on ${holder.host} since ${holder.startedAt}; if no batch runs there, delete the file.`, holder.pid);
    }
    if (holder && isAlive(holder.pid)) {
      throw new BatchLockedError(`Another batch (process ${holder.pid}, since ${holder.startedAt}) is writing to ${dir}; wait for it, or stop it first.`, holder.pid);
    }
    // Stale: move it aside and check that what moved is the lock judged stale, not one taken meanwhile.
    const aside = `${path}.stale-${process.pid}`;
    await rename(path, aside).catch(() => undefined);
    const moved = await readFile(aside, 'utf8').catch(() => undefined);
    if (moved !== undefined && moved !== seen) await rename(aside, path).catch(() => undefined);
    else await rm(aside, { force: true });
  }
  throw new BatchLockedError(`Could not take ${path}: other runs keep taking it.`, undefined);
}

function lockAt(path: string, mine: string): BatchLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: a run that took over a lock it judged stale must not lose it to us.
    try {
      if (readFileSync(path, 'utf8') === mine) rmSync(path, { force: true });
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return { release };
}

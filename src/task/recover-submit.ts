/**
 * Finding the task that a submit may have created when its answer was lost
 * ({@link SubmitOutcomeUnknownError}), so that the handle can follow it instead of leaving it to
 * the caller, and never adopt a task that is not its own.
 *
 * @module
 */
import type { SubmitOutcomeUnknownError } from '../core/errors.ts';
import type { Transport } from '../http/transport.ts';
import { sleep } from '../core/sleep.ts';
import { lookupDelays } from '../http/retry.ts';
import { listedTasks } from './list-pages.ts';
import { formatListTime, listedModel } from './result.ts';

/**
 * How a handle looks for the task of a submit whose answer was lost. The service's task list can
 * lag behind a submit, so the handle lists several times over a settle window before it concludes;
 * it decides only at the end of the window, so that a second task with the same model and prompt
 * created meanwhile (by another handle or process) makes the match ambiguous rather than wrong.
 */
export interface SubmitRecoveryOptions {
  /**
   * How long after the lost answer the handle keeps looking.
   * @default 15000
   */
  readonly settleWindowMs?: number | undefined;
  /**
   * List calls over the window: one at once, the rest spread evenly up to its end. Each is one
   * query (plus one task query per unknown task of the model in the window), within the query limit.
   * @default 3
   */
  readonly listCalls?: number | undefined;
}

/** Recovery options with every default applied. */
export interface ResolvedRecovery {
  /** {@inheritDoc SubmitRecoveryOptions.settleWindowMs} */
  readonly settleWindowMs: number;
  /** {@inheritDoc SubmitRecoveryOptions.listCalls} */
  readonly listCalls: number;
}

/** The recovery defaults. */
export const DEFAULT_RECOVERY: ResolvedRecovery = { settleWindowMs: 15_000, listCalls: 3 };

/** What the look-up found. */
export type RecoveryVerdict =
  | { readonly kind: 'found'; readonly taskId: string }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  /** `listed` is false when the last look failed: nothing is known then. */
  | { readonly kind: 'none'; readonly listed: boolean };

/** How far before the submit a task may appear, for clocks that disagree. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Whether a task whose original prompt is `original` may be the submit of `prompt`: the same
 * prompt, or either unknown (the service may not echo it; a submit may have had none).
 */
export function promptMatches(original: string | undefined, prompt: string | undefined): boolean {
  return prompt === undefined || original === undefined || original === prompt;
}

/**
 * Ids of the tasks this client follows or followed lately (its submits, resumes and adoptions), so
 * that a look-up never adopts one of them. Kept an hour: a look-up only spans minutes.
 */
export class ClaimedTasks {
  readonly #claimed = new Map<string, number>();

  /** Marks `taskId` as followed by a handle of this client; false when it already was. */
  claim(taskId: string): boolean {
    this.#forgetOld();
    if (this.#claimed.has(taskId)) return false;
    this.#claimed.set(taskId, Date.now());
    return true;
  }

  /** Whether a handle of this client follows or followed `taskId`. */
  has(taskId: string): boolean {
    return this.#claimed.has(taskId);
  }

  #forgetOld(): void {
    const before = Date.now() - 3_600_000;
    for (const [id, at] of this.#claimed) {
      if (at >= before) return;
      this.#claimed.delete(id);
    }
  }
}

/**
 * Lists the tasks of the lost submit's model from a minute before it to now, several times over
 * the settle window, and keeps those that no handle of this client claims and whose prompt is the
 * submit's. Decides at the end of the window.
 */
export async function recoverSubmit(
  transport: Transport,
  lost: SubmitOutcomeUnknownError,
  claimed: ClaimedTasks,
  options: ResolvedRecovery,
  signal: AbortSignal | undefined,
): Promise<RecoveryVerdict> {
  const matches = new Set<string>();
  const checked = new Set<string>();
  let listed = false;
  for (const delay of lookupDelays(options.settleWindowMs, options.listCalls)) {
    if (signal?.aborted) break;
    if (delay > 0) await sleep(delay, signal);
    listed = false;
    try {
      for (const taskId of await listCandidates(transport, lost, claimed, checked)) {
        // Without a prompt every task matches, and none needs its own query.
        const original = lost.prompt === undefined ? undefined : (await transport.getTask(taskId)).output?.orig_prompt;
        if (promptMatches(original, lost.prompt)) matches.add(taskId);
        checked.add(taskId);
      }
      listed = true;
    } catch {
      // A failed call is one look fewer (its unchecked tasks are checked at the next); only an
      // answered last call can tell that no task exists.
    }
  }
  const candidates = [...matches].filter((taskId) => !claimed.has(taskId));
  if (candidates.length === 1 && claimed.claim(candidates[0] as string)) return { kind: 'found', taskId: candidates[0] as string };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  return { kind: 'none', listed };
}

/** Ids of the model's tasks in the window that are neither claimed nor checked yet. */
async function listCandidates(transport: Transport, lost: SubmitOutcomeUnknownError, claimed: ClaimedTasks, checked: Set<string>): Promise<string[]> {
  const fresh: string[] = [];
  const query = {
    page_size: 100,
    model_name: lost.model,
    start_time: formatListTime(new Date(lost.submittedAt.getTime() - CLOCK_SKEW_MS)),
    end_time: formatListTime(new Date(Date.now() + CLOCK_SKEW_MS)),
  };
  for await (const task of listedTasks(transport, query)) {
    const model = listedModel(task);
    if (claimed.has(task.task_id) || checked.has(task.task_id) || (model !== undefined && model !== lost.model)) continue;
    fresh.push(task.task_id);
  }
  return fresh;
}


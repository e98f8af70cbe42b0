/**
 * `client.batch`: many tasks of any mode, started as the limits allow, finished in any order.
 *
 * @module
 */
import { EventEmitter } from 'eventemitter3';
import type { CostEstimate } from '../cost/estimate.ts';
import { roundMoney } from '../cost/rates.ts';
import { AbortError, BudgetError, ModelStudioError, isModelStudioError } from '../core/errors.ts';
import type { VideoMode } from '../models/caps.ts';
import type { RequestOfMode } from '../models/requests.ts';
import type { VideoResult } from './result.ts';
import type { TaskOptions } from './task-options.ts';
import type { VideoTask } from './video-task.ts';

/** One request of mode `M` in a batch. */
export interface BatchRequestOf<M extends VideoMode> {
  /** The mode. */
  readonly mode: M;
  /** What the mode's method takes (`client.textToVideo`, `client.lipSync`, ...). */
  readonly request: RequestOfMode<M>;
}

/** One request of a batch, of any mode: the mode and its request. */
export type BatchRequest = { readonly [M in VideoMode]: BatchRequestOf<M> }[VideoMode];

/** Options of `client.batch`. */
export interface BatchOptions {
  /**
   * Tasks of one model in flight at once in this batch.
   * @default the model's task limit as the client keeps it (5 for wan2.5–2.7, 2 for wan2.1/2.2)
   */
  readonly concurrency?: number | undefined;
  /**
   * After the first failure, start no further task (those not started end as skipped with an
   * `AbortError`); tasks already submitted are followed to their end, since they are paid.
   * @default false
   */
  readonly stopOnFailure?: boolean | undefined;
  /** Stops the batch: tasks not started are skipped, tasks submitted keep running on the service. */
  readonly signal?: AbortSignal | undefined;
  /** Polling overrides for every task. */
  readonly polling?: TaskOptions['polling'];
  /** Retries of each HTTP call. */
  readonly maxRetries?: number | undefined;
  /**
   * The most the whole batch may cost, in the currency of the client's region, compared with the
   * sum of the estimates' upper bounds.
   * @default no limit
   */
  readonly maxCost?: number | undefined;
  /**
   * With `maxCost`: `'refuse'` throws a `BudgetError` before anything is sent when the estimates add
   * up to more; `'stop'` submits in order and skips (as `skipped` items with a `BudgetError`) each
   * request that would push the running total of estimates over.
   * @default 'refuse'
   */
  readonly onBudget?: 'refuse' | 'stop' | undefined;
  /**
   * Called with a request's index right before its submit is sent (after its uploads and its slot),
   * and awaited: the place to write down, durably, that a paid submit is about to leave, as
   * `runBatchFile`'s journal does. A throw fails the request and sends nothing.
   */
  readonly beforeSubmit?: ((index: number) => void | Promise<void>) | undefined;
}

/** A request that produced its video. */
export interface BatchSucceeded {
  /** Its position in the requests given to `client.batch`. */
  readonly index: number;
  /** How it ended. */
  readonly status: 'succeeded';
  /** Its task. */
  readonly taskId: string;
  /** The result, as the task handle resolves it. */
  readonly result: VideoResult;
}

/** A request whose task failed, or whose wait was aborted after it was submitted. */
export interface BatchFailed {
  /** Its position in the requests given to `client.batch`. */
  readonly index: number;
  /** How it ended. */
  readonly status: 'failed';
  /** Its task, when one was created. */
  readonly taskId: string | undefined;
  /** The typed error. */
  readonly error: ModelStudioError;
}

/** A request never sent, after a stop, an abort or over the budget. */
export interface BatchSkipped {
  /** Its position in the requests given to `client.batch`. */
  readonly index: number;
  /** How it ended. */
  readonly status: 'skipped';
  /** No task was created. */
  readonly taskId: undefined;
  /** Why it was not sent: an `AbortError`, or a `BudgetError` with `onBudget: 'stop'`. */
  readonly error: ModelStudioError;
}

/** How one request of a batch ended. */
export type BatchItem = BatchSucceeded | BatchFailed | BatchSkipped;

/** Counts over the whole batch, sent with every change. */
export interface BatchProgress {
  /** Requests in the batch. */
  readonly total: number;
  /** Not submitted yet (waiting for a slot or the rate limit). */
  readonly queued: number;
  /** Submitted, not finished. */
  readonly running: number;
  /** Finished with a video. */
  readonly succeeded: number;
  /** Failed, or skipped after a stop, an abort or over the budget. */
  readonly failed: number;
  /** The estimates of the requests submitted so far, added up (upper bounds). */
  readonly estimatedCost: number;
  /** The cost of the tasks that ended so far, from their usage (failed ones are free). */
  readonly actualCost: number;
  /** The currency of both, where prices are known. */
  readonly currency: string | undefined;
}

/** Payload of a batch's `submitted` event. */
export interface BatchSubmitted {
  /** The request's position in the batch. */
  readonly index: number;
  /** The task the service created for it. */
  readonly taskId: string;
  /** Its model. */
  readonly model: string;
  /** Its handle, for its progress (`task.progress`) and events. */
  readonly task: VideoTask;
}

/** The events of a {@link BatchRun}. */
export interface BatchEvents {
  /** The service created the task of a request (persist its id to follow it after a crash). */
  submitted: (event: BatchSubmitted) => void;
  /** The counts changed. */
  progress: (progress: BatchProgress) => void;
  /** One request ended (also yielded by the iterator). */
  item: (item: BatchItem) => void;
}

/** Starts the task of request `index` (already validated); provided by the client. */
export type StartTask = (index: number, options: TaskOptions) => VideoTask;

/**
 * A running batch. Iterate it for the items in completion order, each with its input `index`;
 * or await `results()` for all of them in input order. Every request yields exactly one item.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 *
 * const client = new ModelStudioClient();
 * const batch = client.batch([
 *   { mode: 'textToVideo', request: { prompt: 'A fox in snow' } },
 *   { mode: 'imageToVideo', request: { image: 'https://example.com/cat.png' } },
 * ]);
 * batch.on('progress', (p) => console.log(`${p.succeeded + p.failed}/${p.total}`));
 * for await (const item of batch) console.log(item.index, item.status);
 * ```
 */
export class BatchRun extends EventEmitter<BatchEvents> implements AsyncIterable<BatchItem> {
  readonly #requests: readonly unknown[];
  readonly #models: readonly string[];
  readonly #start: StartTask;
  readonly #options: BatchOptions;
  readonly #concurrencyOf: (model: string) => number;
  readonly #inFlight = new Map<string, number>();
  readonly #waiting: number[] = [];
  readonly #finished: BatchItem[] = [];
  readonly #unread: BatchItem[] = [];
  #wakeReader: (() => void) | undefined;
  #stopped: ModelStudioError | undefined;
  #running = 0;
  #succeeded = 0;
  #failed = 0;
  readonly #estimates: readonly CostEstimate[];
  #estimatedCost = 0;
  #actualCost = 0;
  readonly #all: Promise<BatchItem[]>;
  #resolveAll!: (items: BatchItem[]) => void;

  /** @internal Created by `client.batch`, after every request passed validation. */
  constructor(
    requests: readonly unknown[],
    models: readonly string[],
    start: StartTask,
    concurrencyOf: (model: string) => number,
    estimates: readonly CostEstimate[],
    options: BatchOptions,
  ) {
    super();
    this.#estimates = estimates;
    this.#requests = requests;
    this.#models = models;
    this.#start = start;
    this.#options = options;
    this.#concurrencyOf = (model) => Math.max(1, options.concurrency ?? concurrencyOf(model));
    this.#waiting = requests.map((_, index) => index);
    this.#all = new Promise((resolve) => {
      this.#resolveAll = resolve;
    });
    options.signal?.addEventListener('abort', () => this.#stop(new AbortError('The batch was aborted before this request was submitted; nothing was sent.', undefined, { cause: options.signal?.reason })), { once: true });
    queueMicrotask(() => {
      if (options.signal?.aborted) this.#stop(new AbortError('The batch was aborted before it started; nothing was sent.'));
      this.#fill();
      if (requests.length === 0) this.#resolveAll([]);
    });
  }

  /** The counts now. */
  get progress(): BatchProgress {
    return {
      total: this.#requests.length,
      queued: this.#requests.length - this.#running - this.#succeeded - this.#failed,
      running: this.#running,
      succeeded: this.#succeeded,
      failed: this.#failed,
      estimatedCost: roundMoney(this.#estimatedCost),
      actualCost: roundMoney(this.#actualCost),
      currency: this.#estimates.find((estimate) => estimate.currency !== undefined)?.currency,
    };
  }

  /**
   * Starts no further request: those not started end as `skipped` with an `AbortError`. Unlike
   * aborting `signal`, submits already on their way and tasks already running are followed to
   * their end, so nothing paid goes unfollowed.
   */
  stop(reason = 'The batch was stopped before this request was submitted; nothing was sent.'): void {
    this.#stop(new AbortError(reason));
  }

  /** Every item, in input order, once all have ended. */
  results(): Promise<BatchItem[]> {
    return this.#all;
  }

  /** The items as they end, in completion order. */
  async *[Symbol.asyncIterator](): AsyncIterator<BatchItem> {
    let read = 0;
    while (read < this.#requests.length) {
      const next = this.#unread.shift();
      if (next) {
        read += 1;
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.#wakeReader = resolve;
      });
    }
  }

  /** Starts waiting requests while their model has a free slot in this batch. */
  #fill(): void {
    for (let cursor = 0; cursor < this.#waiting.length; ) {
      const index = this.#waiting[cursor] as number;
      if (this.#stopped) {
        this.#waiting.splice(cursor, 1);
        this.#finish({ index, status: 'skipped', taskId: undefined, error: this.#stopped });
        continue;
      }
      const model = this.#models[index] as string;
      const busy = this.#inFlight.get(model) ?? 0;
      if (busy >= this.#concurrencyOf(model)) {
        cursor += 1;
        continue;
      }
      this.#waiting.splice(cursor, 1);
      const overBudget = this.#overBudget(index);
      if (overBudget) {
        this.#finish({ index, status: 'skipped', taskId: undefined, error: overBudget });
        continue;
      }
      this.#estimatedCost += this.#estimates[index]?.amount ?? 0;
      this.#inFlight.set(model, busy + 1);
      this.#launch(index, model);
    }
  }

  /** With `onBudget: 'stop'`, why request `index` may not start: it would push the running total over, or has no price. */
  #overBudget(index: number): BudgetError | undefined {
    const { maxCost, onBudget } = this.#options;
    if (maxCost === undefined || onBudget !== 'stop') return undefined;
    const estimate = this.#estimates[index];
    const details = { estimate: estimate?.amount, limit: maxCost, currency: estimate?.currency, basis: estimate?.basis ?? '' };
    if (estimate?.amount === undefined) {
      return new BudgetError(`Request ${index} was not sent: it cannot be priced (${estimate?.reason ?? 'no estimate'}), so maxCost ${maxCost} cannot be kept.`, details);
    }
    const total = roundMoney(this.#estimatedCost + estimate.amount);
    if (total <= maxCost) return undefined;
    return new BudgetError(
      `Request ${index} was not sent: its estimate of ${estimate.amount} ${estimate.currency ?? ''} would take the batch to ${total}, above maxCost ${maxCost}.`,
      details,
    );
  }

  #launch(index: number, model: string): void {
    const { signal, polling, maxRetries, beforeSubmit } = this.#options;
    const task = this.#start(index, { signal, polling, maxRetries, ...(beforeSubmit && { beforeSubmit: () => beforeSubmit(index) }) });
    task.once('submitted', ({ taskId }) => {
      this.#running += 1;
      this.emit('submitted', { index, taskId, model, task });
      this.#emitProgress();
    });
    task.then(
      (result) => this.#settle(index, model, task, { index, status: 'succeeded', taskId: result.taskId, result }),
      (error: unknown) => {
        const failure = isModelStudioError(error) ? error : new ModelStudioError(String(error), { cause: error });
        if (this.#options.stopOnFailure) this.#stop(new AbortError(`The batch stopped after request ${index} failed; this request was not sent.`, undefined, { cause: failure }));
        this.#settle(index, model, task, { index, status: 'failed', taskId: task.taskId, error: failure });
      },
    );
  }

  #settle(index: number, model: string, task: VideoTask, item: BatchItem): void {
    this.#inFlight.set(model, (this.#inFlight.get(model) ?? 1) - 1);
    if (item.status === 'succeeded') this.#actualCost += item.result.cost?.amount ?? 0;
    if (task.taskId !== undefined) this.#running -= 1;
    this.#finish(item);
    this.#fill();
  }

  #stop(reason: ModelStudioError): void {
    this.#stopped ??= reason;
    this.#fill();
  }

  #finish(item: BatchItem): void {
    if (item.status === 'succeeded') this.#succeeded += 1;
    else this.#failed += 1;
    this.#finished.push(item);
    this.#unread.push(item);
    this.#wakeReader?.();
    this.#wakeReader = undefined;
    this.emit('item', item);
    this.#emitProgress();
    if (this.#finished.length === this.#requests.length) {
      this.#resolveAll([...this.#finished].sort((a, b) => a.index - b.index));
    }
  }

  #emitProgress(): void {
    this.emit('progress', this.progress);
  }
}

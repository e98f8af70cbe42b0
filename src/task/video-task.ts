/**
 * The task handle: an event emitter that is also a promise of the task's result.
 *
 * @module
 */
import { EventEmitter } from 'eventemitter3';
import {
  AbortError, APIError, BadRequestError, ModelStudioError, RateLimitError, SubmitOutcomeUnknownError, TaskCanceledError, TaskFailedError,
  TaskNotFoundError, TimeoutError, deadlineError, isModelStudioError, type TaskPhase,
} from '../core/errors.ts';
import { backoffDelay, fullJitter } from '../http/retry.ts';
import type { VideoMode } from '../models/caps.ts';
import type { PreparedSubmit } from '../models/registry.ts';
import type { ClientLimiter, Release } from '../scheduling/rate-limiter.ts';
import type { Uploader, UploadMode } from './uploader.ts';
import type { Transport } from '../http/transport.ts';
import type { TaskAnswer } from '../http/wire.ts';
import type { SubmittedEvent, VideoTaskEvents } from './events.ts';
import type { Poller, ResolvedPolling, Watch } from '../scheduling/poller.ts';
import { runTimeKind, type RunTimeKind } from '../scheduling/run-times.ts';
import type { DetachedSlots } from '../scheduling/detached-slots.ts';
import { recoverSubmit, type ClaimedTasks, type ResolvedRecovery } from './recover-submit.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import type { Telemetry } from '../telemetry/telemetry.ts';
import type { TaskTrace } from '../telemetry/task-span.ts';
import type { Pricing } from '../cost/pricing.ts';
import { isTerminal, toSnapshot, type TaskStatus, type VideoResult } from './result.ts';

/** Per-call options of the mode methods and of `client.tasks.wait`. */
export interface TaskOptions {
  /**
   * Stops waiting. Before the submit leaves, nothing is sent; after, the task keeps running on the
   * service and the handle rejects with an `AbortError` carrying its `taskId`.
   */
  readonly signal?: AbortSignal | undefined;
  /** Polling overrides for this task; the client's `polling` applies to the rest. */
  readonly polling?: import('../scheduling/poller.ts').PollingOptions | undefined;
  /** Retries of each HTTP call for this task; the client's `maxRetries` by default. */
  readonly maxRetries?: number | undefined;
  /** How local inputs travel for this task; the client's `upload` by default. */
  readonly upload?: UploadMode | undefined;
  /**
   * The most this call may cost, in the currency of the client's region (USD in intl and us, CNY
   * in cn). Over it, or with no known price, the mode method throws a `BudgetError` at once and
   * sends nothing. Compared with the estimate's upper bound.
   * @default no limit
   */
  readonly maxCost?: number | undefined;
  /**
   * Called, and awaited, when the task's turn has come (a free slot, the submit rate) and just
   * before its submit is sent: the moment to record that a task may now exist, such as a job
   * queue writing into the job that its submit began. Throwing fails the task with nothing sent.
   * Not called for a task resumed by id, nor again when a 429 makes the submit wait and go again.
   */
  readonly beforeSubmit?: (() => void | Promise<void>) | undefined;
  /**
   * What to do when a submit's outcome is unknown and the look-up found no task it created; see
   * {@link UnknownSubmitPolicy}. A task that is found is always adopted, and several that match are
   * never guessed between.
   * @default the client's `onUnknownSubmit`, 'resubmit-if-answered'
   */
  readonly onUnknownSubmit?: UnknownSubmitPolicy | undefined;
  /**
   * One deadline for the whole call: milliseconds from now, or a `Date`. It bounds reading and
   * uploading the inputs, the wait for a slot, the submit, the wait for the task and the result's
   * `download()` / `fetchVideo()` together, on top of each request's `timeout` and
   * `polling.timeoutMs`. When it passes the handle rejects with a `TimeoutError` (`timeoutKind:
   * 'deadline'`) whose `phase` says what was running and whose `taskId` names the task, which keeps
   * running on the service. A submit on the wire is never cut: its answer is awaited first.
   * @default none
   */
  readonly deadline?: number | Date | undefined;
}

/**
 * What a handle does when a submit's outcome is unknown and the look-up over the settle window
 * found no task it created (a money decision: the service's task list may lag behind a submit, and
 * a resubmit then pays for a task twice):
 * - `'fail'`: never submits again; the handle fails with a `SubmitOutcomeUnknownError`;
 * - `'resubmit-if-answered'` (the default): submits again when the service itself answered the
 *   submit with an error (a 5xx with its error body and request id: it said the submit failed, and
 *   its list confirms that no task exists), as a retry, up to `maxRetries` times; a lost connection
 *   or a timeout fails;
 * - `'resubmit'`: as `'resubmit-if-answered'`, and submits once more after a lost connection or a
 *   timeout too.
 *
 * A resubmit only follows a look-up whose last list call was answered.
 */
export type UnknownSubmitPolicy = 'fail' | 'resubmit-if-answered' | 'resubmit';

/** What a handle needs from its client. */
export interface TaskRuntime {
  readonly transport: Transport;
  readonly poller: Poller;
  /** Fetches result videos (signed links: no API key). */
  readonly fetch: typeof globalThis.fetch;
  /** Keeps submits within the service's limits; absent when the client turned limits off. */
  readonly limiter: ClientLimiter | undefined;
  /** Turns local inputs into URLs before the submit. */
  readonly uploader: Uploader;
  /** The client's default for how local inputs travel. */
  readonly upload: UploadMode;
  /** The client's region and price table. */
  readonly pricing: Pricing;
  /** Tasks the client's handles follow or followed lately: never adopted by a look-up. */
  readonly claimed: ClaimedTasks;
  /** How a lost submit's task is looked for; `undefined` when the client does not look. */
  readonly recovery: ResolvedRecovery | undefined;
  /** The client's default for a lost submit that created no task found. */
  readonly onUnknownSubmit: UnknownSubmitPolicy;
  /** Slots of tasks whose handles detached. */
  readonly detached: DetachedSlots;
  /** Spans and metrics, when `@opentelemetry/api` is installed. */
  readonly telemetry: Telemetry;
}

/** How a handle starts: by submitting a new task, or by resuming one by id. */
export type TaskStart =
  | { readonly kind: 'submit'; readonly mode: VideoMode | undefined; readonly prepared: PreparedSubmit }
  | { readonly kind: 'resume'; readonly taskId: string; readonly model?: string | undefined; readonly mode?: VideoMode | undefined };

/** Enough to resume a task in another process, and nothing secret. */
export interface VideoTaskJSON {
  /** The task id; absent until the submit succeeded. */
  readonly taskId: string | undefined;
  /** The model. */
  readonly model: string | undefined;
  /** The mode, when known. */
  readonly mode: VideoMode | undefined;
  /** The last status seen. */
  readonly status: TaskStatus | undefined;
  /** The submit's request id. */
  readonly requestId: string | undefined;
  /** When this handle was created, ISO 8601. */
  readonly createdAt: string;
}

/** API errors after which polling cannot succeed: bad request, key, permission, path. */
const FATAL_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404]);

/**
 * A video generation task. Returned synchronously by `textToVideo`, `imageToVideo`,
 * `referenceToVideo` and `client.tasks.wait`; it submits (or resumes) at once.
 *
 * Await it for the {@link VideoResult}, or listen to its {@link VideoTaskEvents}. It never causes
 * an `unhandledRejection`, even when nobody awaits it.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 *
 * const client = new ModelStudioClient();
 * const task = client.textToVideo({ prompt: 'A paper boat on a rainy street', duration: 5 });
 * task.on('status', (event) => console.log(event.status));
 * const result = await task;
 * console.log(result.videos[0].url);
 * ```
 */
export class VideoTask extends EventEmitter<VideoTaskEvents> implements PromiseLike<VideoResult> {
  readonly #runtime: TaskRuntime;
  readonly #polling: ResolvedPolling;
  readonly #signal: AbortSignal | undefined;
  readonly #maxRetries: number | undefined;
  readonly #beforeSubmit: TaskOptions['beforeSubmit'];
  readonly #onUnknownSubmit: UnknownSubmitPolicy;
  /** The call's deadline, epoch ms. */
  readonly #deadlineAt: number | undefined;
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the handle is doing, for the deadline's error. */
  #phase: TaskPhase = 'upload';
  readonly #upload: UploadMode;
  readonly #promise: Promise<VideoResult>;
  readonly #createdAt = Date.now();
  readonly #mode: VideoMode | undefined;
  readonly #model: string | undefined;
  readonly #prepared: PreparedSubmit | undefined;
  readonly #kind: RunTimeKind;
  #estimate: CostEstimate | undefined;
  readonly #submitDone: Promise<void>;
  readonly #submittedPromise: Promise<SubmittedEvent>;
  #resolveSubmitted!: (event: SubmittedEvent) => void;
  #rejectSubmitted!: (error: ModelStudioError) => void;
  #resolve!: (result: VideoResult) => void;
  #reject!: (error: ModelStudioError) => void;
  #markSubmitDone!: () => void;
  #taskId: string | undefined;
  #status: TaskStatus | undefined;
  #requestId: string | undefined;
  #settled = false;
  #cancelRequested = false;
  #watch: Watch | undefined;
  #submitting = false;
  #releaseSlot: Release | undefined;
  /** Whether the task was seen `SUSPENDED`: its run time then says nothing about its kind's. */
  #wasSuspended = false;
  /** When the service answered the submit (or the resume began), by the local clock. */
  #submittedAt: number | undefined;
  /** This task's spans and metrics; `undefined` without OpenTelemetry. */
  #trace: TaskTrace | undefined;
  /** Interrupts the wait in the local queue when the task is canceled before it was sent. */
  readonly #leaveQueue = new AbortController();
  readonly #onAbort = (): void => {
    // A submit on the wire may create a task: wait for its answer, then stop with its id.
    if (this.#submitting) return;
    const id = this.#taskId;
    this.#fail(
      new AbortError(
        id
          ? `Stopped waiting for task ${id}; it keeps running on the service. Resume it with client.tasks.wait('${id}'), or, while it is still PENDING, cancel it with client.tasks.cancel('${id}').`
          : 'Aborted before the submit was sent; no task was created.',
        id,
        { cause: this.#signal?.reason },
      ),
    );
  };

  readonly #onDeadline = (): void => {
    this.#deadlineTimer = undefined;
    // A submit on the wire may create a task: its answer comes first, then the deadline's error with its id.
    if (this.#submitting) return;
    this.#fail(deadlineError(this.#phase, this.#taskId));
    this.#leaveQueue.abort();
  };

  /** @internal Created by the client; use the mode methods or `client.tasks.wait`. */
  constructor(runtime: TaskRuntime, start: TaskStart, polling: ResolvedPolling, options: TaskOptions = {}) {
    super();
    this.#runtime = runtime;
    this.#polling = polling;
    this.#signal = options.signal;
    this.#maxRetries = options.maxRetries;
    this.#beforeSubmit = options.beforeSubmit;
    this.#onUnknownSubmit = options.onUnknownSubmit ?? runtime.onUnknownSubmit;
    this.#deadlineAt = options.deadline === undefined ? undefined : typeof options.deadline === 'number' ? Date.now() + options.deadline : options.deadline.getTime();
    if (this.#deadlineAt !== undefined) this.#deadlineTimer = setTimeout(() => this.#onDeadline(), Math.max(0, this.#deadlineAt - Date.now()));
    this.#upload = options.upload ?? runtime.upload;
    this.#mode = start.mode;
    this.#model = start.kind === 'submit' ? start.prepared.model : start.model;
    this.#prepared = start.kind === 'submit' ? start.prepared : undefined;
    this.#kind = runTimeKind(this.#model, this.#prepared?.body.parameters, polling.expectedRunTimeMs);
    this.#promise = new Promise<VideoResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A handle nobody awaits must not raise unhandledRejection; awaiting it still rejects.
    this.#promise.catch(() => undefined);
    this.#submittedPromise = new Promise<SubmittedEvent>((resolve, reject) => {
      this.#resolveSubmitted = resolve;
      this.#rejectSubmitted = reject;
    });
    this.#submittedPromise.catch(() => undefined);
    this.#submitDone = new Promise<void>((resolve) => {
      this.#markSubmitDone = resolve;
    });
    // Start after the caller had a chance to attach listeners.
    queueMicrotask(() => void this.#run(start));
  }

  /** The task id, once the submit succeeded. */
  get taskId(): string | undefined {
    return this.#taskId;
  }

  /** The last status seen, `undefined` before the submit answered. */
  get status(): TaskStatus | undefined {
    return this.#status;
  }

  /**
   * What this task is estimated to cost, from its request, in the client's region; `undefined` for
   * a handle that resumed a task by id.
   */
  get estimatedCost(): CostEstimate | undefined {
    if (!this.#prepared) return undefined;
    this.#estimate ??= this.#runtime.pricing.estimate(this.#prepared);
    return this.#estimate;
  }

  /** The model, when known. */
  get model(): string | undefined {
    return this.#model;
  }

  /** Progress now: status, elapsed time and our estimate of the fraction done. */
  get progress(): import('./events.ts').ProgressEvent {
    const elapsedMs = Date.now() - this.#createdAt;
    const expected = this.#runtime.poller.estimate(this.#kind).expectedMs;
    const estimate = 1 - Math.exp(-elapsedMs / expected);
    return {
      taskId: this.#taskId,
      status: this.#status,
      elapsedMs,
      estimatedFraction: this.#status === 'SUCCEEDED' ? 1 : Math.min(0.95, estimate),
    };
  }

  /**
   * Resolves as soon as the service created the task (with its id, to persist), without waiting
   * for the result; rejects with the handle's error if it fails before that. For a resumed task it
   * resolves at once.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const task = new ModelStudioClient().textToVideo({ prompt: 'Koi in a pond' });
   * const { taskId } = await task.whenSubmitted();
   * console.log(`persist ${taskId}, then await the task or resume it anywhere`);
   * ```
   */
  whenSubmitted(): Promise<SubmittedEvent> {
    return this.#submittedPromise;
  }

  /** Resolves with the result, or rejects with a {@link ModelStudioError}. */
  then<TResult1 = VideoResult, TResult2 = never>(
    onfulfilled?: ((value: VideoResult) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: ModelStudioError) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#promise.then(onfulfilled, onrejected);
  }

  /** Like `Promise.prototype.catch`. */
  catch<TResult = never>(onrejected?: ((reason: ModelStudioError) => TResult | PromiseLike<TResult>) | null): Promise<VideoResult | TResult> {
    return this.#promise.catch(onrejected);
  }

  /** Like `Promise.prototype.finally`. */
  finally(onfinally?: (() => void) | null): Promise<VideoResult> {
    return this.#promise.finally(onfinally);
  }

  /**
   * Cancels the task on the service. The service cancels only `PENDING` tasks: once running, this
   * throws a {@link BadRequestError} with code `UnsupportedOperation` that says so. Before the
   * submit was sent, nothing is sent at all. On success the handle rejects with
   * {@link TaskCanceledError} and emits `canceled`.
   */
  async cancel(): Promise<void> {
    if (this.#taskId === undefined) {
      this.#cancelRequested = true;
      if (!this.#submitting) this.#leaveQueue.abort();
      await this.#submitDone;
      if (this.#taskId === undefined) return;
    }
    const taskId = this.#taskId;
    if (this.#settled) {
      if (this.#status === 'CANCELED') return;
      throw new BadRequestError(`Task ${taskId} already ended with status ${this.#status ?? 'unknown'}; there is nothing to cancel.`, {
        code: 'UnsupportedOperation',
      });
    }
    try {
      await this.#runtime.transport.cancelTask(taskId, { maxRetries: this.#maxRetries });
    } catch (error) {
      throw cancelError(error, taskId, this.#status);
    }
    this.#watch?.pollNow();
  }

  /**
   * Stops following the task, which keeps running on the service: for callers that return the task
   * id now and check later (`client.tasks.get`, or `client.tasks.wait` anywhere). The handle rejects
   * with an `AbortError` carrying the task id. Its task slot stays counted until the task's expected
   * end (learned, else the prior), or until a status check by this client shows that it ended, so
   * that detached tasks cannot push the account over its limit of running tasks. Called before the
   * service answered the submit, it waits for the answer; it rejects with the handle's error if the
   * submit fails.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const client = new ModelStudioClient();
   * const { taskId } = await client.textToVideo({ prompt: 'Koi in a pond' }).detach();
   * // later, from anywhere: (await client.tasks.get(taskId)).status
   * ```
   */
  async detach(): Promise<SubmittedEvent> {
    const submitted = await this.#submittedPromise;
    if (this.#settled) return submitted;
    const release = this.#releaseSlot;
    this.#releaseSlot = undefined;
    if (release) {
      const expectedEnd = (this.#submittedAt ?? Date.now()) + this.#runtime.poller.estimate(this.#kind).expectedMs;
      this.#runtime.detached.keep(submitted.taskId, release, expectedEnd - Date.now());
    }
    this.#fail(
      new AbortError(
        `Detached from task ${submitted.taskId}; it keeps running on the service. Check it with client.tasks.get('${submitted.taskId}'), or resume it with client.tasks.wait('${submitted.taskId}').`,
        submitted.taskId,
      ),
    );
    return submitted;
  }

  /** What another process needs to resume this task with `client.tasks.wait`; never the API key. */
  toJSON(): VideoTaskJSON {
    return {
      taskId: this.#taskId,
      model: this.#model,
      mode: this.#mode,
      status: this.#status,
      requestId: this.#requestId,
      createdAt: new Date(this.#createdAt).toISOString(),
    };
  }

  /** Node's `util.inspect` shows the JSON form, not the listeners. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `VideoTask ${JSON.stringify(this.toJSON())}`;
  }

  async #run(start: TaskStart): Promise<void> {
    // The first task of a client waits for the API's one-time load, so that its spans are not lost.
    const telemetry = this.#runtime.telemetry;
    const loading = telemetry.ready();
    if (loading) await loading;
    if (this.#settled) return this.#markSubmitDone();
    this.#trace = telemetry.task(this.#model, this.#mode, this.#createdAt);
    if (this.#signal?.aborted) return this.#onAbort();
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (start.kind === 'resume') {
      this.#taskId = start.taskId;
      this.#submittedAt = Date.now();
      this.#trace?.submitted(start.taskId, undefined);
      this.#phase = 'wait';
      this.#runtime.claimed.claim(start.taskId);
      this.#resolveSubmitted({ taskId: start.taskId, requestId: undefined, model: start.model ?? '' });
      this.#markSubmitDone();
      this.#startWatching(0);
      // The task runs on the service already, so it counts against its model's slots whatever the
      // limit; polling need not wait for the count.
      if (start.model !== undefined && this.#runtime.limiter) void this.#holdSlot(this.#runtime.limiter, start.model, start.taskId);
      return;
    }
    try {
      if (this.#cancelRequested) return this.#finishCanceled();
      // Local inputs are read and uploaded first: that creates no task and costs nothing.
      // The queue's signal also ends an upload: a cancel or a deadline before the submit sends nothing.
      const queueSignal = this.#signal ? AbortSignal.any([this.#signal, this.#leaveQueue.signal]) : this.#leaveQueue.signal;
      const body = start.prepared.pending.length === 0 ? start.prepared.body : await this.#uploadInputs(start.prepared, queueSignal);
      if (this.#settled) return;
      this.#phase = 'queue';
      this.#trace?.queued();
      this.#emit('queued', { model: start.prepared.model });
      this.#releaseSlot = await this.#runtime.limiter?.submit(start.prepared.model, queueSignal);
      if (this.#settled) return this.#releaseSlot?.();
      await this.#beforeSubmit?.();
      if (this.#settled) return;
      if (this.#cancelRequested) return this.#finishCanceled();
      this.#phase = 'submit';
      this.#trace?.submitStarted();
      const receipt = await this.#submitOrRecover({ ...start.prepared, body }, queueSignal);
      this.#trace?.submitEnded(receipt);
      this.#taskId = receipt.taskId;
      this.#requestId = receipt.requestId;
      this.#submittedAt = Date.now();
      this.#releaseSlot?.forTask(receipt.taskId);
    } catch (error) {
      return this.#cancelRequested && this.#taskId === undefined ? this.#finishCanceled() : this.#fail(error);
    } finally {
      this.#submitting = false;
      this.#markSubmitDone();
    }
    const submitted = { taskId: this.#taskId, requestId: this.#requestId, model: start.prepared.model };
    this.#resolveSubmitted(submitted);
    this.#emit('submitted', submitted);
    this.#setStatus('PENDING');
    if (this.#signal?.aborted) return this.#onAbort();
    if (this.#deadlineAt !== undefined && Date.now() >= this.#deadlineAt) return this.#fail(deadlineError('submit', this.#taskId));
    this.#phase = 'wait';
    this.#startWatching(this.#polling.initialIntervalMs);
  }

  /** Uploads local inputs under an upload span. */
  async #uploadInputs(prepared: PreparedSubmit, signal: AbortSignal): Promise<PreparedSubmit['body']> {
    const ended = this.#trace?.upload();
    try {
      const body = await this.#runtime.uploader.resolve(prepared, this.#upload, signal);
      ended?.();
      return body;
    } catch (error) {
      ended?.(error);
      throw error;
    }
  }

  /**
   * Submits; when the answer is lost, looks for the task the submit may have created and adopts it
   * when exactly one matches, or, when none is found and `onUnknownSubmit` allows it, submits again:
   * after an answered 5xx up to `maxRetries` times (the look-up makes it a retry that provably
   * creates no second task, as far as the list tells), after a lost connection once at most.
   */
  async #submitOrRecover(prepared: PreparedSubmit, signal: AbortSignal): Promise<{ readonly taskId: string; readonly requestId: string | undefined }> {
    const recovery = this.#runtime.recovery;
    const resubmits = { answered: 0, connectionLost: 0 };
    for (;;) {
      let lost: SubmitOutcomeUnknownError;
      try {
        const receipt = await this.#submitThroughThrottling(prepared, signal);
        this.#runtime.claimed.claim(receipt.taskId);
        return receipt;
      } catch (error) {
        if (error instanceof SubmitOutcomeUnknownError) this.#trace?.outcomeUnknown();
        if (!(error instanceof SubmitOutcomeUnknownError) || !recovery) throw error;
        lost = error;
      }
      // A task may exist: an abort now waits for the look-up, as it waits for a submit's answer.
      this.#submitting = true;
      const started = Date.now();
      const verdict = await recoverSubmit(this.#runtime.transport, lost, this.#runtime.claimed, recovery, this.#signal);
      if (verdict.kind === 'found') {
        this.#trace?.recovered(verdict.taskId);
        this.#emit('recovered', { taskId: verdict.taskId, model: prepared.model, reason: errorMessage(lost.cause), waitedMs: Date.now() - started });
        return { taskId: verdict.taskId, requestId: undefined };
      }
      if (verdict.kind === 'ambiguous') {
        const { model, submittedAt, prompt, requestId, cause } = lost;
        throw new SubmitOutcomeUnknownError({ model, submittedAt, prompt, requestId, cause, candidates: verdict.candidates });
      }
      // Only an answered last look can tell that no task exists.
      if (!verdict.listed) throw lost;
      const kind = lost.answered ? 'answered' : 'connectionLost';
      const allowed = kind === 'answered'
        ? (this.#onUnknownSubmit === 'fail' ? 0 : (this.#maxRetries ?? this.#runtime.transport.maxRetries))
        : (this.#onUnknownSubmit === 'resubmit' ? 1 : 0);
      if (resubmits[kind] >= allowed) throw lost;
      resubmits[kind] += 1;
      this.#trace?.retry(lost.cause instanceof APIError ? lost.cause.status : undefined);
    }
  }

  /**
   * Submits, and while the service answers 429 (which provably created no task) waits and tries
   * again until the task's total wait runs out, instead of failing after the transport's few quick
   * retries: the account's slots may be held by other processes for minutes.
   */
  async #submitThroughThrottling(prepared: PreparedSubmit, signal: AbortSignal) {
    const deadline = this.#createdAt + this.#polling.timeoutMs;
    for (let attempt = 1; ; attempt += 1) {
      this.#submitting = true;
      try {
        return await this.#runtime.transport.submit(prepared.body, {
          path: prepared.path,
          prompt: prepared.prompt,
          maxRetries: this.#maxRetries,
          onRetry: this.#trace && ((status) => this.#trace?.retry(status)),
        });
      } catch (error) {
        this.#submitting = false;
        const delay = error instanceof RateLimitError ? (error.retryAfterMs ?? fullJitter(backoffDelay(attempt + 2))) : undefined;
        if (delay === undefined || Date.now() + delay >= deadline) throw error;
        this.#trace?.retry(429);
        await abortableSleep(delay, signal);
      }
    }
  }

  async #holdSlot(limiter: ClientLimiter, model: string, taskId: string): Promise<void> {
    let release: Release;
    try {
      release = await limiter.hold(model, taskId);
    } catch {
      // A store that cannot count the task only makes later submits less careful; the wait goes on.
      return;
    }
    if (this.#settled) release();
    else this.#releaseSlot = release;
  }

  #startWatching(firstDelayMs: number): void {
    if (this.#settled || this.#taskId === undefined) return;
    this.#watch = this.#runtime.poller.watch(
      this.#taskId,
      {
        onAnswer: (answer) => this.#onAnswer(answer),
        onError: (error) => {
          if (error instanceof APIError && error.status !== undefined && FATAL_STATUSES.has(error.status)) this.#fail(error);
        },
        onQuery: () => {
          const ended = this.#trace?.poll();
          return ended && ((outcome) => ('output' in outcome ? ended(outcome.output.task_status, outcome.request_id) : ended(undefined, undefined, outcome)));
        },
        onDeadline: () => {
          const id = this.#taskId ?? '';
          this.#fail(
            new TimeoutError(
              `Gave up waiting for task ${id} after ${Math.round(this.#polling.timeoutMs / 1000)} s (last status ${this.#status ?? 'unknown'}); ` +
                `it keeps running on the service. Resume with client.tasks.wait('${id}').`,
              'wait',
              id,
            ),
          );
        },
      },
      this.#polling,
      firstDelayMs,
      this.#kind,
    );
  }

  #onAnswer(answer: TaskAnswer): void {
    if (this.#settled || this.#taskId === undefined) return;
    const parameters = this.#prepared?.body.parameters;
    const snapshot = toSnapshot(
      answer,
      this.#taskId,
      this.#model,
      this.#runtime.fetch,
      (status, usage) => this.#runtime.pricing.actual(this.#model, status, usage, parameters),
      this.#deadlineAt,
      this.#trace?.download,
    );
    this.#setStatus(snapshot.status);
    if (snapshot.status === 'SUSPENDED') this.#wasSuspended = true;
    this.#emit('progress', this.progress);
    if (!isTerminal(snapshot.status)) return;
    this.#runtime.detached.ended(snapshot.taskId);
    const taskId = snapshot.taskId;
    switch (snapshot.status) {
      case 'SUCCEEDED': {
        if (snapshot.submittedAt && snapshot.endedAt && !this.#wasSuspended) {
          this.#runtime.poller.learn(this.#kind, snapshot.endedAt.getTime() - snapshot.submittedAt.getTime());
        }
        if (snapshot.videos.length === 0) {
          return this.#fail(new TaskFailedError(`Task ${taskId} succeeded but the service sent no video URL.`, { taskId, requestId: snapshot.requestId }));
        }
        const result = snapshot as VideoResult;
        this.#trace?.end('SUCCEEDED', result.usage?.duration);
        this.#settle();
        this.#emit('succeeded', result);
        return this.#resolve(result);
      }
      case 'CANCELED':
        return this.#finishCanceled();
      case 'UNKNOWN':
        return this.#fail(
          new TaskNotFoundError(
            `Task ${taskId} is unknown to the service: the id is wrong, belongs to another region, or expired (tasks are kept for 24 hours).`,
            { taskId, code: 'UNKNOWN', requestId: snapshot.requestId },
          ),
        );
      default:
        return this.#fail(
          new TaskFailedError(`Task ${taskId} failed: ${snapshot.code ?? 'no code'}: ${sentence(snapshot.message ?? 'no message')}`, {
            taskId,
            code: snapshot.code,
            requestId: snapshot.requestId,
          }),
        );
    }
  }

  #setStatus(status: TaskStatus): void {
    const previous = this.#status;
    if (status === previous || this.#taskId === undefined || this.#settled) return;
    this.#status = status;
    this.#emit('status', { taskId: this.#taskId, status, previous });
  }

  #settle(): void {
    this.#settled = true;
    clearTimeout(this.#deadlineTimer);
    // The slot frees when this handle stops following the task; a task left running after an
    // abort or a wait timeout is no longer counted.
    this.#releaseSlot?.();
    this.#watch?.stop();
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }

  #finishCanceled(): void {
    if (this.#settled) return;
    this.#trace?.end('CANCELED', undefined);
    this.#settle();
    const id = this.#taskId;
    if (id === undefined) this.#rejectSubmitted(new TaskCanceledError('The task was canceled before it was submitted; no task was created.'));
    this.#emit('canceled', { taskId: id });
    this.#reject(new TaskCanceledError(id ? `Task ${id} was canceled.` : 'The task was canceled before it was submitted; no task was created.', id));
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    const failure = isModelStudioError(error) ? error : new ModelStudioError(String(error), { cause: error });
    this.#trace?.end(this.#status, undefined, failure);
    this.#settle();
    if (this.#taskId === undefined) this.#rejectSubmitted(failure);
    this.#emit('failed', failure);
    this.#reject(failure);
  }

  /** A throwing listener must not break the task: its error is reported asynchronously instead. */
  #emit<E extends keyof VideoTaskEvents>(event: E, ...args: Parameters<VideoTaskEvents[E]>): void {
    try {
      (this.emit as (event: E, ...rest: Parameters<VideoTaskEvents[E]>) => boolean)(event, ...args);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/** Waits `ms`, or rejects with an `AbortError` when `signal` fires first. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortError('Aborted while waiting to submit; nothing was sent.'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError('Aborted while waiting to submit; nothing was sent.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** An error's message, for events. */
function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ends `text` with one full stop. */
function sentence(text: string): string {
  return /[.!?。]$/.test(text) ? text : `${text}.`;
}

/** A clear error for a cancel that the service refused. */
export function cancelError(error: unknown, taskId: string, status: TaskStatus | undefined): unknown {
  if (error instanceof BadRequestError && error.code === 'UnsupportedOperation') {
    return new BadRequestError(
      `Task ${taskId} can no longer be canceled${status ? `: it is ${status}` : ''}. The service cancels only PENDING tasks` +
        `${error.requestId ? ` (request id ${error.requestId})` : ''}.`,
      { status: error.status, code: error.code, requestId: error.requestId, cause: error },
    );
  }
  return error;
}

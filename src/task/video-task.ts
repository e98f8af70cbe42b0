/**
 * The task handle: an event emitter that is also a promise of the task's result. It keeps the
 * task's state, events and promise; the way to a task id is the submit pipeline's
 * (submit-pipeline.ts), the waiting is the shared poller's.
 *
 * @module
 */
import { EventEmitter } from 'eventemitter3';
import { BadRequestError, ModelStudioError, SubmitOutcomeUnknownError, deadlineError, isModelStudioError, type TaskPhase } from '../core/errors.ts';
import { settleable } from '../core/settleable.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { pollAgainAfter } from '../http/retry.ts';
import type { TaskAnswer } from '../http/wire.ts';
import type { VideoMode } from '../models/caps.ts';
import type { PreparedSubmit } from '../models/registry.ts';
import type { ResolvedPolling, Watch } from '../scheduling/poller.ts';
import type { Release } from '../scheduling/rate-limiter.ts';
import { runTimeKind, type RunTimeKind } from '../scheduling/run-times.ts';
import type { TaskTrace } from '../telemetry/task-span.ts';
import type { ProgressEvent, SubmittedEvent, VideoTaskEvents } from './events.ts';
import { canceledError, cancelError, detachedError, stoppedWaitingError, waitTimeoutError } from './handle-errors.ts';
import { outcomeOf } from './outcome.ts';
import { toSnapshot, type TaskStatus, type VideoResult } from './result.ts';
import { submitPipeline, type PipelineContext } from './submit-pipeline.ts';
import type { TaskOptions, TaskRuntime, TaskStart, VideoTaskJSON } from './task-options.ts';


/**
 * A video generation task. Returned synchronously by `client.generate`, the mode methods and
 * `client.tasks.wait`; it submits (or resumes) at once.
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
  readonly #options: TaskOptions;
  readonly #createdAt = Date.now();
  readonly #mode: VideoMode | undefined;
  readonly #model: string | undefined;
  readonly #prepared: PreparedSubmit | undefined;
  /** What the task's run time is learned and predicted by. */
  readonly #kind: RunTimeKind;
  /** The call's deadline, epoch ms. */
  readonly #deadlineAt: number | undefined;
  readonly #result = settleable<VideoResult>();
  readonly #submitted = settleable<SubmittedEvent>();
  /** Resolves once the submit (or the resume) is over, whatever its outcome. */
  readonly #submitOver = settleable<void>();
  /** Aborted when the handle stops before its submit: nothing new is sent after it. */
  readonly #stop = new AbortController();
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the handle is doing, for the deadline's error. */
  #phase: TaskPhase = 'upload';
  #estimate: CostEstimate | undefined;
  #taskId: string | undefined;
  #status: TaskStatus | undefined;
  #requestId: string | undefined;
  /** When the service answered the submit (or the resume began), by the local clock. */
  #submittedAt: number | undefined;
  #settled = false;
  #cancelRequested = false;
  /** A request that may create a task is under way: a stop waits for its outcome. */
  #onWire = false;
  /** Whether the task was seen `SUSPENDED`: its run time then says nothing about its kind's. */
  #wasSuspended = false;
  #watch: Watch | undefined;
  #slot: Release | undefined;
  /** This task's spans and metrics; `undefined` without OpenTelemetry. */
  #trace: TaskTrace | undefined;

  readonly #onAbort = (): void => {
    this.#stop.abort();
    // A submit on the wire may create a task: wait for its answer, then stop with its id.
    if (this.#onWire) return;
    this.#fail(stoppedWaitingError(this.#taskId, this.#options.signal?.reason));
  };

  readonly #onDeadline = (): void => {
    this.#deadlineTimer = undefined;
    this.#stop.abort();
    // A submit on the wire may create a task: its answer comes first, then the deadline's error with its id.
    if (this.#onWire) return;
    this.#fail(deadlineError(this.#phase, this.#taskId));
  };

  /** @internal Created by the client; use `client.generate`, the mode methods or `client.tasks.wait`. */
  constructor(runtime: TaskRuntime, start: TaskStart, polling: ResolvedPolling, options: TaskOptions = {}) {
    super();
    this.#runtime = runtime;
    this.#polling = polling;
    this.#options = options;
    const { deadline } = options;
    this.#deadlineAt = deadline === undefined ? undefined : typeof deadline === 'number' ? Date.now() + deadline : deadline.getTime();
    if (this.#deadlineAt !== undefined) this.#deadlineTimer = setTimeout(this.#onDeadline, Math.max(0, this.#deadlineAt - Date.now()));
    this.#mode = start.mode;
    this.#model = start.kind === 'submit' ? start.prepared.model : start.model;
    this.#prepared = start.kind === 'submit' ? start.prepared : undefined;
    this.#kind = runTimeKind(this.#model, this.#prepared?.body.parameters, polling.expectedRunTimeMs);
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
  get progress(): ProgressEvent {
    const elapsedMs = Date.now() - this.#createdAt;
    const expected = this.#runtime.poller.estimate(this.#kind).expectedMs;
    const estimate = 1 - Math.exp(-elapsedMs / expected);
    return {
      taskId: this.#taskId,
      status: this.#status,
      elapsedMs,
      estimatedFraction: this.#status === 'SUCCEEDED' ? 1 : Math.min(0.95, estimate),
      expectedMs: expected,
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
    return this.#submitted.promise;
  }

  /** Resolves with the result, or rejects with a {@link ModelStudioError}. */
  then<TResult1 = VideoResult, TResult2 = never>(
    onfulfilled?: ((value: VideoResult) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: ModelStudioError) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#result.promise.then(onfulfilled, onrejected);
  }

  /** Like `Promise.prototype.catch`. */
  catch<TResult = never>(onrejected?: ((reason: ModelStudioError) => TResult | PromiseLike<TResult>) | null): Promise<VideoResult | TResult> {
    return this.#result.promise.catch(onrejected);
  }

  /** Like `Promise.prototype.finally`. */
  finally(onfinally?: (() => void) | null): Promise<VideoResult> {
    return this.#result.promise.finally(onfinally);
  }

  /**
   * Cancels the task on the service. The service cancels only `PENDING` tasks: once running, this
   * throws a {@link BadRequestError} with code `UnsupportedOperation` that says so. Before the
   * submit was sent, nothing is sent at all. On success the handle rejects with
   * `TaskCanceledError` and emits `canceled`.
   */
  async cancel(): Promise<void> {
    if (this.#taskId === undefined) {
      this.#cancelRequested = true;
      this.#stop.abort();
      await this.#submitOver.promise;
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
      await this.#runtime.transport.cancelTask(taskId, { maxRetries: this.#options.maxRetries });
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
    const submitted = await this.#submitted.promise;
    if (this.#settled) return submitted;
    const slot = this.#slot;
    this.#slot = undefined;
    if (slot) {
      const expectedEnd = (this.#submittedAt ?? Date.now()) + this.#runtime.poller.estimate(this.#kind).expectedMs;
      this.#runtime.detached.keep(submitted.taskId, slot, expectedEnd - Date.now());
    }
    this.#fail(detachedError(submitted.taskId));
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

  /** Gets the task's id (submitting or resuming), then follows it. */
  async #run(start: TaskStart): Promise<void> {
    // The first task of a client waits for the API's one-time load, so that its spans are not lost.
    const loading = this.#runtime.telemetry.ready();
    if (loading) await loading;
    if (this.#settled) return this.#submitOver.resolve();
    this.#trace = this.#runtime.telemetry.task(this.#model, this.#mode, this.#createdAt);
    const { signal } = this.#options;
    if (signal?.aborted) return this.#onAbort();
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (start.kind === 'resume') return this.#resume(start.taskId, start.model);
    try {
      const receipt = await submitPipeline(start.prepared, this.#pipelineContext());
      this.#taskId = receipt.taskId;
      this.#requestId = receipt.requestId;
      this.#slot = receipt.slot;
      this.#submittedAt = Date.now();
    } catch (error) {
      // A canceled task that may exist after all (a lost submit) fails with that news instead.
      const canceledBeforeSubmit = this.#cancelRequested && this.#taskId === undefined && !(error instanceof SubmitOutcomeUnknownError);
      return canceledBeforeSubmit ? this.#finishCanceled() : this.#fail(error);
    } finally {
      this.#onWire = false;
      this.#submitOver.resolve();
    }
    const submitted = { taskId: this.#taskId, requestId: this.#requestId, model: start.prepared.model };
    this.#submitted.resolve(submitted);
    this.#emit('submitted', submitted);
    this.#setStatus('PENDING');
    // A stop that came while the submit was on the wire takes effect now, with the task's id.
    if (signal?.aborted) return this.#onAbort();
    if (this.#deadlineAt !== undefined && Date.now() >= this.#deadlineAt) return this.#fail(deadlineError('submit', this.#taskId));
    this.#phase = 'wait';
    this.#follow(this.#polling.initialIntervalMs);
  }

  #pipelineContext(): PipelineContext {
    const { signal } = this.#options;
    return {
      runtime: this.#runtime,
      options: this.#options,
      giveUpAt: this.#createdAt + this.#polling.timeoutMs,
      stop: signal ? AbortSignal.any([signal, this.#stop.signal]) : this.#stop.signal,
      trace: this.#trace,
      observer: {
        phase: (phase) => void (this.#phase = phase),
        onWire: (onWire) => void (this.#onWire = onWire),
        queued: () => this.#emit('queued', { model: this.#model ?? '' }),
        recovered: (event) => this.#emit('recovered', event),
      },
    };
  }

  /** Follows a task that runs already, by its id. */
  #resume(taskId: string, model: string | undefined): void {
    this.#taskId = taskId;
    this.#submittedAt = Date.now();
    this.#trace?.submitted(taskId, undefined);
    this.#phase = 'wait';
    this.#runtime.claimed.claim(taskId);
    this.#submitted.resolve({ taskId, requestId: undefined, model: model ?? '' });
    this.#submitOver.resolve();
    this.#follow(0);
    // The task runs on the service already, so it counts against its model's slots whatever the
    // limit; polling need not wait for the count.
    const limiter = this.#runtime.limiter;
    if (model === undefined || !limiter) return;
    limiter.hold(model, taskId).then(
      (slot) => {
        if (this.#settled) slot();
        else this.#slot = slot;
      },
      // A store that cannot count the task only makes later submits less careful; the wait goes on.
      () => undefined,
    );
  }

  /** Watches the task on the shared poller until it ends. */
  #follow(firstDelayMs: number): void {
    if (this.#settled || this.#taskId === undefined) return;
    const taskId = this.#taskId;
    this.#watch = this.#runtime.poller.watch(
      taskId,
      {
        onAnswer: (answer) => this.#onAnswer(answer),
        onError: (error) => {
          if (!pollAgainAfter(error)) this.#fail(error);
        },
        onQuery: () => {
          const ended = this.#trace?.poll();
          return ended && ((outcome) => ('output' in outcome ? ended(outcome.output.task_status, outcome.request_id) : ended(undefined, undefined, outcome)));
        },
        onDeadline: () => {
          this.#fail(waitTimeoutError(taskId, this.#polling.timeoutMs, this.#status));
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
    const outcome = outcomeOf(snapshot);
    if (outcome.kind === 'running') return;
    this.#runtime.detached.ended(snapshot.taskId);
    if (snapshot.status === 'SUCCEEDED' && snapshot.submittedAt && snapshot.endedAt && !this.#wasSuspended) {
      this.#runtime.poller.learn(this.#kind, snapshot.endedAt.getTime() - snapshot.submittedAt.getTime());
    }
    if (outcome.kind === 'canceled') return this.#finishCanceled();
    if (outcome.kind === 'failed') return this.#fail(outcome.error);
    this.#trace?.end('SUCCEEDED', outcome.result.usage?.duration);
    this.#settle();
    this.#emit('succeeded', outcome.result);
    this.#result.resolve(outcome.result);
  }

  #setStatus(status: TaskStatus): void {
    const previous = this.#status;
    if (status === previous || this.#taskId === undefined || this.#settled) return;
    this.#status = status;
    this.#emit('status', { taskId: this.#taskId, status, previous });
  }

  #settle(): void {
    this.#settled = true;
    this.#stop.abort();
    clearTimeout(this.#deadlineTimer);
    // The slot frees when this handle stops following the task; a task left running after an
    // abort or a wait timeout is no longer counted.
    this.#slot?.();
    this.#watch?.stop();
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
  }

  #finishCanceled(): void {
    if (this.#settled) return;
    this.#trace?.end('CANCELED', undefined);
    this.#settle();
    const id = this.#taskId;
    if (id === undefined) this.#submitted.reject(canceledError(undefined));
    this.#emit('canceled', { taskId: id });
    this.#result.reject(canceledError(id));
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    const failure = isModelStudioError(error) ? error : new ModelStudioError(String(error), { cause: error });
    this.#trace?.end(this.#status, undefined, failure);
    this.#settle();
    if (this.#taskId === undefined) this.#submitted.reject(failure);
    this.#emit('failed', failure);
    this.#result.reject(failure);
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

/**
 * A task's way to its id, as small steps called in order, each returning what the next needs:
 * read and upload the local inputs, wait for a slot, submit (waiting out throttling), and, when
 * the submit's answer is lost, look for the task it may have created before ever submitting again.
 * The handle (video-task.ts) runs it and keeps the state; nothing here outlives one call. Whether
 * and when anything is sent again is decided in http/retry.ts.
 *
 * @module
 */
import { AbortError, APIError, SubmitOutcomeUnknownError, type TaskPhase } from '../core/errors.ts';
import { errorMessage } from '../core/text.ts';
import { sleep } from '../core/sleep.ts';
import { resubmitsAllowed, throttledSubmitDelay } from '../http/retry.ts';
import type { SubmitBody } from '../http/wire.ts';
import type { PreparedSubmit } from '../models/registry.ts';
import { submitHeaders } from '../models/wire.ts';
import type { Release } from '../scheduling/rate-limiter.ts';
import type { TaskTrace } from '../telemetry/task-span.ts';
import type { RecoveredEvent } from './events.ts';
import { recoverSubmit } from './recover-submit.ts';
import type { TaskOptions, TaskRuntime } from './task-options.ts';

/** The task a submit created, and how its id was learned. */
export interface SubmitReceipt {
  /** The task's id. */
  readonly taskId: string;
  /** The submit's request id; `undefined` when the task was found by the look-up. */
  readonly requestId: string | undefined;
  /** `'answer'`: the service answered the submit; `'recovery'`: its answer was lost and the look-up found the task. */
  readonly via: 'answer' | 'recovery';
  /** The task's slot under the client's limits, now named after the task; `undefined` without limits. */
  readonly slot: Release | undefined;
}

/** What the handle hears of the pipeline. */
interface PipelineObserver {
  /** The step now running, for a deadline's error. */
  phase(phase: TaskPhase): void;
  /**
   * Whether a request that may create a task (a submit, or the look-up that decides about one) is
   * under way: an abort or a deadline then waits for its outcome, so that a task is never lost.
   */
  onWire(onWire: boolean): void;
  /** The inputs are ready and the task waits for its turn. */
  queued(): void;
  /** The look-up found the task of a lost submit. */
  recovered(event: RecoveredEvent): void;
}

/** One call's settings of the pipeline. */
export interface PipelineContext {
  /** The client's parts. */
  readonly runtime: TaskRuntime;
  /** The call's options: `upload`, `maxRetries`, `onUnknownSubmit`, `beforeSubmit` and `signal` are read here. */
  readonly options: TaskOptions;
  /** Until when (epoch ms) a throttled submit keeps waiting for its turn. */
  readonly giveUpAt: number;
  /**
   * Stops the steps before anything new is sent: a cancel, an abort, the deadline. A submit on the
   * wire is never cut; the next one is not sent.
   */
  readonly stop: AbortSignal;
  /** The task's spans, when telemetry is on. */
  readonly trace: TaskTrace | undefined;
  /** The handle's ears. */
  readonly observer: PipelineObserver;
}

/** Uploads, waits for a slot, submits and recovers: resolves with the task's receipt. */
export async function submitPipeline(prepared: PreparedSubmit, context: PipelineContext): Promise<SubmitReceipt> {
  const body = await uploadInputs(prepared, context);
  const slot = await takeSlot(prepared.model, context);
  try {
    await context.options.beforeSubmit?.();
    stopIfAsked(context.stop);
    const receipt = await submitOrRecover({ ...prepared, body }, context);
    slot?.forTask(receipt.taskId);
    return { ...receipt, slot };
  } catch (error) {
    slot?.();
    throw error;
  }
}

/** Retries of each HTTP call, and resubmits after an answered 5xx: the call's, else the client's. */
function maxRetriesOf(context: PipelineContext): number {
  return context.options.maxRetries ?? context.runtime.transport.maxRetries;
}

/** Throws an `AbortError` once the call was stopped: nothing new may be sent. */
function stopIfAsked(stop: AbortSignal): void {
  if (stop.aborted) throw new AbortError('Aborted before the submit was sent; no task was created.');
}

/** Reads and uploads the local inputs (this creates no task and costs nothing): the body with their URLs. */
async function uploadInputs(prepared: PreparedSubmit, context: PipelineContext): Promise<SubmitBody> {
  stopIfAsked(context.stop);
  if (prepared.pending.length === 0) return prepared.body;
  context.observer.phase('upload');
  const ended = context.trace?.upload();
  try {
    const body = await context.runtime.uploader.resolve(prepared, context.options.upload ?? context.runtime.upload, context.stop);
    ended?.();
    return body;
  } catch (error) {
    ended?.(error);
    throw error;
  }
}

/** Waits for the model's submit rate and a free task slot under the client's limits. */
async function takeSlot(model: string, context: PipelineContext): Promise<Release | undefined> {
  stopIfAsked(context.stop);
  context.observer.phase('queue');
  context.trace?.queued();
  context.observer.queued();
  const slot = await context.runtime.limiter?.submit(model, context.stop);
  if (context.stop.aborted) {
    slot?.();
    stopIfAsked(context.stop);
  }
  return slot;
}

/**
 * Submits; when the answer is lost, looks for the task the submit may have created and adopts it
 * when exactly one matches, or, when none is found and `onUnknownSubmit` allows it, submits again.
 */
async function submitOrRecover(prepared: PreparedSubmit, context: PipelineContext): Promise<Omit<SubmitReceipt, 'slot'>> {
  const { runtime, trace, observer } = context;
  context.observer.phase('submit');
  trace?.submitStarted();
  const resubmits = { answered: 0, connectionLost: 0 };
  for (;;) {
    let lost: SubmitOutcomeUnknownError;
    try {
      const receipt = await submitThroughThrottling(prepared, context);
      runtime.claimed.claim(receipt.taskId);
      trace?.submitEnded(receipt);
      return { taskId: receipt.taskId, requestId: receipt.requestId, via: 'answer' };
    } catch (error) {
      if (error instanceof SubmitOutcomeUnknownError) trace?.outcomeUnknown();
      if (!(error instanceof SubmitOutcomeUnknownError) || !runtime.recovery) throw error;
      lost = error;
    }
    // A task may exist: an abort now waits for the look-up, as it waits for a submit's answer.
    observer.onWire(true);
    const started = Date.now();
    const verdict = await recoverSubmit(runtime.transport, lost, runtime.claimed, runtime.recovery, context.options.signal);
    if (verdict.kind === 'found') {
      trace?.recovered(verdict.taskId);
      observer.recovered({ taskId: verdict.taskId, model: prepared.model, reason: errorMessage(lost.cause), waitedMs: Date.now() - started });
      trace?.submitEnded({ taskId: verdict.taskId, requestId: undefined });
      return { taskId: verdict.taskId, requestId: undefined, via: 'recovery' };
    }
    if (verdict.kind === 'ambiguous') {
      const { model, submittedAt, prompt, requestId, cause } = lost;
      throw new SubmitOutcomeUnknownError({ model, submittedAt, prompt, requestId, cause, candidates: verdict.candidates });
    }
    // Only an answered last look can tell that no task exists; a stopped call sends nothing new.
    if (!verdict.listed || context.stop.aborted) throw lost;
    const kind = lost.answered ? 'answered' : 'connectionLost';
    const policy = context.options.onUnknownSubmit ?? runtime.onUnknownSubmit;
    if (resubmits[kind] >= resubmitsAllowed(policy, lost.answered, maxRetriesOf(context))) throw lost;
    resubmits[kind] += 1;
    trace?.retry(lost.cause instanceof APIError ? lost.cause.status : undefined);
  }
}

/**
 * Submits, and while the service answers 429 (which provably created no task) waits and goes again
 * until `giveUpAt`, instead of failing after the call's few quick retries: the account's slots may
 * be held by other processes for minutes.
 */
async function submitThroughThrottling(prepared: PreparedSubmit, context: PipelineContext) {
  const { runtime, trace, observer } = context;
  const call = {
    path: prepared.path,
    headers: submitHeaders(prepared.body),
    errorContext: { prompt: prepared.prompt },
    maxRetries: maxRetriesOf(context),
    onRetry: trace && ((status: number | undefined) => trace.retry(status)),
  };
  for (let attempt = 1; ; attempt += 1) {
    observer.onWire(true);
    try {
      return await runtime.transport.submit(prepared.body, call);
    } catch (error) {
      observer.onWire(false);
      const delay = throttledSubmitDelay(error, attempt, context.giveUpAt);
      if (delay === undefined) throw error;
      trace?.retry(429);
      if (!(await sleep(delay, context.stop))) throw new AbortError('Aborted while waiting to submit; nothing was sent.');
    }
  }
}

/**
 * One call of a mode tool (`text_to_video`, ...): the arguments checked, the request estimated
 * and held against the cost limits, the task started with `client.generate`, then waited for, or
 * returned as a task id to follow, as the tool set's wait policy says.
 *
 * @module
 */
import type { z } from 'zod';
import type { ModelStudioClient } from '../client/client.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { AbortError, SubmitOutcomeUnknownError, TimeoutError, ValidationError, isModelStudioError, type ValidationIssue } from '../core/errors.ts';
import { describe, formatPath } from '../core/text.ts';
import type { PollingOptions } from '../scheduling/poller.ts';
import type { VideoTask } from '../task/video-task.ts';
import { invalid, readArguments } from './arguments.ts';
import type { ToolBudget } from './budget.ts';
import type { WaitPolicy } from './descriptions.ts';
import type { ModeSchemaSpec } from './mode-spec.ts';
import { failureResult, pendingResult, runningStatus, successResult } from './result-builders.ts';
import type { VideoToolFailure, VideoToolResult } from './results.ts';
import type { VideoToolContext, VideoToolName } from './tool-types.ts';

/** Everything a mode tool needs to run a call. */
export interface ModeRun {
  readonly client: ModelStudioClient;
  readonly tool: VideoToolName;
  readonly spec: ModeSchemaSpec;
  readonly keys: readonly string[];
  /** Checks that media arguments are URL text before the client, which reads local paths, sees them. */
  readonly urlGate: z.ZodObject;
  readonly wait: WaitPolicy;
  readonly polling: PollingOptions | undefined;
  /** The tool set's cost limits and the estimates of the calls it started. */
  readonly budget: ToolBudget;
  /** Remembers the model of each task the tool set started, for `get_video_task` to price it. */
  readonly remember: (taskId: string, model: string) => void;
}

/** A call's request for the client, or the failure to return. */
type ModeRequest = { readonly ok: true; readonly request: unknown } | { readonly ok: false; readonly failure: VideoToolFailure };

/**
 * The request for the client, or the failure to return. Refused here: unknown arguments (the
 * client would take its developer-only `extraInput`), models not offered, and media that is not URL text.
 * The request is typed `unknown`: a model's arguments carry no static type, and the client checks
 * every field at run time.
 */
function modeRequest(run: ModeRun, args: unknown): ModeRequest {
  const read = readArguments(run.tool, args);
  if (!read.ok) return read;
  const issues: ValidationIssue[] = Object.keys(read.value)
    .filter((key) => !run.keys.includes(key))
    .map((key) => ({ path: key, message: `unknown argument ${JSON.stringify(key)} for ${run.tool} (arguments: ${run.keys.join(', ')})` }));
  const { model } = read.value;
  const { models, defaultModel } = run.spec;
  if (model !== undefined && !models.some((offered) => offered === model)) {
    issues.push({ path: 'model', message: `${describe(model)} is not offered by ${run.tool} (allowed: ${models.join(', ')})` });
  }
  const gate = run.urlGate.safeParse(read.value);
  if (!gate.success) issues.push(...gate.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  if (issues.length > 0) return invalid(run.tool, issues);
  return { ok: true, request: model === undefined && defaultModel !== undefined ? { model: defaultModel, ...read.value } : read.value };
}

/** A started call: its task handle, the estimate made before it, and how to take that back. */
interface StartedCall {
  readonly task: VideoTask;
  readonly estimate: CostEstimate;
  /** Takes the estimate back from the tool set's total. */
  readonly release: () => void;
}

/** What a mode tool returns when its task handle rejects. */
function afterRejection(error: unknown, call: StartedCall, context: VideoToolContext, stopped: AbortSignal, run: ModeRun): VideoToolResult {
  const { task, estimate } = call;
  const { taskId } = task;
  // No task was created (an answer lost on the way may have created one): nothing counts against the total.
  if (taskId === undefined && !(error instanceof SubmitOutcomeUnknownError)) call.release();
  // The application stopped the call: that is its business, not the model's.
  if (error instanceof AbortError && context.signal?.aborted) throw error;
  if (!isModelStudioError(error)) throw error;
  const waitedEnough = (stopped.aborted && error instanceof AbortError) || (error instanceof TimeoutError && error.timeoutKind === 'wait');
  if (waitedEnough && taskId !== undefined) return pendingResult(taskId, task.model, runningStatus(task.status), estimate);
  if (waitedEnough) {
    const seconds = run.wait.kind === 'wait' && run.wait.maxWaitMs !== undefined ? ` ${Math.round(run.wait.maxWaitMs / 1000)} s` : '';
    return failureResult(
      new TimeoutError(
        `No task was created: the request waited${seconds} in this application's queue (too many videos at once) and was not sent. Nothing was billed.`,
        'wait',
      ),
      { estimatedCost: estimate },
    );
  }
  const status = task.status;
  // A task that failed or was canceled is free.
  const ended = taskId !== undefined && (status === 'FAILED' || status === 'CANCELED');
  const cost = ended ? { currency: estimate.currency, amount: 0, seconds: 0, perSecond: undefined, basis: `a ${status.toLowerCase()} task is free` } : undefined;
  return failureResult(error, { taskId, status, estimatedCost: estimate, cost });
}

/** The estimate of a request, or the failure to return when the client finds it invalid. */
function estimateOf(run: ModeRun, request: unknown): { readonly ok: true; readonly estimate: CostEstimate } | { readonly ok: false; readonly failure: VideoToolFailure } {
  try {
    return { ok: true, estimate: run.client.estimateCost(run.spec.mode, request) };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, failure: failureResult(error) };
    throw error;
  }
}

/** Runs one call of a mode tool; resolves with its result, rejects only when the caller's signal aborts, or on a bug. */
export async function executeMode(run: ModeRun, args: unknown, context: VideoToolContext = {}): Promise<VideoToolResult> {
  const read = modeRequest(run, args);
  if (!read.ok) return read.failure;
  const { request } = read;
  const priced = estimateOf(run, request);
  if (!priced.ok) return priced.failure;
  const { estimate } = priced;
  const refusal = run.budget.refusal(estimate);
  if (refusal) return failureResult(refusal.error, { estimatedCost: estimate, next: refusal.next });
  // Stops following the task (not the task itself) once the tool has what it returns.
  const stop = new AbortController();
  const signal = context.signal ? AbortSignal.any([context.signal, stop.signal]) : stop.signal;
  let task: VideoTask;
  try {
    task = run.client.generate(run.spec.mode, request, { signal, polling: run.polling });
  } catch (error) {
    if (error instanceof ValidationError) return failureResult(error);
    throw error;
  }
  // Counted at once, before any await, so that calls made together cannot all pass the total.
  const call: StartedCall = { task, estimate, release: run.budget.reserve(estimate) };
  task.whenSubmitted().then(({ taskId, model }) => run.remember(taskId, model), () => undefined);
  if (context.onProgress) task.on('progress', context.onProgress);
  if (run.wait.kind === 'submit') {
    try {
      // Detached, the task keeps its slot until it is expected to end or is seen ended, so a burst
      // of calls that return at once still keeps the account within its running-task limit.
      const { taskId, model } = await task.detach();
      return pendingResult(taskId, model, 'PENDING', estimate);
    } catch (error) {
      return afterRejection(error, call, context, stop.signal, run);
    }
  }
  const { maxWaitMs } = run.wait;
  // When the wait is over, a submitted task is detached (its slot stays counted until it is expected
  // to end); one still queued here leaves the queue with nothing sent.
  const waitOver = new AbortController();
  const timer =
    maxWaitMs === undefined
      ? undefined
      : setTimeout(() => {
          waitOver.abort();
          if (task.taskId === undefined) stop.abort();
          else void task.detach().catch(() => undefined);
        }, maxWaitMs);
  try {
    return successResult(await task, estimate);
  } catch (error) {
    return afterRejection(error, call, context, AbortSignal.any([stop.signal, waitOver.signal]), run);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The live check of a setup: the cheapest task the region offers, sent only when asked for and
 * confirmed, followed to its end, with its run time and actual cost. The only part of a setup
 * check that costs money.
 *
 * @module
 */
import { isModelStudioError, TaskFailedError } from '../core/errors.ts';
import { errorMessage } from '../core/text.ts';
import type { Resolution } from '../models/caps.ts';
import type { Region } from '../core/regions.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import type { TaskOptions } from '../task/task-options.ts';
import type { VideoTask } from '../task/video-task.ts';
import type { ModelsAPI } from './models-api.ts';
import type { CheckSetupOptions, LiveTaskPlan, LiveTaskReport, LiveTaskRequest, SetupCheck } from './setup-report.ts';

/** The prompt of the live task: short, plain, and unlikely to trip moderation. */
const LIVE_PROMPT = 'A calm sea under a clear blue sky';

/** What the live check uses of a client: a `ModelStudioClient`, named by shape so that the client's module can call this one. */
export interface LiveClient {
  /** The region whose models and prices apply. */
  readonly region: Region | undefined;
  /** The region's models. */
  readonly models: Pick<ModelsAPI, 'list'>;
  /** A request's estimate, checked at run time. */
  estimateCost(mode: string, request: unknown): CostEstimate;
  /** Starts a task, checked at run time. */
  generate(mode: string, request: unknown, options?: TaskOptions): VideoTask;
}

/** `480P` before `720P` before `1080P`. */
function lowest(resolutions: readonly Resolution[]): Resolution | undefined {
  return [...resolutions].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))[0];
}

/**
 * The cheapest text-to-video task of the client's region: each model at its lowest resolution,
 * shortest duration and without sound where sound is optional, priced by the client's price
 * table. Text to video because it needs no input file. Equal prices go to a model whose facts are
 * all confirmed (an unconfirmed one may be refused), then to the shorter video. `undefined` when
 * no model of the region has a known price.
 */
function cheapestPlan(client: LiveClient): LiveTaskPlan | undefined {
  const candidates = client.models.list({ mode: 'textToVideo' }).flatMap((model) => {
    const resolution = lowest(model.resolutions);
    const mode = model.modes.find((entry) => entry.mode === 'textToVideo');
    if (resolution === undefined || mode === undefined) return [];
    const duration = model.durations.only ? Math.min(...model.durations.only) : model.durations.min;
    const request: LiveTaskRequest = { model: model.id, prompt: LIVE_PROMPT, resolution, duration, ...(mode.options.includes('audio') && { audio: false }) };
    const unchecked: unknown = request;
    const estimate = client.estimateCost('textToVideo', unchecked);
    if (estimate.amount === undefined) return [];
    return [{ plan: { mode: 'textToVideo' as const, model: model.id, resolution, duration, request, estimate }, amount: estimate.amount, confirmed: model.confirmed }];
  });
  candidates.sort((a, b) => a.amount - b.amount || Number(b.confirmed) - Number(a.confirmed) || a.plan.duration - b.plan.duration);
  return candidates[0]?.plan;
}

/** `wan2.2-t2v-plus, 480P, 5 s: 0.1 USD`: a plan in a few words. */
function planText(plan: LiveTaskPlan): string {
  return `${plan.model}, ${plan.resolution}, ${plan.duration} s, text to video: ${plan.estimate.amount ?? '?'} ${plan.estimate.currency ?? ''}`.trimEnd();
}

/** What to do about a live task the service refused or failed, by its code (docs/protocol.md §5). */
function liveFix(code: string | undefined, model: string): string {
  if (code === 'Arrearage') return 'Top up the account in the Alibaba Cloud console: it is in arrears.';
  if (code?.startsWith('AccessDenied') || code === 'Model.AccessDenied') return `Activate ${model} (or Model Studio) in the console of the key's region.`;
  if (code?.startsWith('Throttling')) return 'Run the live check again in a minute: the account is at its rate or task limit.';
  if (code === 'DataInspectionFailed') return 'Run the live check again: moderation refused a plain prompt, which is worth reporting to Alibaba Cloud.';
  return 'Read the service\'s message above; the check costs nothing when the task fails.';
}

/** A live check and its report, once run (or declined). */
export interface LiveOutcome {
  /** The `live` check. */
  readonly check: SetupCheck;
  /** The task's report, when one was planned. */
  readonly report: LiveTaskReport | undefined;
}

/** Runs the live check: plan, ask, send, follow, and report what it took and cost. */
export async function liveCheck(client: LiveClient, options: CheckSetupOptions): Promise<LiveOutcome> {
  const plan = cheapestPlan(client);
  if (plan === undefined) {
    return {
      report: undefined,
      check: { name: 'live', status: 'skipped', detail: `not sent: no text-to-video model of ${client.region ?? 'this region'} has a known price, so the cheapest task cannot be told` },
    };
  }
  const unsent = { ...plan, taskId: undefined, status: undefined, runTimeMs: undefined, cost: undefined };
  if (options.confirm && !(await options.confirm(plan))) {
    return { report: unsent, check: { name: 'live', status: 'skipped', detail: `declined: ${planText(plan)} was not sent` } };
  }
  const started = performance.now();
  const request: unknown = plan.request;
  const task = client.generate('textToVideo', request, { signal: options.signal });
  options.onTask?.(task);
  try {
    const result = await task;
    const measured = Math.round(performance.now() - started);
    const runTimeMs = result.submittedAt && result.endedAt ? result.endedAt.getTime() - result.submittedAt.getTime() : measured;
    const cost = result.cost;
    const costText =
      cost?.amount === undefined ? `cost unknown (${cost?.reason ?? 'no price'})` : `cost ${cost.amount}${cost.currency ? ` ${cost.currency}` : ''} (${cost.seconds ?? '?'} s billed)`;
    return {
      report: { ...plan, taskId: result.taskId, status: result.status, runTimeMs, cost },
      check: {
        name: 'live',
        status: 'ok',
        detail: `task ${result.taskId} (${planText(plan)} estimated) SUCCEEDED in ${(runTimeMs / 1000).toFixed(1)} s, ${costText}`,
      },
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const failed = error instanceof TaskFailedError;
    const code = (error as { code?: unknown }).code;
    return {
      report: { ...unsent, taskId: task.taskId, status: failed ? 'FAILED' : undefined },
      check: {
        name: 'live',
        status: 'problem',
        detail: `${failed ? `task ${task.taskId ?? ''} FAILED` : 'the task was not created or not followed to its end'}: ${errorMessage(error).split('\n')[0] ?? ''}`,
        fix: liveFix(typeof code === 'string' ? code : undefined, plan.model),
        errorType: isModelStudioError(error) ? error.name : 'Error',
      },
    };
  }
}

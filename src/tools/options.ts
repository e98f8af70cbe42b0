/**
 * The options of `createVideoTools` (how long a call waits, which models each mode tool offers,
 * polling and cost limits) and the checks of the wait and the models.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import type { Region } from '../core/regions.ts';
import { describe } from '../core/text.ts';
import {
  capsOf, isModelId, modelsOf, nameInRegion, type AnimateCharacterModel, type EditVideoModel, type ImageToVideoModel, type LipSyncModel,
  type ModelId, type ReferenceToVideoModel, type SpeechToVideoModel, type TextToVideoModel, type VideoMode,
} from '../models/caps.ts';
import type { PollingOptions } from '../scheduling/poller.ts';
import type { WaitPolicy } from './descriptions.ts';

/**
 * The models each mode tool offers. Each must serve the tool's mode, in the client's region when
 * it has one.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolModels } from 'modelstudio-video/tools';
 *
 * // Offer only the flash model for references, and say so in the schema.
 * const models: VideoToolModels = { referenceToVideo: ['wan2.6-r2v-flash'] };
 * const tools = createVideoTools(new ModelStudioClient(), { models });
 * console.log(tools.find((tool) => tool.name === 'reference_to_video')?.jsonSchema.properties['model']); // { type: 'string', enum: ['wan2.6-r2v-flash'], ... }
 * ```
 */
export interface VideoToolModels {
  /**
   * Models of `text_to_video`.
   * @default every text-to-video model of the client's region
   */
  readonly textToVideo?: readonly TextToVideoModel[] | undefined;
  /**
   * Models of `image_to_video`.
   * @default every image-to-video model of the client's region
   */
  readonly imageToVideo?: readonly ImageToVideoModel[] | undefined;
  /**
   * Models of `reference_to_video`.
   * @default every reference-to-video model of the client's region
   */
  readonly referenceToVideo?: readonly ReferenceToVideoModel[] | undefined;
  /**
   * Models of `edit_video`.
   * @default every video-editing model of the client's region
   */
  readonly editVideo?: readonly EditVideoModel[] | undefined;
  /**
   * Models of `animate_character`.
   * @default every character animation model of the client's region
   */
  readonly animateCharacter?: readonly AnimateCharacterModel[] | undefined;
  /**
   * Models of `speech_to_video`.
   * @default every talking-head model of the client's region
   */
  readonly speechToVideo?: readonly SpeechToVideoModel[] | undefined;
  /**
   * Models of `lip_sync`.
   * @default every lip-sync model of the client's region
   */
  readonly lipSync?: readonly LipSyncModel[] | undefined;
}

/**
 * Options of {@link createVideoTools}.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolsOptions } from 'modelstudio-video/tools';
 *
 * // Wait up to 45 s inside a call; longer tasks come back with a task id to poll.
 * const options: VideoToolsOptions = { maxWaitMs: 45_000, polling: { initialIntervalMs: 5_000 } };
 * const tools = createVideoTools(new ModelStudioClient(), options);
 * console.log(tools.find((tool) => tool.name === 'text_to_video')?.description);
 * ```
 */
export interface VideoToolsOptions {
  /**
   * Whether a mode tool waits for the video. `false` returns `{ ok: true, taskId, status: 'PENDING',
   * next }` as soon as the service created the task, and the agent follows it with
   * `get_video_task`: for agent loops that cannot wait minutes inside one tool call.
   * @default true
   */
  readonly wait?: boolean | undefined;
  /**
   * With `wait`, the longest a call waits, in milliseconds. A task not done by then is returned as
   * `{ ok: true, taskId, status, next }` to follow with `get_video_task`; it keeps running.
   * @default no limit other than the polling's `timeoutMs`
   */
  readonly maxWaitMs?: number | undefined;
  /**
   * Which models each mode tool offers; the first is used when a call names none. The input
   * schema and description then show only these models' caps.
   * @default every model of each mode that the client's region serves (all when the client has no
   * region), in the caps table's order, and the client's default model when a call names none
   */
  readonly models?: VideoToolModels | undefined;
  /**
   * Polling of the tasks the tools start.
   * @default the client's
   */
  readonly polling?: PollingOptions | undefined;
  /**
   * The most one call may cost, in the currency of the client's region (USD in intl and us, CNY in
   * cn), compared with the upper bound of its estimate (`client.estimateCost`) before anything is
   * sent. A call over it, or one that cannot be priced, comes back as `{ ok: false, error: { type:
   * 'BudgetError', message, estimate, limit, currency }, next }` with nothing sent. The mode tools'
   * descriptions state it. Needs a client with a known region.
   * @default no limit
   */
  readonly maxCostPerCall?: number | undefined;
  /**
   * The most all the calls of this tool set may cost together, in the same currency: the sum of the
   * estimates of the calls it started (a call that created no task is taken back). A call that
   * would take the sum over it is refused like one over `maxCostPerCall`.
   * @default no limit
   */
  readonly maxCostTotal?: number | undefined;
}

/** The models of `mode` that `region` serves under their own name (every one when there is no region), in table order. */
function regionModels(mode: VideoMode, region: Region | undefined): ModelId[] {
  return modelsOf(mode).filter((model) => region === undefined || capsOf(model).regions.includes(region));
}

/** Whether some model of `mode` is served in `region` (every mode is, without a region). */
export function servesMode(mode: VideoMode, region: Region | undefined): boolean {
  return regionModels(mode, region).length > 0;
}

/** Why `model` cannot be offered by the tool of `mode`, if it cannot. */
function refusalOf(mode: VideoMode, model: unknown, region: Region | undefined): string | undefined {
  if (typeof model !== 'string' || !isModelId(model)) return `${describe(model)} is not a model`;
  if (capsOf(model).modes[mode] === undefined) return `${describe(model)} is not a model of ${mode}`;
  if (region === undefined || capsOf(model).regions.includes(region)) return undefined;
  const there = nameInRegion(model, region);
  return `${describe(model)} is not served in ${region}${there !== undefined ? ` (its name there is ${there})` : ''}`;
}

/** The models a mode tool offers, checked, and the one used when a call names none. */
export function modelsFor(
  mode: VideoMode,
  chosen: readonly string[] | undefined,
  region: Region | undefined,
): { models: readonly [ModelId, ...ModelId[]]; defaultModel: ModelId | undefined } {
  const all = regionModels(mode, region);
  const list = chosen ?? all;
  const problems = list.map((model) => refusalOf(mode, model, region)).filter((problem): problem is string => problem !== undefined);
  const [first, ...rest] = list.filter(isModelId);
  // A mode none of whose models the region serves has no tool, so an empty list is the caller's.
  if (problems.length > 0 || first === undefined) {
    throw new ValidationError('Invalid createVideoTools options (1 problem):', [
      { path: `models.${mode}`, message: `${problems.length > 0 ? problems.join('; ') : 'must list at least one model'} (allowed: ${all.join(', ')})` },
    ]);
  }
  return { models: [first, ...new Set(rest.filter((model) => model !== first))], defaultModel: chosen ? first : undefined };
}

/** How a mode tool waits, by `wait` and `maxWaitMs`; their problems go to `issues`. */
export function waitPolicy(options: VideoToolsOptions, issues: ValidationIssue[]): WaitPolicy {
  const { wait = true, maxWaitMs } = options;
  if (maxWaitMs !== undefined && !(Number.isFinite(maxWaitMs) && maxWaitMs > 0)) {
    issues.push({ path: 'maxWaitMs', message: `must be a positive number of milliseconds, got ${describe(maxWaitMs)}` });
  }
  if (maxWaitMs !== undefined && !wait) issues.push({ path: 'maxWaitMs', message: 'applies only when wait is true; with wait: false a call never waits' });
  return wait ? { kind: 'wait', maxWaitMs } : { kind: 'submit' };
}

/**
 * `createVideoTools`: the client's four modes, and task lookup, as tools that an agent can call.
 * Each tool has a name, a description written for a model, an input schema (zod, and JSON Schema
 * generated from it) and `execute`, which returns plain JSON results.
 *
 * @module
 */
import type { z } from 'zod';
import type { ModelStudioClient } from '../client.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { AbortError, SubmitOutcomeUnknownError, TimeoutError, ValidationError, isModelStudioError, type ValidationIssue } from '../core/errors.ts';
import {
  capsOf, isModelId, modelsOf, nameInRegion, type EditVideoModel, type ImageToVideoModel, type ModelId, type ReferenceToVideoModel,
  type TextToVideoModel, type VideoMode,
} from '../models/caps.ts';
import { describe, errorMessage, plural, formatPath } from '../core/text.ts';
import type { Region } from '../core/regions.ts';
import type { ProgressEvent } from '../task/events.ts';
import type { PollingOptions } from '../scheduling/poller.ts';
import type { VideoTask } from '../task/video-task.ts';
import { ToolBudget, costLimits } from './budget.ts';
import { GET_TASK_DESCRIPTION, modeToolDescription, type WaitPolicy } from './descriptions.ts';
import { failureResult, pendingResult, runningStatus, snapshotResult, successResult, type VideoToolFailure, type VideoToolResult } from './results.ts';
import { getTaskInputSchema, modeInputSchemas, toToolInputSchema, type ToolInputSchema } from './schemas.ts';
import type { ModeSchemaSpec } from './mode-spec.ts';

/**
 * The name of a video tool.
 *
 * @example
 * ```ts
 * import type { VideoToolName } from 'modelstudio-video/tools';
 *
 * const waitsForVideo = (name: VideoToolName) => name !== 'get_video_task';
 * console.log(waitsForVideo('text_to_video')); // true
 * ```
 */
export type VideoToolName = 'text_to_video' | 'image_to_video' | 'reference_to_video' | 'edit_video' | 'get_video_task';

const MODE_TOOL_NAMES = {
  textToVideo: 'text_to_video',
  imageToVideo: 'image_to_video',
  referenceToVideo: 'reference_to_video',
  editVideo: 'edit_video',
} as const satisfies Record<VideoMode, VideoToolName>;

/**
 * The tools {@link createVideoTools} returns, in this order.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoTools } from 'modelstudio-video/tools';
 *
 * const tools: VideoTools = createVideoTools(new ModelStudioClient());
 * const [textToVideo, imageToVideo, referenceToVideo, editVideo, getVideoTask] = tools;
 * console.log(textToVideo.name, imageToVideo.name, referenceToVideo.name, editVideo.name, getVideoTask.name);
 * ```
 */
export type VideoTools = readonly [
  VideoTool<'text_to_video'>,
  VideoTool<'image_to_video'>,
  VideoTool<'reference_to_video'>,
  VideoTool<'edit_video'>,
  VideoTool<'get_video_task'>,
];

/**
 * What a tool call may be given besides its arguments.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoToolContext } from 'modelstudio-video/tools';
 *
 * const [textToVideo] = createVideoTools(new ModelStudioClient());
 * const context: VideoToolContext = {
 *   signal: AbortSignal.timeout(600_000),
 *   onProgress: (event) => console.log(event.status, Math.round(event.estimatedFraction * 100)),
 * };
 * console.log(await textToVideo.execute({ prompt: 'Koi in a pond' }, context));
 * ```
 */
export interface VideoToolContext {
  /**
   * Stops the call. Before the submit leaves, nothing is sent; after it, the task keeps running on
   * the service. The call then rejects with an `AbortError` carrying the `taskId` (it is the
   * application that stopped, so no result goes to the model).
   */
  readonly signal?: AbortSignal | undefined;
  /** Receives the task handle's `progress` events while a mode tool waits. */
  readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
}

/**
 * One tool: what to show a model (name, description, input schema) and how to run a call.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools } from 'modelstudio-video/tools';
 *
 * const [textToVideo] = createVideoTools(new ModelStudioClient());
 * console.log(textToVideo.name, JSON.stringify(textToVideo.jsonSchema).length);
 * const result = await textToVideo.execute({ prompt: 'Koi in a pond at dusk', duration: 5 });
 * if (result.ok && result.status === 'SUCCEEDED') console.log(result.videos[0]?.url);
 * ```
 */
export interface VideoTool<Name extends VideoToolName = VideoToolName> {
  /** The tool's name: `text_to_video`, `image_to_video`, `reference_to_video`, `edit_video` or `get_video_task`. */
  readonly name: Name;
  /** What the tool does, what it costs, how long it takes and each model's caps, written for a model. */
  readonly description: string;
  /**
   * The arguments as a zod schema, built from the model registry: the Vercel AI SDK takes it as
   * `inputSchema`. Its JSON Schema is {@link VideoTool.jsonSchema}.
   */
  readonly inputSchema: z.ZodObject;
  /** The arguments as JSON Schema (`z.toJSONSchema` of `inputSchema`): an object schema, without `$schema`. */
  readonly jsonSchema: ToolInputSchema;
  /**
   * Runs one call. `args` is the arguments object, or the JSON string of it (as OpenAI sends it);
   * `null` values count as absent. Resolves with a {@link VideoToolResult} for everything a model can
   * act on, invalid arguments included (`ok: false`, nothing sent); rejects only when `signal`
   * aborts, or on a bug.
   */
  execute(args: unknown, context?: VideoToolContext): Promise<VideoToolResult>;
}

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
 * console.log(tools[2].jsonSchema.properties['model']); // { type: 'string', enum: ['wan2.6-r2v-flash'], ... }
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
 * console.log(tools[0].description);
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

type ReadResult = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly failure: VideoToolFailure };

function invalid(tool: VideoToolName, issues: readonly ValidationIssue[]): { readonly ok: false; readonly failure: VideoToolFailure } {
  return { ok: false, failure: failureResult(new ValidationError(`Invalid ${tool} arguments (${plural(issues.length, 'problem')}):`, issues)) };
}

/** The arguments as an object: parsed when given as JSON text, with `null` values dropped. */
function readArguments(tool: VideoToolName, args: unknown): ReadResult {
  let value = args;
  if (typeof value === 'string') {
    if (value.trim() === '') value = {};
    else {
      try {
        value = JSON.parse(value) as unknown;
      } catch (error) {
        return invalid(tool, [{ path: '', message: `the arguments are not valid JSON (${errorMessage(error)})` }]);
      }
    }
  }
  if (value === undefined || value === null) value = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(tool, [{ path: '', message: `the arguments must be a JSON object, got ${describe(value)}` }]);
  }
  // Models often send null for an optional argument they mean to leave out.
  return { ok: true, value: Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null)) };
}

/** Everything a mode tool needs to run a call. */
interface ModeRun {
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
  if (model !== undefined && !(models as readonly unknown[]).includes(model)) {
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

async function executeMode(run: ModeRun, args: unknown, context: VideoToolContext = {}): Promise<VideoToolResult> {
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

/** How many task models a tool set remembers for `get_video_task`; the oldest go first. */
const REMEMBERED_TASKS = 1000;

/** The models of the tasks a tool set started, by task id, the newest last. */
class TaskModels {
  readonly #models = new Map<string, string>();

  remember(taskId: string, model: string): void {
    if (model === '') return;
    this.#models.delete(taskId);
    this.#models.set(taskId, model);
    if (this.#models.size > REMEMBERED_TASKS) {
      const [oldest] = this.#models.keys();
      if (oldest !== undefined) this.#models.delete(oldest);
    }
  }

  get(taskId: string): string | undefined {
    return this.#models.get(taskId);
  }
}

async function executeGetTask(
  client: ModelStudioClient,
  schema: z.ZodObject,
  models: TaskModels,
  args: unknown,
  context: VideoToolContext = {},
): Promise<VideoToolResult> {
  const read = readArguments('get_video_task', args);
  if (!read.ok) return read.failure;
  const parsed = schema.safeParse(read.value, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown argument${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (get_video_task takes task_id)` : undefined),
  });
  if (!parsed.success) {
    return invalid('get_video_task', parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))).failure;
  }
  const taskId = String(parsed.data.task_id);
  try {
    // The query does not name the model: the tool knows it for the tasks it started, to price them.
    return snapshotResult(await client.tasks.get(taskId, { signal: context.signal, model: models.get(taskId) }));
  } catch (error) {
    if (error instanceof AbortError && context.signal?.aborted) throw error;
    if (!isModelStudioError(error)) throw error;
    return failureResult(error, { taskId });
  }
}

/** The models of `mode` that `region` serves under their own name (every one when there is no region), in table order. */
function regionModels(mode: VideoMode, region: Region | undefined): ModelId[] {
  return modelsOf(mode).filter((model) => region === undefined || capsOf(model).regions.includes(region));
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
function modelsFor(
  mode: VideoMode,
  chosen: readonly string[] | undefined,
  region: Region | undefined,
): { models: readonly [ModelId, ...ModelId[]]; defaultModel: ModelId | undefined } {
  const all = regionModels(mode, region);
  const list = chosen ?? all;
  const problems = list.map((model) => refusalOf(mode, model, region)).filter((problem): problem is string => problem !== undefined);
  const [first, ...rest] = list.filter(isModelId);
  const problem =
    problems.length > 0 ? problems.join('; ') : first === undefined ? (chosen ? 'must list at least one model' : `no ${mode} model is served in ${String(region)}`) : undefined;
  if (problem !== undefined || first === undefined) {
    throw new ValidationError('Invalid createVideoTools options (1 problem):', [
      { path: `models.${mode}`, message: `${problem ?? 'must list at least one model'} (allowed: ${all.join(', ')})` },
    ]);
  }
  return { models: [first, ...new Set(rest.filter((model) => model !== first))], defaultModel: chosen ? first : undefined };
}

function waitPolicy(options: VideoToolsOptions, issues: ValidationIssue[]): WaitPolicy {
  const { wait = true, maxWaitMs } = options;
  if (maxWaitMs !== undefined && !(Number.isFinite(maxWaitMs) && maxWaitMs > 0)) {
    issues.push({ path: 'maxWaitMs', message: `must be a positive number of milliseconds, got ${describe(maxWaitMs)}` });
  }
  if (maxWaitMs !== undefined && !wait) issues.push({ path: 'maxWaitMs', message: 'applies only when wait is true; with wait: false a call never waits' });
  return wait ? { kind: 'wait', maxWaitMs } : { kind: 'submit' };
}

/**
 * The video tools of a client: `text_to_video`, `image_to_video`, `reference_to_video`,
 * `edit_video` and `get_video_task`, ready for {@link toOpenAIChatTools},
 * {@link toOpenAIResponsesTools}, {@link toAnthropicTools} or {@link toVercelAITools}.
 *
 * Each mode tool offers the models of its mode that the client's region serves (every model when
 * the client has no region), or those of `options.models`. Its input schema is built from the
 * model registry (the union of those models: `model` as an enum, every option one of them takes,
 * durations from the widest range), so the schema a model sees never drifts from the caps the
 * client enforces. A call validates through the client's mode method; invalid arguments come back
 * as `{ ok: false, error: { type: 'ValidationError', message, issues } }` with nothing sent, for the
 * model to fix. Every result is plain JSON and never holds the API key.
 *
 * Each call is estimated before it is sent (`client.estimateCost`): mode tool results carry
 * `estimatedCost`, and results of a task that ended carry `cost`, in the currency of the client's
 * region. With `maxCostPerCall` or `maxCostTotal`, a call over a limit, or one that cannot be
 * priced, comes back as `{ ok: false, error: { type: 'BudgetError', ... }, next }` with nothing sent.
 *
 * Throws {@link ValidationError} for invalid options.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toOpenAIResponsesTools } from 'modelstudio-video/tools';
 *
 * // Agent loops that cannot wait minutes in one call: return the task id, poll with get_video_task.
 * const tools = createVideoTools(new ModelStudioClient(), { wait: false });
 * const definitions = toOpenAIResponsesTools(tools); // pass as `tools` to responses.create
 *
 * // When the model calls a tool:
 * const call = { name: 'text_to_video', arguments: '{"prompt":"A fox in snow","duration":5}' };
 * const result = await tools.find((tool) => tool.name === call.name)?.execute(call.arguments);
 * console.log(definitions.length, JSON.stringify(result)); // {"ok":true,"taskId":"...","status":"PENDING","estimatedCost":{...},"next":"..."}
 *
 * // At most 1 USD a call and 10 USD in all (an intl client: USD), by the estimates.
 * const capped = createVideoTools(new ModelStudioClient({ region: 'intl' }), { maxCostPerCall: 1, maxCostTotal: 10 });
 * console.log(capped[0].description.includes('Cost limits'));
 * ```
 */
export function createVideoTools(client: ModelStudioClient, options: VideoToolsOptions = {}): VideoTools {
  const issues: ValidationIssue[] = [];
  const wait = waitPolicy(options, issues);
  const limits = costLimits(options, client.region, issues);
  if (issues.length > 0) throw new ValidationError(`Invalid createVideoTools options (${plural(issues.length, 'problem')}):`, issues);
  // One budget and one memory of task models for the whole tool set.
  const budget = new ToolBudget(limits);
  const taskModels = new TaskModels();
  const remember = (taskId: string, model: string) => taskModels.remember(taskId, model);
  const modeTool = <M extends VideoMode>(mode: M): VideoTool<(typeof MODE_TOOL_NAMES)[M]> => {
    const name = MODE_TOOL_NAMES[mode];
    const spec: ModeSchemaSpec = { mode, region: client.region, ...modelsFor(mode, options.models?.[mode], client.region) };
    const { schema: inputSchema, urlGate } = modeInputSchemas(spec);
    const run: ModeRun = { client, tool: name, spec, keys: Object.keys(inputSchema.shape), urlGate, wait, polling: options.polling, budget, remember };
    return {
      name,
      description: modeToolDescription(spec, wait, limits),
      inputSchema,
      jsonSchema: toToolInputSchema(inputSchema),
      execute: (args, context) => executeMode(run, args, context),
    };
  };
  const getSchema = getTaskInputSchema();
  const getTask: VideoTool<'get_video_task'> = {
    name: 'get_video_task',
    description: GET_TASK_DESCRIPTION,
    inputSchema: getSchema,
    jsonSchema: toToolInputSchema(getSchema),
    execute: (args, context) => executeGetTask(client, getSchema, taskModels, args, context),
  };
  return [modeTool('textToVideo'), modeTool('imageToVideo'), modeTool('referenceToVideo'), modeTool('editVideo'), getTask];
}

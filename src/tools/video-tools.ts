/**
 * `createVideoTools`: the client's modes, and task lookup, as tools that an agent can call.
 * Each tool has a name, a description written for a model, an input schema (zod, and JSON Schema
 * generated from it) and `execute`, which returns plain JSON results.
 *
 * @module
 */
import type { ModelStudioClient } from '../client/client.ts';
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import { plural } from '../core/text.ts';
import { VIDEO_MODES, type VideoMode } from '../models/caps.ts';
import { ToolBudget, costLimits } from './budget.ts';
import { modeToolDescription } from './descriptions.ts';
import { TaskModels, getVideoTaskTool } from './get-task-tool.ts';
import type { ModeSchemaSpec } from './mode-spec.ts';
import { executeMode, type ModeRun } from './mode-tool.ts';
import { modelsFor, servesMode, waitPolicy, type VideoToolsOptions } from './options.ts';
import { modeInputSchemas, toToolInputSchema } from './schemas.ts';
import type { VideoTool, VideoToolName, VideoTools } from './tool-types.ts';

/** The tool of each mode. */
const MODE_TOOL_NAMES = {
  textToVideo: 'text_to_video',
  imageToVideo: 'image_to_video',
  referenceToVideo: 'reference_to_video',
  editVideo: 'edit_video',
  animateCharacter: 'animate_character',
  speechToVideo: 'speech_to_video',
  lipSync: 'lip_sync',
} as const satisfies Record<VideoMode, VideoToolName>;

/**
 * The video tools of a client: one per mode its region serves (`text_to_video`,
 * `image_to_video`, `reference_to_video`, `edit_video`, `animate_character`, `speech_to_video`,
 * `lip_sync`), then `get_video_task`, ready for {@link toOpenAIChatTools},
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
 * console.log(capped.find((tool) => tool.name === 'text_to_video')?.description.includes('Cost limits'));
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
  // A mode that no model of the region serves has no tool, unless the caller names its models.
  const served = VIDEO_MODES.filter((mode) => options.models?.[mode] !== undefined || servesMode(mode, client.region));
  const modeTools = served.map((mode) => modeTool(mode));
  return [...modeTools, getVideoTaskTool(client, taskModels, modeTools.map((tool) => tool.name))];
}

/**
 * The tool named `name` of a tool set. Throws a {@link ValidationError} when the set has none: the
 * client's region serves no model of that mode (say, `speech_to_video` outside cn).
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, findVideoTool } from 'modelstudio-video/tools';
 *
 * const textToVideo = findVideoTool(createVideoTools(new ModelStudioClient()), 'text_to_video');
 * const result = await textToVideo.execute({ prompt: 'Koi in a pond at dusk', duration: 5 });
 * if (result.ok && result.status === 'SUCCEEDED') console.log(result.videos[0]?.url);
 * ```
 */
export function findVideoTool<const Name extends VideoToolName>(tools: VideoTools, name: Name): VideoTool<Name> {
  const tool = tools.find((candidate): candidate is VideoTool<Name> => candidate.name === name);
  if (tool) return tool;
  throw new ValidationError('Invalid tool name (1 problem):', [
    { path: 'name', message: `${JSON.stringify(name)} is not in this tool set (${tools.map((candidate) => candidate.name).join(', ')}): its region serves no model of that mode` },
  ]);
}

/**
 * The video tools shaped for each agent API: OpenAI Chat Completions and Responses, Anthropic
 * Messages, and the Vercel AI SDK. Plain objects: no dependency on any of those SDKs.
 *
 * @module
 */
import type { z } from 'zod';
import type { VideoToolResult } from './results.ts';
import type { ToolInputSchema } from './schemas.ts';
import type { VideoTool, VideoToolContext } from './tool-types.ts';

/**
 * A function tool of the OpenAI Chat Completions API (`tools` of `chat.completions.create`).
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toOpenAIChatTools, type OpenAIChatTool } from 'modelstudio-video/tools';
 *
 * const definitions: OpenAIChatTool[] = toOpenAIChatTools(createVideoTools(new ModelStudioClient()));
 * console.log(definitions[0]?.function.parameters.required); // ['prompt']
 * ```
 */
export interface OpenAIChatTool {
  /** Always `function`. */
  readonly type: 'function';
  /** The function. */
  readonly function: {
    /** The tool's name. */
    readonly name: string;
    /** What the tool does, for the model. */
    readonly description: string;
    /** The arguments' JSON Schema. */
    readonly parameters: ToolInputSchema;
  };
}

/**
 * A function tool of the OpenAI Responses API (`tools` of `responses.create`).
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toOpenAIResponsesTools, type OpenAIResponsesTool } from 'modelstudio-video/tools';
 *
 * const definitions: OpenAIResponsesTool[] = toOpenAIResponsesTools(createVideoTools(new ModelStudioClient()));
 * console.log(definitions[4]?.name, definitions[4]?.strict); // get_video_task false
 * ```
 */
export interface OpenAIResponsesTool {
  /** Always `function`. */
  readonly type: 'function';
  /** The tool's name. */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description: string;
  /** The arguments' JSON Schema. */
  readonly parameters: ToolInputSchema;
  /**
   * Always `false`. The Responses API treats a missing `strict` as strict mode, which makes every
   * argument required; the video tools have optional arguments.
   */
  readonly strict: false;
}

/**
 * A client tool of the Anthropic Messages API (`tools` of `messages.create`).
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toAnthropicTools, type AnthropicTool } from 'modelstudio-video/tools';
 *
 * const definitions: AnthropicTool[] = toAnthropicTools(createVideoTools(new ModelStudioClient()));
 * console.log(definitions[2]?.input_schema.required); // ['references', 'prompt']
 * ```
 */
export interface AnthropicTool {
  /** The tool's name. */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description: string;
  /** The input's JSON Schema. */
  readonly input_schema: ToolInputSchema;
}

/**
 * What the Vercel AI SDK passes to a tool's `execute` besides the input (the part of AI SDK 5's
 * `ToolCallOptions` that the video tools read).
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toVercelAITools, type VercelAIToolCallOptions } from 'modelstudio-video/tools';
 *
 * const tools = toVercelAITools(createVideoTools(new ModelStudioClient()));
 * const options: VercelAIToolCallOptions = { abortSignal: AbortSignal.timeout(600_000) };
 * console.log(await tools.get_video_task.execute({ task_id: '0385dc79-5ff8-4d82-bcb6-000000000000' }, options));
 * ```
 */
export interface VercelAIToolCallOptions {
  /** Aborts the call; the AI SDK passes the signal of `generateText` / `streamText`. */
  readonly abortSignal?: AbortSignal | undefined;
}

/**
 * A tool definition for the Vercel AI SDK (5 and later): pass it to `tool()` from `ai`, or put it
 * in the `tools` of `generateText` / `streamText` as is (`tool()` only helps type inference).
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toVercelAITools, type VercelAITool } from 'modelstudio-video/tools';
 *
 * const textToVideo: VercelAITool = toVercelAITools(createVideoTools(new ModelStudioClient())).text_to_video;
 * // import { tool } from 'ai'; const aiTool = tool(textToVideo);
 * console.log(textToVideo.inputSchema.safeParse({ prompt: 'A fox', duration: 5 }).success); // true
 * ```
 */
export interface VercelAITool {
  /** What the tool does, for the model. */
  readonly description: string;
  /** The input's zod schema; the AI SDK turns it into JSON Schema and validates the input with it. */
  readonly inputSchema: z.ZodObject;
  /** Runs a call with the validated input. */
  readonly execute: (input: unknown, options?: VercelAIToolCallOptions) => Promise<VideoToolResult>;
}

/**
 * Options of {@link toVercelAITools}.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toVercelAITools, type VercelAIToolsOptions } from 'modelstudio-video/tools';
 *
 * const options: VercelAIToolsOptions = { onProgress: (event) => console.log(event.taskId, event.status) };
 * const tools = toVercelAITools(createVideoTools(new ModelStudioClient()), options);
 * console.log(Object.keys(tools));
 * ```
 */
export interface VercelAIToolsOptions {
  /** Receives the task handle's `progress` events while a mode tool waits (the AI SDK has no channel for them). */
  readonly onProgress?: VideoToolContext['onProgress'];
}

/**
 * The tools for the OpenAI Chat Completions API. Each call arrives as `tool_calls[i].function`
 * with `name` and `arguments` (a JSON string, which `execute` takes as is); send the result back
 * as a `tool` message whose `content` is `JSON.stringify(result)`.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toOpenAIChatTools } from 'modelstudio-video/tools';
 *
 * const tools = createVideoTools(new ModelStudioClient());
 * const definitions = toOpenAIChatTools(tools); // chat.completions.create({ model, messages, tools: definitions })
 * console.log(definitions[0]?.function.name); // text_to_video
 * ```
 */
export function toOpenAIChatTools(tools: readonly VideoTool[]): OpenAIChatTool[] {
  return tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: structuredClone(tool.jsonSchema) } }));
}

/**
 * The tools for the OpenAI Responses API, with `strict: false` (see {@link OpenAIResponsesTool.strict}).
 * Each call arrives as a `function_call` output item with `name`, `call_id` and `arguments` (a JSON
 * string, which `execute` takes as is); answer with `{ type: 'function_call_output', call_id,
 * output: JSON.stringify(result) }`.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toOpenAIResponsesTools } from 'modelstudio-video/tools';
 *
 * const tools = createVideoTools(new ModelStudioClient());
 * const definitions = toOpenAIResponsesTools(tools); // responses.create({ model, input, tools: definitions })
 * console.log(definitions.map((tool) => tool.name).join(', '));
 * ```
 */
export function toOpenAIResponsesTools(tools: readonly VideoTool[]): OpenAIResponsesTool[] {
  return tools.map((tool) => ({ type: 'function', name: tool.name, description: tool.description, parameters: structuredClone(tool.jsonSchema), strict: false }));
}

/**
 * The tools for the Anthropic Messages API. Each call arrives as a `tool_use` content block with
 * `id`, `name` and `input`; answer with a `tool_result` block `{ type: 'tool_result', tool_use_id,
 * content: JSON.stringify(result), is_error: !result.ok }`.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toAnthropicTools } from 'modelstudio-video/tools';
 *
 * const tools = createVideoTools(new ModelStudioClient());
 * const definitions = toAnthropicTools(tools); // messages.create({ model, max_tokens, messages, tools: definitions })
 * console.log(definitions[4]?.input_schema.required); // ['task_id']
 * ```
 */
export function toAnthropicTools(tools: readonly VideoTool[]): AnthropicTool[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: structuredClone(tool.jsonSchema) }));
}

/**
 * The tools for the Vercel AI SDK (5 and later), keyed by name as `generateText` and `streamText`
 * take them. Each is shaped for `tool({ description, inputSchema, execute })` from `ai`: its
 * `inputSchema` is the tool's zod schema, which the AI SDK converts and validates with, and
 * `execute` follows the AI SDK's `abortSignal`. Needs no import of `ai`.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, toVercelAITools } from 'modelstudio-video/tools';
 *
 * const tools = toVercelAITools(createVideoTools(new ModelStudioClient()));
 * // import { generateText, tool } from 'ai';
 * // await generateText({ model, prompt, tools: { text_to_video: tool(tools.text_to_video) } });
 * console.log(Object.keys(tools));
 * ```
 */
export function toVercelAITools<Tool extends VideoTool>(tools: readonly Tool[], options: VercelAIToolsOptions = {}): Record<Tool['name'], VercelAITool> {
  return Object.fromEntries(
    tools.map((tool): [Tool['name'], VercelAITool] => [
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.inputSchema,
        execute: (input, callOptions) => tool.execute(input, { signal: callOptions?.abortSignal, onProgress: options.onProgress }),
      },
    ]),
  ) as Record<Tool['name'], VercelAITool>;
}

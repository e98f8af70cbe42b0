/**
 * What a video tool is: its name, what a call may be given besides its arguments, and the tool
 * itself (name, description, input schema, `execute`).
 *
 * @module
 */
import type { z } from 'zod';
import type { ProgressEvent } from '../task/events.ts';
import type { VideoToolResult } from './results.ts';
import type { ToolInputSchema } from './schemas.ts';

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
export type VideoToolName =
  | 'text_to_video' | 'image_to_video' | 'reference_to_video' | 'edit_video' | 'animate_character' | 'speech_to_video' | 'lip_sync'
  | 'get_video_task';

/**
 * The tools {@link createVideoTools} returns: one per mode that the client's region serves (every
 * mode when the client has no region), in the order of `VIDEO_MODES`, then `get_video_task`. Find
 * one by its name.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, type VideoTools } from 'modelstudio-video/tools';
 *
 * const tools: VideoTools = createVideoTools(new ModelStudioClient());
 * console.log(tools.map((tool) => tool.name)); // ['text_to_video', 'image_to_video', 'reference_to_video', 'edit_video', 'get_video_task']
 * const textToVideo = tools.find((tool) => tool.name === 'text_to_video');
 * console.log(textToVideo?.description);
 * ```
 */
export type VideoTools = readonly VideoTool[];

/**
 * What a tool call may be given besides its arguments.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, findVideoTool, type VideoToolContext } from 'modelstudio-video/tools';
 *
 * const textToVideo = findVideoTool(createVideoTools(new ModelStudioClient()), 'text_to_video');
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
 * import { createVideoTools, findVideoTool } from 'modelstudio-video/tools';
 *
 * const textToVideo = findVideoTool(createVideoTools(new ModelStudioClient()), 'text_to_video');
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

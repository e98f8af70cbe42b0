/**
 * `modelstudio-video/tools`: video generation as tools for agent frameworks. `createVideoTools`
 * gives one tool per mode its client's region serves (`text_to_video`, `image_to_video`, ...)
 * plus `get_video_task`, each with a description written for a model, an input schema generated
 * from the model registry, and `execute`; the `to...Tools` helpers shape them for OpenAI (Chat
 * Completions and Responses), Anthropic and the Vercel AI SDK.
 *
 * @packageDocumentation
 */
export { createVideoTools, findVideoTool } from './video-tools.ts';
export type { VideoTool, VideoTools, VideoToolName, VideoToolContext } from './tool-types.ts';
export type { VideoToolsOptions, VideoToolModels } from './options.ts';
export {
  toOpenAIChatTools, toOpenAIResponsesTools, toAnthropicTools, toVercelAITools,
  type OpenAIChatTool, type OpenAIResponsesTool, type AnthropicTool, type VercelAITool, type VercelAIToolCallOptions,
  type VercelAIToolsOptions,
} from './formats.ts';
export type {
  VideoToolResult, VideoToolSuccess, VideoToolPending, VideoToolFailure, VideoToolError, VideoToolVideo, VideoToolUsage,
} from './results.ts';
export type { VideoToolCostEstimate, VideoToolPricedEstimate, VideoToolCost, VideoToolPricedCost, VideoToolUnpriced } from './cost-json.ts';
export type { ToolInputSchema } from './schemas.ts';

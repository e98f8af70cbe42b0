/**
 * modelstudio-video: a typed SDK for video generation with Alibaba Cloud Model Studio
 * (DashScope) Wan models.
 *
 * @packageDocumentation
 */
export {
  ModelStudioClient, REGION_BASE_URLS,
  type ModelStudioClientOptions, type Region, type RegionBaseUrls, type ClientDescription,
} from './client.ts';
export { API_KEY_ENV_VARS, BASE_URL_ENV_VAR } from './env-vars.ts';
export type { TextToVideoRequest, ImageToVideoRequest, ReferenceToVideoRequest } from './requests.ts';
export {
  modelCaps, DEFAULT_MODELS, WAN26_SIZES,
  type ModelCapsTable, type SizeTable, type SizesByRatio, type DefaultModels, type PromptCaps, type NegativePromptCaps, type DurationCaps,
  type ReferenceCaps, type FeatureCaps, type ImageInputCaps, type TimedInputCaps,
  type ModelCaps, type ModelId, type ModelIdOf, type VideoMode, type OutputShape, type Resolution, type AspectRatio,
  type TextToVideoModel, type ImageToVideoModel, type ReferenceToVideoModel,
} from './models/caps.ts';
export { modelSchemas, type ModelSchemas } from './models/registry.ts';
export { wan26T2vSchema, type Wan26T2vSchema, type Wan26T2vRequest } from './models/text-to-video.ts';
export { wan26I2vSchema, type Wan26I2vSchema, type Wan26I2vRequest } from './models/image-to-video.ts';
export {
  wan26R2vSchema, wan26R2vFlashSchema, wan27R2vSchema, type Wan26R2vSchema, type Wan26R2vFlashSchema, type Wan27R2vSchema,
  type Wan26R2vRequest, type Wan26R2vFlashRequest, type Wan27R2vRequest,
} from './models/reference-to-video.ts';
export type { ReferenceInput, ReferenceKind, ReferenceObject, Reference, LocalReference, ReferenceKindHint } from './models/references.ts';
export type { SubmitBody } from './models/wire.ts';
export { LocalMedia, type MediaInput, type FileInput, type BytesInput, type MediaKind } from './upload/local-media.ts';
export { INLINE_LIMIT_BYTES, type UploadMode } from './upload/uploader.ts';
export { VideoTask, type TaskOptions, type VideoTaskJSON } from './task/video-task.ts';
export type {
  VideoTaskEvents, QueuedEvent, SubmittedEvent, StatusEvent, ProgressEvent, CanceledEvent,
} from './task/events.ts';
export { formatDebugEvent, type DebugEvent, type DebugHook } from './transport/debug.ts';
export { DEFAULT_RATE_LIMITS, type RateLimitOptions } from './transport/rate-limiter.ts';
export { DEFAULT_POLLING, type PollingOptions, type ResolvedPolling } from './task/poller.ts';
export type {
  TaskStatus, TaskSnapshot, VideoResult, VideoUsage, TaskTimes,
} from './task/result.ts';
export {
  GeneratedVideo, type GeneratedVideoJSON, type DownloadOptions, type DownloadProgress, type DownloadResult, type FetchVideoOptions,
} from './video/generated-video.ts';
export {
  BatchRun, type BatchRequest, type BatchTextToVideo, type BatchImageToVideo, type BatchReferenceToVideo, type BatchOptions,
  type BatchItem, type BatchSucceeded, type BatchFailed, type BatchSkipped, type BatchProgress, type BatchEvents,
} from './task/batch.ts';
export { TasksAPI, type ListTasksFilter, type TaskSummary } from './task/tasks-api.ts';
export {
  ModelStudioError, isModelStudioError, ValidationError, APIError, BadRequestError, AuthenticationError,
  PermissionDeniedError, NotFoundError, RateLimitError, InternalServerError, ConnectionError, TimeoutError,
  AbortError, DownloadError, SubmitOutcomeUnknownError, TaskFailedError, TaskNotFoundError, TaskCanceledError,
  type ValidationIssue, type APIErrorDetails, type TimeoutKind, type SubmitOutcomeUnknownDetails,
} from './errors.ts';
export { VERSION } from './version.ts';

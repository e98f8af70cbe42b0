/**
 * modelstudio-video: a typed SDK for video generation with Alibaba Cloud Model Studio
 * (DashScope) Wan models.
 *
 * @packageDocumentation
 */
export { ModelStudioClient } from './client/client.ts';
export type { ModelStudioClientOptions, ClientDescription, TaskEventHint, TaskEventSource } from './client/options.ts';
export { REGION_BASE_URLS, REGION_IDS, REGIONS, regionOfBaseUrl, workspaceBaseUrl, type Region, type RegionId, type RegionIds, type RegionBaseUrls } from './core/regions.ts';
export { API_KEY_ENV_VARS, BASE_URL_ENV_VAR, REGION_ENV_VAR, WORKSPACE_ID_ENV_VAR } from './core/env-vars.ts';
export { modelPrices, type PriceTable, type PriceEntry, type Currency, type RatesByResolution, type InputVideoBilling } from './cost/prices.ts';
export type { CostEstimate } from './cost/estimate.ts';
export type { TaskCost } from './cost/actual.ts';
export type { VideoUsage } from './cost/usage.ts';
export type {
  TextToVideoRequest, ImageToVideoRequest, ReferenceToVideoRequest, EditVideoRequest, RequestOf, PassThroughOptions,
  DefaultModelField, ModelField, ModeRequests, RequestOfMode, UncheckedRequest, AnimateCharacterRequest, SpeechToVideoRequest, LipSyncRequest,
} from './models/requests.ts';
export {
  modelCaps, DEFAULT_MODELS, WAN26_SIZES, MODE_OPTIONS, VIDEO_MODES, UNSUPPORTED_MODELS, modelsOf, modesOf, takesOption, nameInRegion,
  type ModelCapsTable, type SizeTable, type SizesByRatio, type DefaultModels, type PromptCaps, type NegativePromptCaps, type DurationCaps,
  type SpecialDuration, type ReferenceCaps, type ReferenceKind, type ImageInputCaps, type TimedInputCaps, type EditVideoCaps, type ModeCaps,
  type ModelLimits, type ModelCaps, type ModelId, type ModelIdOf, type VideoMode, type WireFamily, type OutputShape, type OptionKey,
  type ModeOptionKey, type Resolution, type AspectRatio, type TextToVideoModel, type ImageToVideoModel, type ReferenceToVideoModel,
  type EditVideoModel, type AnimateCharacterModel, type SpeechToVideoModel, type LipSyncModel, type DefaultModelOf, type ModeOptionsTable, type UnsupportedModel,
} from './models/caps.ts';
export { UNPUBLISHED_MODEL_LIMITS, type ModelRateLimits } from './models/limits.ts';
export { VACE_FUNCTIONS, type VaceFunction, type VaceFunctionRules } from './models/vace-functions.ts';
export type { OptionInputs, OptionFields, FieldSpec } from './models/options.ts';
export type { OptionDocs } from './models/option-docs.ts';
export { modelSchemas, type ModelSchemas } from './models/registry.ts';
export type { RawSubmitBody, RawSubmitOptions } from './models/raw-submit.ts';
export type { ReferenceInput, ReferenceObject, Reference, LocalReference, ReferenceKindHint } from './models/references.ts';
export { LocalMedia, type MediaInput, type FileInput, type BytesInput, type MediaKind } from './media/local-media.ts';
export { INLINE_LIMIT_BYTES, type UploadMode } from './task/uploader.ts';
export { VideoTask } from './task/video-task.ts';
export type { TaskOptions, VideoTaskJSON } from './task/task-options.ts';
export type { UnknownSubmitPolicy } from './http/retry.ts';
export type { SubmitRecoveryOptions } from './task/recover-submit.ts';
export type {
  VideoTaskEvents, QueuedEvent, SubmittedEvent, RecoveredEvent, StatusEvent, ProgressEvent, CanceledEvent,
} from './task/events.ts';
export { formatDebugEvent, type DebugEvent, type DebugHook } from './http/debug.ts';
export {
  TRANSCRIPT_FORMAT, TRANSCRIPT_VERSION, type RecordSink, type Transcript, type TranscriptRecord, type TranscriptHeader, type TranscriptSource,
  type TranscriptExchange, type TranscriptRequest, type TranscriptResponse, type TranscriptFailure, type TranscriptBodySummary,
  type TranscriptFilePart, type JsonValue,
} from './http/transcript.ts';
export { DEFAULT_RATE_LIMITS, type RateLimitOptions, type ModelRateLimitOptions, type DefaultRateLimits } from './scheduling/rate-limiter.ts';
export { MemoryRateLimitStore, type RateLimitStore, type SlotLease } from './scheduling/rate-limit-store.ts';
export type { PollingOptions, PollingMode } from './scheduling/poller.ts';
export type {
  TaskStatus, TaskSnapshot, VideoResult, TaskTimes,
} from './task/result.ts';
export {
  GeneratedVideo, type GeneratedVideoJSON, type DownloadOptions, type DownloadProgress, type DownloadResult, type FetchVideoOptions,
} from './video/generated-video.ts';
export {
  BatchRun, type BatchRequest, type BatchRequestOf, type BatchSubmitted, type BatchOptions,
  type BatchItem, type BatchSucceeded, type BatchFailed, type BatchSkipped, type BatchProgress, type BatchEvents,
} from './task/batch.ts';
export { TasksAPI, type ListTasksFilter, type TaskSummary, type LostSubmit } from './task/tasks-api.ts';
export { ModelsAPI, type ListModelsOptions, type ListedModel } from './client/models-api.ts';
export { checkSetup } from './client/check-setup.ts';
export type {
  CheckSetupOptions, SetupReport, SetupCheck, SetupCheckName, SetupCheckStatus, ApiKeySource, LiveTaskPlan, LiveTaskRequest, LiveTaskReport,
} from './client/setup-report.ts';
export {
  modelLineup, MODE_ALIASES, type ModeAliases, type ModeAlias, type Sound, type LineupOptions, type LineupModel, type LineupMode,
  type LineupDurations, type LineupReferences, type LineupInputs, type LineupLimits,
} from './models/lineup.ts';
export type { PerSecondPrice } from './cost/price-list.ts';
export {
  ModelStudioError, isModelStudioError, ValidationError, APIError, BadRequestError, AuthenticationError,
  PermissionDeniedError, NotFoundError, RateLimitError, InternalServerError, ConnectionError, TimeoutError,
  AbortError, DownloadError, SubmitOutcomeUnknownError, TaskFailedError, TaskNotFoundError, TaskCanceledError, BudgetError,
  type ValidationIssue, type APIErrorDetails, type TimeoutKind, type TaskPhase, type SubmitOutcomeUnknownDetails, type BudgetDetails,
} from './core/errors.ts';
export { VERSION } from './core/version.ts';

/**
 * OpenClaw's video generation contract (`openclaw/plugin-sdk/video-generation`, 2026.9), mirrored
 * as local structural types so that this entry type-checks and runs without `openclaw` installed.
 * `examples/openclaw-plugin` checks that the provider built from them is assignable to the real
 * `VideoGenerationProvider` that `api.registerVideoGenerationProvider` takes.
 *
 * Inputs are typed as loosely as OpenClaw sends them (every real request is assignable to
 * {@link OpenClawVideoGenerationRequest}); outputs as strictly as OpenClaw reads them (no
 * `undefined` in optional fields, mutable arrays where OpenClaw declares them mutable).
 *
 * @module
 */

/** OpenClaw's video generation modes: chosen from the inputs (images only, any video, none). */
export type OpenClawVideoMode = 'generate' | 'imageToVideo' | 'videoToVideo';

/** The primitive type OpenClaw checks a declared `providerOptions` key against. */
export type OpenClawProviderOptionType = 'number' | 'boolean' | 'string';

/** Limits and controls of one OpenClaw mode (OpenClaw's `VideoGenerationModeCapabilities`). */
export interface OpenClawVideoModeCapabilities {
  /** Videos one call returns. */
  readonly maxVideos?: number;
  /** Most input images. */
  readonly maxInputImages?: number;
  /** Most input images, by model. */
  readonly maxInputImagesByModel?: Readonly<Record<string, number>>;
  /** Most input videos. */
  readonly maxInputVideos?: number;
  /** Most input videos, by model. */
  readonly maxInputVideosByModel?: Readonly<Record<string, number>>;
  /** Most input audio clips. */
  readonly maxInputAudios?: number;
  /** Most input audio clips, by model. */
  readonly maxInputAudiosByModel?: Readonly<Record<string, number>>;
  /** Longest output, in seconds. */
  readonly maxDurationSeconds?: number;
  /** Every served duration, in seconds; OpenClaw rounds a request to the nearest. */
  readonly supportedDurationSeconds?: readonly number[];
  /** Served durations, by model. */
  readonly supportedDurationSecondsByModel?: Readonly<Record<string, readonly number[]>>;
  /** Exact output sizes, `WxH`. */
  readonly sizes?: readonly string[];
  /** Output aspect ratios. */
  readonly aspectRatios?: readonly string[];
  /** Output resolutions (`720P`). */
  readonly resolutions?: readonly string[];
  /** Whether `size` is taken. */
  readonly supportsSize?: boolean;
  /** Whether `aspectRatio` is taken. */
  readonly supportsAspectRatio?: boolean;
  /** Whether `resolution` is taken. */
  readonly supportsResolution?: boolean;
  /** Whether `audio` (generate sound) is taken. */
  readonly supportsAudio?: boolean;
  /** Whether `watermark` is taken. */
  readonly supportsWatermark?: boolean;
  /** The `providerOptions` keys taken and their types; OpenClaw skips a provider sent others. */
  readonly providerOptions?: Readonly<Record<string, OpenClawProviderOptionType>>;
}

/** A mode that needs inputs, with its own switch (OpenClaw's `VideoGenerationTransformCapabilities`). */
export interface OpenClawVideoTransformCapabilities extends OpenClawVideoModeCapabilities {
  /** Whether the mode is served at all. */
  readonly enabled: boolean;
}

/** A provider's or a model's capabilities, by mode (OpenClaw's `VideoGenerationProviderCapabilities`). */
export interface OpenClawVideoProviderCapabilities extends OpenClawVideoModeCapabilities {
  /** Text to video. */
  readonly generate?: OpenClawVideoModeCapabilities;
  /** Images in (frames or references), no video. */
  readonly imageToVideo?: OpenClawVideoTransformCapabilities;
  /** At least one video in (reference videos, a video to edit or continue). */
  readonly videoToVideo?: OpenClawVideoTransformCapabilities;
}

/** One model's static catalog entry (OpenClaw's `VideoGenerationCatalogModelEntry`). */
export interface OpenClawVideoCatalogEntry {
  /** The model's capabilities. */
  readonly capabilities: OpenClawVideoProviderCapabilities;
  /** The OpenClaw modes the model serves. */
  readonly modes: readonly OpenClawVideoMode[];
}

/**
 * An input image, video or audio clip (OpenClaw's `VideoGenerationSourceAsset`): a remote URL, or
 * the bytes of a local file.
 */
export interface OpenClawVideoSourceAsset {
  /** A remote URL, sent as is. */
  readonly url?: string | undefined;
  /** The bytes of a local file (a Node `Buffer`). */
  readonly buffer?: Uint8Array | undefined;
  /** Its MIME type. */
  readonly mimeType?: string | undefined;
  /** Its file name. */
  readonly fileName?: string | undefined;
  /**
   * What it is for: `first_frame`, `last_frame`, `reference_image`, `reference_video`,
   * `reference_audio`, and this provider's own `source_video` (the video to edit), `first_clip`
   * (the clip to continue) and `driving_audio`.
   */
  readonly role?: string | undefined;
  /** Free-form metadata; not read. */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** What OpenClaw asks of a video provider (its `VideoGenerationRequest`, and an optional `signal`). */
export interface OpenClawVideoGenerationRequest {
  /** The provider id the request was routed to. */
  readonly provider?: string | undefined;
  /** The model. */
  readonly model: string;
  /** The prompt. */
  readonly prompt: string;
  /** The whole call's deadline in milliseconds: upload, submit, polling and download. */
  readonly timeoutMs?: number | undefined;
  /** An exact output size, `WxH` (`W*H` is accepted too). */
  readonly size?: string | undefined;
  /** An output aspect ratio. */
  readonly aspectRatio?: string | undefined;
  /** An output resolution. */
  readonly resolution?: string | undefined;
  /** The output's length in seconds. */
  readonly durationSeconds?: number | undefined;
  /** Whether to generate sound. */
  readonly audio?: boolean | undefined;
  /** Whether to add a watermark. */
  readonly watermark?: boolean | undefined;
  /** Input images: frames or references, by `role`. */
  readonly inputImages?: readonly OpenClawVideoSourceAsset[] | undefined;
  /** Input videos: references, the video to edit, or the clip to continue, by `role`. */
  readonly inputVideos?: readonly OpenClawVideoSourceAsset[] | undefined;
  /** Input audio: driving audio or reference audio, by `role`. */
  readonly inputAudios?: readonly OpenClawVideoSourceAsset[] | undefined;
  /** The SDK's other options by name (`negativePrompt`, `seed`, ...), and `maxCost`. */
  readonly providerOptions?: Readonly<Record<string, unknown>> | undefined;
  /** Stops the call (not part of OpenClaw 2026.9's request; honoured when a host passes one). */
  readonly signal?: AbortSignal | undefined;
}

/** One generated video as OpenClaw takes it (its `GeneratedVideoAsset`). */
export interface OpenClawGeneratedVideoAsset {
  /** The video's bytes, when the provider was asked to download them. */
  buffer?: Buffer;
  /** The signed link to the video (valid 24 hours). */
  url?: string;
  /** Always `video/mp4`. */
  mimeType: string;
  /** A file name for it. */
  fileName?: string;
  /** `expiresAt` of the link, and `bytes` when downloaded. */
  metadata?: Record<string, unknown>;
}

/** What a provider returns (OpenClaw's `VideoGenerationResult`). */
export interface OpenClawVideoGenerationResult {
  /** The videos. */
  videos: OpenClawGeneratedVideoAsset[];
  /** The model that made them. */
  model?: string;
  /** The task id, request id, status, mode, whether it was resumed, the estimated and actual cost, usage. */
  metadata?: Record<string, unknown>;
}

/** The context OpenClaw passes when it asks a model's capabilities. */
export interface OpenClawModelCapabilitiesContext {
  /** The model. */
  readonly model: string;
}

/** A video generation provider as OpenClaw registers it (its `VideoGenerationProvider`). */
export interface OpenClawVideoGenerationProvider {
  /** The provider id, the prefix of model refs (`modelstudio/wan2.6-t2v`). */
  id: string;
  /** Its display name. */
  label: string;
  /** The model used when none is named. */
  defaultModel: string;
  /** The timeout OpenClaw applies when neither the call nor the config sets one. */
  defaultTimeoutMs: number;
  /** Every model, from the caps table. */
  models: string[];
  /** What the provider can do with any of its models (the union), with per-model limits. */
  capabilities: OpenClawVideoProviderCapabilities;
  /** Each model's modes and capabilities. */
  catalogByModel: Readonly<Record<string, OpenClawVideoCatalogEntry>>;
  /** Whether an API key is available. */
  isConfigured: () => boolean;
  /** A model's capabilities, for OpenClaw's checks before a call. */
  resolveModelCapabilities: (context: OpenClawModelCapabilitiesContext) => OpenClawVideoProviderCapabilities | undefined;
  /** Generates, or resumes, a video. */
  generateVideo: (request: OpenClawVideoGenerationRequest) => Promise<OpenClawVideoGenerationResult>;
}

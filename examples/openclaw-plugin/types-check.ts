// Compile-time checks (tsc, never run) that modelstudio-video/openclaw's local mirror of OpenClaw's
// video generation types matches the real ones of the installed openclaw. openclaw 2026.9.6
// publishes `openclaw/plugin-sdk/video-generation` without type declarations, so the real types
// are taken from the typed `openclaw/plugin-sdk/plugin-entry`: what `registerVideoGenerationProvider` takes.
import type { OpenClawPluginApi } from 'openclaw/plugin-sdk/plugin-entry';
import type {
  OpenClawGeneratedVideoAsset, OpenClawVideoCatalogEntry, OpenClawVideoGenerationProvider, OpenClawVideoGenerationRequest,
  OpenClawVideoGenerationResult, OpenClawVideoModeCapabilities, OpenClawVideoProviderCapabilities, OpenClawVideoSourceAsset,
  OpenClawVideoTransformCapabilities,
} from 'modelstudio-video/openclaw';

/** OpenClaw's `VideoGenerationProvider`. */
type VideoGenerationProvider = Parameters<OpenClawPluginApi['registerVideoGenerationProvider']>[0];
type VideoGenerationRequest = Parameters<VideoGenerationProvider['generateVideo']>[0];
type VideoGenerationResult = Awaited<ReturnType<VideoGenerationProvider['generateVideo']>>;
type VideoGenerationProviderCapabilities = VideoGenerationProvider['capabilities'];
type VideoGenerationModeCapabilities = NonNullable<VideoGenerationProviderCapabilities['generate']>;
type VideoGenerationTransformCapabilities = NonNullable<VideoGenerationProviderCapabilities['imageToVideo']>;
type VideoGenerationCatalogModelEntry = NonNullable<VideoGenerationProvider['catalogByModel']>[string];
type VideoGenerationSourceAsset = NonNullable<VideoGenerationRequest['inputImages']>[number];
type GeneratedVideoAsset = VideoGenerationResult['videos'][number];

/** Compiles only when `T` is `never`. */
type Never<T extends never> = T;
/** `true` for `any`: the checks below mean nothing if OpenClaw's types did not resolve. */
type IsAny<T> = 0 extends 1 & T ? true : false;
export const resolved: [IsAny<VideoGenerationProvider>, IsAny<VideoGenerationRequest>, IsAny<VideoGenerationModeCapabilities>] = [false, false, false];

// Our provider is one OpenClaw registers; the real request is one ours takes; our result is one OpenClaw takes.
declare const provider: OpenClawVideoGenerationProvider;
export const registered: VideoGenerationProvider = provider;
declare const request: VideoGenerationRequest;
export const taken: OpenClawVideoGenerationRequest = request;
declare const result: OpenClawVideoGenerationResult;
export const returned: VideoGenerationResult = result;

// Each mirrored type has every field of the real one, of a compatible type, both ways where both ways make sense.
declare const realCapabilities: VideoGenerationProviderCapabilities;
export const capabilitiesRead: OpenClawVideoProviderCapabilities = realCapabilities;
declare const ourCapabilities: OpenClawVideoProviderCapabilities;
export const capabilitiesWritten: VideoGenerationProviderCapabilities = ourCapabilities;
declare const ourEntry: OpenClawVideoCatalogEntry;
export const entryWritten: VideoGenerationCatalogModelEntry = ourEntry;
declare const realAsset: VideoGenerationSourceAsset;
export const assetRead: OpenClawVideoSourceAsset = realAsset;
declare const ourVideo: OpenClawGeneratedVideoAsset;
export const videoWritten: GeneratedVideoAsset = ourVideo;

export type Complete = [
  Never<Exclude<keyof VideoGenerationModeCapabilities, keyof OpenClawVideoModeCapabilities>>,
  Never<Exclude<keyof VideoGenerationTransformCapabilities, keyof OpenClawVideoTransformCapabilities>>,
  Never<Exclude<keyof VideoGenerationProviderCapabilities, keyof OpenClawVideoProviderCapabilities>>,
  Never<Exclude<keyof VideoGenerationSourceAsset, keyof OpenClawVideoSourceAsset>>,
  Never<Exclude<keyof GeneratedVideoAsset, keyof OpenClawGeneratedVideoAsset>>,
  Never<Exclude<keyof VideoGenerationResult, keyof OpenClawVideoGenerationResult>>,
  // The request fields ours reads; OpenClaw's cfg, agentDir and authStore are not needed.
  Never<Exclude<keyof VideoGenerationRequest, keyof OpenClawVideoGenerationRequest | 'cfg' | 'agentDir' | 'authStore'>>,
  // The provider fields ours sets; aliases is optional and not used.
  Never<Exclude<keyof VideoGenerationProvider, keyof OpenClawVideoGenerationProvider | 'aliases'>>,
];

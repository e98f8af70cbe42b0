/**
 * `modelstudio-video/openclaw`: the SDK as an OpenClaw video generation provider. Register
 * `createOpenClawVideoProvider()` with `api.registerVideoGenerationProvider` in a plugin entry:
 * every model of the caps table with capabilities generated from it, local files (buffers)
 * uploaded, validation and cost before anything is paid, adaptive polling under one 30-minute
 * deadline, and running tasks resumed by request after a gateway restart (`taskStore`).
 *
 * The entry needs no `openclaw` at run time: OpenClaw's types are mirrored here structurally.
 *
 * @packageDocumentation
 */
export { createOpenClawVideoProvider, OPENCLAW_DEFAULT_TIMEOUT_MS, type OpenClawVideoProviderOptions } from './provider.ts';
export { createMemoryTaskStore, requestKey, type OpenClawTaskStore } from './task-store.ts';
export { UNLIMITED_INPUTS } from './capabilities.ts';
export type {
  OpenClawVideoMode, OpenClawProviderOptionType, OpenClawVideoModeCapabilities, OpenClawVideoTransformCapabilities,
  OpenClawVideoProviderCapabilities, OpenClawVideoCatalogEntry, OpenClawVideoSourceAsset, OpenClawVideoGenerationRequest,
  OpenClawGeneratedVideoAsset, OpenClawVideoGenerationResult, OpenClawModelCapabilitiesContext, OpenClawVideoGenerationProvider,
} from './types.ts';

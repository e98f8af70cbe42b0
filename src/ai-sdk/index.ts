/**
 * `modelstudio-video/ai-sdk`: Model Studio's Wan video models as a Vercel AI SDK provider (video
 * model specification v4, `ai` 7), for `experimental_generateVideo`, `experimental_startVideo` and
 * `experimental_getVideoStatus`. It imports only types from `ai` and `@ai-sdk/provider`, so it
 * loads without them.
 *
 * @example
 * ```ts
 * import { experimental_generateVideo } from 'ai';
 * import { modelstudio } from 'modelstudio-video/ai-sdk';
 *
 * const { video, providerMetadata } = await experimental_generateVideo({
 *   model: modelstudio.video('wan2.7-i2v'),
 *   prompt: 'The flower opens',
 *   frameImages: [
 *     { image: 'https://example.com/bud.png', frameType: 'first_frame' },
 *     { image: 'https://example.com/bloom.png', frameType: 'last_frame' },
 *   ],
 *   resolution: '1280x720',
 * });
 * console.log(video.mediaType, modelStudioMetadata(providerMetadata)?.taskId);
 * ```
 *
 * @packageDocumentation
 */
export { createModelStudio, modelstudio, type ModelStudioProvider, type ModelStudioProviderSettings } from './provider.ts';
export {
  ModelStudioVideoModel, modelStudioMetadata, type ModelStudioVideoOperation, type ModelStudioVideoStartOptions, type ModelStudioVideoStatusOptions,
  type ModelStudioVideoWebhookHandler,
  type ModelStudioVideoMetadata, type ModelStudioVideoMetadataVideo,
} from './video-model.ts';
export { PROVIDER_KEY, type ModelStudioVideoProviderOptions, type ProviderMediaInput, type ProviderReferenceInput, type ProviderShot } from './call-options.ts';
export { ModelStudioInvalidArgumentError, ModelStudioNoSuchModelError, type ModelKind } from './errors.ts';

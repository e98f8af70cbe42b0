/**
 * `createModelStudio`: the AI SDK provider. The client is created on the first call, so that
 * making the provider (and the default `modelstudio` instance) needs no API key.
 *
 * @module
 */
import type { ProviderV4 } from '@ai-sdk/provider';
import { ModelStudioClient } from '../client/client.ts';
import type { ModelStudioClientOptions } from '../client/options.ts';
import { ValidationError } from '../core/errors.ts';
import { capsEntryFor, type ModelId } from '../models/caps.ts';
import { describe } from '../core/text.ts';
import { ModelStudioNoSuchModelError, type ModelKind } from './errors.ts';
import { ModelStudioVideoModel } from './video-model.ts';

/**
 * Options of {@link createModelStudio}: a client of yours, or the options to make one (the key, the
 * region, `fetch`, polling, rate limits, ... as for `new ModelStudioClient()`).
 */
export interface ModelStudioProviderSettings extends ModelStudioClientOptions {
  /**
   * The client to use. Give either it or client options, not both.
   * @default a client made from the other options on the first call
   */
  readonly client?: ModelStudioClient | undefined;
}

/**
 * The Model Studio provider for the AI SDK: video models only. `video(modelId)` and
 * `videoModel(modelId)` give a model for `experimental_generateVideo`, `experimental_startVideo`
 * and `experimental_getVideoStatus`; the other kinds of model throw a `NoSuchModelError`.
 */
export interface ModelStudioProvider extends ProviderV4 {
  /** A video model: any model of `modelCaps` (and its later dated snapshots). */
  video(modelId: ModelId): ModelStudioVideoModel;
  /** The same as `video`, by the AI SDK's provider naming (`createProviderRegistry`, `customProvider`). */
  videoModel(modelId: ModelId): ModelStudioVideoModel;
  /** The client the models use, made on first use: for `tasks.cancel`, `tasks.list`, `estimateCost`, ... */
  getClient(): ModelStudioClient;
}

/**
 * Creates the Model Studio provider for the Vercel AI SDK (`ai` 7, video model specification v4).
 * Nothing is read or checked until the first call: the client (and the API key from the
 * environment) comes then.
 *
 * @example
 * ```ts
 * import { experimental_generateVideo } from 'ai';
 * import { createModelStudio } from 'modelstudio-video/ai-sdk';
 *
 * const modelstudio = createModelStudio({ region: 'intl' }); // key from MODELSTUDIO_API_KEY
 * const { video, providerMetadata } = await experimental_generateVideo({
 *   model: modelstudio.video('wan2.6-t2v'),
 *   prompt: 'A red fox trotting through fresh snow at dawn',
 *   resolution: '1280x720',
 *   duration: 5,
 * });
 * console.log(video.mediaType, video.uint8Array.length, providerMetadata.modelstudio?.cost);
 * ```
 */
export function createModelStudio(settings: ModelStudioProviderSettings = {}): ModelStudioProvider {
  const { client: given, ...clientOptions } = settings;
  const configured = Object.entries(clientOptions).filter(([, value]) => value !== undefined).map(([key]) => key);
  if (given !== undefined && configured.length > 0) {
    throw new ValidationError('Invalid createModelStudio options (1 problem):', [
      { path: 'client', message: `give either a client or client options, not both (also given: ${configured.join(', ')})` },
    ]);
  }
  let client = given;
  // The AI SDK's `webhook` option is served only by a client this provider made with `events`: a
  // client given as is may have none, and then the AI SDK must fall back to polling (and say so).
  const webhook = given === undefined && clientOptions.events !== undefined;
  const getClient = (): ModelStudioClient => (client ??= new ModelStudioClient(clientOptions));
  const video = (modelId: ModelId): ModelStudioVideoModel => {
    const entry = typeof modelId === 'string' ? capsEntryFor(modelId) : undefined;
    if (entry === undefined) {
      throw new ModelStudioNoSuchModelError(String(modelId), 'videoModel', `No such Model Studio video model: ${describe(modelId)}`, [
        { path: 'modelId', message: 'must be a model of modelCaps, such as wan2.6-t2v, wan2.7-i2v or wan3.0-video (or a dated snapshot of one)' },
      ]);
    }
    return new ModelStudioVideoModel(modelId, entry, getClient, { events: webhook });
  };
  const none = (modelType: ModelKind) => (modelId: string): never => {
    throw new ModelStudioNoSuchModelError(modelId, modelType, `Model Studio video has no ${modelType}s: ${describe(modelId)} (this provider makes videos: use .video(modelId))`);
  };
  return {
    specificationVersion: 'v4',
    video,
    videoModel: video,
    getClient,
    languageModel: none('languageModel'),
    embeddingModel: none('embeddingModel'),
    imageModel: none('imageModel'),
  };
}

/**
 * The default provider: `createModelStudio()`, configured by the environment (MODELSTUDIO_API_KEY,
 * MODELSTUDIO_BASE_URL, MODELSTUDIO_REGION) when first used. Importing it reads nothing.
 *
 * @example
 * ```ts
 * import { experimental_startVideo } from 'ai';
 * import { modelstudio } from 'modelstudio-video/ai-sdk';
 *
 * const { operation } = await experimental_startVideo({ model: modelstudio.video('wan2.6-t2v'), prompt: 'Koi in a pond' });
 * console.log(JSON.stringify(operation)); // {"taskId":"...","model":"wan2.6-t2v"}
 * ```
 */
export const modelstudio: ModelStudioProvider = createModelStudio();

// A video-generation provider for an agent platform, in a few lines on top of the SDK: its
// capabilities come from modelCaps (so they never drift from what the SDK validates), and
// generation is one call. The interface below is the shape such platforms use; adapt the names.
//
//   npm run example -- provider-adapter
import { ModelStudioClient, modelCaps, modesOf, takesOption, type ModelCaps, type ModelId } from 'modelstudio-video';

/** What a platform asks of a video provider. */
interface VideoProvider {
  readonly id: string;
  readonly models: readonly string[];
  readonly defaultModel: string;
  capabilities(model: string): VideoCapabilities;
  generate(request: VideoRequest, options?: { signal?: AbortSignal; onProgress?: (fraction: number) => void }): Promise<{ videos: { url: string; mimeType: string; expiresAt?: string }[] }>;
}

interface VideoCapabilities {
  readonly maxVideos: number;
  readonly maxInputImages: number;
  readonly maxReferenceVideos: number;
  readonly durations: { readonly min: number; readonly max: number; readonly default: number };
  readonly sizes: readonly string[];
  readonly aspectRatios: readonly string[];
  readonly resolutions: readonly string[];
  readonly audio: boolean;
  readonly watermark: boolean;
}

interface VideoRequest {
  readonly model?: string;
  readonly prompt: string;
  readonly imageUrl?: string;
  readonly referenceUrls?: readonly string[];
  readonly durationSeconds?: number;
  readonly aspectRatio?: '16:9' | '9:16' | '1:1' | '4:3' | '3:4';
  readonly resolution?: '720P' | '1080P';
}

export function modelStudioProvider(client = new ModelStudioClient()): VideoProvider {
  return {
    id: 'alibaba-model-studio',
    models: Object.keys(modelCaps),
    defaultModel: 'wan2.6-t2v',
    capabilities(model) {
      const caps: ModelCaps = modelCaps[model as ModelId];
      return {
        maxVideos: caps.maxVideos,
        maxInputImages: caps.image ? 1 : 0,
        maxReferenceVideos: caps.references?.maxVideos ?? 0,
        durations: caps.duration,
        sizes: caps.sizes ? Object.values(caps.sizes).flatMap((byRatio) => Object.values(byRatio)) : [],
        aspectRatios: caps.aspectRatios,
        resolutions: caps.resolutions,
        audio: modesOf(model as ModelId).some((mode) => takesOption(model as ModelId, mode, 'audio')),
        watermark: modesOf(model as ModelId).some((mode) => takesOption(model as ModelId, mode, 'watermark')),
      };
    },
    async generate(request, options = {}) {
      const common = { prompt: request.prompt, duration: request.durationSeconds, resolution: request.resolution };
      const task = request.referenceUrls
        ? client.referenceToVideo({ ...common, model: (request.model ?? 'wan2.6-r2v') as 'wan2.6-r2v', references: [...request.referenceUrls], aspectRatio: request.aspectRatio }, options)
        : request.imageUrl
          ? client.imageToVideo({ ...common, image: request.imageUrl }, options)
          : client.textToVideo({ ...common, aspectRatio: request.aspectRatio }, options);
      task.on('progress', ({ estimatedFraction }) => options.onProgress?.(estimatedFraction));
      const result = await task;
      return { videos: result.videos.map((video) => ({ url: video.url, mimeType: 'video/mp4', ...(video.expiresAt && { expiresAt: video.expiresAt.toISOString() }) })) };
    },
  };
}

// Used as a platform would:
const provider = modelStudioProvider();
for (const model of provider.models) {
  const caps = provider.capabilities(model);
  console.log(`${model}: ${caps.durations.min}-${caps.durations.max} s, images ${caps.maxInputImages}, reference videos ${caps.maxReferenceVideos}, audio ${caps.audio}, ratios ${caps.aspectRatios.join(' ') || '(from the image)'}`);
}
const { videos } = await provider.generate({ prompt: 'A kite over a windy beach', aspectRatio: '9:16', resolution: '720P', durationSeconds: 5 });
console.log(`generated ${videos.length} video: ${videos[0]?.url.split('?')[0] ?? '?'} (${videos[0]?.mimeType ?? '?'})`);

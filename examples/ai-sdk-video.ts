// Video generation with the Vercel AI SDK (ai 7): `modelstudio-video/ai-sdk` is a provider for
// experimental_generateVideo, experimental_startVideo and experimental_getVideoStatus. It is
// configured like the client, from the environment (MODELSTUDIO_API_KEY, MODELSTUDIO_BASE_URL,
// MODELSTUDIO_REGION), and checks every call against the model's caps before anything is sent.
//
// 1. generateVideo: the whole task, then the AI SDK downloads the video. providerMetadata.modelstudio
//    carries the task id, the usage and the cost.
// 2. startVideo + getVideoStatus: the operation is JSON ({ taskId, model }); save it, and check it
//    from this process or any other.
//
// The AI SDK downloads results itself and refuses loopback and private hosts, such as the local
// simulator's http://127.0.0.1: against it we pass a `download` function that fetches directly.
// Against the real service, leave it out. Put public image URLs of your own in place of the
// example.com ones to run part 2 against the real service.
//
//   npm install modelstudio-video ai @ai-sdk/provider
//   npm run example -- ai-sdk-video
import { experimental_generateVideo, experimental_getVideoStatus, experimental_startVideo } from 'ai';
import { modelStudioMetadata, modelstudio, type ModelStudioVideoProviderOptions } from 'modelstudio-video/ai-sdk';

const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(process.env.MODELSTUDIO_BASE_URL ?? '');
const download = async ({ url, abortSignal }: { url: URL; abortSignal?: AbortSignal }) => {
  const response = await fetch(url, { signal: abortSignal ?? null });
  if (!response.ok) throw new Error(`Download of ${url.href} failed: HTTP ${response.status}`);
  return { data: new Uint8Array(await response.arrayBuffer()), mediaType: response.headers.get('content-type') ?? undefined };
};

const price = (cost: { amount?: number | undefined; currency?: string | undefined; reason?: string | undefined } | undefined) =>
  cost?.amount !== undefined ? `${cost.amount} ${cost.currency ?? ''}`.trim() : `unknown (${cost?.reason ?? 'no price'})`;

// 1. Text to video, waited for and downloaded.
const result = await experimental_generateVideo({
  model: modelstudio.video('wan2.6-t2v'),
  prompt: 'A red fox trotting through fresh snow at dawn, low tracking shot',
  resolution: '1280x720', // an exact size of the model: sent as size 1280*720
  duration: 5,
  providerOptions: { modelstudio: { negativePrompt: 'blurry, text, watermark' } satisfies ModelStudioVideoProviderOptions },
  ...(local && { download }),
});
const metadata = modelStudioMetadata(result.providerMetadata);
console.log(`Task ${metadata?.taskId ?? '?'} ${metadata?.status ?? '?'} (${metadata?.model ?? '?'})`);
console.log(`Video: ${result.video.mediaType}, ${result.video.uint8Array.length} bytes`);
console.log(`Warnings: ${result.warnings.length === 0 ? 'none' : JSON.stringify(result.warnings)}`);
console.log(`Billed seconds: ${metadata?.usage?.duration ?? 'unknown'}`);
console.log(`Estimated cost: ${price(metadata?.estimatedCost)}`);
console.log(`Cost: ${price(metadata?.cost)}`);

// 2. First + last frame on wan2.7-i2v, started now and checked later.
const model = modelstudio.video('wan2.7-i2v');
const started = await experimental_startVideo({
  model,
  prompt: 'A paper boat drifts down a rain-filled street and sails out into a sunlit harbour',
  frameImages: [
    { image: 'https://example.com/frames/boat-first.png', frameType: 'first_frame' },
    { image: 'https://example.com/frames/boat-last.png', frameType: 'last_frame' },
  ],
  resolution: '1280x720',
  duration: 5,
});
const saved = JSON.stringify(started.operation); // store it: a database row, a queue message, a file
console.log(`Operation: ${saved}`);

let status = await experimental_getVideoStatus(model, { operation: JSON.parse(saved) as typeof started.operation });
while (status.status === 'pending') {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  status = await experimental_getVideoStatus(model, { operation: JSON.parse(saved) as typeof started.operation });
}
// A task that failed, or an unknown id, throws (TaskFailedError with the service's code, TaskNotFoundError).
if (status.status === 'completed') {
  const done = modelStudioMetadata(status.providerMetadata);
  console.log(`Task ${done?.taskId ?? '?'} ${done?.status ?? '?'}`);
  console.log(`Video: ${status.videos[0]?.type === 'url' ? status.videos[0].url : 'none'}`);
  console.log(`Cost: ${price(done?.cost)}`);
}

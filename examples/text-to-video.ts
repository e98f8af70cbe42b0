// Text to video: one prompt in, one MP4 link out. The client reads its key (and base URL) from
// the environment: MODELSTUDIO_API_KEY, DASHSCOPE_API_KEY or QWEN_API_KEY.
//
//   npm run example -- text-to-video
import { ModelStudioClient } from 'modelstudio-video';

const client = new ModelStudioClient();

const result = await client.textToVideo({
  prompt: 'A red fox trotting through fresh snow at dawn, low tracking shot',
  negativePrompt: 'blurry, text, watermark',
  resolution: '720P',
  aspectRatio: '16:9',
  duration: 5,
});

console.log(`Task ${result.taskId} ${result.status}`);
console.log(`Video: ${result.videos[0].url}`);
console.log(`Link valid until: ${result.videos[0].expiresAt?.toISOString() ?? 'unknown'}`);
console.log(`Billed seconds: ${result.usage?.duration ?? 'unknown'}`);

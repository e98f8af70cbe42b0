// Reference to video with wan2.7-r2v: the same scene as reference-to-video-wan26.ts. Switching
// models is one word: `model: 'wan2.7-r2v'`. The SDK sends wan2.7's wire shape for you (the
// references as `media[]` items of type reference_video / reference_image, and `resolution` +
// `ratio` instead of `size`), and it checks the request against wan2.7's own caps (durations up to
// 15 s; no shotType, promptExtend or audio). Put public URLs of your own in place of the
// example.com ones to run against the real service.
//
//   npm run example -- reference-to-video-wan27
import { ModelStudioClient } from 'modelstudio-video';

const client = new ModelStudioClient();

const task = client.referenceToVideo({
  model: 'wan2.7-r2v',
  prompt:
    'character1 strolls along a beach at sunset while character2 runs ahead through the shallow waves; ' +
    'character1 laughs and waves at the camera, warm backlight, handheld tracking shot',
  references: [
    'https://example.com/references/woman-walking.mp4', // character1
    'https://example.com/references/golden-retriever.png', // character2
  ],
  resolution: '720P', // sent as is
  aspectRatio: '16:9', // sent as `ratio`; `size: '1280*720'` would work too and map to both
  duration: 5,
});
task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
task.on('status', ({ status }) => console.log(`Status: ${status}`));

const result = await task;
console.log(`Task ${result.taskId} ${result.status}`);
console.log(`Video: ${result.videos[0].url}`);
const usage = result.usage;
console.log(
  `Billed seconds: ${usage?.duration ?? 'unknown'} (output ${usage?.outputVideoDuration ?? '?'} s + reference video ${usage?.inputVideoDuration ?? '?'} s)`,
);

// Reference to video with wan2.6-r2v: cast the people and things of reference clips and images in
// a new scene. The prompt names the references in order: character1, character2, ... The SDK
// tells videos (MP4/MOV, up to 4) from images by their extension; for URLs without one pass
// { url, type: 'video' | 'image' }. The service downloads the references itself, so they must be
// public URLs: put your own in place of these example.com ones to run against the real service.
//
//   npm run example -- reference-to-video-wan26
import { ModelStudioClient } from 'modelstudio-video';

const client = new ModelStudioClient();

const task = client.referenceToVideo({
  model: 'wan2.6-r2v', // or 'wan2.6-r2v-flash', faster, and it can add sound (audio: true)
  prompt:
    'character1 strolls along a beach at sunset while character2 runs ahead through the shallow waves; ' +
    'character1 laughs and waves at the camera, warm backlight, handheld tracking shot',
  references: [
    'https://example.com/references/woman-walking.mp4', // character1: a short clip of the person
    'https://example.com/references/golden-retriever.png', // character2: a photo of the dog
  ],
  size: '1280*720', // wan2.6 takes an exact W*H size (or resolution + aspectRatio, mapped to one)
  duration: 5,
});
task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
task.on('status', ({ status }) => console.log(`Status: ${status}`));

const result = await task;
console.log(`Task ${result.taskId} ${result.status}`);
console.log(`Video: ${result.videos[0].url}`);
// Reference models also bill the seconds of reference video they read.
const usage = result.usage;
console.log(
  `Billed seconds: ${usage?.duration ?? 'unknown'} (output ${usage?.outputVideoDuration ?? '?'} s + reference video ${usage?.inputVideoDuration ?? '?'} s)`,
);

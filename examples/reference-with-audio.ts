// Reference to video with sound, with wan3.0-video: references may be images, videos and audio
// clips together (up to 10 images, 5 videos and 5 audio clips). The SDK infers each reference's
// kind from its extension (.png/.jpg/..., .mp4/.mov, .mp3/.wav); pass `{ url, type }` when the URL
// does not tell. They go on the wire as `media[]` items of type reference_image, reference_video
// and reference_audio, in the order given: the prompt names them "Image 1", "Video 1", "Audio 1".
// `aspectRatio: 'adaptive'` lets the model pick the ratio from the references, and `audio: true`
// asks for a soundtrack. Put public URLs of your own in place of the example.com ones to run against
// the real service.
//
//   npm run example -- reference-with-audio
import { ModelStudioClient } from 'modelstudio-video';

const client = new ModelStudioClient();

const task = client.referenceToVideo({
  model: 'wan3.0-video',
  prompt:
    'The woman of Image 1 walks through the night market of Video 1, stops at a noodle stall and says to the camera, ' +
    'in the voice of Audio 1: "This is the best bowl in town." Warm neon light, handheld camera',
  references: [
    'https://example.com/references/host.png', // Image 1
    'https://example.com/references/night-market.mp4', // Video 1
    { url: 'https://example.com/voice.mp3', type: 'audio' }, // Audio 1 (the type could be inferred here; shown for URLs without an extension)
  ],
  aspectRatio: 'adaptive',
  resolution: '720P',
  duration: 10, // 2–30 s, or -1 to let the model pick
  audio: true,
});
task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
task.on('status', ({ status }) => console.log(`Status: ${status}`));

const result = await task;
console.log(`Task ${result.taskId} ${result.status}`);
console.log(`Video: ${result.videos[0].url}`);
const usage = result.usage;
console.log(`Output: ${usage?.outputSeconds ?? '?'} s, ratio ${usage?.ratio ?? '?'}, ${usage?.fps ?? '?'} fps (billed ${usage?.duration ?? 'unknown'} s)`);

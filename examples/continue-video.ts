// Continue a video with wan2.7-i2v: `continueFrom` takes a clip (mp4 or mov, 2–10 s) and the model
// carries on from its last moment, as the prompt says. The SDK sends the clip as
// `input.media: [{ type: 'first_clip', url }]`; add `lastFrame` to say where the continuation must
// end (sent as a `last_frame` item). `duration` is the length of the whole output, clip included:
// the model fills the time after the clip (per secondary sources; the official guide does not say).
// `result.usage` tells the input clip's seconds (`inputSeconds`) apart from the generated ones
// (`outputSeconds`). Put public URLs of your own in place of the example.com ones to run against
// the real service.
//
//   npm run example -- continue-video
import { ModelStudioClient } from 'modelstudio-video';

const client = new ModelStudioClient();

const task = client.imageToVideo({
  model: 'wan2.7-i2v',
  continueFrom: 'https://example.com/clips/opening.mp4',
  prompt: 'The camera keeps gliding forward over the harbour as the fishing boats leave at dawn; gulls rise from the pier',
  lastFrame: 'https://example.com/frames/open-sea.png', // optional: the frame to end on
  resolution: '720P',
  duration: 10, // seconds of output (2–15), clip included: pick more than the clip's length
});
task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
task.on('status', ({ status }) => console.log(`Status: ${status}`));

const result = await task;
console.log(`Task ${result.taskId} ${result.status}`);
console.log(`Video: ${result.videos[0].url}`);
const usage = result.usage;
console.log(`Usage: input clip ${usage?.inputSeconds ?? '?'} s, output video ${usage?.outputSeconds ?? '?'} s, billed ${usage?.duration ?? 'unknown'} s`);

// The escape hatch: client.submitTask(body, { path }) sends a submit body as is, for a model or an
// endpoint this SDK has no typed request for yet. Here wan2.2-animate-move, which makes the person
// of a photo perform the moves of a video (`mode: 'wan-std'`, or 'wan-pro' for higher quality), on
// the image2video endpoint. Only the body's shape is checked (`model`, `input`, `parameters`), and
// nothing is uploaded: inputs must already be public URLs.
//
// What comes back is the same task handle as the typed methods return: the same events, retries
// and rate limits (the model's published limits where the SDK knows them), `await` for the result,
// `task.cancel()`, `JSON.stringify(task)` to save it and `client.tasks.wait(saved)` to resume it in
// another process, and `result.videos[0].download(path)` to fetch the video. Put public URLs of
// your own in place of the example.com ones to run against the real service.
//
//   npm run example -- submit-task
import { ModelStudioClient, type VideoTaskJSON } from 'modelstudio-video';

const client = new ModelStudioClient();

const task = client.submitTask(
  {
    model: 'wan2.2-animate-move',
    input: {
      image_url: 'https://example.com/animate/dancer.png', // the person to animate
      video_url: 'https://example.com/animate/moves.mp4', // the moves to copy
    },
    parameters: { mode: 'wan-std' },
  },
  { path: '/api/v1/services/aigc/image2video/video-synthesis' },
);
task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
task.on('status', ({ status }) => console.log(`Status: ${status}`));

const result = await task;
console.log(`Task ${result.taskId} ${result.status}`);
console.log(`Video: ${result.videos[0].url}`);
// The SDK does not know this model's usage fields: `raw` has them all as the service sent them.
console.log(`Usage: ${JSON.stringify(result.usage?.raw ?? {})}`);

// The handle's JSON is what another process needs to resume the task (here it is already done, so
// the resumed handle settles after one query).
const saved = JSON.parse(JSON.stringify(task)) as VideoTaskJSON;
console.log(`Saved handle: ${JSON.stringify(saved)}`);
const resumed = await client.tasks.wait(saved);
console.log(`Resumed: task ${resumed.taskId} ${resumed.status} (${resumed.model ?? '?'})`);

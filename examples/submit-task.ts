// The escape hatch: client.submitTask(body, { path }) sends a submit body as is, for a model or an
// endpoint this SDK has no typed request for yet. Here liveportrait, which makes the face of a
// portrait follow the expressions of a video, on the image2video endpoint (its body is known only
// from secondary sources, so the SDK leaves it to you). Only the body's shape is checked (`model`,
// `input`, `parameters`), and nothing is uploaded: inputs must already be public URLs.
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
    model: 'liveportrait',
    input: {
      image_url: 'https://example.com/portrait/face.png', // the face to animate
      video_url: 'https://example.com/portrait/expressions.mp4', // the expressions to copy
    },
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

// First and last frame to video: give the opening frame as `image` and the closing frame as
// `lastFrame`, and the model animates the way from one to the other. Two model families do it:
//
// - wan2.7-i2v on the video-generation endpoint: the SDK sends both frames as
//   `input.media: [{ type: 'first_frame', url }, { type: 'last_frame', url }]`.
// - wan2.2-kf2v-flash (and wan2.1-kf2v-plus) on the image2video endpoint: the same request, sent as
//   `input.first_frame_url` + `input.last_frame_url`.
//
// Same request, different wire shapes; the SDK picks the endpoint and the fields from the model.
// The client below is given a fetch that prints where each submit goes and what frames it carries,
// only to show this; drop it in your code. Put public URLs of your own in place of the example.com
// ones to run against the real service.
//
//   npm run example -- first-last-frame
import { ModelStudioClient, type ImageToVideoRequest } from 'modelstudio-video';

const client = new ModelStudioClient({
  fetch: async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'POST' && request.url.endsWith('/video-synthesis')) {
      const body = (await request.clone().json()) as { input: { media?: { type: string }[]; first_frame_url?: string; last_frame_url?: string } };
      const frames = body.input.media?.map((item) => item.type) ?? Object.keys(body.input).filter((key) => key.endsWith('_frame_url'));
      console.log(`Sent to ${new URL(request.url).pathname}: ${frames.join(' + ')}`);
    }
    return fetch(request);
  },
});

const frames = {
  prompt: 'A paper boat drifts down a rain-filled street and sails out into a sunlit harbour, smooth continuous camera move',
  image: 'https://example.com/frames/boat-first.png', // the first frame
  lastFrame: 'https://example.com/frames/boat-last.png', // the last frame
};

async function generate(request: ImageToVideoRequest): Promise<void> {
  const task = client.imageToVideo(request);
  task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
  task.on('status', ({ status }) => console.log(`Status: ${status}`));
  const result = await task;
  console.log(`Task ${result.taskId} ${result.status}`);
  console.log(`Video: ${result.videos[0].url}`);
}

// wan2.7: the output keeps the first frame's aspect ratio; set the resolution and the length (2–15 s).
await generate({ model: 'wan2.7-i2v', ...frames, resolution: '720P', duration: 5 });

// The keyframes model: 5 s videos only.
console.log();
await generate({ model: 'wan2.2-kf2v-flash', ...frames, resolution: '720P' });

// Edit a video with client.editVideo, two ways:
//
// 1. wan2.7-videoedit (the default edit model): an instruction (`prompt`), optionally in the style
//    of up to 4 reference images. `audioSetting: 'origin'` keeps the input's sound; 'auto' lets the
//    model redo it. With no `duration` the output is as long as the input.
// 2. wan2.1-vace-plus, the VACE model, one `function` at a time: here `video_outpainting` widens the
//    frame on every side by `expandRatio` (1–2), sent as the four `*_scale` parameters. Its other
//    functions are video_repainting, video_edit, video_extension and image_reference.
//
// Region note: the VACE model is `wan2.1-vace-plus` in intl (Singapore) and `wanx2.1-vace-plus` in
// cn (Beijing); a client of the other region refuses the name before sending and says the right
// one. Put public URLs of your own in place of the example.com ones to run against the real service.
//
//   npm run example -- edit-video
import { ModelStudioClient, type EditVideoRequest } from 'modelstudio-video';

const client = new ModelStudioClient();

async function edit(request: EditVideoRequest): Promise<void> {
  const task = client.editVideo(request);
  task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
  task.on('status', ({ status }) => console.log(`Status: ${status}`));
  const result = await task;
  console.log(`Task ${result.taskId} ${result.status}`);
  console.log(`Video: ${result.videos[0].url}`);
  console.log(`Usage: input video ${result.usage?.inputSeconds ?? '?'} s, output video ${result.usage?.outputSeconds ?? '?'} s`);
}

// 1. By instruction, in the style of a reference image.
await edit({
  model: 'wan2.7-videoedit',
  video: 'https://example.com/clips/street.mp4', // mp4 or mov, 2–30 s
  prompt: 'make it snow',
  references: ['https://example.com/styles/winter-postcard.png'],
  audioSetting: 'origin',
  resolution: '720P',
});

// 2. Outpainting with VACE: 1.5 times wider and taller, the new margins drawn to match.
console.log();
await edit({
  model: client.region === 'cn' ? 'wanx2.1-vace-plus' : 'wan2.1-vace-plus',
  function: 'video_outpainting',
  video: 'https://example.com/clips/portrait-dance.mp4', // at most 5 s
  prompt: 'A dancer on a rooftop at sunset, the city skyline all around',
  expandRatio: 1.5,
});

// Many videos at once: client.batch runs any mix of modes within the account's limits (5 tasks
// at once and 5 submits a second per model), yields each result as it finishes with its input
// index, and counts progress. Every request is validated first, so a typo costs nothing.
//
//   npm run example -- batch
import { ModelStudioClient, type BatchRequest } from 'modelstudio-video';

const client = new ModelStudioClient();

const scenes = ['a lighthouse in a storm', 'koi in a pond at dusk', 'a train crossing a snowy bridge', 'city lights from a plane', 'a fox in fresh snow', 'a paper boat on a rainy street'];
const requests: BatchRequest[] = [
  ...scenes.map((scene): BatchRequest => ({ mode: 'textToVideo', request: { prompt: scene, resolution: '720P', duration: 5 } })),
  { mode: 'referenceToVideo', request: { model: 'wan2.7-r2v', prompt: 'character1 waves at the camera', references: ['https://example.com/people/alice.png'], resolution: '720P' } },
];

const batch = client.batch(requests, { stopOnFailure: false });
batch.on('progress', (p) => console.log(`progress: ${p.queued} queued, ${p.running} running, ${p.succeeded} done, ${p.failed} failed of ${p.total}`));

for await (const item of batch) {
  if (item.status === 'succeeded') console.log(`#${item.index} done: ${item.result.videos[0].url.split('?')[0]}`);
  else console.log(`#${item.index} ${item.status}: ${item.error.name}: ${item.error.message}`);
}
const all = await batch.results();
console.log(`${all.filter((item) => item.status === 'succeeded').length}/${all.length} videos, results in input order: ${all.map((item) => item.index).join(',')}`);

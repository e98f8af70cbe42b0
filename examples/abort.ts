// Stop waiting with an AbortSignal. Aborting before the submit leaves sends nothing; aborting
// later only stops this wait: the task keeps running on the service (and is billed), and the
// AbortError carries its `taskId`, so you can resume it with client.tasks.wait(error.taskId) or
// cancel it while it is still PENDING. Any AbortSignal works, for example
// `{ signal: AbortSignal.timeout(60_000) }` to give up after a minute, or a request's signal in a
// web server. Here an AbortController fires one second after the service created the task.
//
//   npm run example -- abort
import { AbortError, ModelStudioClient } from 'modelstudio-video';

const client = new ModelStudioClient();
const controller = new AbortController();

const task = client.textToVideo(
  { prompt: 'Fireflies rising from a meadow at dusk', size: '1280*720', duration: 5 },
  { signal: controller.signal },
);
task.on('submitted', ({ taskId }) => {
  console.log(`Submitted task ${taskId}; aborting the wait in 1 s`);
  setTimeout(() => controller.abort(), 1_000);
});

let taskId: string | undefined;
try {
  await task;
  console.log('The task finished before the abort.');
} catch (error) {
  if (!(error instanceof AbortError)) throw error;
  console.log(`${error.name}: ${error.message}`);
  console.log(`error.taskId: ${error.taskId ?? '(none: nothing was submitted)'}`);
  taskId = error.taskId;
}

if (taskId) {
  const snapshot = await client.tasks.get(taskId);
  console.log(`Status on the service now: ${snapshot.status} (the abort stopped only the wait)`);
  const result = await client.tasks.wait(taskId);
  console.log(`Resumed and waited: task ${result.taskId} ${result.status}`);
  console.log(`Video: ${result.videos[0].url}`);
}

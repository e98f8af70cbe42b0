// Cancel a task. The service cancels only tasks that are still PENDING (queued, not yet running),
// so cancel as soon as the `submitted` event fires; the handle then rejects with a
// TaskCanceledError and nothing is billed. Once a task is RUNNING it can no longer be stopped:
// cancel() throws a BadRequestError with code `UnsupportedOperation`, and the task finishes (and
// is billed) anyway. The second half shows that: against the real service it generates one 10 s
// 720P video (a longer task, so that it is surely seen RUNNING before it ends).
//
//   npm run example -- cancel
import { BadRequestError, ModelStudioClient, TaskCanceledError } from 'modelstudio-video';

const client = new ModelStudioClient();

// 1. In time: cancel while PENDING.
const task = client.textToVideo({ prompt: 'A hot air balloon rising over a valley at dawn', size: '1280*720', duration: 5 });
task.on('submitted', ({ taskId }) => {
  console.log(`Submitted task ${taskId}; canceling it at once`);
  task.cancel().catch((error: unknown) => console.error('Cancel failed:', error));
});
task.on('canceled', ({ taskId }) => console.log(`Event: canceled (task ${taskId ?? '?'})`));
try {
  await task;
  console.log('The task finished before the cancel arrived.');
} catch (error) {
  if (!(error instanceof TaskCanceledError)) throw error;
  console.log(`${error.name}: ${error.message} Status: ${task.status ?? '?'}`);
}

// 2. Too late: the task is already RUNNING. (Polled every 0.5 s at first, to see RUNNING early.)
const late = client.textToVideo(
  { prompt: 'A hot air balloon rising over a valley at dawn', size: '1280*720', duration: 10 },
  { polling: { initialIntervalMs: 500 } },
);
late.on('submitted', ({ taskId }) => console.log(`\nSubmitted task ${taskId}; canceling it once it runs`));
const running = new Promise<void>((resolve) => late.on('status', ({ status }) => status !== 'PENDING' && resolve()));
await Promise.race([running, late]); // `late` rejects here if the task fails first
try {
  await late.cancel();
} catch (error) {
  if (!(error instanceof BadRequestError && error.code === 'UnsupportedOperation')) throw error;
  console.log(`${error.name} (${error.code}): ${error.message}`);
}
const result = await late;
console.log(`So it ran to the end: task ${result.taskId} ${result.status}, ${result.usage?.duration ?? '?'} s billed`);
console.log(`Video: ${result.videos[0].url}`);

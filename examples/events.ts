// Every event of a task handle, printed with the time since the call. The order is always:
// queued, submitted, status (each change), progress (after each poll), then exactly one of
// succeeded, failed or canceled. The service reports no percentage: `estimatedFraction` is the
// SDK's estimate from the elapsed time and the expected run time (learned from finished tasks of
// the same model, duration and resolution; before that about 134 s for 5 s at 1080P), never the
// service's word; it stays below 1 until the task succeeds. Set `polling: { expectedRunTimeMs }`
// to the run time you usually see to make the first tasks' estimate closer.
//
//   npm run example -- events
import { ModelStudioClient } from 'modelstudio-video';

const client = new ModelStudioClient();
const started = performance.now();
const log = (event: string, detail: string) =>
  console.log(`+${((performance.now() - started) / 1000).toFixed(2).padStart(6)} s  ${event.padEnd(9)}  ${detail}`);

const task = client.textToVideo({ prompt: 'Koi fish circling in a pond, top-down view', size: '1280*720', duration: 5 });

task.on('queued', ({ model }) => log('queued', `validated, sending to ${model}`));
task.on('submitted', ({ taskId, requestId }) => log('submitted', `task ${taskId} (request ${requestId ?? '?'}): persist this id to resume later`));
task.on('status', ({ status, previous }) => log('status', `${previous ?? '(none)'} -> ${status}`));
task.on('progress', ({ status, elapsedMs, estimatedFraction }) =>
  log('progress', `${status ?? '?'} after ${(elapsedMs / 1000).toFixed(1)} s, about ${Math.round(estimatedFraction * 100)}% done (an estimate, not the service's figure)`),
);
task.on('succeeded', (result) => log('succeeded', `${result.videos[0].url.split('?')[0] ?? ''} (link valid until ${result.videos[0].expiresAt?.toISOString() ?? '?'})`));
task.on('failed', (error) => log('failed', `${error.name}: ${error.message}`));
task.on('canceled', ({ taskId }) => log('canceled', `task ${taskId ?? '(never submitted)'}`));

// The handle is also a promise: awaiting it resolves after `succeeded` or rejects after `failed` / `canceled`.
const result = await task;
log('done', `task ${result.taskId} ${result.status}`);

// Resume a task from another process. A task lives on the service, not in your process: save the
// handle's JSON (task id, model, mode, status; never the key) as soon as `submitted` fires, and
// any later process, after a crash or a deploy, can wait for it with client.tasks.wait(saved).
//
// Run with no argument, this file submits a task, saves it to out/resume-task.json, stops waiting
// and starts a second Node process running this same file with --resume, which reads the JSON and
// waits for the result. (Tasks and their result links are kept 24 hours.)
//
//   npm run example -- resume
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ModelStudioClient, type VideoTaskJSON } from 'modelstudio-video';

const file = 'out/resume-task.json';
const client = new ModelStudioClient();

if (process.argv.includes('--resume')) {
  // The second process: it never saw the task, only the saved JSON.
  const saved = JSON.parse(await readFile(file, 'utf8')) as VideoTaskJSON;
  console.log(`[pid ${process.pid}] resuming task ${saved.taskId ?? '?'} (${saved.model ?? '?'}) from ${file}`);
  const task = client.tasks.wait(saved);
  task.on('status', ({ status }) => console.log(`[pid ${process.pid}] status: ${status}`));
  const result = await task;
  console.log(`[pid ${process.pid}] task ${result.taskId} ${result.status}`);
  console.log(`[pid ${process.pid}] video: ${result.videos[0].url}`);
} else {
  // The first process: submit, save the handle as soon as the task exists, and stop waiting.
  const stopWaiting = new AbortController();
  const task = client.textToVideo(
    { prompt: 'A lighthouse beam sweeping over a stormy sea at night', size: '1280*720', duration: 5 },
    { signal: stopWaiting.signal },
  );
  const { taskId } = await task.whenSubmitted();
  await mkdir('out', { recursive: true });
  await writeFile(file, JSON.stringify(task, null, 2));
  console.log(`[pid ${process.pid}] submitted task ${taskId}, saved to ${file}:\n${JSON.stringify(task)}`);
  // This process will not wait for the result; the task keeps running on the service. The handle
  // rejects with an AbortError that nobody needs to catch: handles never raise unhandled rejections.
  stopWaiting.abort();
  console.log(`[pid ${process.pid}] stopped waiting; starting another process to resume it`);
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--resume'], { stdio: 'inherit' });
  // Waiting for the child only keeps the output in order; this process is done with the task.
  child.on('exit', (code) => {
    console.log(`[pid ${process.pid}] resume process ${child.pid ?? '?'} exited with code ${code ?? '?'}`);
    process.exitCode = code ?? 1;
  });
}

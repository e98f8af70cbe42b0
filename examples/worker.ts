// A worker that survives crashes: it persists each task id the moment the service creates the
// task, and on start resumes every unfinished task before submitting anything new, so a crash
// never loses a paid task and never pays for one twice.
//
//   npm run example -- worker      (runs the whole story: a worker that crashes mid-wait, then a
//                                   new worker process that resumes its tasks)
//   node examples/worker.ts --run  (just the worker, as you would deploy it)
//
// State lives in out/worker-state.json here; use your database in production.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ModelStudioClient, type ModelStudioError, type VideoTask, type VideoTaskJSON } from 'modelstudio-video';

interface Job {
  readonly prompt: string;
  task?: VideoTaskJSON;
  videoUrl?: string;
  error?: string;
}

const STATE = 'out/worker-state.json';
const PROMPTS = [
  'A hummingbird hovering at a red flower, slow motion',
  'Rain on a neon-lit street at night, reflections',
  'A sailboat crossing a calm bay at sunrise',
];

async function runWorker(crash: boolean): Promise<void> {
  const jobs: Job[] = await readFile(STATE, 'utf8').then(
    (text) => JSON.parse(text) as Job[],
    () => PROMPTS.map((prompt) => ({ prompt })),
  );
  // One write at a time, each atomic (temp file, then rename): a crash never leaves half a file.
  let writing = Promise.resolve();
  const save = () => {
    writing = writing.then(async () => {
      await mkdir('out', { recursive: true });
      await writeFile(`${STATE}.tmp`, JSON.stringify(jobs, null, 2));
      await rename(`${STATE}.tmp`, STATE);
    });
    return writing;
  };

  const client = new ModelStudioClient();
  const follow = (job: Job, task: VideoTask) =>
    task.then(
      (result) => {
        job.videoUrl = result.videos[0].url;
        console.log(`  [${process.pid}] done: ${job.prompt.slice(0, 32)}... (${result.taskId})`);
        return save();
      },
      (error: ModelStudioError) => {
        job.error = `${error.name}: ${error.message}`;
        console.log(`  [${process.pid}] failed: ${job.prompt.slice(0, 32)}... ${job.error}`);
        return save();
      },
    );

  const stored: Promise<unknown>[] = [];
  const finished: Promise<unknown>[] = [];
  let resumed = 0;
  for (const job of jobs.filter((j) => !j.videoUrl && !j.error)) {
    if (job.task?.taskId) {
      // Submitted by an earlier run: resume it, never submit it again.
      resumed += 1;
      finished.push(follow(job, client.tasks.wait(job.task)));
      continue;
    }
    const task = client.textToVideo({ prompt: job.prompt, resolution: '720P', duration: 5 });
    // Persist the id before anything else can go wrong.
    stored.push(
      task.whenSubmitted().then(() => {
        job.task = task.toJSON();
        return save();
      }),
    );
    finished.push(follow(job, task));
  }
  console.log(`  [${process.pid}] worker started: ${resumed} resumed, ${stored.length} submitted`);

  if (crash) {
    await Promise.allSettled(stored);
    console.log(`  [${process.pid}] crashing now, with ${jobs.filter((j) => j.task && !j.videoUrl).length} tasks in flight`);
    process.exit(75);
  }
  await Promise.allSettled(finished);
  console.log(`  [${process.pid}] ${jobs.filter((j) => j.videoUrl).length}/${jobs.length} videos done`);
}

/** Runs this file as a worker process and returns its exit code. */
function worker(...args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--run', ...args], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', resolve));
}

if (process.argv.includes('--run')) {
  await runWorker(process.argv.includes('--crash'));
} else {
  await rm(STATE, { force: true });
  console.log('1. A worker submits three tasks, stores their ids, and crashes before they finish:');
  console.log(`   exit code ${String(await worker('--crash'))}`);
  console.log('2. A new worker process starts from the stored state:');
  console.log(`   exit code ${String(await worker())}`);
}

/**
 * The BullMQ recipe (examples/bullmq) as it is deployed: producer and workers as separate Node
 * processes on a real redis-server, the service simulated in this process. A worker is killed
 * with SIGKILL while it follows tasks; every job must still end with its video, each task created
 * once (money) and no 429 answered. The lookup that covers a death between submit and saving the
 * id is driven directly, with the dead worker's state written into the jobs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { ModelStudioClient } from 'modelstudio-video';
import { startSimulatorServer, videoOfTask, type SimulatorServer } from 'modelstudio-video/testing';
import type { VideoJobData, VideoJobResult } from '../../examples/bullmq/video-job.ts';

const redisUrl = inject('redisUrl');
const FOLDER = fileURLToPath(new URL('../../examples/bullmq/', import.meta.url));
const JOBS = 60;
/** Short BullMQ locks, so that a dead worker's jobs move within seconds; the lease follows (2 × 4.5 s). */
const FAST_STALLS = { LOCK_DURATION_MS: '3000', STALLED_INTERVAL_MS: '1500', POLL_INTERVAL_MS: '250' };

type VideoJob = Job<VideoJobData, VideoJobResult>;

interface Script {
  readonly name: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves once stdout has a line matching `pattern`; rejects if the process exits first. */
  readonly waitFor: (pattern: RegExp) => Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The test runner's environment without any key or base URL of the user's. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(MODELSTUDIO|DASHSCOPE|QWEN)_/.test(name)));
  return { ...env, ...extra };
}

/** Every process a test started, killed in its `finally` if still alive. */
const children = new Set<ChildProcess>();

function start(name: string, file: string, env: NodeJS.ProcessEnv, args: readonly string[] = []): Script {
  const child = spawn(process.execPath, ['--conditions=modelstudio-video-source', join(FOLDER, file), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const watchers = new Set<() => void>();
  const append = (chunk: string) => {
    output += chunk;
    for (const check of watchers) check();
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      children.delete(child);
      for (const check of watchers) check();
      resolve({ code, signal });
    });
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          watchers.delete(check);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          watchers.delete(check);
          reject(new Error(`${name} exited before printing ${pattern}:\n${output}`));
        }
      };
      watchers.add(check);
      check();
    });
  return { name, child, output: () => output, waitFor, exit };
}

function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Polls `check` until it returns a value, or fails with `what` after `timeoutMs`. */
async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Removes what a run left in Redis: its queue and its limit store's keys. */
async function cleanRedis(queue: Queue<VideoJobData, VideoJobResult>, limitPrefix: string): Promise<void> {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  const admin = new Redis(redisUrl);
  try {
    const keys = await admin.keys(`{${limitPrefix}}:*`);
    if (keys.length > 0) await admin.del(...keys);
  } finally {
    await admin.quit();
  }
}

const throttledTotal = (server: SimulatorServer) => Object.values(server.simulator.stats.throttled).reduce((sum, count) => sum + count, 0);

// The global setup provides a server whenever CI is set (it fails the run otherwise): skip only locally.
describe.skipIf(!redisUrl && !process.env.CI)('examples/bullmq against a real redis-server', () => {
  it(`${JOBS} jobs over five models and three workers, one killed with SIGKILL mid-run: every video made once, zero 429s`, { timeout: 90_000 }, async ({ annotate }) => {
    // A task takes 1.5 s; the service's limits (5 running and 5 submits a second per model, 20 queries a second) hold.
    const server = await startSimulatorServer({ timing: { pendingMs: 300, runningMs: 1_200 } });
    const run = `bullmq-test-${randomUUID()}`;
    const queue = new Queue<VideoJobData, VideoJobResult>(run, { connection: { url: redisUrl } });
    const outDir = await mkdtemp(join(tmpdir(), 'modelstudio-bullmq-'));
    const env = cleanEnv({
      REDIS_URL: redisUrl,
      QUEUE: run,
      LIMIT_PREFIX: run,
      MODELSTUDIO_API_KEY: server.apiKey,
      MODELSTUDIO_BASE_URL: server.baseUrl,
      OUT_DIR: outDir,
      BATCH: 'test',
      ...FAST_STALLS,
    });
    const workers = ['worker-1', 'worker-2', 'worker-3'].map((name) => start(name, 'worker.ts', { ...env, WORKER_NAME: name }));
    try {
      await Promise.all(workers.map((worker) => worker.waitFor(/ ready: /)));
      const producer = start('producer', 'producer.ts', env, [String(JOBS)]);
      expect(await producer.exit, producer.output()).toEqual({ code: 0, signal: null });
      const began = Date.now();

      // Mid-run: some jobs done, and tasks in flight whose ids the victim wrote into their jobs. The
      // victim is a worker that holds such tasks then: workers take jobs first come, so a worker
      // chosen in advance may hold none at that moment (the test then waited in vain).
      const { victim, ...inFlight } = await until('a worker to have tasks in flight after 10 jobs done', 30_000, async () => {
        const { completed = 0 } = await queue.getJobCounts('completed');
        if (completed < 10) return undefined;
        const active = await queue.getJobs(['active']);
        const holding = workers
          .map((worker) => ({ worker, held: active.filter((job) => job.data.submittedBy === worker.name && job.data.taskId !== undefined).length }))
          .filter(({ held }) => held >= 2);
        const chosen = holding[Math.floor(Math.random() * holding.length)];
        return chosen ? { victim: chosen.worker, completed, held: chosen.held } : undefined;
      });
      victim.child.kill('SIGKILL');
      const killedAfterMs = Date.now() - began;
      const when = `killed ${victim.name} (pid ${victim.child.pid ?? '?'}) with SIGKILL ${killedAfterMs} ms after the jobs were enqueued: ${inFlight.completed}/${JOBS} jobs done, ${inFlight.held} of its tasks in flight`;
      console.log(when);

      await until(`all ${JOBS} jobs to complete`, 60_000, async () => {
        const { completed = 0, failed = 0 } = await queue.getJobCounts('completed', 'failed');
        if (failed > 0) {
          const reasons = (await queue.getJobs(['failed'])).map((job) => `${job.id ?? '?'}: ${job.failedReason}`);
          throw new Error(`${failed} jobs failed:\n${reasons.join('\n')}\n${workers.map((worker) => worker.output()).join('\n')}`);
        }
        return completed === JOBS ? true : undefined;
      });
      const durationMs = Date.now() - began;

      const jobs: VideoJob[] = await queue.getJobs(['completed']);
      expect(jobs).toHaveLength(JOBS);
      for (const job of jobs) {
        const result = job.returnvalue;
        expect(result.url).toContain(`/videos/${result.taskId}.mp4?`);
        expect(result.taskId).toBe(job.data.taskId);
        expect(result.file).toBe(join(outDir, `${job.id ?? ''}.mp4`));
        // The simulator's video of the shape the job's task asked for.
        const task = server.simulator.tasks.get(result.taskId);
        expect((await stat(result.file ?? '')).size).toBe(task ? videoOfTask(task).byteLength : -1);
      }
      // Each job has its own task, and the service created no other: nothing was submitted twice.
      const taskIds = new Set(jobs.map((job) => job.returnvalue.taskId));
      expect(taskIds.size).toBe(JOBS);
      expect(server.simulator.tasks.size).toBe(JOBS);
      expect(new Set(server.simulator.tasks.all().map((task) => task.taskId))).toEqual(taskIds);
      expect(server.simulator.stats.throttled).toEqual({});

      // The kill hit tasks in flight: jobs the victim had submitted were finished by the others,
      // resumed by the id it wrote. (Not all of those seen in flight: some may end as the kill lands.)
      const takenOver = jobs.filter((job) => job.data.submittedBy === victim.name && job.returnvalue.worker !== victim.name);
      expect(takenOver.filter((job) => job.returnvalue.recovery === 'resumed').length).toBeGreaterThan(0);
      const count = (recovery: VideoJobResult['recovery']) => jobs.filter((job) => job.returnvalue.recovery === recovery).length;
      const figures =
        `${when}; all ${JOBS} done ${durationMs} ms after the enqueue; taken over: ${count('resumed')} resumed by task id, ` +
        `${count('found')} found by lookup, ${count('resubmitted')} submitted after an empty lookup; ` +
        `tasks created ${server.simulator.tasks.size}; 429s ${throttledTotal(server)}; requests ${JSON.stringify(server.simulator.stats.requests)}`;
      console.log(figures);
      await annotate(figures);

      // The survivors stop cleanly on SIGTERM.
      const survivors = workers.filter((worker) => worker !== victim);
      for (const worker of survivors) worker.child.kill('SIGTERM');
      for (const worker of survivors) {
        expect(await worker.exit, worker.output()).toEqual({ code: 0, signal: null });
        expect(worker.output()).toMatch(/ stopped$/m);
      }
    } finally {
      killAll();
      await cleanRedis(queue, run);
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('after a death between submit and saving the id, the lookup resumes the one task with the prompt, submits when there is none, and fails the job when there are two', { timeout: 30_000 }, async () => {
    const server = await startSimulatorServer({ timing: { pendingMs: 200, runningMs: 800 } });
    const run = `bullmq-test-${randomUUID()}`;
    const queue = new Queue<VideoJobData, VideoJobResult>(run, { connection: { url: redisUrl } });
    // The dead worker's submits, made here: the tasks exist, no job names them.
    const client = new ModelStudioClient({ apiKey: server.apiKey, baseUrl: server.baseUrl });
    const submitStartedAt = new Date().toISOString();
    const submitted = async (prompt: string) => (await client.textToVideo({ prompt }).whenSubmitted()).taskId;
    const lost = await submitted('lost id');
    const twins = [await submitted('submitted twice'), await submitted('submitted twice')];
    const died = (prompt: string): VideoJobData => ({ mode: 'textToVideo', request: { model: 'wan2.6-t2v', prompt }, submitStartedAt, submittedBy: 'dead-worker', model: 'wan2.6-t2v' });
    await queue.addBulk([
      { name: 'video', data: died('lost id'), opts: { jobId: 'found', attempts: 3 } },
      { name: 'video', data: died('never sent'), opts: { jobId: 'none', attempts: 3 } },
      { name: 'video', data: died('submitted twice'), opts: { jobId: 'ambiguous', attempts: 3 } },
    ]);
    const env = cleanEnv({ REDIS_URL: redisUrl, QUEUE: run, LIMIT_PREFIX: run, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_BASE_URL: server.baseUrl, WORKER_NAME: 'worker-1', ...FAST_STALLS });
    const worker = start('worker-1', 'worker.ts', env);
    try {
      await until('the three jobs to end', 20_000, async () => {
        const { completed = 0, failed = 0 } = await queue.getJobCounts('completed', 'failed');
        return completed + failed === 3 ? true : undefined;
      });
      const found = (await queue.getJob('found')) as VideoJob;
      expect(found.returnvalue).toMatchObject({ taskId: lost, recovery: 'found', worker: 'worker-1' });
      expect(found.data.taskId).toBe(lost);

      const none = (await queue.getJob('none')) as VideoJob;
      expect(none.returnvalue).toMatchObject({ recovery: 'resubmitted' });
      expect(server.simulator.tasks.get(none.returnvalue.taskId)?.body).toMatchObject({ input: { prompt: 'never sent' } });

      // Two candidates: no guess, no retry, and an error that names both.
      const ambiguous = (await queue.getJob('ambiguous')) as VideoJob;
      expect(await ambiguous.getState()).toBe('failed');
      expect(ambiguous.attemptsMade).toBe(1);
      for (const id of twins) expect(ambiguous.failedReason).toContain(id);
      expect(ambiguous.data.taskId).toBeUndefined();

      // The three tasks made here, and the one the empty lookup submitted.
      expect(server.simulator.tasks.size).toBe(4);
      expect(server.simulator.stats.throttled).toEqual({});
    } finally {
      killAll();
      await cleanRedis(queue, run);
      await server.close();
    }
  });

  it('a worker stopped with SIGTERM mid-run hands its jobs back at once, and the next worker resumes their tasks by id', { timeout: 30_000 }, async () => {
    // Tasks of 4 s, so that the stop comes while every one runs.
    const server = await startSimulatorServer({ timing: { pendingMs: 500, runningMs: 3_500 } });
    const run = `bullmq-test-${randomUUID()}`;
    const queue = new Queue<VideoJobData, VideoJobResult>(run, { connection: { url: redisUrl } });
    // The default 30 s locks: a job reaching the second worker within seconds was handed back, not found stalled.
    const env = cleanEnv({ REDIS_URL: redisUrl, QUEUE: run, LIMIT_PREFIX: run, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_BASE_URL: server.baseUrl, POLL_INTERVAL_MS: '250', BATCH: 'stop' });
    try {
      const first = start('worker-1', 'worker.ts', { ...env, WORKER_NAME: 'worker-1' });
      await first.waitFor(/ ready: /);
      const producer = start('producer', 'producer.ts', env, ['10']);
      expect(await producer.exit, producer.output()).toEqual({ code: 0, signal: null });
      await until('the 10 task ids in the jobs', 10_000, async () => {
        const jobs = await queue.getJobs(['active']);
        return jobs.length === 10 && jobs.every((job) => job.data.taskId !== undefined) ? true : undefined;
      });
      const stoppedAt = Date.now();
      first.child.kill('SIGTERM');
      expect(await first.exit, first.output()).toEqual({ code: 0, signal: null });
      expect(Date.now() - stoppedAt).toBeLessThan(3_000);
      expect(await queue.getJobCounts('waiting', 'completed')).toEqual({ waiting: 10, completed: 0 });

      const second = start('worker-2', 'worker.ts', { ...env, WORKER_NAME: 'worker-2' });
      await until('the 10 jobs to complete', 15_000, async () => ((await queue.getJobCounts('completed')).completed === 10 ? true : undefined));
      const jobs: VideoJob[] = await queue.getJobs(['completed']);
      expect(jobs.map((job) => job.returnvalue.recovery)).toEqual(Array(10).fill('resumed'));
      expect(jobs.every((job) => job.data.submittedBy === 'worker-1' && job.returnvalue.worker === 'worker-2')).toBe(true);
      expect(server.simulator.tasks.size).toBe(10);
      expect(server.simulator.stats.throttled).toEqual({});
      second.child.kill('SIGTERM');
      expect(await second.exit, second.output()).toEqual({ code: 0, signal: null });
    } finally {
      killAll();
      await cleanRedis(queue, run);
      await server.close();
    }
  });

  // The workers run with POLLING_MODE=events-only: no poll but a sweep before the deadline, so every
  // query of a job they submit is an event's. (The default 'events' keeps a fallback poll from the
  // learned run time's window on; with simulated tasks all of one length that window starts right
  // at the end, so the fallback and the event land together and the count shows little.) Jobs taken
  // over from the killed worker are polled from their resume, as without events.
  it('with the event route, workers stop polling: 30 jobs end with one status query each against several when polling, and a worker killed with SIGKILL mid-run loses nothing', { timeout: 200_000 }, async ({ annotate }) => {
    const EVENT_JOBS = 30;
    /** One run of the recipe; with `kill`, a worker killed once it has tasks in flight; with `events`, the event route and EVENTS=1 workers. */
    const runRecipe = async (events: boolean, kill: boolean, loss = 0) => {
      const run = `bullmq-test-${randomUUID()}`;
      const queue = new Queue<VideoJobData, VideoJobResult>(run, { connection: { url: redisUrl } });
      const base = cleanEnv({ REDIS_URL: redisUrl, QUEUE: run, LIMIT_PREFIX: run, BATCH: `${events ? 'events' : 'polling'}-${kill ? 'kill' : 'calm'}`, ...FAST_STALLS });
      let route: Script | undefined;
      let server: SimulatorServer | undefined;
      try {
        let eventTarget: { url: string; secret: string; loss: number } | undefined;
        if (events) {
          const secret = randomUUID();
          route = start('events', 'events.ts', { ...base, EVENT_SECRET: secret, EVENT_PORT: '0', EVENT_HOST: '127.0.0.1' });
          await route.waitFor(/listening on http:\/\/\S+\//);
          const url = /listening on (http:\/\/\S+\/)/.exec(route.output())?.[1] ?? '';
          eventTarget = { url, secret, loss };
        }
        server = await startSimulatorServer({ timing: { pendingMs: 300, runningMs: 1_200 }, seed: 7, ...(eventTarget && { eventTarget }) });
        // With lost events the workers keep the default mode, 'events', told the tasks' run time
        // (the SDK's prior is minutes): its fallback polls finish the jobs whose event was lost.
        const env = {
          ...base,
          MODELSTUDIO_API_KEY: server.apiKey,
          MODELSTUDIO_BASE_URL: server.baseUrl,
          ...(events && { EVENTS: '1', POLLING_MODE: loss > 0 ? 'events' : 'events-only' }),
          ...(loss > 0 && { EXPECTED_RUN_TIME_MS: '1500' }),
        };
        const workers = ['worker-1', 'worker-2', 'worker-3'].map((name) => start(name, 'worker.ts', { ...env, WORKER_NAME: name }));
        await Promise.all(workers.map((worker) => worker.waitFor(/ ready: /)));
        if (events) for (const worker of workers) expect(worker.output()).toMatch(loss > 0 ? /polling events with events on / : /polling events-only with events on /);
        const producer = start('producer', 'producer.ts', env, [String(EVENT_JOBS)]);
        expect(await producer.exit, producer.output()).toEqual({ code: 0, signal: null });
        const began = Date.now();
        const victim = kill
          ? await until('a worker to have 2 tasks in flight', 30_000, async () => {
              const active = await queue.getJobs(['active']);
              const holding = workers.filter((worker) => active.filter((job) => job.data.submittedBy === worker.name && job.data.taskId !== undefined).length >= 2);
              return holding[0];
            })
          : undefined;
        victim?.child.kill('SIGKILL');
        await until(`all ${EVENT_JOBS} jobs to complete`, 60_000, async () => {
          const { completed = 0, failed = 0 } = await queue.getJobCounts('completed', 'failed');
          if (failed > 0) throw new Error(`${failed} jobs failed:\n${workers.map((worker) => worker.output()).join('\n')}`);
          return completed === EVENT_JOBS ? true : undefined;
        }).catch((error: unknown) => {
          throw new Error(`${String(error)} (${events ? 'events' : 'polling'} run)\n${[route, ...workers].map((script) => script?.output() ?? '').join('\n')}`);
        });
        const durationMs = Date.now() - began;
        const jobs: VideoJob[] = await queue.getJobs(['completed']);
        // Every job has its own task, made once, with no 429.
        expect(new Set(jobs.map((job) => job.returnvalue.taskId)).size).toBe(EVENT_JOBS);
        expect(server.simulator.tasks.size).toBe(EVENT_JOBS);
        expect(server.simulator.stats.throttled).toEqual({});
        for (const job of jobs) expect(job.returnvalue.url).toContain(`/videos/${job.returnvalue.taskId}.mp4?`);
        const takenOver = jobs.filter((job) => victim !== undefined && job.data.submittedBy === victim.name && job.returnvalue.worker !== victim.name);
        const { query, submit, list } = server.simulator.stats.requests;
        const stats = { queriesPerJob: query / EVENT_JOBS, submit, list, takenOver: takenOver.length, resumed: takenOver.filter((job) => job.returnvalue.recovery === 'resumed').length, durationMs, events: { ...server.simulator.events } };
        for (const worker of workers.filter((worker) => worker !== victim)) worker.child.kill('SIGTERM');
        for (const worker of workers.filter((worker) => worker !== victim)) expect(await worker.exit, worker.output()).toEqual({ code: 0, signal: null });
        return stats;
      } finally {
        killAll();
        await cleanRedis(queue, run);
        const admin = new Redis(redisUrl);
        await admin.del(`${run}:task-jobs`).finally(() => admin.quit());
        await server?.close();
      }
    };

    const polling = await runRecipe(false, false);
    const withEvents = await runRecipe(true, false);
    const killed = await runRecipe(true, true);
    const lossy = await runRecipe(true, false, 0.3);
    const figures =
      `status queries per job: ${polling.queriesPerJob.toFixed(2)} polling, ${withEvents.queriesPerJob.toFixed(2)} with events, ` +
      `${killed.queriesPerJob.toFixed(2)} with events and a worker killed, ${lossy.queriesPerJob.toFixed(2)} with 30 % of the events lost and the 'events' fallback; ` +
      `polling ${JSON.stringify(polling)}; events ${JSON.stringify(withEvents)}; events and a kill ${JSON.stringify(killed)}; events lost ${JSON.stringify(lossy)}`;
    console.log(figures);
    await annotate(figures);
    // No worker polls: one query per job, the event's, against several when polling.
    expect(withEvents.events.sent).toBe(EVENT_JOBS);
    expect(withEvents.queriesPerJob).toBe(1);
    expect(withEvents.queriesPerJob).toBeLessThan(polling.queriesPerJob * 0.6);
    // The killed worker's tasks in flight were finished by the others, resumed by id (and polled
    // from there), every job done with its own task (checked in runRecipe). Its jobs whose id it had
    // not written cost the lookup's queries (one per task of the model in the window), so this
    // run's count depends on where the kill lands: only its bounds are checked.
    expect(killed.resumed).toBeGreaterThan(0);
    expect(killed.events.sent).toBe(EVENT_JOBS);
    expect(killed.queriesPerJob).toBeGreaterThanOrEqual(1);
    // Events lost: the default mode's fallback polls finish those jobs (checked in runRecipe).
    expect(lossy.events.lost).toBeGreaterThan(0);
    expect(lossy.events.sent + lossy.events.lost).toBe(EVENT_JOBS);
  });

  it('run.ts runs the whole recipe with a crash and prints its summary', { timeout: 60_000 }, async () => {
    const run = `bullmq-test-${randomUUID()}`;
    const script = start('run.ts', 'run.ts', cleanEnv({ REDIS_URL: redisUrl, QUEUE: run }), ['15', '--crash']);
    const queue = new Queue<VideoJobData, VideoJobResult>(run, { connection: { url: redisUrl } });
    try {
      const exit = await script.exit;
      expect(exit, script.output()).toEqual({ code: 0, signal: null });
      expect(script.output()).toMatch(/^--- SIGKILL worker-2 /m);
      expect(script.output()).toMatch(/^Jobs done: 15\/15 in \d+\.\d s$/m);
      expect(script.output()).toMatch(/^Tasks created: 15$/m);
      expect(script.output()).toMatch(/^429s: 0$/m);
    } finally {
      killAll();
      // run.ts removes its queue itself; this covers a failure halfway.
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });
  it('run.ts --events runs the recipe with the event route and a crash: one status query per job it submitted', { timeout: 60_000 }, async () => {
    const run = `bullmq-test-${randomUUID()}`;
    const script = start('run.ts', 'run.ts', cleanEnv({ REDIS_URL: redisUrl, QUEUE: run }), ['15', '--crash', '--events']);
    const queue = new Queue<VideoJobData, VideoJobResult>(run, { connection: { url: redisUrl } });
    try {
      const exit = await script.exit;
      expect(exit, script.output()).toEqual({ code: 0, signal: null });
      expect(script.output()).toMatch(/^\[events\] listening on http:/m);
      expect(script.output()).toMatch(/polling events with events on /);
      expect(script.output()).toMatch(/^Jobs done: 15\/15 in \d+\.\d s$/m);
      expect(script.output()).toMatch(/^Tasks created: 15$/m);
      expect(script.output()).toMatch(/^429s: 0$/m);
      expect(script.output()).toMatch(/^Status queries: \d+ \(\d+\.\d\d per job\); events sent: 15$/m);
      expect(script.output()).toMatch(/^\[events\] stopped after \d+ wake-ups/m);
      console.log(script.output().split('\n').filter((line) => /^(Jobs done|Status queries|Taken over)/.test(line)).join('\n'));
    } finally {
      killAll();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });
});

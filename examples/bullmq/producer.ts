// Enqueues video requests for worker.ts: one BullMQ job per video, whose data is the request as
// client.batch takes it ({ mode, request }). Then it exits; the workers do the rest.
//
//   REDIS_URL=redis://127.0.0.1:6379 node --conditions=modelstudio-video-source examples/bullmq/producer.ts 20
//
// Environment: REDIS_URL, QUEUE (default `videos`), JOBS (the count when no argument is given),
// BATCH (the job ids' middle part; default the current time).
import { Queue } from 'bullmq';
import type { BatchRequest } from 'modelstudio-video';
import { CONNECTION, QUEUE_NAME, type VideoJobData, type VideoJobResult } from './video-job.ts';

const count = Number(process.argv[2] ?? process.env.JOBS ?? 10);
if (!Number.isInteger(count) || count < 1) throw new Error(`The job count must be a positive whole number, got ${process.argv[2] ?? process.env.JOBS}`);
const batch = process.env.BATCH ?? new Date().toISOString().slice(0, 19).replace(/\D/g, '');

const SUBJECTS = ['A red fox trotting through fresh snow', 'Koi circling in a pond at dusk', 'A lighthouse beam in a storm', 'Paper boats on a rainy street', 'A hot air balloon over vineyards'];

/**
 * Request `index`, spread over five models so that 25 tasks can run at once (5 per model). Each
 * prompt is distinct: after a crash in the instant between submit and saving the id, the worker
 * recognises its task on the service by model and prompt.
 */
function request(index: number): BatchRequest {
  const prompt = `${SUBJECTS[index % SUBJECTS.length] ?? ''}, take ${index + 1}`;
  switch (index % 5) {
    case 0:
      return { mode: 'textToVideo', request: { model: 'wan2.6-t2v', prompt, resolution: '720P', duration: 5 } };
    case 1:
      return { mode: 'imageToVideo', request: { model: 'wan2.6-i2v', image: 'https://example.com/first-frame.png', prompt, resolution: '720P', duration: 5 } };
    default: {
      const model = (['wan2.6-r2v', 'wan2.6-r2v-flash', 'wan2.7-r2v'] as const)[(index % 5) - 2] ?? 'wan2.6-r2v';
      return { mode: 'referenceToVideo', request: { model, prompt: `character1 in: ${prompt}`, references: ['https://example.com/character.mp4'] } };
    }
  }
}

const queue = new Queue<VideoJobData, VideoJobResult>(QUEUE_NAME, {
  connection: CONNECTION,
  defaultJobOptions: {
    // A retry resumes the task the job's data names, so retrying never pays twice.
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    // Result links last 24 hours: a completed job is no use after that.
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
});
// The job id names the video (the worker saves it as <id>.mp4); adding an id the queue still holds
// is a no-op, so running this twice with the same BATCH enqueues nothing twice.
const jobs = Array.from({ length: count }, (_, index) => ({
  name: 'video',
  data: request(index),
  opts: { jobId: `video-${batch}-${String(index + 1).padStart(4, '0')}` },
}));
await queue.addBulk(jobs);
console.log(`Enqueued ${count} jobs on queue ${QUEUE_NAME}: ${jobs[0]?.opts.jobId} .. ${jobs.at(-1)?.opts.jobId}`);
await queue.close();

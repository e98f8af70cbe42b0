// One worker process of the multi-process benchmark (bench/multi-process.ts): runs its share of the
// requests through client.batch against the simulator server, with the Redis store when REDIS_URL
// is set and its own limiter otherwise, and prints one JSON line of figures at the end. It starts
// on a line on stdin, so that every worker starts at the same moment whatever its load time.
import { createInterface } from 'node:readline';
import { ModelStudioClient } from 'modelstudio-video';
import { createRedisLimitStore } from 'modelstudio-video/redis';
import { benchRequests, SCALED_LIMITS, scaledPolling } from './workload.ts';

const env = (name: string): string => process.env[name] ?? '';
const scale = Number(env('SCALE'));
const store = env('REDIS_URL') ? createRedisLimitStore({ url: env('REDIS_URL'), prefix: env('PREFIX') }) : undefined;
const client = new ModelStudioClient({
  apiKey: env('API_KEY'),
  baseUrl: env('BASE_URL'),
  rateLimits: { ...SCALED_LIMITS(scale), store, leaseMs: 60_000 / scale },
  polling: scaledPolling(scale),
});
const requests = benchRequests(Number(env('COUNT')), `${env('WORKER')}-`);

// Warm, as a long-running worker is: each model's schema is built on first use (about 20 ms).
for (const item of requests.slice(0, 5)) client.estimateCost(item.mode, item.request);

const lines = createInterface({ input: process.stdin });
console.log('ready');
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
const items = await client.batch(requests).results();
console.log(JSON.stringify({ succeeded: items.filter((item) => item.status === 'succeeded').length, failed: items.filter((item) => item.status !== 'succeeded').length }));
lines.close();
await store?.close();
process.exit(0);

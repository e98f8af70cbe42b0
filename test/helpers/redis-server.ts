// Vitest global setup: the Redis-backed tests run against a real redis-server. REDIS_URL names one
// (.ci/run starts Debian's redis-server and sets it); otherwise one is started here on a free
// loopback port when redis-server is on the PATH, and stopped after the run. In CI a missing
// server is an error: the Redis tests never skip there.
import type { TestProject } from 'vitest/node';
import { redisServerInstalled, startRedisServer } from './redis-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis server of this run, or '' when there is none (outside CI only). */
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    return undefined;
  }
  if (!redisServerInstalled()) {
    if (process.env.CI) throw new Error('CI needs a Redis server for the Redis tests: set REDIS_URL or put redis-server on the PATH (.ci/run does).');
    console.warn('No REDIS_URL and no redis-server on the PATH: the Redis-backed tests are skipped (apt-get install redis-server to run them).');
    project.provide('redisUrl', '');
    return undefined;
  }
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return async () => {
    server.stop();
  };
}

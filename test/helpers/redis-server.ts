// Vitest global setup: the Redis-backed tests run against a real redis-server. REDIS_URL names one
// (.ci/run starts Debian's redis-server and sets it); otherwise one is started here on a free
// loopback port when redis-server is on the PATH, and stopped after the run. In CI a missing
// server is an error: the Redis tests never skip there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis server of this run, or '' when there is none (outside CI only). */
    redisUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once the server answers PING. */
async function answers(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    return undefined;
  }
  const installed = spawnSync('redis-server', ['--version']).status === 0;
  if (!installed) {
    if (process.env.CI) throw new Error('CI needs a Redis server for the Redis tests: set REDIS_URL or put redis-server on the PATH (.ci/run does).');
    console.warn('No REDIS_URL and no redis-server on the PATH: the Redis-backed tests are skipped (apt-get install redis-server to run them).');
    project.provide('redisUrl', '');
    return undefined;
  }
  const port = await freePort();
  const server: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await answers(port, 10_000);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
  return async () => {
    server.kill('SIGTERM');
  };
}

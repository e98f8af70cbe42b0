// A redis-server of our own on a free loopback port, for the test run (test/helpers/redis-server.ts)
// and the multi-process benchmark when no REDIS_URL is given.
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './ports.ts';

/** Whether `redis-server` is on the PATH. */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}


/** Resolves once the server on `port` answers PING. */
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

/** Starts a throwaway redis-server (no persistence) and waits until it answers. */
export async function startRedisServer(): Promise<{ readonly url: string; readonly stop: () => void }> {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await answers(port, 10_000);
  return { url: `redis://127.0.0.1:${port}`, stop: () => server.kill('SIGTERM') };
}

/**
 * The two ways to run the simulator as a server (issue 25, point 7): `npm run simulator` (its
 * script, run as npm runs it) and `modelstudio-video simulate`. Each prints every variable the
 * command and the SDK need, region included, ready to export, and a port that is taken is one
 * clean error line naming the port and how to choose another, with no stack trace.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, json, killAll, runCli, spawnCollect, warmUp } from './run-cli.ts';

const ROOT = new URL('../../', import.meta.url);

/** `npm run simulator` as npm runs it, `node` being this Node: the script's words from package.json. */
function simulatorScript(): readonly string[] {
  const { scripts } = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { scripts: Record<string, string> };
  const [node, ...args] = (scripts.simulator ?? '').split(' ');
  expect(node).toBe('node');
  return args.map((arg) => (arg.startsWith('examples/') ? new URL(arg, ROOT).pathname : arg));
}

let dir: string;
/** A port held by another server for the whole file. */
let taken: Server;
let takenPort: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-simulator-'));
  await warmUp(join(dir, 'compile-cache'));
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  takenPort = (taken.address() as { port: number }).port;
});

afterAll(async () => {
  killAll();
  await new Promise((resolve) => taken?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The `export NAME=value` lines of `text`, as variables. */
function exported(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^ *export (\w+)=(\S*)$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

/** Starts `npm run simulator`'s script with `env` and resolves with its stdout once it has printed `until`. */
function startScript(env: Record<string, string>, until: RegExp) {
  const running = spawnCollect(process.execPath, simulatorScript(), cleanEnv(env));
  const printed = new Promise<string>((resolve) => {
    let text = '';
    running.child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (until.test(text)) resolve(text);
    });
  });
  return { running, printed };
}

describe.concurrent('the simulator as a server', { timeout: 60_000 }, () => {
  it('npm run simulator: every variable to export, region included; exported, they make a priced command run', async () => {
    const { running, printed } = startScript({ PORT: '0', SIMULATOR_SPEED: '50' }, /Press Ctrl\+C to stop\./);
    const variables = exported(await printed);
    expect(Object.keys(variables).sort()).toEqual(['MODELSTUDIO_API_KEY', 'MODELSTUDIO_BASE_URL', 'MODELSTUDIO_REGION']);
    expect(variables.MODELSTUDIO_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(variables.MODELSTUDIO_REGION).toBe('intl');
    // With what it printed and nothing else, the command is priced and reaches the server.
    const estimate = await runCli(['t2v', 'A fox', '--resolution', '1080P', '--duration', '10', '--estimate'], cleanEnv(variables));
    expect(estimate.stdout).toBe('1.5 USD\n');
    const listed = await runCli(['list', '--json'], cleanEnv(variables));
    expect(json(listed)).toEqual({ ok: true, tasks: [] });
    running.child.kill('SIGTERM');
    const stopped = await running;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toBe('');
  });

  it('npm run simulator on a taken port: one error line naming the port and how to choose another, exit 1, no stack trace', async () => {
    const run = await spawnCollect(process.execPath, simulatorScript(), cleanEnv({ PORT: String(takenPort) }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error: port ${takenPort} is in use: choose another with PORT=<port> npm run simulator (PORT=0 picks a free one)\n`);
    const badPort = await spawnCollect(process.execPath, simulatorScript(), cleanEnv({ PORT: 'eighty' }));
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toBe('error: PORT must be a port number, 0–65535 (0 picks a free one), got eighty\n');
  });

  it('simulate on a taken port: one usage error naming the port and --port, exit 2; --json gets its document', async () => {
    const run = await runCli(['simulate', '--port', String(takenPort)], cleanEnv());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error: UsageError: port ${takenPort} is in use: choose another with --port <port> (--port 0 picks a free one)\n`);
    const asJson = await runCli(['simulate', '--port', String(takenPort), '--json'], cleanEnv());
    expect(asJson.code).toBe(2);
    expect(json(asJson)).toEqual({ ok: false, error: { type: 'UsageError', message: `port ${takenPort} is in use: choose another with --port <port> (--port 0 picks a free one)` } });
  });
});

/**
 * `--record <file>` on the commands that talk to the service: the run's transcript written as the
 * SDK writes it, and a file that cannot be written refused with exit 2 before anything is sent.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';
import { cleanEnv, json, killAll, runCli, warmUp } from './run-cli.ts';

let server: SimulatorServer;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  server = await startSimulatorServer({ speed: 10, timing: { pendingMs: 1_000, runningMs: 9_000 } });
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-record-'));
  await warmUp(join(dir, 'compile-cache'));
  env = cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey });
});

afterAll(async () => {
  killAll();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Requests the simulator has seen so far, all routes. */
const seen = () => Object.values(server.simulator.stats.requests).reduce((sum, count) => sum + count, 0);

describe('--record', { timeout: 60_000 }, () => {
  it('t2v --record: the transcript of the run, the submit and every poll, without the key', async () => {
    const file = join(dir, 't2v.jsonl');
    const run = await runCli(['t2v', 'A heron in the reeds', '--duration', '2', '--record', file, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const { taskId } = json<{ taskId: string }>(run);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(server.apiKey);
    const transcript = parseTranscript(text);
    expect(transcript.header.baseUrl).toBe(server.baseUrl);
    const [submit, ...polls] = transcript.exchanges;
    expect(submit?.request).toMatchObject({
      method: 'POST',
      url: `${server.baseUrl}/api/v1/services/aigc/video-generation/video-synthesis`,
      headers: { authorization: 'Bearer [redacted]' },
      body: { model: 'wan2.6-t2v', input: { prompt: 'A heron in the reeds' }, parameters: { duration: 2 } },
    });
    expect(submit?.response?.body).toMatchObject({ output: { task_id: taskId } });
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.every((poll) => poll.request.url === `${server.baseUrl}/api/v1/tasks/${taskId}`)).toBe(true);
    expect(polls.at(-1)?.response?.body).toMatchObject({ output: { task_status: 'SUCCEEDED' } });
  });

  it('list --record: the commands on tasks record too', async () => {
    const file = join(dir, 'list.jsonl');
    const run = await runCli(['list', '--record', file, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const [page] = parseTranscript(await readFile(file, 'utf8')).exchanges;
    expect(page?.request.url).toMatch(new RegExp(`^${server.baseUrl}/api/v1/tasks\\?`));
    expect(page?.response?.status).toBe(200);
  });

  it('a transcript file in a folder that does not exist: exit 2 naming --record, and nothing sent', async () => {
    const before = seen();
    const run = await runCli(['t2v', 'A fox', '--record', join(dir, 'no-such-folder', 'run.jsonl')], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--record cannot write .*run\.jsonl: its folder does not exist/);
    expect(seen()).toBe(before);
  });

  it('a folder as the transcript file, with --json: exit 2 and a ValidationError document whose issue is the record option', async () => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    const before = seen();
    const run = await runCli(['status', '0385dc79-5ff8-4d82-bcb6-000000000000', '--record', folder, '--json'], env);
    expect(run.code).toBe(2);
    expect(json(run)).toMatchObject({
      ok: false,
      error: { type: 'ValidationError', issues: [{ path: 'record', message: expect.stringMatching(/it is a folder; give a file name/) }] },
    });
    expect(seen()).toBe(before);
  });

  it('is offered by every command that talks to the service', async () => {
    const commands = ['t2v', 'i2v', 'r2v', 'edit', 'animate', 's2v', 'lipsync', 'batch', 'status', 'wait', 'cancel', 'list', 'mcp'];
    const helps = await Promise.all(commands.map((command) => runCli([command, '--help'], env)));
    for (const [index, help] of helps.entries()) expect(help.stdout, commands[index]).toContain('--record <file>');
  });
});

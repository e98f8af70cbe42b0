/**
 * `--json` speaks the SDK's names (issue 25, point 7): every key of every command's document is
 * camelCase as the SDK documents it (`taskId`, `requestId`, `estimatedCost`, `videos[].url`,
 * `usage.outputVideoDuration`), never a wire name (`task_id`, `output_video_duration`), and an
 * error's issue paths are request fields (`image`), never wire paths (`input.img_url`). Each
 * document is walked key by key.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, videoOfTask, type SimulatorServer } from 'modelstudio-video/testing';
import { cleanEnv, json, killAll, runCli, warmUp, type CliRun } from './run-cli.ts';

let server: SimulatorServer;
let dir: string;

const IMAGE = 'https://cdn.example.com/me.png';
const VIDEO = 'https://cdn.example.com/dance.mp4';
const AUDIO = 'https://cdn.example.com/hello.mp3';

/** Each mode command with inputs the simulator takes, and the region that serves its default model. */
const MODES: readonly (readonly [string, readonly string[], string])[] = [
  ['t2v', ['A red fox in the snow', '--duration', '2'], 'intl'],
  ['i2v', [IMAGE, 'The fox turns its head', '--duration', '2'], 'intl'],
  ['r2v', [IMAGE, VIDEO, 'character1 dances with character2', '--duration', '2'], 'intl'],
  ['edit', [VIDEO, 'make it snow'], 'intl'],
  ['animate', [IMAGE, VIDEO], 'intl'],
  ['s2v', [IMAGE, AUDIO], 'cn'],
  ['lipsync', [VIDEO, AUDIO], 'cn'],
];

beforeAll(async () => {
  server = await startSimulatorServer({
    speed: 10,
    // Tasks end 1 s after the submit; a "slow start" task stays PENDING for a minute, so that a cancel is in time.
    timing: (body) => {
      const prompt = String((body.input as { prompt?: unknown } | undefined)?.prompt ?? '');
      return prompt.includes('slow start') ? { pendingMs: 600_000, runningMs: 10_000 } : { pendingMs: 1_000, runningMs: 9_000 };
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-json-'));
  await warmUp(join(dir, 'compile-cache'));
});

afterAll(async () => {
  killAll();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the command against the simulator in `region`, with `--json`. */
function cli(args: readonly string[], region = 'intl'): Promise<CliRun> {
  return runCli([...args, '--json'], cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_REGION: region }));
}

/**
 * Every key of `value` that is not a camelCase name, by its path: a snake_case key (`task_id`), or
 * one in capitals (`SR`). Keys that are data, not names (a resolution `720P`, a ratio `16:9`),
 * start with a digit and are not names of either kind.
 */
function wireKeys(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => wireKeys(item, `${at}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(/_/.test(key) || /^[A-Z]/.test(key) ? [`${at}.${key}`] : []),
    ...wireKeys(item, `${at}.${key}`),
  ]);
}

/** The run's JSON document, checked to hold no wire key; `ok` as expected. */
function document(run: CliRun, ok: boolean): Record<string, unknown> {
  const body = json(run);
  expect(body.ok, run.stderr).toBe(ok);
  expect(wireKeys(body), `${JSON.stringify(body)}`).toEqual([]);
  return body;
}

describe('the key walker', () => {
  it('finds snake_case and capital keys at any depth, and passes camelCase and data keys', () => {
    expect(wireKeys({ taskId: 'x', usage: { output_video_duration: 5, SR: 720 }, videos: [{ url: 'u', expires_at: 'e' }], price: { '720P': 0.1 } })).toEqual([
      '$.usage.output_video_duration',
      '$.usage.SR',
      '$.videos[0].expires_at',
    ]);
  });
});

describe.concurrent('--json uses the SDK\'s names', { timeout: 90_000 }, () => {
  for (const [command, inputs, region] of MODES) {
    it(`${command}: --estimate, --no-wait and waiting`, async () => {
      const estimate = document(await cli([command, ...inputs, '--estimate'], region), true);
      expect(estimate).toHaveProperty('estimate.model');

      const submitted = document(await cli([command, ...inputs, '--no-wait'], region), true);
      expect(submitted).toMatchObject({ taskId: expect.any(String), requestId: expect.any(String), status: 'PENDING', estimatedCost: expect.any(Object) });

      const waited = await cli([command, ...inputs], region);
      expect(waited.code, waited.stderr).toBe(0);
      const done = document(waited, true);
      expect(done).toMatchObject({ taskId: expect.any(String), status: 'SUCCEEDED', videos: [{ url: expect.any(String), expiresAt: expect.any(String) }] });
      // The usage as the SDK types it: the simulator answers in the service's snake_case fields.
      expect(done).toHaveProperty('usage');
      expect(Object.keys(done.usage as object).length).toBeGreaterThan(0);
    });
  }

  it('t2v -o: the saved file too', async () => {
    const run = await cli(['t2v', 'A koi pond', '--duration', '2', '-o', join(dir, 'koi.mp4')]);
    const done = document(run, true);
    const task = server.simulator.tasks.get(String(done.taskId));
    expect(task).toBeDefined();
    // As many bytes as the simulator's video of what the task asked for.
    expect(done).toMatchObject({ file: { path: join(dir, 'koi.mp4'), bytes: task ? videoOfTask(task).byteLength : -1 }, usage: { outputVideoDuration: 2 } });
  });

  it('status, wait, cancel and list', async () => {
    const submitted = document(await cli(['t2v', 'A slow start at the harbour', '--no-wait']), true);
    const taskId = String(submitted.taskId);
    expect(document(await cli(['status', taskId]), true)).toMatchObject({ taskId, status: 'PENDING' });
    expect(document(await cli(['cancel', taskId]), true)).toEqual({ ok: true, taskId, canceled: true });
    const listed = document(await cli(['list', '--since', '10m']), true);
    expect(listed.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ taskId, status: 'CANCELED', submittedAt: expect.any(String) })]));
    const waited = await cli(['wait', taskId]);
    expect(waited.code).toBe(5);
    expect(document(waited, false)).toMatchObject({ error: { type: 'TaskCanceledError', taskId } });

    const finished = document(await cli(['t2v', 'A finished fox', '--duration', '2']), true);
    const again = document(await cli(['wait', String(finished.taskId), '--model', 'wan2.6-t2v']), true);
    expect(again).toMatchObject({ status: 'SUCCEEDED', usage: expect.any(Object), cost: { amount: expect.any(Number) } });
    expect(document(await cli(['status', String(finished.taskId), '--model', 'wan2.6-t2v']), true)).toMatchObject({ status: 'SUCCEEDED', usage: expect.any(Object) });
  });

  it('models', async () => {
    const run = await runCli(['models', '--json'], cleanEnv({ MODELSTUDIO_REGION: 'cn' }));
    expect(document(run, true)).toMatchObject({ region: 'cn', models: expect.any(Array) });
  });

  it('simulate', async () => {
    const simulator = runCli(['simulate', '--port', '0', '--json'], cleanEnv());
    const body = await new Promise<Record<string, unknown>>((resolve) => {
      let text = '';
      simulator.child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.trimEnd().endsWith('}')) resolve(JSON.parse(text) as Record<string, unknown>);
      });
    });
    simulator.child.kill('SIGINT');
    await simulator;
    expect(wireKeys(body)).toEqual([]);
    expect(body).toMatchObject({ ok: true, baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), apiKey: expect.any(String), region: 'intl' });
  });

  it('error documents: validation (issues by request field), a local file, usage, an unknown model, a failed task', async () => {
    const invalid = document(await cli(['t2v', 'A fox', '--duration', '99']), false);
    expect(invalid).toMatchObject({ error: { type: 'ValidationError', issues: [{ path: 'duration' }] } });

    const local = document(await cli(['r2v', IMAGE, 'nope.png', 'character1 waves']), false);
    expect(local).toMatchObject({ error: { type: 'ValidationError', issues: [{ path: 'references[1]', message: 'nope.png cannot be read: no such file' }] } });
    expect(JSON.stringify(local)).not.toMatch(/input\.|reference_urls/);

    const usage = document(await cli(['t2vv']), false);
    expect(usage).toEqual({ ok: false, error: { type: 'UsageError', message: "unknown command 't2vv'; did you mean 't2v'?" } });
    expect(document(await cli(['t2v', 'A fox', '--model', 'wan9-foo']), false)).toMatchObject({ error: { type: 'UsageError' } });

    const failed = await cli(['t2v', 'A moderation-trigger scene', '--duration', '2']);
    expect(failed.code).toBe(4);
    expect(document(failed, false)).toMatchObject({ error: { type: 'TaskFailedError', code: 'DataInspectionFailed', taskId: expect.any(String), requestId: expect.any(String) } });
  });
});

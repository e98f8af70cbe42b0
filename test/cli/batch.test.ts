/**
 * `modelstudio-video batch` as a user runs it, in child processes against a simulator server of its
 * own per case: a 30-line batch killed with SIGKILL at three points and run again (exactly 30 tasks,
 * 30 videos, complete results, no duplicate), Ctrl+C, two runs on one --out, and the command's
 * estimate, budget, bad lines, exit codes, stdin and JSON.
 */
import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, LOCK_FILE, type JournalRecord, type LineResult } from 'modelstudio-video/batch';
import { startSimulatorServer, videoOfTask, type SimulatorServer, type SimulatorServerOptions } from 'modelstudio-video/testing';
import { cleanEnv, json, killAll, runCli, warmUp, type CliRun } from './run-cli.ts';

let root: string;
let count = 0;
const servers: SimulatorServer[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelstudio-batch-cli-'));
  await warmUp(join(root, 'compile-cache'));
});
afterAll(async () => {
  killAll();
  await Promise.all(servers.map((server) => server.close()));
  if (root) await rm(root, { recursive: true, force: true });
});

/** One case: its own simulator (tasks take about 1.5 s at speed 30) and folder, so that cases run side by side. */
interface Case {
  readonly dir: string;
  readonly server: SimulatorServer;
  readonly env: Record<string, string>;
  batch(...args: string[]): ReturnType<typeof runCli>;
  writeLines(lines: readonly unknown[], name?: string): Promise<string>;
  expectThirtyDone(out: string, rerun: CliRun): Promise<void>;
}

async function setUp(options: SimulatorServerOptions = {}): Promise<Case> {
  count += 1;
  const dir = join(root, `case-${count}`);
  await mkdir(dir);
  const server = await startSimulatorServer({ speed: 30, ...options });
  servers.push(server);
  const env = cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_REGION: 'intl' });
  return {
    dir,
    server,
    env,
    batch: (...args) => runCli(['batch', ...args], env, 120_000),
    writeLines: async (lines, name = 'prompts.jsonl') => {
      const path = join(dir, name);
      await writeFile(path, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
      return path;
    },
    expectThirtyDone: (out, rerun) => expectThirtyDone(server, out, rerun),
  };
}

const thirty = () => Array.from({ length: 30 }, (_, i) => ({ id: `shot-${String(i + 1).padStart(2, '0')}`, prompt: `Shot ${i + 1}: a lighthouse in a storm` }));

async function journal(out: string): Promise<JournalRecord[]> {
  const text = await readFile(join(out, JOURNAL_FILE), 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim() !== '').flatMap((line) => {
    try {
      return [JSON.parse(line) as JournalRecord];
    } catch {
      return [];
    }
  });
}

/** Polls `condition` every 10 ms until it holds; fails after `ms`. */
async function until(condition: () => Promise<boolean> | boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** After the rerun: exactly 30 tasks, one per prompt, 30 videos that are the service's, and 30 succeeded results. */
async function expectThirtyDone(server: SimulatorServer, out: string, rerun: CliRun): Promise<void> {
  expect(rerun.code, rerun.stderr).toBe(0);
  const tasks = server.simulator.tasks.all();
  expect(tasks).toHaveLength(30);
  expect(new Set(tasks.map((task) => (task.body.input as { prompt: string }).prompt)).size).toBe(30);
  const videos = (await readdir(out)).filter((name) => name.endsWith('.mp4'));
  expect(videos).toHaveLength(30);
  // Each the simulator's video of its task (the thirty ask for the same shape).
  const [first] = tasks;
  if (first) for (const name of videos) expect(new Uint8Array(await readFile(join(out, name)))).toEqual(videoOfTask(first));
  const results = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as LineResult);
  expect(results.map((result) => [result.id, result.status])).toEqual(thirty().map((line) => [line.id, 'succeeded']));
  expect(new Set(results.map((result) => result.taskId))).toEqual(new Set(tasks.map((task) => task.taskId)));
  await expect(access(join(out, LOCK_FILE))).rejects.toThrow();
}

describe.concurrent('modelstudio-video batch, killed and run again', { timeout: 180_000 }, () => {
  it('SIGKILL before any submit (uploads under way): the rerun submits all 30 once', async () => {
    const c = await setUp({ faults: [{ kind: 'latency', routes: ['upload-policy'], latencyMs: 3_000, times: 5 }] });
    // Images above 1 MiB go through the service's storage, not inline: the uploads come before the submits.
    const photo = new Uint8Array(1_200_000);
    photo.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await writeFile(join(c.dir, 'photo.png'), photo);
    const path = await c.writeLines(thirty().map((line) => ({ ...line, mode: 'i2v', image: 'photo.png' })));
    const out = join(c.dir, 'out');
    const first = c.batch(path, '--out', out);
    await until(() => c.server.simulator.stats.requests['upload-policy'] > 0, 'the first upload');
    expect(await journal(out)).toEqual([]);
    first.child.kill('SIGKILL');
    expect((await first).code).toBe(null);
    expect(c.server.simulator.tasks.size).toBe(0);

    const rerun = await c.batch(path, '--out', out);
    await c.expectThirtyDone(out, rerun);
  });

  it('SIGKILL between a journal write and the submit\'s answer: the rerun finds those tasks instead of paying again', async () => {
    // The service creates the first 3 tasks but their answers are lost: the journal has their starts, no task ids.
    // With 3 slots, no other submit begins while the SDK looks for those three.
    const c = await setUp({ faults: [{ kind: 'lose-response', routes: ['submit'], times: 3 }] });
    const path = await c.writeLines(thirty());
    const out = join(c.dir, 'out');
    const first = c.batch(path, '--out', out, '--concurrency', '3');
    await until(async () => {
      const records = await journal(out);
      const unanswered = records.filter((record) => record.type === 'start' && !records.some((other) => other.type === 'task' && other.id === record.id));
      return c.server.simulator.stats.faults['lose-response'] === 3 && unanswered.length === 3;
    }, 'three submits whose answers were lost');
    first.child.kill('SIGKILL');
    await first;
    const before = c.server.simulator.tasks.size;
    expect(before).toBe(3);

    const rerun = await c.batch(path, '--out', out);
    expect(rerun.stderr).toContain('Looking for the tasks of 3 lines whose submit an earlier run began');
    expect(rerun.stderr).toMatch(/found its task/);
    await c.expectThirtyDone(out, rerun);
    const records = await journal(out);
    expect(records.filter((record) => record.type === 'task' && record.via === 'look-up')).toHaveLength(3);
  });

  it('SIGKILL mid-download: the rerun downloads again from the finished tasks and creates none', async () => {
    const c = await setUp({ faults: [{ kind: 'latency', routes: ['video'], latencyMs: 4_000, times: 5 }] });
    const path = await c.writeLines(thirty());
    const out = join(c.dir, 'out');
    const first = c.batch(path, '--out', out, '--concurrency', '5');
    await until(() => c.server.simulator.stats.requests.video >= 3, 'downloads under way');
    first.child.kill('SIGKILL');
    await first;
    // No partial video was left under its final name.
    expect((await readdir(out)).filter((name) => name.endsWith('.mp4'))).toEqual([]);
    const records = await journal(out);
    const started = new Set(records.filter((record) => record.type === 'start').map((record) => record.id));
    expect(started.size).toBeGreaterThanOrEqual(3);
    c.server.simulator.faults.clear();

    // Other submits were on their way at the kill: a line whose answer never came is found by the
    // look-up if the service created its task, and, with resubmit, sent again only if it did not.
    const rerun = await c.batch(path, '--out', out, '--on-unknown-submit', 'resubmit');
    expect(rerun.stderr).toMatch(/Following \d+ tasks? an earlier run created/);
    await c.expectThirtyDone(out, rerun);
  });

  it('Ctrl+C stops submitting, leaves running tasks running, says how to resume and exits within a second; the rerun finishes without duplicates', async () => {
    const c = await setUp({ speed: 20 });
    const path = await c.writeLines(thirty());
    const out = join(c.dir, 'out');
    const first = c.batch(path, '--out', out, '--concurrency', '3');
    await until(async () => (await journal(out)).filter((record) => record.type === 'task').length >= 3, 'three tasks');
    const sent = Date.now();
    first.child.kill('SIGINT');
    const stopped = await first;
    expect(Date.now() - sent).toBeLessThan(1_500);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('Stopping: no new submits');
    expect(stopped.stderr).toContain(`Resume with the same command: modelstudio-video batch ${path} --out ${out}`);
    const created = c.server.simulator.tasks.size;
    expect(created).toBeLessThan(30);
    // The tasks created keep running on the service.
    const simulated = c.server.simulator.tasks;
    expect(simulated.all().some((task) => ['PENDING', 'RUNNING'].includes(simulated.status(task.taskId)))).toBe(true);

    // Ctrl+C waited for the submits on their way: every task created is in the journal, so the
    // default policy has nothing unknown to refuse.
    const rerun = await c.batch(path, '--out', out);
    await c.expectThirtyDone(out, rerun);
  });
});

describe.concurrent('modelstudio-video batch', { timeout: 90_000 }, () => {
  it('refuses a second run on the same --out while the first runs (exit 2, naming its pid)', async () => {
    const c = await setUp({ speed: 5 });
    const path = await c.writeLines(thirty().slice(0, 4));
    const out = join(c.dir, 'out');
    const first = c.batch(path, '--out', out);
    await until(async () => (await journal(out)).length > 0, 'the first run to start');
    const second = await c.batch(path, '--out', out);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`error: BatchLockedError: Another batch (process ${first.child.pid}`);
    first.child.kill('SIGKILL');
    await first;
    // The lock of a killed run is stale: the next run takes it over.
    const third = await c.batch(path, '--out', out);
    expect(third.code, third.stderr).toBe(0);
  });

  it('--estimate prints the cost per model and the total, sends nothing, needs no key', async () => {
    const c = await setUp();
    const path = await c.writeLines([{ prompt: 'a' }, { prompt: 'b', resolution: '720P' }, { mode: 'i2v', image: 'https://example.com/a.png', prompt: 'c' }]);
    const run = await runCli(['batch', path, '--out', join(c.dir, 'out'), '--estimate'], cleanEnv({ MODELSTUDIO_REGION: 'intl' }));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wan2\.6-t2v\s+2 lines\s+[\d.]+ USD$/m);
    expect(run.stdout).toMatch(/^wan2\.6-i2v\s+1 line\s+[\d.]+ USD$/m);
    expect(run.stdout).toMatch(/^total\s+3 lines\s+[\d.]+ USD$/m);
    await expect(access(join(c.dir, 'out'))).rejects.toThrow();
    const doc = json<{ estimate: { total: number; lines: number; models: { model: string; lines: number }[] } }>(
      await runCli(['batch', path, '--out', join(c.dir, 'out'), '--estimate', '--json'], cleanEnv({ MODELSTUDIO_REGION: 'intl' })),
    );
    expect(doc.estimate).toMatchObject({ lines: 3, models: [{ model: 'wan2.6-t2v', lines: 2 }, { model: 'wan2.6-i2v', lines: 1 }] });
    expect(c.server.simulator.stats.requests.submit).toBe(0);
  });

  it('bad lines: every one named with its line and field, exit 2, nothing sent; --max-cost over the estimate: exit 2', async () => {
    const c = await setUp();
    const path = await c.writeLines([{ prompt: 'ok' }, { prompt: '' }, { mode: 'i2v', image: 'nope.png', prompt: 'x' }, { prompt: 'y', model: 'wan9-nope' }]);
    const run = await c.batch(path, '--out', join(c.dir, 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('prompts.jsonl has 3 problems on 3 lines; nothing was sent');
    // One problem per line of output, named by line and field as the file writes them.
    expect(run.stderr).toMatch(/^ {2}line 2, prompt: must not be empty/m);
    expect(run.stderr).toMatch(/^ {2}line 3, image: \S*nope\.png does not exist$/m);
    expect(run.stderr).toMatch(/^ {2}line 4, model: is "wan9-nope"; must be one of the textToVideo models of intl: wan2\.6-t2v/m);
    const refused = await c.batch(await c.writeLines(thirty().slice(0, 3), 'three.jsonl'), '--out', join(c.dir, 'out'), '--max-cost', '0.5');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('BudgetError');
    expect(c.server.simulator.stats.requests.submit).toBe(0);
  });

  it('some lines failed: exit 10, the rest finished; stdin with --json gives one document with the SDK\'s field names', async () => {
    const c = await setUp({ moderationWords: ['forbidden'] });
    const path = await c.writeLines([{ id: 'ok', prompt: 'A fox' }, { id: 'bad', prompt: 'A forbidden scene' }]);
    const run = await c.batch(path, '--out', join(c.dir, 'out'));
    expect(run.code, run.stderr).toBe(10);
    expect(run.stdout).toContain('1 of 2 succeeded, 1 failed');
    expect(run.stderr).toMatch(/line 2 bad: failed {2}TaskFailedError: /);

    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./run-cli.ts');
    const child = spawn(process.execPath, ['--conditions=modelstudio-video-source', CLI, 'batch', '-', '--out', join(c.dir, 'stdin-out'), '--json'], { env: c.env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end('{"prompt": "From stdin"}\n');
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { ok: boolean; succeeded: number; results: LineResult[] };
    expect(doc).toMatchObject({ ok: true, succeeded: 1, total: 1, results: [{ id: '1', line: 1, status: 'succeeded', file: '1.mp4', taskId: expect.any(String) }] });
    expect(Object.keys(doc).filter((key) => key.includes('_'))).toEqual([]);
  });
});

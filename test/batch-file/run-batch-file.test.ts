/**
 * runBatchFile through its public API, against the in-process simulator on real timers (played
 * 200 times faster): outputs, the journal, resume, changed lines, failures, lost submits, the lock.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetError, ModelStudioClient, ValidationError } from 'modelstudio-video';
import {
  BatchLockedError, checkBatchFile, JOURNAL_FILE, LOCK_FILE, RESULTS_FILE, runBatchFile, type BatchFileOptions, type BatchFileProgress, type JournalRecord, type LineResult,
} from 'modelstudio-video/batch';
import { maxOverlap } from '../helpers/overlap.ts';
import { createSimulator, videoOfTask, type Simulator, type SimulatorOptions } from 'modelstudio-video/testing';

let dir: string;
let sim: Simulator;
let client: ModelStudioClient;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'batch-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function service(options: SimulatorOptions = {}): void {
  sim = createSimulator({ speed: 200, ...options });
  client = clientOf(sim);
}

/** A client of `sim` that polls at the simulator's pace: its default first poll, at 2 s, would be most of each test. */
function clientOf(simulator: Simulator): ModelStudioClient {
  return new ModelStudioClient({
    apiKey: simulator.apiKey, baseUrl: simulator.baseUrl, fetch: simulator.fetch, region: 'intl',
    polling: { initialIntervalMs: 20, maxIntervalMs: 100 },
  });
}

async function input(lines: readonly (Record<string, unknown> | string)[], name = 'prompts.jsonl'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return path;
}

function run(options: Partial<BatchFileOptions> & { input: BatchFileOptions['input'] }) {
  return runBatchFile({ client, out: join(dir, 'out'), ...options });
}

async function journal(): Promise<JournalRecord[]> {
  const text = await readFile(join(dir, 'out', JOURNAL_FILE), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as JournalRecord);
}

async function results(): Promise<LineResult[]> {
  const text = await readFile(join(dir, 'out', RESULTS_FILE), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as LineResult);
}

const prompts = (count: number, from = 1) => Array.from({ length: count }, (_, i) => ({ id: `clip-${i + from}`, prompt: `A fox number ${i + from} in snow` }));

describe('runBatchFile', () => {
  it('runs every line, writes <id>.mp4, results.jsonl in input order, the contact sheet and a journal with each start before its task', async () => {
    service();
    await writeFile(join(dir, 'cat.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const path = await input([
      ...prompts(8),
      { id: 'cat', mode: 'i2v', image: 'cat.png', prompt: 'The cat yawns' },
      { id: 'pair', mode: 'referenceToVideo', references: ['https://example.com/a.png'], prompt: 'character1 waves' },
    ]);
    const batch = run({ input: path, concurrency: 3 });
    const progress: BatchFileProgress[] = [];
    batch.on('progress', (p) => progress.push(p));
    const summary = await batch.summary();

    expect(summary).toMatchObject({ total: 10, succeeded: 10, failed: 0, running: 0, queued: 0, submitted: 10, resumed: 0, alreadyDone: 0, stopped: false, currency: 'USD' });
    expect(summary.cost).toBe(summary.estimatedCost);
    expect(sim.tasks.size).toBe(10);
    // Each file is the simulator's video of its task, of the shape that task asked for.
    const byPrompt = new Map(sim.tasks.all().map((task) => [(task.body.input as { prompt?: string }).prompt, task]));
    for (const [id, prompt] of [['clip-1', 'A fox number 1 in snow'], ['clip-8', 'A fox number 8 in snow'], ['cat', 'The cat yawns'], ['pair', 'character1 waves']] as const) {
      const task = byPrompt.get(prompt);
      expect(task, prompt).toBeDefined();
      if (task) expect(new Uint8Array(await readFile(join(dir, 'out', `${id}.mp4`))), id).toEqual(videoOfTask(task));
    }
    // The local image went up as the i2v's input, read from the input file's folder.
    const catTask = sim.tasks.all().find((task) => (task.body.input as { prompt?: string }).prompt === 'The cat yawns');
    expect(catTask?.body.input).toMatchObject({ img_url: expect.stringMatching(/^data:image\/png;base64,/) });

    const written = await results();
    expect(written.map((result) => result.id)).toEqual([...prompts(8).map((p) => p.id), 'cat', 'pair']);
    expect(written.map((result) => result.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(written[0]).toMatchObject({ status: 'succeeded', model: 'wan2.6-t2v', file: 'clip-1.mp4', currency: 'USD', cost: expect.any(Number) });
    expect(written.every((result) => sim.tasks.all().some((task) => task.taskId === result.taskId))).toBe(true);

    const records = await journal();
    for (const result of written) {
      const start = records.findIndex((record) => record.type === 'start' && record.id === result.id);
      const task = records.findIndex((record) => record.type === 'task' && record.id === result.id && record.taskId === result.taskId);
      const end = records.findIndex((record) => record.type === 'end' && record.id === result.id);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(task).toBeGreaterThan(start);
      expect(end).toBeGreaterThan(task);
    }
    const sheet = await readFile(join(dir, 'out', 'index.html'), 'utf8');
    for (const result of written) expect(sheet).toContain(`${result.id}.mp4`);
    await expect(readFile(join(dir, 'out', LOCK_FILE))).rejects.toThrow(/ENOENT/);

    // Counts only move forward, always add up, and the time left was known while tasks ran.
    for (const p of progress) expect(p.succeeded + p.failed + p.running + p.queued + p.invalid).toBe(10);
    expect(progress.map((p) => p.succeeded)).toEqual([...progress.map((p) => p.succeeded)].sort((a, b) => a - b));
    expect(progress.some((p) => p.running > 0 && p.etaMs !== undefined && p.etaMs > 0)).toBe(true);
    // Concurrency is per model: at most 3 text-to-video tasks unfinished at once on the service.
    expect(maxOverlap(sim, 'wan2.6-t2v')).toBe(3);
  }, 30_000);

  it('a rerun after a finished batch sends nothing and reports every line from the journal', async () => {
    service();
    const path = await input(prompts(5));
    await run({ input: path }).summary();
    const submits = sim.stats.requests.submit;
    const notices: string[] = [];
    const again = run({ input: path });
    again.on('notice', (notice) => notices.push(notice));
    const summary = await again.summary();
    expect(summary).toMatchObject({ succeeded: 5, submitted: 0, alreadyDone: 5 });
    expect(sim.stats.requests.submit).toBe(submits);
    expect(sim.stats.requests.query).toBeGreaterThan(0);
    expect(notices).toContain('5 lines already done in an earlier run: skipped.');
    expect((await results()).map((result) => result.status)).toEqual(Array(5).fill('succeeded'));
  }, 30_000);

  it('a changed line is a new request, said so; the others are not sent again', async () => {
    service();
    const path = await input(prompts(4));
    const first = await run({ input: path }).summary();
    await input([...prompts(2), { id: 'clip-3', prompt: 'A wolf instead' }, ...prompts(1, 4)]);
    const notices: string[] = [];
    const again = run({ input: path });
    again.on('notice', (notice) => notices.push(notice));
    const summary = await again.summary();
    expect(summary).toMatchObject({ succeeded: 4, submitted: 1, alreadyDone: 3 });
    expect(notices).toContain("1 line changed since the journal's last run (line 3): each is a new request.");
    expect(sim.tasks.size).toBe(5);
    const changed = (await results())[2];
    expect(changed?.taskId).not.toBe(first.results[2]?.taskId);
    expect(sim.tasks.all().find((task) => task.taskId === changed?.taskId)?.body.input).toMatchObject({ prompt: 'A wolf instead' });
  }, 30_000);

  it('a failed task ends its line failed with the typed error, the rest finish, and a rerun submits only that line again', async () => {
    service({ moderationWords: ['forbidden'] });
    const path = await input([...prompts(3), { id: 'bad', prompt: 'A forbidden scene' }]);
    const summary = await run({ input: path }).summary();
    expect(summary).toMatchObject({ succeeded: 3, failed: 1 });
    const bad = summary.results[3];
    expect(bad).toMatchObject({ id: 'bad', status: 'failed', cost: undefined, error: { class: 'TaskFailedError', code: 'DataInspectionFailed' } });
    expect((await journal()).find((record) => record.type === 'end' && record.id === 'bad')).toMatchObject({ next: 'submit' });
    const again = await run({ input: path }).summary();
    expect(again).toMatchObject({ succeeded: 3, failed: 1, submitted: 1, alreadyDone: 3 });
    expect(sim.tasks.size).toBe(5);
  }, 30_000);

  it('stopped (signal) with tasks running: they are left running, the rest queued; a rerun follows them and creates only the missing tasks', async () => {
    service({ speed: 20 });
    const path = await input(prompts(8));
    const controller = new AbortController();
    const batch = run({ input: path, concurrency: 2, signal: controller.signal });
    batch.on('progress', (p) => {
      if (p.running === 2 && sim.tasks.size === 2) controller.abort();
    });
    const stopped = await batch.summary();
    expect(stopped.stopped).toBe(true);
    expect(stopped.results.filter((result) => result.status === 'running')).toHaveLength(2);
    expect(stopped.results.filter((result) => result.status === 'queued')).toHaveLength(6);
    expect(sim.tasks.size).toBe(2);

    service_keep();
    const summary = await run({ input: path }).summary();
    expect(summary).toMatchObject({ succeeded: 8, resumed: 2, submitted: 6 });
    expect(sim.tasks.size).toBe(8);
    expect(new Set(sim.tasks.all().map((task) => (task.body.input as { prompt: string }).prompt)).size).toBe(8);
  }, 60_000);

  it('stop() submits nothing more, follows what runs, and resolves once no submit is on its way', async () => {
    service({ speed: 50 });
    const path = await input(prompts(6));
    const batch = run({ input: path, concurrency: 2 });
    let stopping: Promise<void> | undefined;
    batch.on('progress', (p) => {
      if (p.running === 2 && !stopping) stopping = batch.stop();
    });
    const summary = await batch.summary();
    await stopping;
    expect(summary.succeeded).toBe(sim.tasks.size);
    expect(summary.queued).toBe(6 - sim.tasks.size);
    expect(summary.stopped).toBe(true);
  }, 30_000);

  it('looks for the task of a submit an earlier run began but never heard back from: adopts the one found, and by default does not resubmit when none is', async () => {
    service();
    // The earlier run: its submit of "lost fox" reached the service, then the process died before the answer.
    const lost = await client.textToVideo({ prompt: 'lost fox' }).whenSubmitted();
    const path = await input([{ id: 'a', prompt: 'lost fox' }, { id: 'b', prompt: 'never sent' }, { id: 'c', prompt: 'fresh' }]);
    const hashes = new Map((await checkBatchFile({ input: path, client })).lines.map((line) => [line.id, line.hash]));
    // The journal as the dead run left it: two submits begun a minute ago, no answers.
    const at = new Date(Date.now() - 60_000).toISOString();
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out', JOURNAL_FILE), [
      { type: 'start', id: 'a', hash: hashes.get('a'), line: 1, model: 'wan2.6-t2v', prompt: 'lost fox', at },
      { type: 'start', id: 'b', hash: hashes.get('b'), line: 2, model: 'wan2.6-t2v', prompt: 'never sent', at },
    ].map((record) => JSON.stringify(record)).join('\n') + '\n');
    const tasksBefore = sim.tasks.size;
    const notices: string[] = [];
    const again = run({ input: path });
    again.on('notice', (notice) => notices.push(notice));
    const summary = await again.summary();
    expect(summary.results[0]).toMatchObject({ id: 'a', status: 'succeeded', taskId: lost.taskId });
    expect(summary.results[1]).toMatchObject({ id: 'b', status: 'failed', taskId: undefined, error: { class: 'SubmitOutcomeUnknownError' } });
    expect(notices.some((notice) => notice.includes(`found its task ${lost.taskId}`))).toBe(true);
    // Only "c", never begun, was submitted.
    expect(sim.tasks.size).toBe(tasksBefore + 1);

    // With onUnknownSubmit 'resubmit', the line whose task is nowhere is sent again; the one adopted is not.
    const resubmitted = await run({ input: path, onUnknownSubmit: 'resubmit' }).summary();
    expect(resubmitted.results.map((result) => result.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sim.tasks.size).toBe(tasksBefore + 2);
  }, 30_000);

  it('refuses a second run on the same folder while the first holds it, and takes over the lock of a dead process', async () => {
    service({ speed: 20 });
    const path = await input(prompts(2));
    const first = run({ input: path });
    await new Promise<void>((resolve) => first.once('progress', () => resolve()));
    await expect(run({ input: path }).summary()).rejects.toThrow(BatchLockedError);
    await expect(run({ input: path }).summary()).rejects.toThrow(new RegExp(`process ${process.pid}`));
    await first.summary();

    await writeFile(join(dir, 'out', LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    await expect(run({ input: path }).summary()).resolves.toMatchObject({ alreadyDone: 2 });
  }, 30_000);

  it('refuses bad lines all at once before anything is sent, or with skipInvalid runs the rest and reports them invalid', async () => {
    service();
    const path = await input([{ prompt: 'ok' }, { prompt: '' }, '{not json', { prompt: 'x', model: 'wan9-nope' }, { mode: 'i2v', image: 'missing.png', prompt: 'y' }]);
    const refused = run({ input: path }).summary();
    await expect(refused).rejects.toThrow(ValidationError);
    const error = (await refused.catch((caught: unknown) => caught)) as ValidationError;
    expect(error.issues.map((issue) => issue.path)).toEqual(['line 2, prompt:', 'line 3:', 'line 4, model:', 'line 5, image:']);
    expect(error.issues[3]?.message).toMatch(/missing\.png does not exist/);
    expect(sim.stats.requests.submit).toBe(0);
    expect(await readdir(dir)).toEqual(['prompts.jsonl']);

    const summary = await run({ input: path, skipInvalid: true }).summary();
    expect(summary).toMatchObject({ total: 5, succeeded: 1, invalid: 4 });
    expect((await results()).map((result) => result.status)).toEqual(['succeeded', 'invalid', 'invalid', 'invalid', 'invalid']);
  }, 30_000);

  it('refuses a batch estimated above maxCost before anything is sent, counting only what it still has to submit', async () => {
    service();
    const path = await input(prompts(4));
    await expect(run({ input: path, maxCost: 1 }).summary()).rejects.toThrow(BudgetError);
    expect(sim.stats.requests.submit).toBe(0);
    await run({ input: path, maxCost: 3 }).summary();
    // Everything is done: nothing left to pay for, so the same limit of 1 passes.
    await expect(run({ input: path, maxCost: 1 }).summary()).resolves.toMatchObject({ alreadyDone: 4 });
  }, 30_000);

  it('with download: false keeps the links and writes no video', async () => {
    service();
    const path = await input(prompts(2));
    const summary = await run({ input: path, download: false }).summary();
    expect(summary.results.map((result) => result.url)).toEqual([expect.stringMatching(/^http/), expect.stringMatching(/^http/)]);
    expect((await readdir(join(dir, 'out'))).filter((name) => name.endsWith('.mp4'))).toEqual([]);
  }, 30_000);
});

/** Keeps the same simulator (and its tasks) with a new client, as a rerun in a new process would have. */
function service_keep(): void {
  client = clientOf(sim);
}

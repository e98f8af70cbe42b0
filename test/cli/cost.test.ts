/**
 * Costs on the command line: the estimate before a submit and the cost after it, `--estimate`
 * (nothing sent) and `--max-cost` (a BudgetError, exit 2, nothing sent), in the currency of
 * MODELSTUDIO_REGION. Two simulator servers: one that the runs that must send nothing talk to,
 * whose counters stay at zero, and one for the runs that generate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';
import { cleanEnv, json, killAll, runCli, warmUp, type CliRun } from './run-cli.ts';

/** Receives only runs that must send nothing. */
let idle: SimulatorServer;
/** Runs tasks. */
let server: SimulatorServer;
let dir: string;

/** The request of the price examples: wan2.6-t2v, 10 s at 1080P is 1.5 USD in intl and 10 CNY in cn. */
const FOX = ['t2v', 'A fox in the snow', '--resolution', '1080P', '--duration', '10'] as const;

beforeAll(async () => {
  // Tasks end 1 s after the submit; the first poll, 2 s in, sees the end.
  [idle, server] = await Promise.all([startSimulatorServer({ speed: 10 }), startSimulatorServer({ speed: 10, timing: { pendingMs: 1_000, runningMs: 9_000 } })]);
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-cost-'));
  await warmUp(join(dir, 'compile-cache'));
});

afterAll(async () => {
  killAll();
  await Promise.all([idle?.close(), server?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the command against `target`, in `region` (none: the simulator's URL has no known region). */
async function cli(target: SimulatorServer, region: string | undefined, ...args: string[]): Promise<CliRun> {
  const run = await runCli(args, cleanEnv({ MODELSTUDIO_BASE_URL: target.baseUrl, MODELSTUDIO_API_KEY: target.apiKey, ...(region && { MODELSTUDIO_REGION: region }) }));
  expect(`${run.stdout}${run.stderr}`).not.toContain(target.apiKey);
  return run;
}

/** Every request the idle server has received: none, whatever the route. */
function idleRequests(): number {
  return Object.values(idle.simulator.stats.requests).reduce((total, count) => total + count, 0);
}

describe('modelstudio-video costs', { timeout: 60_000 }, () => {
  describe.concurrent('nothing sent', () => {
    it('--estimate in intl: 1.5 USD on stdout, the basis on stderr, exit 0', async () => {
      const run = await cli(idle, 'intl', ...FOX, '--estimate');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('1.5 USD\n');
      expect(run.stderr).toBe('10 s × 0.15 USD/s at 1080P; converted from the Singapore pricing page by secondary sources, 2026-05\n');
    });

    it('--region does what MODELSTUDIO_REGION does, and wins over it; its service id works too; a bad one is a usage error naming the flag', async () => {
      expect((await cli(idle, undefined, ...FOX, '--estimate', '--region', 'cn')).stdout).toBe('10 CNY\n');
      expect((await cli(idle, 'intl', ...FOX, '--estimate', '--region', 'cn-beijing')).stdout).toBe('10 CNY\n');
      const bad = await cli(idle, undefined, ...FOX, '--estimate', '--region', 'mars');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("option '--region <region>' argument 'mars' is invalid. Allowed: intl (ap-southeast-1), cn (cn-beijing), us (us-east-1), eu (eu-central-1), jp (ap-northeast-1), hk (cn-hongkong).");
    });

    it('--workspace reaches a region with no shared host; without it the command says what to pass; a bad id names the flag', async () => {
      // Frankfurt has workspace hosts only: the client is refused before anything is sent...
      const noWorkspace = await runCli([...FOX, '--model', 'happyhorse-1.1-t2v', '--estimate', '--region', 'eu'], cleanEnv());
      expect(noWorkspace.code).toBe(2);
      expect(noWorkspace.stderr).toContain('eu (eu-central-1) is reached through workspace hosts only');
      // ...and with a workspace it is built on that workspace's host (an estimate sends nothing: no eu price is known).
      const withWorkspace = await runCli([...FOX, '--model', 'happyhorse-1.1-t2v', '--estimate', '--region', 'eu', '--workspace', 'ws-1'], cleanEnv());
      expect(withWorkspace.code, withWorkspace.stderr).toBe(0);
      expect(withWorkspace.stdout).toBe('unknown\n');
      expect(withWorkspace.stderr).toContain('no eu price is known for happyhorse-1.1-t2v');
      const bad = await runCli([...FOX, '--estimate', '--workspace', 'ws.1'], cleanEnv());
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("option '--workspace <id>' argument 'ws.1' is invalid. a workspace id is letters, digits and hyphens.");
    });

    it('--estimate in cn: 10 CNY; with --json the estimate as the SDK gives it', async () => {
      const run = await cli(idle, 'cn', ...FOX, '--estimate', '--json');
      expect(run.code, run.stderr).toBe(0);
      expect(json(run)).toEqual({
        ok: true,
        estimate: {
          model: 'wan2.6-t2v', region: 'cn', currency: 'CNY', amount: 10, low: 10, high: 10, perSecond: 1, seconds: 10, secondsLow: 10, asOf: expect.any(String),
          basis: expect.stringMatching(/^10 s × 1 CNY\/s at 1080P; /),
        },
      });
      const quiet = await cli(idle, 'cn', ...FOX, '--estimate', '--quiet');
      expect(quiet.stdout).toBe('10 CNY\n');
      expect(quiet.stderr).toBe('');
    });

    it('--estimate of a range: a reference video given as a URL bills 2–10 s more', async () => {
      const run = await cli(idle, 'intl', 'r2v', 'https://example.com/dancer.mp4', 'character1 dances', '--resolution', '720P', '--duration', '5', '--estimate');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^\d+(\.\d+)?–\d+(\.\d+)? USD\n$/);
      expect(run.stderr).toMatch(/^\d+–\d+ s \(with input video[^)]*\) × 0\.1 USD\/s at 720P; /);
    });

    it('--estimate needs no API key, and a bad request still exits 2 naming the flag', async () => {
      const run = await runCli([...FOX, '--estimate'], cleanEnv({ MODELSTUDIO_BASE_URL: idle.baseUrl, MODELSTUDIO_REGION: 'intl' }));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('1.5 USD\n');
      const bad = await cli(idle, 'intl', 't2v', 'A fox', '--duration', '20', '--estimate');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^error: ValidationError: .*--duration 20 is above the maximum of 15/);
      expect(bad.stdout).toBe('');
    });

    it('--estimate with no known region: "unknown" and why, exit 0', async () => {
      const run = await cli(idle, undefined, ...FOX, '--estimate');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('unknown\n');
      expect(run.stderr).toBe('the region of MODELSTUDIO_BASE_URL is unknown: pass --region or set MODELSTUDIO_REGION (intl, cn, us, eu, jp, hk) to price it\n');
    });

    it('--max-cost below the estimate: a BudgetError, exit 2, the estimate and a hint', async () => {
      const run = await cli(idle, 'intl', ...FOX, '--max-cost', '1');
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toEqual([
        expect.stringMatching(/^Estimated cost: 1\.5 USD \(10 s × 0\.15 USD\/s at 1080P; /),
        expect.stringMatching(/^error: BudgetError: This request is estimated at 1\.5 USD, above --max-cost 1 \(10 s × 0\.15 USD\/s at 1080P; .*\); nothing was sent\.$/),
        'hint: lower --resolution or --duration, or raise --max-cost',
        '',
      ]);
      const asJson = await cli(idle, 'cn', ...FOX, '--max-cost', '9.99', '--json');
      expect(asJson.code).toBe(2);
      expect(json(asJson)).toMatchObject({
        ok: false,
        error: { type: 'BudgetError', estimate: 10, limit: 9.99, currency: 'CNY', hint: 'lower --resolution or --duration, or raise --max-cost' },
      });
    });

    it('--max-cost with no known region: a BudgetError, since the limit cannot be kept', async () => {
      const run = await cli(idle, undefined, ...FOX, '--max-cost', '100');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: BudgetError: This request cannot be priced \(the region of MODELSTUDIO_BASE_URL is unknown: .*\), so --max-cost 100 cannot be kept; nothing was sent\.$/m);
      expect(run.stderr).toContain('hint: no price is known here: set MODELSTUDIO_REGION');
    });

    it('--max-cost takes a positive number only', async () => {
      for (const value of ['0', '-1', 'lots']) {
        const run = await cli(idle, 'intl', ...FOX, '--max-cost', value);
        expect(run.code, value).toBe(2);
        expect(run.stderr, value).toContain(`error: UsageError: option '--max-cost <amount>' argument '${value}' is invalid. Expected a positive number`);
      }
    });
  });

  it('the runs above sent nothing', () => {
    expect(idle.simulator.stats.requests.submit).toBe(0);
    expect(idleRequests()).toBe(0);
    expect(idle.simulator.tasks.size).toBe(0);
  });

  describe.concurrent('runs', () => {
    it('t2v: the estimate before the submit and the cost at the end, on stderr; --max-cost at the estimate passes', async () => {
      const run = await cli(server, 'intl', ...FOX, '--max-cost', '1.5');
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stderr.trim().split('\n');
      expect(lines[0]).toBe('Estimated cost: 1.5 USD (10 s × 0.15 USD/s at 1080P; converted from the Singapore pricing page by secondary sources, 2026-05)');
      expect(lines[1]).toMatch(/^Submitted task [\w-]+ \(wan2\.6-t2v\)$/);
      expect(lines.at(-1)).toBe('Cost: 1.5 USD (10 s billed)');
      expect(run.stdout).toMatch(/^Task [\w-]+ succeeded \(wan2\.6-t2v\)\.\nVideo: /);
      expect(run.stdout).not.toContain('Cost');
    });

    it('t2v --json: estimatedCost and cost in the one document, of equal amounts', async () => {
      const run = await cli(server, 'cn', ...FOX, '--json');
      expect(run.code, run.stderr).toBe(0);
      const body = json<{ ok: boolean; taskId: string; estimatedCost: { amount: number; currency: string }; cost: { amount: number; currency: string; seconds: number } }>(run);
      expect(body).toMatchObject({
        ok: true,
        status: 'SUCCEEDED',
        estimatedCost: { model: 'wan2.6-t2v', region: 'cn', currency: 'CNY', amount: 10, perSecond: 1, seconds: 10 },
        cost: { currency: 'CNY', amount: 10, seconds: 10, perSecond: 1, basis: expect.stringMatching(/^10 s billed × 1 CNY\/s at 1080P; /) },
      });
      expect(body.cost.amount).toBe(body.estimatedCost.amount);
      expect(run.stderr).toContain('Estimated cost: 10 CNY (');
      expect(run.stderr).toContain('Cost: 10 CNY (10 s billed)');
      expect(server.simulator.stats.billed.tasks.find((task) => task.taskId === body.taskId)?.seconds).toBe(10);
    });

    it('--no-wait --json: estimatedCost only; status and wait --model price the task', async () => {
      const submit = await cli(server, 'intl', 't2v', 'A koi pond', '--duration', '4', '--resolution', '720P', '--no-wait', '--json');
      expect(submit.code, submit.stderr).toBe(0);
      const body = json<{ taskId: string; cost?: unknown }>(submit);
      expect(body).toMatchObject({ ok: true, status: 'PENDING', estimatedCost: { amount: 0.4, currency: 'USD', seconds: 4 } });
      expect(body.cost).toBeUndefined();
      expect(submit.stderr).toContain('Estimated cost: 0.4 USD (4 s × 0.1 USD/s at 720P; ');

      const waited = await cli(server, 'intl', 'wait', body.taskId, '--model', 'wan2.6-t2v');
      expect(waited.code, waited.stderr).toBe(0);
      expect(waited.stderr.trim().split('\n').at(-1)).toBe('Cost: 0.4 USD (4 s billed)');

      const status = await cli(server, 'intl', 'status', body.taskId, '--model', 'wan2.6-t2v', '--json');
      expect(json(status)).toMatchObject({ ok: true, status: 'SUCCEEDED', cost: { amount: 0.4, currency: 'USD', seconds: 4 } });
      const lines = await cli(server, 'intl', 'status', body.taskId, '--model', 'wan2.6-t2v');
      expect(lines.stdout).toMatch(/^cost +0\.4 USD \(4 s billed\)$/m);
      // The query does not name the model: without --model the cost is unknown, and the line says what to pass.
      const unnamed = await cli(server, 'intl', 'status', body.taskId);
      expect(unnamed.stdout).toMatch(/^cost +unknown \(the model of this task is unknown here: name it with --model\)$/m);
    });

    it('with no known region: the estimate and the cost are unknown, and the task still runs', async () => {
      const run = await cli(server, undefined, ...FOX);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stderr.trim().split('\n');
      expect(lines[0]).toBe('Estimated cost: unknown (the region of MODELSTUDIO_BASE_URL is unknown: pass --region or set MODELSTUDIO_REGION (intl, cn, us, eu, jp, hk) to price it)');
      expect(lines.at(-1)).toBe('Cost: unknown (the region of MODELSTUDIO_BASE_URL is unknown: pass --region or set MODELSTUDIO_REGION (intl, cn, us, eu, jp, hk) to price it)');
      const asJson = await cli(server, undefined, ...FOX, '--json', '--quiet');
      expect(asJson.stderr).toBe('');
      expect(json(asJson)).toMatchObject({
        ok: true,
        status: 'SUCCEEDED',
        estimatedCost: { model: 'wan2.6-t2v', seconds: 10, reason: expect.any(String) },
        cost: { seconds: 10, reason: expect.any(String) },
      });
      expect(json<{ estimatedCost: object }>(asJson).estimatedCost).not.toHaveProperty('amount');
    });
  });
});

/**
 * `modelstudio-video doctor` as a user runs it: child processes against simulator servers (one
 * per case that counts what reached the service), checking the lines, the exit code, the JSON
 * document, what was sent, and that the key never shows. `--live` on a terminal runs under
 * util-linux `script`, answering the question as a person would.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupReport } from 'modelstudio-video';
import { startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';
import { freePort } from '../helpers/ports.ts';
import { CLI, cleanEnv, json, killAll, runCli, warmUp, type CliRun } from './run-cli.ts';

/** A key of the right shape that the simulator does not accept (it takes only its own). */
const WRONG_KEY = 'sk-0123456789abcdef0123456789abcdef';

const servers: SimulatorServer[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-doctor-'));
  await warmUp(join(dir, 'compile-cache'));
});

afterAll(async () => {
  killAll();
  await Promise.all(servers.map((server) => server.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A simulator server of the case's own, quick enough that a live task ends in about a second. */
async function simulator(): Promise<SimulatorServer> {
  const server = await startSimulatorServer({ speed: 40 });
  servers.push(server);
  return server;
}

/** The simulator's environment, as `modelstudio-video simulate` prints it. */
function simulatorEnv(server: SimulatorServer, extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_REGION: 'intl', ...extra });
}

/** Runs `doctor` and checks that no key of its environment shows anywhere in its output. */
async function doctor(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const run = await runCli(['doctor', ...args], env);
  const output = `${run.stdout}${run.stderr}`;
  for (const key of [env.MODELSTUDIO_API_KEY, env.DASHSCOPE_API_KEY]) {
    if (key) expect(output).not.toContain(key);
  }
  expect(output).not.toContain(WRONG_KEY.slice(3, 20));
  return run;
}

/** Requests the server received, by route. */
function received(server: SimulatorServer): number {
  return Object.values(server.simulator.stats.requests).reduce((total, count) => total + count, 0);
}


const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs `doctor args` in a pseudo-terminal (`script`), typing `answer` once the question shows. */
function doctorOnTerminal(args: readonly string[], env: Record<string, string>, answer: string): Promise<{ code: number | null; screen: string }> {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, '--conditions=modelstudio-video-source', CLI, 'doctor', ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let typed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    if (!typed && screen.includes('[y/N]')) {
      typed = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe.concurrent('modelstudio-video doctor', { timeout: 60_000 }, () => {
  it('all ok against the simulator: one ok line per check, a closing line, exit 0; two free GETs and nothing billed', async () => {
    const server = await simulator();
    const run = await doctor([], simulatorEnv(server));
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'ok apiKey', 'ok region', 'ok baseUrl', 'ok workspace', 'ok host', 'ok keyAccepted', 'ok models', 'All is',
    ]);
    expect(lines[0]).toBe('ok       apiKey       from MODELSTUDIO_API_KEY');
    expect(lines[1]).toBe('ok       region       intl (ap-southeast-1, Singapore), from MODELSTUDIO_REGION');
    expect(lines[2]).toBe(`ok       baseUrl      ${server.baseUrl}, from MODELSTUDIO_BASE_URL: a host of no known region (a proxy or the simulator)`);
    expect(lines[4]).toMatch(new RegExp(`^ok {7}host {9}${server.baseUrl.slice(7)} answers in \\d+ ms \\(HTTP 401 to a GET of the task list without the key\\)$`));
    expect(lines[5]).toBe('ok       keyAccepted  accepted: the task list answered (no tasks yet)');
    expect(lines[6]).toMatch(/^ok {7}models {7}intl serves \d+ models of the SDK: t2v \d+, i2v \d+, r2v \d+, edit \d+, animate \d+$/);
    expect(lines[7]).toBe('All is well: 7 checks ok.');
    expect(server.simulator.stats.requests).toMatchObject({ list: 2, submit: 0 });
    expect(received(server)).toBe(2);
  });

  it('--json: the SDK\'s report as one document, with its field names', async () => {
    const server = await simulator();
    const run = await doctor(['--json', '--region', 'intl'], simulatorEnv(server, { MODELSTUDIO_REGION: 'cn' }));
    expect(run.code, run.stderr).toBe(0);
    const report = json<SetupReport>(run);
    expect(Object.keys(report)).toEqual(['ok', 'checks', 'keySource', 'region', 'baseUrl', 'models']);
    expect(report).toMatchObject({ ok: true, keySource: 'MODELSTUDIO_API_KEY', region: 'intl', baseUrl: server.baseUrl });
    expect(report.checks.every((check) => Object.keys(check).every((key) => ['name', 'status', 'detail', 'fix', 'errorType'].includes(key)))).toBe(true);
    // --region wins over the variable, and the line says so in the person's words.
    expect(report.checks.find((check) => check.name === 'region')?.detail).toBe('intl (ap-southeast-1, Singapore), from --region');
    expect(report.models).toContain('wan2.6-t2v');
  });

  it('a wrong key: the service\'s 401 as a problem with its fix, exit 3; the key never printed, a masked form at most', async () => {
    const server = await simulator();
    const run = await doctor([], simulatorEnv(server, { MODELSTUDIO_API_KEY: WRONG_KEY }));
    expect(run.code, run.stdout).toBe(3);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('ok       apiKey       from MODELSTUDIO_API_KEY (sk-…cdef)');
    expect(lines[5]).toMatch(
      new RegExp(
        `^problem  keyAccepted  ${server.baseUrl.slice(7)} refused the key \\(HTTP 401 InvalidApiKey, request id [\\w-]+\\): a wrong key, or a key of another region\\. ` +
          `Fix: Use the key that ${server.baseUrl.slice(7)} accepts \\(for the simulator: the MODELSTUDIO_API_KEY it prints\\)\\.$`,
      ),
    );
    expect(lines.at(-1)).toBe('1 problem: fix it and run modelstudio-video doctor again.');
    expect(server.simulator.stats.requests.submit).toBe(0);
    const document = json<SetupReport>(await doctor(['--json'], simulatorEnv(server, { MODELSTUDIO_API_KEY: WRONG_KEY })));
    expect(document.checks.find((check) => check.name === 'keyAccepted')).toMatchObject({ status: 'problem', errorType: 'AuthenticationError' });
  });

  it('no key: a problem naming the variables, exit 3; the host is still asked, without a key', async () => {
    const server = await simulator();
    const env = simulatorEnv(server);
    delete env.MODELSTUDIO_API_KEY;
    const run = await doctor([], env);
    expect(run.code, run.stdout).toBe(3);
    expect(run.stdout).toContain(
      'problem  apiKey       no API key: MODELSTUDIO_API_KEY, DASHSCOPE_API_KEY, QWEN_API_KEY are unset or empty. ' +
        'Fix: Set MODELSTUDIO_API_KEY to a key created in the Model Studio console of intl (ap-southeast-1, Singapore).\n',
    );
    expect(run.stdout).toContain('skipped  keyAccepted  not checked: there is no key to send\n');
    expect(server.simulator.stats.requests).toMatchObject({ list: 1, submit: 0 });
  });

  it('an unreachable host (a closed port): exit 7, with how to start the simulator', async () => {
    const port = await freePort();
    const run = await doctor([], cleanEnv({ MODELSTUDIO_BASE_URL: `http://127.0.0.1:${port}`, MODELSTUDIO_API_KEY: 'sk-simulator', MODELSTUDIO_REGION: 'intl' }));
    expect(run.code, run.stdout).toBe(7);
    expect(run.stdout).toContain(
      `problem  host         127.0.0.1:${port} does not answer: the connection was refused (ECONNREFUSED): nothing listens there. ` +
        `Fix: Start the server at http://127.0.0.1:${port} (for the simulator: modelstudio-video simulate), or correct MODELSTUDIO_BASE_URL.\n`,
    );
    expect(run.stdout).toContain('skipped  keyAccepted  not checked: the host does not answer\n');
  });

  it('a base URL with a path: exit 2, the URL to use instead; the key is not sent', async () => {
    const server = await simulator();
    const run = await doctor([], simulatorEnv(server, { MODELSTUDIO_BASE_URL: `${server.baseUrl}/api/v1` }));
    expect(run.code, run.stdout).toBe(2);
    expect(run.stdout).toContain(
      `problem  baseUrl      ${server.baseUrl}/api/v1, from MODELSTUDIO_BASE_URL, has the path /api/v1: the SDK adds /api/v1/... itself, so every request would miss. ` +
        `Fix: Set MODELSTUDIO_BASE_URL to ${server.baseUrl}, without the path.\n`,
    );
    // Only the probe, at the path the client would use, which the service does not serve.
    expect(server.simulator.stats.requests).toMatchObject({ unknown: 1, list: 0, submit: 0 });
  });

  it('--region eu with no workspace: exit 2, in the words of the flags; nothing sent (there is no host to ask)', async () => {
    const run = await doctor(['--region', 'eu'], cleanEnv({ MODELSTUDIO_API_KEY: 'sk-simulator' }));
    expect(run.code, run.stdout).toBe(2);
    expect(run.stdout).toContain('ok       region       eu (eu-central-1, Frankfurt), from --region\n');
    expect(run.stdout).toContain(
      'problem  workspace    --region eu (eu-central-1) is reached through workspace hosts only: pass --workspace (or set MODELSTUDIO_WORKSPACE_ID), or set MODELSTUDIO_BASE_URL. ' +
        'Fix: Set MODELSTUDIO_WORKSPACE_ID to the id of your workspace in eu (eu-central-1, Frankfurt), as the Model Studio console shows it, or set MODELSTUDIO_BASE_URL.\n',
    );
    expect(run.stdout).toContain('skipped  host         not checked: there is no base URL to ask\n');
  });

  it('--live --yes: the estimate first, then exactly one task, the cheapest at its lowest resolution and shortest duration; run time and cost', async () => {
    const server = await simulator();
    const run = await doctor(['--live', '--yes'], simulatorEnv(server));
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toContain('Live check: the cheapest task intl offers, wan2.2-t2v-plus at 480P, 5 s, text to video.\nEstimated cost: 0.1 USD (5 s × 0.02 USD/s at 480P;');
    const tasks = server.simulator.tasks.all();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.model).toBe('wan2.2-t2v-plus');
    expect(tasks[0]?.body).toEqual({ model: 'wan2.2-t2v-plus', input: { prompt: 'A calm sea under a clear blue sky' }, parameters: { size: '832*480', duration: 5 } });
    expect(run.stdout).toMatch(
      new RegExp(`^ok {7}live {9}task ${tasks[0]?.taskId} \\(wan2\\.2-t2v-plus, 480P, 5 s, text to video: 0\\.1 USD estimated\\) SUCCEEDED in \\d+\\.\\d s, cost 0\\.1 USD \\(5 s billed\\)$`, 'm'),
    );
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('All is well: 8 checks ok.');
    expect(server.simulator.stats.billed.tasks.map((task) => task.model)).toEqual(['wan2.2-t2v-plus']);
  });

  it('--live --yes --json: the live task\'s run time and actual cost in the document', async () => {
    const server = await simulator();
    const report = json<SetupReport>(await doctor(['--live', '--yes', '--json'], simulatorEnv(server)));
    expect(report.live).toMatchObject({ model: 'wan2.2-t2v-plus', resolution: '480P', duration: 5, status: 'SUCCEEDED', cost: { amount: 0.1, currency: 'USD', seconds: 5 } });
    expect(report.live?.runTimeMs).toBeGreaterThan(0);
    expect(server.simulator.tasks.size).toBe(1);
  });

  it('--live without --yes off a terminal: refused with the reason, exit 2, and nothing at all sent', async () => {
    const server = await simulator();
    const run = await doctor(['--live'], simulatorEnv(server));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: UsageError: --live sends a billed task and asks first, but this is not a terminal: add --yes to confirm it ahead. Nothing was sent.\n');
    expect(run.stdout).toBe('');
    expect(received(server)).toBe(0);
    const document = json<{ ok: boolean; error: { type: string } }>(await doctor(['--live', '--json'], simulatorEnv(server)));
    expect(document).toMatchObject({ ok: false, error: { type: 'UsageError' } });
    expect(received(server)).toBe(0);
  });

  it('--live with a problem found first: the task is not sent', async () => {
    const server = await simulator();
    const run = await doctor(['--live', '--yes'], simulatorEnv(server, { MODELSTUDIO_API_KEY: WRONG_KEY }));
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('skipped  live         not sent: fix keyAccepted first\n');
    expect(server.simulator.tasks.size).toBe(0);
  });
});

describe.skipIf(!hasScript)('modelstudio-video doctor --live on a terminal', { timeout: 60_000 }, () => {
  it('asks before sending, the estimate in the question even with --quiet: "n" sends nothing', async () => {
    const server = await simulator();
    const { code, screen } = await doctorOnTerminal(['--live', '--quiet'], simulatorEnv(server), 'n');
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/Live check: the cheapest task intl offers, wan2\.2-t2v-plus at 480P, 5 s, text to video\.\r\nEstimated cost: 0\.1 USD \([^\r]*\)\r\nSend it\? It is billed\. \[y\/N\] /);
    expect(screen).toContain('skipped  live         declined: wan2.2-t2v-plus, 480P, 5 s, text to video: 0.1 USD was not sent');
    expect(server.simulator.tasks.size).toBe(0);
    expect(screen).not.toContain(server.apiKey);
  });

  it('"y" sends the one task and follows it', async () => {
    const server = await simulator();
    const { code, screen } = await doctorOnTerminal(['--live'], simulatorEnv(server), 'y');
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/ok {7}live {9}task [\w-]+ \(wan2\.2-t2v-plus, 480P, 5 s, text to video: 0\.1 USD estimated\) SUCCEEDED in \d+\.\d s, cost 0\.1 USD \(5 s billed\)/);
    expect(server.simulator.tasks.size).toBe(1);
  });
});

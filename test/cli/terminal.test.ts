/**
 * What a person sees: `t2v -o` run in a pseudo-terminal (util-linux `script`), so that stdout and
 * stderr are TTYs, as in an interactive shell. The transcript is what the terminal received.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, videoOfTask, type SimulatorServer } from 'modelstudio-video/testing';
import { CLI, cleanEnv, killAll, spawnCollect, warmUp } from './run-cli.ts';

let server: SimulatorServer;
let dir: string;

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  // The task runs 3 s: long enough for about thirty redraws of the live line.
  server = await startSimulatorServer({ speed: 10, timing: { pendingMs: 1_000, runningMs: 29_000 } });
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-tty-'));
  await warmUp(join(dir, 'compile-cache'));
});

afterAll(async () => {
  killAll();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

describe.skipIf(!hasScript)('modelstudio-video in a terminal', { timeout: 60_000 }, () => {
  it('t2v -o: a live progress line redrawn in place, a download bar, then the result', async () => {
    const file = join(dir, 'fox.mp4');
    const command = [process.execPath, '--conditions=modelstudio-video-source', CLI, 't2v', 'A red fox trotting through fresh snow', '--duration', '2', '-o', file].map(quote).join(' ');
    const run = await spawnCollect(
      'script',
      ['-qfec', command, '/dev/null'],
      cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, MODELSTUDIO_REGION: 'intl' }),
    );
    const screen = run.stdout;
    expect(run.code, screen).toBe(0);

    // The terminal turns each \n into \r\n; the live line starts with a bare \r each time it is redrawn.
    const redraws = screen.match(/\r\[[#.]{20}\] +\d+% \(estimate\) {2}(SUBMITTING|PENDING|RUNNING) {2}\d+\.\d s\x1b\[K/g) ?? [];
    expect(redraws.length).toBeGreaterThan(10);
    expect(screen).toMatch(/^Estimated cost: 0\.3 USD \(2 s × 0\.15 USD\/s at 1080P; [^\r]*\)\r\n/);
    expect(screen).toMatch(/\r\x1b\[KSubmitted task [\w-]+ \(wan2\.6-t2v\)\r\n/);
    expect(screen).toContain('RUNNING');
    expect(screen).toMatch(/\r\[#{20}\] 100% {2}SUCCEEDED {2}\d+\.\d s\x1b\[K\r\n/);
    // The simulator's video of what the task asked for (2 s at the simulator's default size).
    const task = server.simulator.tasks.get(/Submitted task ([\w-]+)/.exec(screen)?.[1] ?? '');
    const bytes = task ? videoOfTask(task).byteLength : 0;
    const kB = `${(bytes / 1000).toFixed(1).replace('.', '\\.')} kB`;
    expect(screen).toMatch(new RegExp(`\\rDownloading \\[#{20}\\] 100% {2}${kB} of ${kB}\\x1b\\[K\\r\\n`));
    expect(screen).toMatch(new RegExp(`Task [\\w-]+ succeeded \\(wan2\\.6-t2v\\)\\.\\r\\nSaved ${bytes} bytes to .*fox\\.mp4\\r\\nCost: 0\\.3 USD \\(2 s billed\\)\\r\\n$`));
    expect(screen).not.toContain(server.apiKey);
    expect((await stat(file)).size).toBe(bytes);
  });
});

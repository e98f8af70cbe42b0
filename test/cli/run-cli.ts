/**
 * Runs the `modelstudio-video` command as a user does, in a child process: from the sources
 * (`--conditions=modelstudio-video-source`; the packaging check runs the built binary), with an environment holding
 * only the variables a test gives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The command's entry. */
export const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** How a run ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<ChildProcess>();

/** The test process's environment without any key or base URL of the service. */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const kept = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !/^(MODELSTUDIO|DASHSCOPE|QWEN)_/.test(entry[0]),
  );
  return { ...Object.fromEntries(kept), ...(compileCache !== undefined && { NODE_COMPILE_CACHE: compileCache }), ...extra };
}

let compileCache: string | undefined;

/**
 * Shares Node's compile cache among the runs of a test file, in `folder`, and fills it with one
 * run that loads the whole client: each later run then starts in half the time, which matters
 * when a dozen runs start at once on a small machine.
 */
export async function warmUp(folder: string): Promise<void> {
  compileCache = folder;
  await runCli(['status', 'warm-up'], cleanEnv());
}

/** Starts `file args` and collects its output; killed after `timeoutMs`. */
export function spawnCollect(file: string, args: readonly string[], env: Record<string, string>, timeoutMs = 50_000): Promise<CliRun> & { child: ChildProcess } {
  const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
  return Object.assign(done, { child });
}

/** Runs the command with `args` in `env`. */
export function runCli(args: readonly string[], env: Record<string, string>, timeoutMs?: number): Promise<CliRun> & { child: ChildProcess } {
  return spawnCollect(process.execPath, ['--conditions=modelstudio-video-source', CLI, ...args], env, timeoutMs);
}

/** Kills whatever a failed test left running. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** The run's stdout as JSON, with the run in the message when it is not. */
export function json<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/**
 * `doctor`: the SDK's setup check (`checkSetup`) as one line per check, `ok` or `problem` with the
 * fix, and an exit code by the first problem. With `--live`, one billed task: the cheapest the
 * region offers, shown with its estimate and confirmed on the terminal (or by `--yes`) first.
 *
 * @module
 */
import { createInterface } from 'node:readline/promises';
import { REGION_ENV_VAR, WORKSPACE_ID_ENV_VAR } from '../core/env-vars.ts';
import { plural } from '../core/text.ts';
import type { LiveTaskPlan, SetupCheck, SetupReport } from '../client/setup-report.ts';
import type { VideoTask } from '../task/video-task.ts';
import type { ClientFlags } from './connect.ts';
import { estimateLine } from './cost-lines.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';
import { onInterrupt } from './interrupt.ts';
import { Output, type OutputFlags } from './output.ts';
import { UsageError } from './usage-error.ts';

/** The flags of `doctor`. */
export interface DoctorFlags extends OutputFlags, Pick<ClientFlags, 'debug' | 'region' | 'workspace' | 'record'> {
  /** `--live`: also send the cheapest billed task. */
  readonly live?: boolean;
  /** `--yes`: send it without asking. */
  readonly yes?: boolean;
}

/**
 * The exit code of a problem, by the error class it stands for: the table's row that lists it
 * (a refused key 3, an unreachable host 7, a bad setting 2), else 1.
 */
function exitCodeOfProblem(check: SetupCheck): ExitCode {
  const row = EXIT_CODES.find((entry) => (entry.errors as readonly string[]).includes(check.errorType ?? ''));
  return row?.code ?? 1;
}

/**
 * The SDK's words for a setting as the person set it: the command hands `--region` and
 * `--workspace` to the client as their variables, which a flag then overrides.
 */
function inFlagWords(text: string, flags: DoctorFlags): string {
  // The command takes no key option: only the variables give one.
  let out = text
    .replace(', and no apiKey option is given', '')
    .replace(/\bthe record option\b/g, '--record')
    .replace(/^record cannot/, '--record cannot')
    // The client's own refusals advise its options; here the flags and variables set them.
    .replace(/pass workspaceId \(or set (\w+)\), or baseUrl/, 'pass --workspace (or set $1), or set MODELSTUDIO_BASE_URL')
    .replace(/; or pass baseUrl$/, '; or set MODELSTUDIO_BASE_URL');
  if (flags.region !== undefined) {
    out = out.replace(/\b([Ss])et MODELSTUDIO_REGION to\b/g, (_, s: string) => `${s === 'S' ? 'P' : 'p'}ass --region`).replaceAll(REGION_ENV_VAR, '--region');
  }
  if (flags.workspace !== undefined) {
    out = out
      .replace(/\b([Ss])et MODELSTUDIO_WORKSPACE_ID to\b/g, (_, s: string) => `${s === 'S' ? 'P' : 'p'}ass --workspace`)
      .replace(/\b([Uu])nset MODELSTUDIO_WORKSPACE_ID\b/g, (_, u: string) => `${u === 'U' ? 'L' : 'l'}eave out --workspace`)
      .replaceAll(WORKSPACE_ID_ENV_VAR, '--workspace');
  }
  return out;
}

/** A check with its words as the person set things. */
function inFlagWordsCheck(check: SetupCheck, flags: DoctorFlags): SetupCheck {
  return { ...check, detail: inFlagWords(check.detail, flags), ...(check.fix !== undefined && { fix: inFlagWords(check.fix, flags) }) };
}

/** `ok       keyAccepted  ...`, a problem with its fix on the same line. */
function checkLines(checks: readonly SetupCheck[]): string[] {
  const width = Math.max(...checks.map((check) => check.name.length));
  return checks.map((check) => `${check.status.padEnd(7)}  ${check.name.padEnd(width)}  ${check.detail}${check.fix ? `. Fix: ${check.fix}` : ''}`);
}

/** The closing line: all well, or how many problems. */
function summary(report: SetupReport): string {
  const problems = report.checks.filter((check) => check.status === 'problem').length;
  const skipped = report.checks.filter((check) => check.status === 'skipped').length;
  if (problems === 0) return `All is well: ${plural(report.checks.length - skipped, 'check')} ok${skipped > 0 ? `, ${skipped} skipped` : ''}.`;
  return `${plural(problems, 'problem')}: fix ${problems === 1 ? 'it' : 'them'} and run modelstudio-video doctor again.`;
}

/** Asks on the terminal; Ctrl+C or anything but y/yes is a no. */
async function askOnTerminal(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const declined = new Promise<string>((resolve) => terminal.once('SIGINT', () => resolve('')));
    const answer = await Promise.race([terminal.question(question), declined]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    terminal.close();
  }
}

/** What the person is asked to confirm: the task and its estimate. */
function planLines(plan: LiveTaskPlan, region: string): string[] {
  return [`Live check: the cheapest task ${region} offers, ${plan.model} at ${plan.resolution}, ${plan.duration} s, text to video.`, estimateLine(plan.estimate)];
}

/** Runs `doctor`. */
export async function doctor(flags: DoctorFlags): Promise<ExitCode> {
  const out = new Output(flags);
  // Refused before anything is sent, free requests included: the person meant the live check.
  if (flags.live === true && flags.yes !== true && process.stdin.isTTY !== true) {
    return out.fail(new UsageError('--live sends a billed task and asks first, but this is not a terminal: add --yes to confirm it ahead. Nothing was sent.'));
  }
  const interrupt = onInterrupt();
  let live: VideoTask | undefined;
  try {
    const { checkSetup } = await import('../client/check-setup.ts');
    // The flags act as their variables, as for every command (connect.ts).
    const env = {
      ...process.env,
      ...(flags.region !== undefined && { [REGION_ENV_VAR]: flags.region }),
      ...(flags.workspace !== undefined && { [WORKSPACE_ID_ENV_VAR]: flags.workspace }),
    };
    const view = out.progress();
    const report = await checkSetup(
      { env, debug: flags.debug === true, ...(flags.record !== undefined && { record: flags.record }) },
      {
        live: flags.live === true,
        signal: interrupt.signal,
        confirm: async (plan) => {
          const lines = planLines(plan, plan.estimate.region ?? 'the region');
          if (flags.yes === true) {
            for (const line of lines) out.log(line);
            return true;
          }
          // Part of the question, so that --quiet never hides what is being paid for.
          return askOnTerminal(`${lines.join('\n')}\nSend it? It is billed. [y/N] `);
        },
        onTask: (task) => {
          live = task;
          const display = view.follow(task);
          task.then(() => display.stop(), () => display.stop());
        },
      },
    );
    const checks = report.checks.map((check) => inFlagWordsCheck(check, flags));
    out.result([...checkLines(checks), summary(report)], { ...report, checks });
    const problem = checks.find((check) => check.status === 'problem');
    return problem === undefined ? 0 : exitCodeOfProblem(problem);
  } catch (error) {
    return out.fail(error, { taskId: live?.taskId });
  } finally {
    interrupt.dispose();
  }
}

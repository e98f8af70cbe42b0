/**
 * The command's error messages name what the person typed (issue 25, point 7): positional
 * arguments as the usage line names them (`<image>`, `<refs...> #2`), flags by their flag
 * (`--last-frame`), never the SDK's field names as flags (`--prompt`, `--image`) nor the wire's
 * (`input.img_url`); an unknown model is one sentence listing the mode's models in the region; an
 * unknown command or flag is one line with the closest name and where the help is. Every run here
 * must send nothing: they all talk to one simulator whose counters stay at zero.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsOf } from 'modelstudio-video';
import { startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';
import { cleanEnv, json, killAll, runCli, warmUp, type CliRun } from './run-cli.ts';

let idle: SimulatorServer;
let dir: string;

/** A local file that does not exist, named relative to the folder the command runs in (the repository's). */
const MISSING_IMAGE = 'nope.png';
const MISSING_VIDEO = 'nope.mp4';
const MISSING_AUDIO = 'nope.mp3';
const IMAGE = 'https://cdn.example.com/me.png';
const VIDEO = 'https://cdn.example.com/dance.mp4';
const AUDIO = 'https://cdn.example.com/hello.mp3';

/** Names the command must never print: the wire's fields, and SDK fields dressed as flags no command has. */
const NEVER = [/\binput\.\w/, /--prompt\b/, /--image\b/, /--references\b/, /--video\b/, /\bimg_url\b/, /\breference_urls\b/, /\baudio_url\b/];

beforeAll(async () => {
  idle = await startSimulatorServer({ speed: 10 });
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-messages-'));
  await warmUp(join(dir, 'compile-cache'));
  for (const missing of [MISSING_IMAGE, MISSING_VIDEO, MISSING_AUDIO]) expect(existsSync(missing), `${missing} must not exist where the command runs`).toBe(false);
});

afterAll(async () => {
  killAll();
  await idle?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the command against the idle simulator, in `region` (intl unless said). */
async function cli(args: readonly string[], region = 'intl'): Promise<CliRun> {
  return runCli(args, cleanEnv({ MODELSTUDIO_BASE_URL: idle.baseUrl, MODELSTUDIO_API_KEY: idle.apiKey, MODELSTUDIO_REGION: region }));
}

/** The one error line of a run that failed with exit 2 before sending anything (an estimate line may come first). */
function errorLineOf(run: CliRun): string {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trimEnd().split('\n').filter((line) => !line.startsWith('Estimated cost: '));
  expect(lines, run.stderr).toHaveLength(1);
  const [line = ''] = lines;
  for (const pattern of NEVER) expect(line).not.toMatch(pattern);
  return line;
}

describe.concurrent('what the error messages name', { timeout: 60_000 }, () => {
  it('t2v: an empty <prompt> is named as the argument, not as a --prompt flag', async () => {
    expect(errorLineOf(await cli(['t2v', '']))).toBe(
      'error: ValidationError: Invalid t2v request for wan2.6-t2v (1 problem): <prompt> must not be empty: wan2.6-t2v needs a prompt',
    );
  });

  it('i2v: a missing <image> file, a missing --last-frame file, a file of no known type, a refused --ratio, frames that do not go together', async () => {
    expect(errorLineOf(await cli(['i2v', MISSING_IMAGE, 'The cat yawns']))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <image> ${MISSING_IMAGE} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['i2v', IMAGE, 'The flower opens', '--model', 'wan2.7-i2v', '--last-frame', MISSING_IMAGE]))).toBe(
      `error: ValidationError: Invalid local input (1 problem): --last-frame ${MISSING_IMAGE} cannot be read: no such file`,
    );
    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'not an image');
    expect(errorLineOf(await cli(['i2v', notes, 'x']))).toBe(
      'error: ValidationError: Invalid i2v request for wan2.6-i2v (1 problem): <image> cannot tell the type of "notes.txt" from its extension (allowed: image/jpeg, image/png, image/bmp, image/webp)',
    );
    expect(errorLineOf(await cli(['i2v', IMAGE, 'x', '--ratio', '16:9']))).toBe(
      'error: ValidationError: Invalid i2v request for wan2.6-i2v (1 problem): --ratio is not supported by wan2.6-i2v: the video takes the aspect ratio of the input; set --resolution instead',
    );
    expect(errorLineOf(await cli(['i2v', IMAGE, 'x', '--model', 'wan2.7-i2v', '--continue-from', VIDEO]))).toMatch(
      /: <image> \+ --continue-from cannot go together on wan2\.7-i2v \(allowed: <image>, <image> \+ --driving-audio, .*--continue-from \+ --last-frame\)$/,
    );
  });

  it('r2v: the second of <refs...> is named by its place; an empty <prompt>; a reference of no known kind', async () => {
    expect(errorLineOf(await cli(['r2v', IMAGE, MISSING_IMAGE, 'character1 waves at character2']))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <refs...> #2 ${MISSING_IMAGE} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['r2v', IMAGE, '']))).toBe(
      'error: ValidationError: Invalid r2v request for wan2.6-r2v (1 problem): <prompt> must not be empty: wan2.6-r2v needs a prompt',
    );
    // The SDK's advice (`{ url, type }`) has no flag: the command says what the person can do.
    expect(errorLineOf(await cli(['r2v', 'https://cdn.example.com/who', 'character1 waves']))).toBe(
      'error: ValidationError: Invalid r2v request for wan2.6-r2v (1 problem): <refs...> #1 cannot tell whether "https://cdn.example.com/who" is an image or a video: give a file or URL whose extension says (such as .png or .mp4)',
    );
  });

  it('edit: a missing <video> file; the second --reference by its place', async () => {
    expect(errorLineOf(await cli(['edit', MISSING_VIDEO, 'make it snow']))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <video> ${MISSING_VIDEO} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['edit', VIDEO, 'make it snow', '--reference', IMAGE, '--reference', MISSING_IMAGE]))).toBe(
      `error: ValidationError: Invalid local input (1 problem): --reference #2 ${MISSING_IMAGE} cannot be read: no such file`,
    );
  });

  it('animate: <image> and <video>', async () => {
    expect(errorLineOf(await cli(['animate', MISSING_IMAGE, VIDEO]))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <image> ${MISSING_IMAGE} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['animate', IMAGE, MISSING_VIDEO]))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <video> ${MISSING_VIDEO} cannot be read: no such file`,
    );
  });

  it('s2v and lipsync (cn): <image>, <video> and <audio>, not --driving-audio; the --face-image flag', async () => {
    expect(errorLineOf(await cli(['s2v', IMAGE, MISSING_AUDIO], 'cn'))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <audio> ${MISSING_AUDIO} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['s2v', MISSING_IMAGE, AUDIO], 'cn'))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <image> ${MISSING_IMAGE} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['lipsync', MISSING_VIDEO, AUDIO], 'cn'))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <video> ${MISSING_VIDEO} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['lipsync', VIDEO, MISSING_AUDIO], 'cn'))).toBe(
      `error: ValidationError: Invalid local input (1 problem): <audio> ${MISSING_AUDIO} cannot be read: no such file`,
    );
    expect(errorLineOf(await cli(['lipsync', VIDEO, AUDIO, '--face-image', MISSING_VIDEO], 'cn'))).toBe(
      'error: ValidationError: Invalid lipsync request for videoretalk (1 problem): --face-image "nope.mp4" is video/mp4, not an accepted image type (allowed: image/jpeg, image/png, image/bmp, image/webp)',
    );
  });

  it('--json: the issue by its SDK field, never the wire field', async () => {
    const run = await cli(['i2v', MISSING_IMAGE, 'The cat yawns', '--json']);
    expect(run.code).toBe(2);
    expect(json(run)).toEqual({
      ok: false,
      error: {
        type: 'ValidationError',
        message: `Invalid local input (1 problem):\n- image ${MISSING_IMAGE} cannot be read: no such file`,
        issues: [{ path: 'image', message: `${MISSING_IMAGE} cannot be read: no such file` }],
      },
    });
  });

  it('--region names itself, and the advice names flags and variables, not client options', async () => {
    const run = await runCli(['t2v', 'A fox', '--region', 'eu', '--estimate'], cleanEnv());
    expect(errorLineOf(run)).toBe(
      'error: ValidationError: Invalid client options (1 problem): --region eu (eu-central-1) is reached through workspace hosts only: pass --workspace (or set MODELSTUDIO_WORKSPACE_ID), or set MODELSTUDIO_BASE_URL',
    );
    const insecure = await runCli(['list'], cleanEnv({ MODELSTUDIO_API_KEY: 'sk-unused', MODELSTUDIO_BASE_URL: 'http://example.com' }));
    expect(errorLineOf(insecure)).toBe(
      'error: ValidationError: Invalid client options (1 problem): MODELSTUDIO_BASE_URL "http://example.com" would send the API key in clear text; use https://',
    );
  });

  it('an unknown model: one sentence that lists the models of the mode in the region', async () => {
    const intl = await cli(['t2v', 'A fox', '--model', 'wan9-foo']);
    expect(intl.code).toBe(2);
    expect(intl.stderr).toBe(`error: UsageError: Unknown model wan9-foo for t2v; the t2v models in intl are: ${modelsOf('textToVideo', 'intl').join(', ')}\n`);
    expect(intl.stderr).toContain('wan2.6-t2v, ');
    expect(intl.stderr).not.toContain('wan2.6-t2v-us');
    // The region's own names: in us, wan2.6-t2v is wan2.6-t2v-us.
    const us = await cli(['t2v', 'A fox', '--model', 'wan9-foo', '--estimate'], 'us');
    expect(us.stderr).toBe(`error: UsageError: Unknown model wan9-foo for t2v; the t2v models in us are: ${modelsOf('textToVideo', 'us').join(', ')}\n`);
    expect(us.stderr).toContain('wan2.6-t2v-us');
    const i2v = await cli(['i2v', IMAGE, 'x', '--model', 'wan2.6-t2v', '--json']);
    expect(i2v.stderr).toBe(
      `error: UsageError: wan2.6-t2v is not a model of i2v: it serves t2v (run modelstudio-video t2v with it); the i2v models in intl are: ${modelsOf('imageToVideo', 'intl').join(', ')}\n`,
    );
    expect(json(i2v)).toMatchObject({ ok: false, error: { type: 'UsageError', message: expect.stringMatching(/^wan2\.6-t2v is not a model of i2v: it serves t2v/) } });
    // A model of several modes names each.
    const r2v = await cli(['r2v', IMAGE, 'character1 waves', '--model', 'kling/kling-v3-video-generation']);
    expect(r2v.stderr).toMatch(/^error: UsageError: kling\/kling-v3-video-generation is not a model of r2v: it serves t2v or i2v \(run modelstudio-video t2v with it\); the r2v models in intl are: /);
    // A region with no model of the mode says so instead of listing nothing.
    const none = await cli(['s2v', IMAGE, AUDIO, '--model', 'wan9-s2v']);
    expect(none.stderr).toBe('error: UsageError: Unknown model wan9-s2v for s2v; intl serves no s2v model\n');
    // A model of the mode that the region does not serve: the SDK's message names its name there.
    const elsewhere = await cli(['t2v', 'A fox', '--model', 'wan2.6-t2v-us']);
    expect(errorLineOf(elsewhere)).toBe(
      'error: ValidationError: Invalid t2v request for wan2.6-t2v-us (1 problem): --model wan2.6-t2v-us is not served in intl (only us); its name there is wan2.6-t2v',
    );
  });

  it('an unknown command: one line with the closest command and where the help is, exit 2; --json gets its document', async () => {
    const run = await cli(['t2vv', 'A fox']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("error: UsageError: unknown command 't2vv'; did you mean 't2v'? Run modelstudio-video --help for the commands.\n");
    const nothingClose = await cli(['frobnicate']);
    expect(nothingClose.stderr).toBe("error: UsageError: unknown command 'frobnicate'. Run modelstudio-video --help for the commands.\n");
    const asJson = await cli(['t2vv', '--json']);
    expect(asJson.code).toBe(2);
    expect(json(asJson)).toEqual({ ok: false, error: { type: 'UsageError', message: "unknown command 't2vv'; did you mean 't2v'?" } });
    expect(asJson.stderr.split('\n')).toHaveLength(2);
  });

  it("a subcommand's usage errors: one line each, pointing at its own help; arguments named as in the usage line", async () => {
    const flag = await cli(['t2v', 'A fox', '--durration', '5']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("error: UsageError: unknown option '--durration'; did you mean '--duration'? Run modelstudio-video t2v --help for its arguments and flags.\n");
    const missing = await cli(['r2v']);
    expect(missing.stderr).toBe('error: UsageError: missing required argument <refs...>. Run modelstudio-video r2v --help for its arguments and flags.\n');
    const prompt = await cli(['t2v']);
    expect(prompt.stderr).toBe('error: UsageError: missing required argument <prompt>. Run modelstudio-video t2v --help for its arguments and flags.\n');
  });
});

it('the runs above sent nothing', () => {
  const requests = Object.values(idle.simulator.stats.requests).reduce((total, count) => total + count, 0);
  expect(requests).toBe(0);
  expect(idle.simulator.tasks.size).toBe(0);
});

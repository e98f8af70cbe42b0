/**
 * The `modelstudio-video` command as a user runs it: child processes against one simulator server,
 * checking exit codes, stdout (the result, or one JSON document with --json), stderr (logs and
 * one error line) and what reached the service. Independent cases run concurrently.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION, modelsOf } from 'modelstudio-video';
import { startSimulatorServer, videoOfTask, type SimulatorServer } from 'modelstudio-video/testing';
import { cleanEnv, json, killAll, runCli, warmUp, type CliRun } from './run-cli.ts';

let server: SimulatorServer;
let env: Record<string, string>;
let dir: string;

/** A small PNG: the signature and some bytes are what the SDK and the simulator read. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 120 }, (_, i) => i)]);

beforeAll(async () => {
  server = await startSimulatorServer({
    speed: 10,
    // Tasks end 1 s after the submit (the first poll, 2 s in, sees the end); a "slow start" task
    // stays PENDING for a minute, so that a cancel is in time.
    timing: (body) => {
      const prompt = String((body.input as { prompt?: unknown } | undefined)?.prompt ?? '');
      return prompt.includes('slow start') ? { pendingMs: 600_000, runningMs: 10_000 } : { pendingMs: 1_000, runningMs: 9_000 };
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-'));
  await warmUp(join(dir, 'compile-cache'));
  env = cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey });
});

afterAll(async () => {
  killAll();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the command with the simulator's environment; the key never shows in the output. */
async function cli(...args: string[]): Promise<CliRun> {
  const run = await runCli(args, env);
  expect(`${run.stdout}${run.stderr}`).not.toContain(server.apiKey);
  return run;
}

function taskWithPrompt(prompt: string) {
  return server.simulator.tasks.all().find((task) => (task.body.input as { prompt?: unknown }).prompt === prompt);
}

// Generous: a dozen processes start at once, and the whole suite may share the machine.
describe.concurrent('modelstudio-video', { timeout: 60_000 }, () => {
  it('t2v --json: one JSON document with the task and its video; status lines on stderr', async () => {
    const run = await cli('t2v', 'A red fox trotting through fresh snow', '--duration', '2', '--resolution', '720p', '--ratio', '9:16', '--json');
    expect(run.code, run.stderr).toBe(0);
    const body = json<{ ok: boolean; taskId: string; status: string; model: string; videos: { url: string; expiresAt: string }[] }>(run);
    expect(body).toMatchObject({ ok: true, status: 'SUCCEEDED', model: 'wan2.6-t2v' });
    expect(body.videos[0]?.url).toContain(`${server.baseUrl}/videos/${body.taskId}.mp4`);
    expect(Number.isNaN(Date.parse(body.videos[0]?.expiresAt ?? ''))).toBe(false);
    expect(run.stderr).toContain(`Submitted task ${body.taskId} (wan2.6-t2v)`);
    expect(run.stderr).toMatch(/^PENDING {2}\d+\.\d s {2}\d+% \(estimate\)$/m);
    expect(run.stderr).toMatch(/^SUCCEEDED {2}\d+\.\d s$/m);
    expect(server.simulator.tasks.get(body.taskId)?.body.parameters).toMatchObject({ size: '720*1280', duration: 2 });
  });

  it('animate, s2v and lipsync: the new modes as commands, their inputs as arguments, the bodies they send', async () => {
    const image = 'https://cdn.example.com/me.png';
    const video = 'https://cdn.example.com/dance.mp4';
    const audio = 'https://cdn.example.com/hello.mp3';
    const animate = await cli('animate', image, video, '--quality', 'pro', '--json');
    expect(animate.code, animate.stderr).toBe(0);
    const animated = json<{ taskId: string; model: string; videos: { url: string }[] }>(animate);
    expect(animated.model).toBe('wan2.2-animate-move');
    expect(animated.videos[0]?.url).toContain(`/videos/${animated.taskId}.mp4`);
    expect(server.simulator.tasks.get(animated.taskId)?.body).toEqual({
      model: 'wan2.2-animate-move', input: { image_url: image, video_url: video }, parameters: { mode: 'wan-pro' },
    });
    // Beijing-only models: the region says so, and the talking head and the lip sync run there.
    const cn = { ...env, MODELSTUDIO_REGION: 'cn' };
    const s2v = await runCli(['s2v', image, audio, '--resolution', '720P', '--json'], cn);
    expect(s2v.code, s2v.stderr).toBe(0);
    const spoken = json<{ taskId: string }>(s2v);
    expect(server.simulator.tasks.get(spoken.taskId)?.body).toEqual({ model: 'wan2.2-s2v', input: { image_url: image, audio_url: audio }, parameters: { resolution: '720P' } });
    const lipsync = await runCli(['lipsync', video, audio, '--extend-video', '--json'], cn);
    expect(lipsync.code, lipsync.stderr).toBe(0);
    const synced = json<{ taskId: string }>(lipsync);
    expect(server.simulator.tasks.get(synced.taskId)?.body).toEqual({ model: 'videoretalk', input: { video_url: video, audio_url: audio }, parameters: { video_extension: true } });
    // In intl, the Beijing-only talking head is refused before anything is sent.
    const refused = await runCli(['s2v', image, audio], { ...env, MODELSTUDIO_REGION: 'intl' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('wan2.2-s2v is not served in intl (only cn)');
  });

  it('t2v -o: downloads the MP4 and says where', async () => {
    const file = join(dir, 'out', 'fox.mp4');
    const run = await cli('t2v', 'A koi pond at dusk', '--duration', '2', '-o', file);
    expect(run.code, run.stderr).toBe(0);
    const bytes = await readFile(file);
    // The simulator's video of what the task asked for (2 s at the simulator's default size).
    const task = taskWithPrompt('A koi pond at dusk');
    expect(task).toBeDefined();
    const served = task ? videoOfTask(task) : new Uint8Array();
    expect(new Uint8Array(bytes)).toEqual(served);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(run.stdout).toMatch(new RegExp(`^Task ${task?.taskId} succeeded \\(wan2\\.6-t2v\\)\\.\\nSaved ${served.byteLength} bytes to .*fox\\.mp4\\n$`));
    expect(run.stderr).toContain(`Downloading to ${file}`);
  });

  it('--no-wait prints the task id; wait follows it to the video; status reports it; a late cancel exits 7', async () => {
    const submit = await cli('t2v', 'A paper boat on a rainy street', '--duration', '2', '--no-wait');
    expect(submit.code, submit.stderr).toBe(0);
    const taskId = submit.stdout.trim();
    expect(taskId).toMatch(/^[\w-]{20,}$/);
    expect(submit.stderr).toContain(`modelstudio-video wait ${taskId}`);

    const waited = await cli('wait', taskId, '--json');
    expect(waited.code, waited.stderr).toBe(0);
    expect(json(waited)).toMatchObject({ ok: true, taskId, status: 'SUCCEEDED' });

    const status = await cli('status', taskId);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^task +${taskId}\\nstatus +SUCCEEDED\\n`));
    expect(status.stdout).toContain(`video      ${server.baseUrl}/videos/${taskId}.mp4`);

    const cancel = await cli('cancel', taskId);
    expect(cancel.code).toBe(7);
    expect(cancel.stderr).toMatch(new RegExp(`^error: BadRequestError: Task ${taskId} can no longer be canceled`));
    expect(cancel.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('cancel right after --no-wait: exit 0, then status CANCELED and wait exits 5', async () => {
    const submit = await cli('t2v', 'A slow start at the harbour', '--no-wait', '--json');
    expect(submit.code, submit.stderr).toBe(0);
    const { taskId } = json<{ taskId: string; status: string }>(submit);
    expect(json(submit)).toMatchObject({ ok: true, status: 'PENDING', model: 'wan2.6-t2v' });

    const cancel = await cli('cancel', taskId, '--json');
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(json(cancel)).toEqual({ ok: true, taskId, canceled: true });

    const status = await cli('status', taskId, '--json');
    expect(json(status)).toMatchObject({ ok: true, taskId, status: 'CANCELED' });
    const waited = await cli('wait', taskId);
    expect(waited.code).toBe(5);
    expect(waited.stderr).toContain(`error: TaskCanceledError: Task ${taskId} was canceled.`);
  });

  it('list --json and list: the newest tasks, filtered', async () => {
    const submit = await cli('t2v', 'A lighthouse in a storm', '--duration', '2', '--no-wait', '--quiet');
    const taskId = submit.stdout.trim();
    expect(submit.stderr).toBe('');
    const listed = await cli('list', '--json', '--model', 'wan2.6-t2v', '--since', '10m');
    expect(listed.code, listed.stderr).toBe(0);
    const { tasks } = json<{ tasks: { taskId: string; status: string; model: string; submittedAt: string }[] }>(listed);
    expect(tasks.find((task) => task.taskId === taskId)).toMatchObject({ model: 'wan2.6-t2v', submittedAt: expect.any(String) });
    const table = await cli('list', '--limit', '1');
    expect(table.stdout.split('\n')[0]).toMatch(/^TASK +STATUS +MODEL +SUBMITTED +ENDED$/);
    expect(table.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('a request that breaks the caps: exit 2, one error line naming the flag, nothing sent', async () => {
    const prompt = 'A fox that is far too long';
    const run = await cli('t2v', prompt, '--duration', '20');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: ValidationError: Invalid t2v request for wan2.6-t2v (1 problem): --duration 20 is above the maximum of 15 for wan2.6-t2v (allowed 2–15)\n',
    );
    expect(run.stdout).toBe('');
    const asJson = await cli('t2v', prompt, '--duration', '20', '--json');
    expect(asJson.code).toBe(2);
    expect(json(asJson)).toMatchObject({
      ok: false,
      error: { type: 'ValidationError', issues: [{ path: 'duration', message: expect.stringContaining('above the maximum of 15') }] },
    });
    expect(taskWithPrompt(prompt)).toBeUndefined();
  });

  it('a task that fails on the service: exit 4 with its code', async () => {
    const run = await cli('t2v', 'A moderation-trigger scene', '--duration', '2');
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^error: TaskFailedError: Task [\w-]+ failed: DataInspectionFailed: /m);
  });

  it('i2v with a local PNG: the file goes inline as a data: URI', async () => {
    const image = join(dir, 'frame.png');
    await writeFile(image, PNG);
    const run = await cli('i2v', image, 'The lighthouse beam sweeps the sea', '--resolution', '720P', '--duration', '2', '--json');
    expect(run.code, run.stderr).toBe(0);
    const { taskId } = json<{ taskId: string }>(run);
    const input = server.simulator.tasks.get(taskId)?.body.input as { img_url: string; prompt: string };
    expect(input.prompt).toBe('The lighthouse beam sweeps the sea');
    expect(input.img_url).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
  });

  it('r2v with a local image and a video URL: two references, the last argument is the prompt', async () => {
    const image = join(dir, 'dog.png');
    await writeFile(image, PNG);
    const run = await cli('r2v', image, 'https://example.com/dancer.mp4', 'character2 dances with character1', '--duration', '2', '--json', '--quiet');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const { taskId } = json<{ taskId: string }>(run);
    const task = server.simulator.tasks.get(taskId);
    expect(task?.model).toBe('wan2.6-r2v');
    const input = task?.body.input as { reference_urls: string[]; prompt: string };
    expect(input.prompt).toBe('character2 dances with character1');
    expect(input.reference_urls).toHaveLength(2);
    expect(input.reference_urls[1]).toBe('https://example.com/dancer.mp4');

    const missing = await cli('r2v', 'only a prompt');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: UsageError: r2v needs at least one reference and then the prompt');
  });

  it('--help of every command: exit 0, with its flags', async () => {
    const expected: Record<string, string[]> = {
      '': [
        't2v [options] <prompt>', 'r2v [options] <refs...> <prompt>', 'edit [options] <video> <prompt>', 'Exit codes:', 'AuthenticationError',
        'UsageError, ValidationError, BudgetError', 'MODELSTUDIO_API_KEY', 'MODELSTUDIO_REGION',
      ],
      t2v: [
        '--model', '--duration', '--resolution', '--ratio', '--size', '--seed', '--audio', '--watermark', '--negative', '--audio-url', '-o, --output', '--no-wait', '--json',
        'Cost options:', '--estimate', '--max-cost <amount>',
      ],
      i2v: [
        '<image> [prompt]', '--model', '--duration', '--resolution', '--seed', '--audio', '--watermark', '--negative', '--last-frame', '--driving-audio',
        '--continue-from', '--template', '-o, --output', '--no-wait', '--estimate', '--max-cost',
      ],
      r2v: ['<refs...> <prompt>', '--estimate', '--max-cost', '--ratio', '--size', '--first-frame', 'generate sound (wan2.6-r2v-flash, wan3.0-video, wan3.0-video-prime, kling/kling-v3-omni-video-generation only)', '2–15 (wan2.7-r2v'],
      edit: ['<video> <prompt>', '--estimate', '--max-cost', '--reference', '--function', '--mask-image', '--expand-ratio', '--audio-setting', '--control-condition', "0 (the input video's length) or 2–10"],
      status: ['<task-id>', '--json', '--model <model>'],
      wait: ['<task-id>', '-o, --output', '--max-wait', '--model <model>'],
      cancel: ['<task-id>', 'PENDING'],
      list: ['--status', '--model', '--since', '--until', '--limit'],
      simulate: ['--port', '--speed'],
      mcp: ['MODELSTUDIO_MCP_WAIT'],
    };
    await Promise.all(
      Object.entries(expected).map(async ([command, words]) => {
        const run = await cli(...(command ? [command] : []), '--help');
        expect(run.code, command).toBe(0);
        // Help wraps long lines: compare with runs of whitespace as one space.
        const text = run.stdout.replace(/\s+/g, ' ');
        for (const word of words) expect(text, `${command} --help`).toContain(word.replace(/\s+/g, ' '));
        if (command) expect(run.stdout).toContain('Exit codes: 0 ok, 1 unexpected, 2 usage/validation');
      }),
    );
    // Every model of the caps is offered by --model of each mode it serves.
    for (const [command, mode] of [['t2v', 'textToVideo'], ['i2v', 'imageToVideo'], ['r2v', 'referenceToVideo'], ['edit', 'editVideo']] as const) {
      const help = (await cli(command, '--help')).stdout.replace(/\s+/g, ' ');
      for (const model of modelsOf(mode)) expect(help, `${command} --help names ${model}`).toContain(model);
    }
    // Of the image models only wan3.0 takes a ratio; the rest follow the image.
    const i2v = (await cli('i2v', '--help')).stdout.replace(/\s+/g, ' ');
    expect(i2v).toMatch(/--ratio <ratio> aspect ratio: adaptive, 16:9, 9:16, 1:1, 4:3, 3:4; with --resolution it picks the size \(wan3\.0-video, wan3\.0-video-prime only\)/);
    expect(i2v).not.toContain('--size');
    const version = await cli('--version');
    expect(version.stdout).toBe(`${VERSION}\n`);
  });

  it('an unknown command or flag: one usage line on stderr, exit 2', async () => {
    const run = await cli('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: UsageError: unknown command 'frobnicate'. Run modelstudio-video --help for the commands.\n");
    const flag = await cli('t2v', 'A fox', '--frames', '24', '--json');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("error: UsageError: unknown option '--frames'. Run modelstudio-video t2v --help for its arguments and flags.\n");
    expect(json(flag)).toMatchObject({ ok: false, error: { type: 'UsageError', message: "unknown option '--frames'" } });
    const conflict = await cli('t2v', 'A fox', '--no-wait', '-o', 'fox.mp4');
    expect(conflict.code).toBe(2);
  });

  it('no API key: exit 3 and what to set; a wrong key: exit 3 and the key is never printed', async () => {
    const run = await runCli(['t2v', 'A fox'], cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl }));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: AuthenticationError: No API key: set MODELSTUDIO_API_KEY \(or DASHSCOPE_API_KEY, QWEN_API_KEY\)/);
    const secret = 'sk-not-the-right-key-8f2e';
    const wrong = await runCli(['status', 'some-task', '--json', '--debug'], cleanEnv({ MODELSTUDIO_BASE_URL: server.baseUrl, DASHSCOPE_API_KEY: secret }));
    expect(wrong.code).toBe(3);
    expect(json(wrong)).toMatchObject({ ok: false, error: { type: 'AuthenticationError', status: 401, code: 'InvalidApiKey' } });
    expect(`${wrong.stdout}${wrong.stderr}`).not.toContain(secret);
  });

  it('simulate: prints the variables to export (the region too, so that runs are priced), serves, stops on SIGINT', async () => {
    const simulator = runCli(['simulate', '--port', '0', '--speed', '50'], cleanEnv());
    const exports = await new Promise<string>((resolve) => {
      let text = '';
      simulator.child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/MODELSTUDIO_API_KEY=.+\n/.test(text)) resolve(text);
      });
    });
    const baseUrl = /^export MODELSTUDIO_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(exports)?.[1] ?? '';
    expect(exports).toBe(`export MODELSTUDIO_BASE_URL=${baseUrl}\nexport MODELSTUDIO_REGION=intl\nexport MODELSTUDIO_API_KEY=sk-simulator\n`);
    // What it prints, exported, is what a priced run needs.
    const exported = Object.fromEntries([...exports.matchAll(/^export (\w+)=(.*)$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
    const listed = await runCli(['list', '--json'], cleanEnv(exported));
    expect(json(listed)).toEqual({ ok: true, tasks: [] });
    const estimate = await runCli(['t2v', 'A fox', '--resolution', '1080P', '--duration', '10', '--estimate'], cleanEnv(exported));
    expect(estimate.stdout).toBe('1.5 USD\n');
    simulator.child.kill('SIGINT');
    const stopped = await simulator;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('SIGINT: stopping');
  });
});

/**
 * `modelstudio-video models` (issue 24, point 5) and the mode commands' help in a region: the
 * lineup as a table or as `client.models.list` gives it, with no API key and no service; a help
 * that offers only the models and values of the region.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStudioClient, VIDEO_MODES, type ListedModel, type ModeAlias, type Region } from 'modelstudio-video';
import { cleanEnv, json, killAll, runCli, warmUp, type CliRun } from './run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-cli-models-'));
  await warmUp(join(dir, 'compile-cache'));
});

afterAll(async () => {
  killAll();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the command with no key, no base URL and no region, plus `env`. */
function cli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return runCli(args, cleanEnv(env));
}

const client = new ModelStudioClient({ apiKey: 'sk-unused-never-sent' });

/** The SDK's lineup of `region`. */
function lineup(region: Region, mode?: ModeAlias): ListedModel[] {
  return client.models.list({ mode, region });
}

/** The cells of each line of a table (columns are two or more spaces apart). */
function cells(stdout: string): string[][] {
  return stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/));
}

/** The row of `model` (its id, with a `*` when unconfirmed). */
function row(table: readonly string[][], model: string): string[] | undefined {
  return table.find((line) => line[0] === model || line[0] === `${model}*`);
}

/** Help text with runs of whitespace as one space (help wraps long lines). */
function flat(run: CliRun): string {
  return run.stdout.replace(/\s+/g, ' ');
}

/** The flags of a mode command's help, without its description and examples. */
function videoOptions(run: CliRun): string {
  return /Video options: (.*) Output options:/.exec(flat(run))?.[1] ?? '';
}

describe.concurrent('modelstudio-video models', { timeout: 60_000 }, () => {
  it('--mode i2v --region intl: one line per model, the SDK\'s lineup, no API key needed', async () => {
    const run = await cli(['models', '--mode', 'i2v', '--region', 'intl']);
    expect(run.code, run.stderr).toBe(0);
    const table = cells(run.stdout);
    expect(table[0]).toEqual(['MODEL', 'SECONDS', 'RESOLUTIONS', 'RATIOS', 'INPUTS', 'SOUND', 'USD/S']);
    const expected = lineup('intl', 'i2v');
    expect(table.slice(1).map((line) => line[0])).toEqual(expected.map((model) => `${model.id}${model.confirmed ? '' : '*'}`));
    expect(row(table, 'wan2.6-i2v')).toEqual(['wan2.6-i2v', '2–15', '720P,1080P', 'input', 'image,audio', 'optional', '0.1–0.15']);
    expect(row(table, 'wan2.7-i2v')).toEqual(['wan2.7-i2v*', '2–15', '720P,1080P', 'input', 'image,last,clip,audio', 'none', '0.1–0.15']);
    // Only i2v's inputs of a model of every mode; its durations with the special -1.
    expect(row(table, 'wan3.0-video')).toEqual(['wan3.0-video*', '-1,2–30', '480P,720P,1080P', '6', 'image,last', 'optional', '0.05–0.2']);
    // intl serves 480P and 720P of wan2.2-i2v-flash, and no intl price is known for it.
    expect(row(table, 'wan2.2-i2v-flash')).toEqual(['wan2.2-i2v-flash', '5', '480P,720P', 'input', 'image', 'none', '-']);
    // The lowest silent price to the highest with sound.
    expect(row(table, 'wan2.6-i2v-flash')).toEqual(['wan2.6-i2v-flash', '2–15', '720P,1080P', 'input', 'image,audio', 'optional', '0.025–0.075']);
    expect(run.stderr.split('\n')).toEqual([
      `${expected.length} models of imageToVideo in intl (ap-southeast-1).`,
      'Prices per second of video, lowest to highest resolution, sound included, in USD (--json: by resolution, with sources).',
      'RATIOS: how many aspect ratios (input: the input decides). *: some facts come from secondary sources only (--json: unconfirmed).',
      '',
    ]);
  });

  it('without --mode: every model of the region with its modes; prices in CNY in cn', async () => {
    const run = await cli(['models', '--region', 'cn']);
    expect(run.code, run.stderr).toBe(0);
    const table = cells(run.stdout);
    expect(table[0]).toEqual(['MODEL', 'MODES', 'SECONDS', 'RESOLUTIONS', 'RATIOS', 'INPUTS', 'SOUND', 'CNY/S']);
    expect(table.slice(1).map((line) => line[0]?.replace(/\*$/, ''))).toEqual(lineup('cn').map((model) => model.id));
    expect(row(table, 'wan3.0-video')).toEqual(['wan3.0-video*', 't2v,i2v,r2v,edit', '-1,2–30', '480P,720P,1080P', '6', 'image,last,refs≤20,video', 'optional', '0.3–1.2']);
    expect(row(table, 'wan2.6-t2v')).toEqual(['wan2.6-t2v', 't2v', '2–15', '720P,1080P', '5', 'audio', 'optional', '0.6–1']);
    expect(row(table, 'wanx2.1-t2v-turbo')).toEqual(['wanx2.1-t2v-turbo', 't2v', '5', '480P,720P', '5', '-', 'none', '0.24']);
    expect(row(table, 'wan2.7-r2v')).toEqual(['wan2.7-r2v', 'r2v', '2–15', '720P,1080P', '5', 'first,refs≤5', 'none', '0.6–1']);
    expect(row(table, 'wan2.2-i2v-flash')).toEqual(['wan2.2-i2v-flash', 'i2v', '5', '480P,720P,1080P', 'input', 'image', 'none', '0.1–0.48']);
    expect(row(table, 'wan2.1-t2v-turbo')).toBeUndefined();
  });

  it('--json: the SDK\'s lineup as client.models.list returns it, camelCase', async () => {
    const run = await cli(['models', '--mode', 't2v', '--region', 'cn', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const body = json<{ ok: boolean; region: string; mode: string; models: ListedModel[] }>(run);
    expect(body).toEqual({ ok: true, region: 'cn', mode: 'textToVideo', models: JSON.parse(JSON.stringify(lineup('cn', 't2v'))) as unknown });
    expect(body.models.find((model) => model.id === 'wan2.6-t2v')?.price).toEqual({
      currency: 'CNY', perSecond: { '720P': 0.6, '1080P': 1 }, billsInputVideo: true, asOf: '2026-05', source: 'Model Studio pricing page, Beijing (official)',
    });
  });

  it('the region of the environment by default: MODELSTUDIO_REGION, else the base URL\'s, else intl; none for a host of no region', async () => {
    const [byDefault, byVariable, byHost, byRegionId, byProxy] = await Promise.all([
      cli(['models', '--mode', 't2v']),
      cli(['models', '--mode', 't2v'], { MODELSTUDIO_REGION: 'cn' }),
      cli(['models', '--mode', 't2v'], { MODELSTUDIO_BASE_URL: 'https://dashscope.aliyuncs.com' }),
      cli(['models', '--mode', 't2v', '--region', 'us-east-1'], { MODELSTUDIO_REGION: 'cn' }),
      cli(['models', '--mode', 't2v'], { MODELSTUDIO_BASE_URL: 'http://127.0.0.1:9' }),
    ]);
    const ids = (run: CliRun) => cells(run.stdout).slice(1).map((line) => line[0]?.replace(/\*$/, ''));
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(cells(byDefault.stdout)[0]?.at(-1)).toBe('USD/S');
    expect(ids(byDefault)).toEqual(lineup('intl', 't2v').map((model) => model.id));
    expect(cells(byVariable.stdout)[0]?.at(-1)).toBe('CNY/S');
    expect(ids(byVariable)).toEqual(lineup('cn', 't2v').map((model) => model.id));
    expect(ids(byHost)).toEqual(lineup('cn', 't2v').map((model) => model.id));
    // --region wins over the environment; no price is known in us.
    expect(ids(byRegionId)).toEqual(lineup('us', 't2v').map((model) => model.id));
    expect(byRegionId.stderr).toContain('No price is known in us for these models.');
    expect(ids(byProxy)).toContain('wan2.1-t2v-turbo');
    expect(ids(byProxy)).toContain('wanx2.1-t2v-turbo');
    expect(cells(byProxy.stdout)[0]?.at(-1)).toBe('PRICE/S');
    expect(byProxy.stderr.split('\n')[0]).toMatch(/^\d+ models of textToVideo in every region \(the base URL names none: set MODELSTUDIO_REGION or pass --region for prices\)\.$/);
  });

  it('an unknown mode or region: a usage error, exit 2, with the allowed values', async () => {
    const [mode, modeJson, region, variable] = await Promise.all([
      cli(['models', '--mode', 'x2v']),
      cli(['models', '--mode', 'x2v', '--json']),
      cli(['models', '--region', 'mars']),
      cli(['models'], { MODELSTUDIO_REGION: 'mars' }),
    ]);
    expect(mode.code).toBe(2);
    expect(mode.stdout).toBe('');
    expect(mode.stderr).toContain(`error: UsageError: option '--mode <mode>' argument 'x2v' is invalid. Allowed: t2v, i2v, r2v, edit, animate, s2v, lipsync, ${VIDEO_MODES.join(', ')}.`);
    expect(modeJson.code).toBe(2);
    expect(json(modeJson)).toMatchObject({ ok: false, error: { type: 'UsageError', message: expect.stringContaining("argument 'x2v' is invalid") } });
    expect(region.code).toBe(2);
    expect(region.stderr).toContain("error: UsageError: option '--region <region>' argument 'mars' is invalid. Allowed: intl (ap-southeast-1), cn (cn-beijing), us (us-east-1)");
    // A variable the client would refuse is refused here too.
    expect(variable.code).toBe(2);
    expect(variable.stderr).toMatch(/^error: ValidationError: Invalid client options \(1 problem\): MODELSTUDIO_REGION "mars" is not a region/);
  });
});

describe.concurrent('the mode commands\' help offers what the region serves', { timeout: 60_000 }, () => {
  it('edit in us: no VACE flags, no default model, only the durations of wan3.0 and the models of us', async () => {
    const [us, intl] = await Promise.all([cli(['edit', '--help'], { MODELSTUDIO_REGION: 'us' }), cli(['edit', '--help'])]);
    expect(us.code).toBe(0);
    const inUs = videoOptions(us);
    expect(inUs).toContain('--model <model> the model (no default in us, where wan2.7-videoedit is not served): wan3.0-video, wan3.0-video-prime');
    for (const absent of ['--function', '--mask-image', '--expand-ratio', '--negative', '--size', "0 (the input video's length)", 'wan2.7-videoedit,', 'vace']) {
      expect(inUs, absent).not.toContain(absent);
    }
    expect(inUs).toContain('--duration <seconds> length in whole seconds: -1 (the model picks) or 2–30 (default 5)');
    expect(inUs).toContain('--ratio <ratio> aspect ratio: adaptive, 16:9, 9:16, 1:1, 4:3, 3:4;');
    // The flags still parse: a model of another region is refused by the SDK, naming where it is served.
    const refused = await cli(['edit', 'https://example.com/in.mp4', 'extend', '--model', 'wan2.1-vace-plus', '--function', 'video_outpainting', '--estimate'], {
      MODELSTUDIO_REGION: 'us',
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('wan2.1-vace-plus is not served in us');
    const inIntl = videoOptions(intl);
    expect(inIntl).toContain('--model <model> the model (default wan2.7-videoedit): wan2.7-videoedit, wan3.0-video, wan3.0-video-prime, wan2.1-vace-plus');
    expect(inIntl).toContain("--duration <seconds> length in whole seconds: 0 (the input video's length) or 2–10 (wan2.7-videoedit)");
    expect(inIntl).toContain('--function <function> the VACE function');
  });

  it('t2v: the regional default model, and no duration, resolution or model that only another region serves', async () => {
    const [us, intl, cn, eu] = await Promise.all([
      cli(['t2v', '--help'], { MODELSTUDIO_REGION: 'us' }),
      cli(['t2v', '--help']),
      cli(['t2v', '--help'], { MODELSTUDIO_BASE_URL: 'https://dashscope.aliyuncs.com' }),
      cli(['t2v', '--help'], { MODELSTUDIO_REGION: 'eu' }),
    ]);
    // Frankfurt serves only HappyHorse, whose 480P is Beijing's; its models watermark unless told not to.
    expect(videoOptions(eu)).toContain('--model <model> the model (no default in eu, where wan2.6-t2v is not served): happyhorse-1.1-t2v, happyhorse-1.0-t2v --duration');
    expect(videoOptions(eu)).toContain('--duration <seconds> length in whole seconds: 3–15 (default 5) --resolution <resolution> 720P, 1080P (default 1080P) --ratio');
    expect(videoOptions(eu)).toContain("--watermark add the service's watermark (the default) --no-watermark no watermark --seed");
    expect(videoOptions(eu)).not.toContain('--negative');
    expect(videoOptions(intl)).toContain(
      "--watermark add the service's watermark (the default of happyhorse-1.1-t2v, happyhorse-1.0-t2v) --no-watermark no watermark (the default of the others)",
    );
    expect(videoOptions(cn)).toContain('--resolution <resolution> 720P, 1080P, 480P');
    expect(flat(us)).toContain('the model (default wan2.6-t2v-us)');
    expect(flat(us)).not.toContain('5 or 10');
    expect(flat(us)).not.toContain('wan2.5-t2v-preview');
    expect(flat(intl)).toContain('the model (default wan2.6-t2v)');
    expect(flat(intl)).toContain('5 or 10 (wan2.5-t2v-preview)');
    expect(flat(intl)).toContain('wan2.1-t2v-turbo');
    expect(flat(intl)).not.toContain('wanx2.1-t2v-turbo');
    expect(flat(cn)).toContain('wanx2.1-t2v-turbo');
    expect(flat(cn)).not.toContain('wan2.1-t2v-turbo');
  });

  it('every mode in intl, cn, us and eu: --model and --resolution list exactly what the lineup of the region holds', async () => {
    const commands = [['t2v', 't2v'], ['i2v', 'i2v'], ['r2v', 'r2v'], ['edit', 'edit']] as const;
    const regions = ['intl', 'cn', 'us', 'eu'] as const;
    await Promise.all(
      regions.flatMap((region) =>
        commands.map(async ([command, mode]) => {
          const help = videoOptions(await cli([command, '--help'], { MODELSTUDIO_REGION: region }));
          const models = lineup(region, mode);
          const listed = /--model <model> the model \([^)]*\): (.*?) --/.exec(help)?.[1];
          expect(listed, `${command} in ${region}`).toBe(models.length > 0 ? models.map((model) => model.id).join(', ') : `none in ${region}`);
          const resolutions = /--resolution <resolution> ((?:\d+P(?:, )?)+)/.exec(help)?.[1]?.split(', ');
          expect(new Set(resolutions), `${command} in ${region}`).toEqual(new Set(models.flatMap((model) => model.resolutions)));
        }),
      ),
    );
  });
});

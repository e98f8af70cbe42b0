/**
 * The command line: every command, its arguments, flags and help, on commander. Actions live in
 * their own modules; this one only wires them.
 *
 * @module
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { VideoMode } from '../models/caps.ts';
import { environmentRegion } from '../client/connection.ts';
import { REGION_ENV_VAR, WORKSPACE_ID_ENV_VAR } from '../core/env-vars.ts';
import { REGIONS, isWorkspaceId, regionNamed, type Region } from '../core/regions.ts';
import { VERSION } from '../core/version.ts';
import { addBatchCommand } from './batch-command.ts';
import { EXIT_CODES, exitCodesHelp, exitCodesLine } from './exit-codes.ts';
import type { FollowFlags } from './follow.ts';
import { generate, type GenerateFlags } from './generate.ts';
import { mediaArg } from './media-arg.ts';
import { MODE_CHOICES, modeArgument, models, regionArgument, type ModelsFlags } from './models-command.ts';
import { Output } from './output.ts';
import { eventUrlArgument, mcp, portArgument, probabilityArgument, simulate, speedArgument, type SimulateFlags } from './serve.ts';
import { cancel, list, status, timeArgument, wait, type ListFlags, type PricedTaskFlags, type TaskFlags } from './task-commands.ts';
import { UsageError } from './usage-error.ts';
import { oneLineUsageErrors, usageMessage } from './usage-line.ts';
import { positiveNumber, videoOptions, wholeNumber } from './video-flags.ts';

const ENVIRONMENT = `Environment:
  MODELSTUDIO_API_KEY    the API key (or DASHSCOPE_API_KEY, QWEN_API_KEY); never printed
  MODELSTUDIO_BASE_URL   the service; default https://dashscope-intl.aliyuncs.com (Singapore),
                         https://dashscope.aliyuncs.com for Beijing, or the URL of \`simulate\`
  MODELSTUDIO_REGION     intl, us or cn: the region whose models and prices apply (USD in intl
                         and us, CNY in cn); needed for prices with a base URL of no known region
  MODELSTUDIO_MCP_WAIT   false: the mcp tools return task ids at once instead of waiting
  MODELSTUDIO_MAX_COST_PER_CALL, MODELSTUDIO_MAX_COST_TOTAL
                         the mcp tools refuse a call estimated above these (in the region's
                         currency), or above their total together`;

/** `--model` of `status` and `wait`. */
const MODEL_TO_PRICE = "the task's model, such as wan2.6-t2v: the query does not say it, and the cost is priced by it";

const STATUSES = ['PENDING', 'RUNNING', 'SUSPENDED', 'SUCCEEDED', 'FAILED', 'CANCELED'];

/** `--json` and `--quiet`. */
function withOutputFlags(command: Command): Command {
  return command
    .addOption(new Option('--json', 'print one JSON document on stdout, { "ok": true, ... } or { "ok": false, "error": ... }; logs stay on stderr').helpGroup('Output options:'))
    .addOption(new Option('-q, --quiet', 'no progress or logs on stderr (errors still print)').helpGroup('Output options:'));
}

/** `--region`, `--workspace`, `--debug` and `--record`. */
function withClientFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--region <region>', `the region to talk to and check against (else ${REGION_ENV_VAR}, else intl): ${REGIONS.join(', ')} or the service's region id`)
        .argParser(regionArgument)
        .helpGroup('Connection options:'),
    )
    .addOption(
      new Option('--workspace <id>', `a workspace id: its host https://<id>.<regionId>.maas.aliyuncs.com (else ${WORKSPACE_ID_ENV_VAR})`)
        .argParser(workspaceId)
        .helpGroup('Connection options:'),
    )
    .addOption(new Option('--debug', 'log each request and answer to stderr (the key is redacted)').helpGroup('Output options:'))
    .addOption(
      new Option('--record <file>', 'write every request and answer of the run to <file> as JSON Lines, key and signatures redacted (docs/recording.md)')
        .helpGroup('Output options:'),
    );
}

/** A workspace id as a host label, or the usage error that names the flag. */
function workspaceId(value: string): string {
  if (isWorkspaceId(value)) return value;
  throw new InvalidArgumentError('a workspace id is letters, digits and hyphens.');
}

/** `-o` and `--max-wait`, for commands that wait for the video. */
function withWaitFlags(command: Command): Command {
  return command
    .addOption(new Option('-o, --output <file>', 'download the video to <file> (into a folder: <task id>.mp4)').helpGroup('Output options:'))
    .addOption(
      new Option('--max-wait <seconds>', 'stop waiting after this long (default 1800); the task keeps running').argParser(wholeNumber).helpGroup('Output options:'),
    );
}

/**
 * The region of the environment, as the client would resolve it; `undefined` (every model) for a
 * base URL of no known region, or an environment the client would refuse (the command says why).
 */
function regionOfHelp(): Region | undefined {
  // `--region` counts for the help too (`t2v --region cn --help`), as it does for the request.
  const flag = process.argv.indexOf('--region');
  const named = flag >= 0 ? regionNamed(process.argv[flag + 1] ?? '') : undefined;
  if (named) return named;
  try {
    return environmentRegion(process.env);
  } catch {
    return undefined;
  }
}

/** The help's closing lines of a command: examples, then the exit codes. */
function epilog(examples: readonly string[]): string {
  return `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}\n\n${exitCodesLine()}`;
}

/**
 * Builds the program. Each action reports its own errors and hands its exit code to `setExitCode`;
 * commander's own errors (usage) surface as `CommanderError`s from `parseAsync`.
 */
function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('modelstudio-video')
    .description('Generate videos with Alibaba Cloud Model Studio (DashScope) Wan models, follow and cancel tasks, or run the local simulator.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .showSuggestionAfterError()
    // The command list shows each command's usage, so that r2v reads `<refs...> <prompt>`.
    .configureHelp({ subcommandTerm: (command) => `${command.name()} ${command.usage()}` })
    .addHelpText('after', `\n${ENVIRONMENT}\n\n${exitCodesHelp()}\n\nRun \`modelstudio-video <command> --help\` for the flags of a command.`);

  // The help offers the models and values of the region a command's client would check against.
  const helpRegion = regionOfHelp();
  const mode = (name: string, videoMode: VideoMode, summary: string) => {
    const command = program.command(name).summary(summary);
    for (const option of videoOptions(videoMode, helpRegion)) command.addOption(option);
    withWaitFlags(command).addOption(
      new Option('--no-wait', 'print the task id as soon as the task exists, and exit; follow it later with `wait <id>`').conflicts('output').helpGroup('Output options:'),
    );
    command
      .addOption(
        new Option('--estimate', "check the request and print what it would cost, in the region's currency; send nothing (no API key needed)").helpGroup('Cost options:'),
      )
      .addOption(
        new Option('--max-cost <amount>', "send nothing if the estimate is above <amount> (USD in intl and us, CNY in cn) or unknown: exit 2 with a BudgetError")
          .argParser(positiveNumber)
          .helpGroup('Cost options:'),
      );
    return withClientFlags(withOutputFlags(command));
  };

  mode('t2v', 'textToVideo', 'text to video')
    .description('Text to video: generate a video from a prompt, show progress, print the link or save the file.')
    .argument('<prompt>', 'what to generate')
    .addHelpText('after', epilog([
      'modelstudio-video t2v "A red fox trotting through fresh snow at dawn" -o fox.mp4',
      'modelstudio-video t2v "Waves at sunset" --resolution 720P --ratio 9:16 --duration 10 --audio',
      'modelstudio-video t2v "A fox" --resolution 1080P --duration 10 --estimate',
      'modelstudio-video t2v "A fox" --resolution 1080P --duration 10 --max-cost 1',
      'id=$(modelstudio-video t2v "A koi pond" --no-wait) && modelstudio-video wait "$id" -o koi.mp4',
    ]))
    .action(async (prompt: string, flags: GenerateFlags) => setExitCode(await generate('textToVideo', { prompt }, flags)));

  const i2v = mode('i2v', 'imageToVideo', 'image to video');
  i2v
    .description(
      'Image to video: animate an image. <image> is an http(s):// or oss:// URL, a data: URI, or a local file (sent inline or uploaded). ' +
        'With --continue-from, the video continues a clip instead and the only argument is the prompt.',
    )
    .usage('[options] <image> [prompt]')
    .argument('[image]', 'the first frame: a URL or a local file (JPEG, PNG, BMP, WEBP; 360–2000 px; up to 10 MB)')
    .argument('[prompt]', 'what should happen')
    .addHelpText('after', epilog([
      'modelstudio-video i2v ./cat.png "The cat slowly turns its head and yawns" --resolution 720P -o cat.mp4',
      'modelstudio-video i2v ./bud.png "The flower opens" --model wan2.7-i2v --last-frame ./bloom.png',
      'modelstudio-video i2v --model wan2.7-i2v --continue-from ./opening.mp4 "The camera keeps flying over the city"',
      'modelstudio-video i2v https://example.com/lighthouse.jpg "The beam sweeps the sea" --json',
    ]))
    .action(async (first: string | undefined, second: string | undefined, flags: GenerateFlags) => {
      // A continuation starts from its clip: one argument is then the prompt.
      const [image, prompt] = flags['continueFrom'] !== undefined && second === undefined ? [undefined, first] : [first, second];
      if (image === undefined && flags['continueFrom'] === undefined) {
        i2v.error('error: i2v needs an image (or --continue-from <clip>): modelstudio-video i2v <image> ["<prompt>"]', { exitCode: 2 });
      }
      setExitCode(await generate('imageToVideo', { ...(image !== undefined && { image: mediaArg(image) }), ...(prompt !== undefined && { prompt }) }, flags));
    });

  const r2v = mode('r2v', 'referenceToVideo', 'reference to video');
  r2v
    .description(
      'Reference to video: images and videos of people or things, called character1, character2, ... in the prompt, in order. ' +
        'Each reference is a URL or a local file; the last argument is the prompt.',
    )
    .usage('[options] <refs...> <prompt>')
    .argument('<refs...>', 'reference images and videos (URLs or local files), then the prompt')
    .addHelpText('after', epilog([
      'modelstudio-video r2v ./me.mp4 ./dog.png "character1 walks character2 along a beach at sunset" -o beach.mp4',
      'modelstudio-video r2v https://example.com/me.mp4 "character1 waves at the camera" --model wan2.7-r2v --ratio 9:16',
    ]))
    .action(async (items: string[], flags: GenerateFlags) => {
      const prompt = items.at(-1);
      const references = items.slice(0, -1);
      if (references.length === 0 || prompt === undefined) {
        r2v.error('error: r2v needs at least one reference and then the prompt: modelstudio-video r2v <refs...> "<prompt>"', { exitCode: 2 });
      }
      setExitCode(await generate('referenceToVideo', { references: references.map(mediaArg), prompt }, flags));
    });

  const edit = mode('edit', 'editVideo', 'edit a video');
  edit
    .description(
      'Edit a video: by instruction (wan2.7-videoedit, the default), in the style of --reference images, or with a VACE --function of wan2.1-vace-plus. ' +
        '<video> is a URL or a local file; with --function image_reference there is no video and the only argument is the prompt.',
    )
    .usage('[options] <video> <prompt>')
    .argument('<items...>', 'the video (a URL or a local file), then the instruction')
    .addHelpText('after', epilog([
      'modelstudio-video edit ./street.mp4 "make it snow" --reference ./winter-style.png -o snowy.mp4',
      'modelstudio-video edit https://example.com/in.mp4 "extend the sky" --model wan2.1-vace-plus --function video_outpainting --expand-ratio 1.5',
    ]))
    .action(async (items: string[], flags: GenerateFlags) => {
      const prompt = items.at(-1);
      const [video, ...extra] = items.slice(0, -1);
      if (prompt === undefined || extra.length > 0) {
        edit.error('error: edit takes the video and then the instruction: modelstudio-video edit <video> "<prompt>"', { exitCode: 2 });
      }
      setExitCode(await generate('editVideo', { ...(video !== undefined && { video: mediaArg(video) }), prompt }, flags));
    });

  mode('animate', 'animateCharacter', 'animate a character')
    .description(
      'Animate a character: the person of <image> moves as the person of <video> does (wan2.2-animate-move, the default), ' +
        'or takes their place in the video (--model wan2.2-animate-mix). Each is a URL or a local file; the video is as long as <video>.',
    )
    .argument('<image>', 'the character: one person seen whole (a URL or a local file)')
    .argument('<video>', 'the driving video (a URL or a local file)')
    .addHelpText('after', epilog([
      'modelstudio-video animate ./me.png ./dance.mp4 -o me-dancing.mp4',
      'modelstudio-video animate ./me.png ./scene.mp4 --model wan2.2-animate-mix --quality pro',
    ]))
    .action(async (image: string, video: string, flags: GenerateFlags) =>
      setExitCode(await generate('animateCharacter', { image: mediaArg(image), video: mediaArg(video) }, flags)));

  mode('s2v', 'speechToVideo', 'speech to video (a talking portrait)')
    .description('Speech to video: a video of the person of <image> saying <audio> (up to 20 s), as long as the audio. wan2.2-s2v, served in cn.')
    .argument('<image>', 'the portrait (a URL or a local file)')
    .argument('<audio>', 'the speech (a URL or a local file)')
    .addHelpText('after', epilog(['MODELSTUDIO_REGION=cn modelstudio-video s2v ./portrait.png ./hello.mp3 --resolution 720P -o hello.mp4']))
    .action(async (image: string, audio: string, flags: GenerateFlags) =>
      setExitCode(await generate('speechToVideo', { image: mediaArg(image), drivingAudio: mediaArg(audio) }, flags)));

  mode('lipsync', 'lipSync', 'sync lips to new speech')
    .description('Lip sync: the person in <video> says <audio> instead. videoretalk, served in cn.')
    .argument('<video>', 'the video of the person (a URL or a local file)')
    .argument('<audio>', 'the new speech (a URL or a local file)')
    .addHelpText('after', epilog(['MODELSTUDIO_REGION=cn modelstudio-video lipsync ./talk.mp4 ./new-words.mp3 --extend-video -o dubbed.mp4']))
    .action(async (video: string, audio: string, flags: GenerateFlags) =>
      setExitCode(await generate('lipSync', { video: mediaArg(video), drivingAudio: mediaArg(audio) }, flags)));

  addBatchCommand(program, { withClientFlags, withOutputFlags, epilog, setExitCode });

  const taskCommand = (name: string, summary: string, description: string) =>
    withClientFlags(withOutputFlags(program.command(name).summary(summary).description(description)));

  taskCommand('status', 'show a task once', 'Query a task once and print its status, times, cost and video link. Exits 0 whatever the status: use `wait` to judge it.')
    .argument('<task-id>', 'the task id')
    .option('--model <model>', MODEL_TO_PRICE)
    .addHelpText('after', epilog(['modelstudio-video status 0385dc79-5ff8-4d82-bcb6-000000000000 --json', 'modelstudio-video status 0385dc79-5ff8-4d82-bcb6-000000000000 --model wan2.6-t2v']))
    .action(async (taskId: string, flags: PricedTaskFlags) => setExitCode(await status(taskId, flags)));

  withWaitFlags(
    taskCommand('wait', 'follow a task to its end', 'Follow a task, submitted here or elsewhere, to its end with progress; print the link or save the file. A finished task answers at once, so `wait <id> -o <file>` also downloads a video again.'),
  )
    .argument('<task-id>', 'the task id')
    .option('--model <model>', MODEL_TO_PRICE)
    .addHelpText('after', epilog(['modelstudio-video wait 0385dc79-5ff8-4d82-bcb6-000000000000 -o out/']))
    .action(async (taskId: string, flags: PricedTaskFlags & FollowFlags) => setExitCode(await wait(taskId, flags)));

  taskCommand('cancel', 'cancel a PENDING task', 'Cancel a task. The service cancels only PENDING tasks; a running or finished one is refused (exit 7).')
    .argument('<task-id>', 'the task id')
    .addHelpText('after', epilog(['modelstudio-video cancel 0385dc79-5ff8-4d82-bcb6-000000000000']))
    .action(async (taskId: string, flags: TaskFlags) => setExitCode(await cancel(taskId, flags)));

  taskCommand('list', 'list recent tasks', "List the account's tasks, newest first.")
    .addOption(new Option('--status <status>', 'only tasks in this status').choices(STATUSES))
    .option('--model <model>', 'only tasks of this model')
    .option('--since <time>', 'only tasks submitted since: ISO 8601, or an age such as 30m, 2h, 1d', timeArgument)
    .option('--until <time>', 'only tasks submitted until: ISO 8601, or an age', timeArgument)
    .option('--limit <n>', 'at most this many tasks', wholeNumber, 20)
    .addHelpText('after', epilog(['modelstudio-video list --status RUNNING', 'modelstudio-video list --since 2h --json']))
    .action(async (flags: ListFlags) => setExitCode(await list(flags)));

  withClientFlags(withOutputFlags(program.command('doctor').summary('check the key, region, host and models, at no cost').description(
    'Check the setup: where the API key comes from (never the key), whether region, base URL and workspace agree, whether the host answers and takes the key ' +
      '(free requests), and which models the region serves; one line per check, ok or a problem with its fix. Nothing billed is sent without --live.',
  )))
    .addOption(new Option('--live', 'also send the cheapest billed task the region offers, follow it, and report its run time and cost (asks first)'))
    .addOption(new Option('--yes', 'with --live: send it without asking (needed off a terminal)'))
    .addHelpText('after', epilog(['modelstudio-video doctor', 'modelstudio-video doctor --region cn --json', 'modelstudio-video doctor --live']))
    .action(async (flags: import('./doctor.ts').DoctorFlags) => setExitCode(await (await import('./doctor.ts')).doctor(flags)));

  withOutputFlags(
    program
      .command('models')
      .summary('list the models, what each takes and costs')
      .description(
        'List the models of a region, one line per model: modes, durations, resolutions, aspect ratios, inputs, sound, price per second and ' +
          'whether every fact is confirmed; with --json as client.models.list returns them. Read from the package, no API key needed.',
      ),
  )
    .addOption(new Option('--mode <mode>', `only the models of this mode: ${MODE_CHOICES.join(', ')}`).argParser(modeArgument))
    .addOption(
      new Option('--region <region>', `the region: ${REGIONS.join(', ')} or the service's region id (default MODELSTUDIO_REGION, else the region of the base URL)`)
        .argParser(regionArgument),
    )
    .addHelpText('after', epilog(['modelstudio-video models', 'modelstudio-video models --mode i2v --region cn', 'modelstudio-video models --mode t2v --json']))
    .action((flags: ModelsFlags) => setExitCode(models(flags)));

  withOutputFlags(
    program
      .command('simulate')
      .summary('run the local simulator of the service')
      .description(
        'Run a simulator of the DashScope video service on 127.0.0.1, for trying the command and the SDK without an account. ' +
          'Prints the variables to export (on stdout) and serves until Ctrl+C.',
      ),
  )
    .option('--port <port>', 'the port; 0 picks a free one', portArgument, 4010)
    .option('--speed <factor>', 'play tasks this many times faster than the service (a 5 s video takes about 42 s at 1)', speedArgument, 1)
    .option('--event-url <url>', 'POST a CloudEvents task-completion event there when a task ends, as EventBridge would', eventUrlArgument)
    .option('--event-secret <secret>', 'send it in the x-modelstudio-event-secret header of each event')
    .option('--event-loss <0..1>', 'the probability that an event is never sent, to test the polling fallback', probabilityArgument)
    .addHelpText('after', epilog(['modelstudio-video simulate --speed 10', 'modelstudio-video simulate --speed 10 > simulator.env & sleep 1; . ./simulator.env', 'modelstudio-video simulate --event-url http://127.0.0.1:3000/events --event-secret dev --event-loss 0.2']))
    .action(async (flags: SimulateFlags) => setExitCode(await simulate(flags)));

  withClientFlags(
    program
      .command('mcp')
      .summary('serve the video tools over MCP on stdio')
      .description(
        'Serve text_to_video, image_to_video, reference_to_video, edit_video and get_video_task over the Model Context Protocol on stdio, ' +
          'with progress notifications. MODELSTUDIO_MCP_WAIT=false makes the tools return task ids at once; ' +
          'MODELSTUDIO_MAX_COST_PER_CALL and MODELSTUDIO_MAX_COST_TOTAL cap what they may spend.',
      ),
  )
    .addHelpText('after', epilog(['MODELSTUDIO_API_KEY=sk-... modelstudio-video mcp']))
    .action(async (flags: { debug?: boolean }) => setExitCode(await mcp(flags)));

  // Every usage error is one line that points at the help of the command it came from.
  oneLineUsageErrors(program, 'Run modelstudio-video --help for the commands.');
  for (const command of program.commands) oneLineUsageErrors(command, `Run modelstudio-video ${command.name()} --help for its arguments and flags.`);
  return program;
}

/** Runs the command line `argv` (without the node and script paths) and returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return 0;
    // Commander printed the usage error; a script asking for JSON gets the document too.
    if (argv.includes('--json')) {
      new Output({ json: true }, { stdout: process.stdout, stderr: { write: () => true } }).fail(new UsageError(usageMessage(error.message)));
    }
    return EXIT_CODES[2].code;
  }
}

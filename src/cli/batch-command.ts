/**
 * `batch <file> --out <dir>`: many requests from a JSON Lines or CSV file, with a journal so that a
 * rerun resumes and never pays twice. The flags are defined here; the work is the SDK's
 * `runBatchFile` (`modelstudio-video/batch`).
 *
 * @module
 */
import { Option, type Command } from 'commander';
import type { BatchFlags } from './batch-run.ts';
import { positiveNumber, wholeNumber } from './video-flags.ts';

/** What `program.ts` lends the command: its shared flag groups, help epilog and exit code. */
export interface BatchCommandDeps {
  readonly withClientFlags: (command: Command) => Command;
  readonly withOutputFlags: (command: Command) => Command;
  readonly epilog: (examples: readonly string[]) => string;
  readonly setExitCode: (code: number) => void;
}

/** Adds `batch` to `program`. */
export function addBatchCommand(program: Command, deps: BatchCommandDeps): void {
  const command = program
    .command('batch')
    .summary('many videos from a JSON Lines or CSV file, resumable')
    .description(
      'Run every request of <file> (JSON Lines, or CSV with a header row; - reads stdin): one request per line, with the SDK\'s field names, ' +
        'a `mode` (t2v by default) and an optional `id` that names its outputs. Every line is checked before anything is sent. ' +
        'Writes <dir>/<id>.mp4, <dir>/results.jsonl and the contact sheet <dir>/index.html; <dir>/batch-journal.jsonl lets the same command, run again, ' +
        'resume where it stopped without paying twice.',
    )
    .argument('<file>', 'the requests: a .jsonl or .csv file, or - for stdin (JSON Lines)')
    .requiredOption('--out <dir>', 'the folder for the videos, results.jsonl, index.html and the journal')
    .addOption(new Option('--model <model>', 'the model of lines that name none, where it serves their mode (else each mode\'s default)'))
    .addOption(new Option('--concurrency <n>', 'tasks of one model in flight at once (default: the model\'s task limit)').argParser(wholeNumber))
    .addOption(new Option('--no-download', 'keep the video links in results.jsonl instead of downloading <id>.mp4'))
    .addOption(
      new Option('--on-unknown-submit <policy>', 'a line whose submit an earlier run began but never heard back from, and whose task is not found: resubmit sends it again; otherwise it fails (it may have been billed)')
        .choices(['fail', 'resubmit-if-answered', 'resubmit']),
    )
    .addOption(new Option('--skip-invalid', 'run the valid lines and report the invalid ones, instead of sending nothing'))
    .addOption(new Option('--estimate', "check every line and print the batch's estimated cost per model; send nothing (no API key needed)").helpGroup('Cost options:'))
    .addOption(new Option('--max-cost <amount>', 'send nothing if the batch is estimated above <amount>, in the region\'s currency').argParser(positiveNumber).helpGroup('Cost options:'));
  deps
    .withClientFlags(deps.withOutputFlags(command))
    .addHelpText('after', deps.epilog([
      'modelstudio-video batch prompts.jsonl --out videos/',
      'modelstudio-video batch shots.csv --out videos/ --estimate',
      'modelstudio-video batch prompts.jsonl --out videos/ --max-cost 20 --concurrency 3',
    ]))
    .action(async (file: string, flags: BatchFlags) => {
      const { batch } = await import('./batch-run.ts');
      deps.setExitCode(await batch(file, flags));
    });
}

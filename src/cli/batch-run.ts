/**
 * The action of `batch`; a thin layer over the SDK's `runBatchFile`.
 *
 * @module
 */
import type { BatchFlags } from './batch-command.ts';
import type { ExitCode } from './exit-codes.ts';
import { Output } from './output.ts';
import { UsageError } from './usage-error.ts';

/** Runs `batch <file>`; returns the exit code. */
export async function batch(file: string, flags: BatchFlags): Promise<ExitCode> {
  return new Output(flags).fail(new UsageError(`batch ${file}: not built yet`));
}

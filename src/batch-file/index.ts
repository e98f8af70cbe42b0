/**
 * `modelstudio-video/batch`: many videos from a JSON Lines or CSV file, safe to kill and rerun.
 * Node only (it writes files). The command `modelstudio-video batch` is a thin layer over it.
 *
 * @example
 * ```ts
 * import { runBatchFile } from 'modelstudio-video/batch';
 *
 * const run = runBatchFile({ input: 'prompts.jsonl', out: 'videos' });
 * run.on('progress', (p) => console.log(`${p.succeeded + p.failed}/${p.total}`));
 * const summary = await run.summary();
 * console.log(`${summary.succeeded} videos in videos/, ${summary.submitted} tasks created`);
 * ```
 *
 * @module
 */
export {
  runBatchFile, checkBatchFile, invalidBatchError, BatchFileRun,
  type BatchFileInput, type BatchFileSource, type BatchFileOptions, type BatchFileSummary, type BatchFileEvents,
  type CheckedBatchFile, type BatchText, type LineId,
} from './run.ts';
export type { CheckedLine } from './check-lines.ts';
export type { BatchLine, LineProblem, BatchFileFormat } from './input.ts';
export type { LineResult, LineError, LineStatus, BatchFileProgress } from './line-result.ts';
export { BatchLockedError, LOCK_FILE } from './lock.ts';
export { JOURNAL_FILE, type JournalRecord, type StartRecord, type TaskRecord, type EndRecord, type NextStep } from './journal.ts';
export { RESULTS_FILE, SHEET_FILE } from './outputs.ts';
export { renderContactSheet, type ContactSheet, type SheetEntry } from './contact-sheet.ts';

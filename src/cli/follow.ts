/**
 * Following a task to its end, shared by the mode commands and `wait`: progress while it runs,
 * the download with `-o`, then the result.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { VideoTask } from '../task/video-task.ts';
import type { DownloadResult } from '../video/generated-video.ts';
import { costLine } from './cost-lines.ts';
import type { Output } from './output.ts';
import { resultLines, snapshotJson } from './render.ts';

/** The flags of a command that waits for a result. */
export interface FollowFlags {
  /** `-o <file>`: download the video there; a folder gets `<task id>.mp4`. */
  readonly output?: string;
}

/** Where `-o` puts the video: the path, or `<task id>.mp4` inside it when it is a folder. */
async function targetPath(output: string, taskId: string): Promise<string> {
  const isFolder = /[\\/]$/.test(output) || (await stat(output).catch(() => undefined))?.isDirectory() === true;
  return isFolder ? join(output, `${taskId}.mp4`) : output;
}

/**
 * Waits for `task` with progress, downloads with `-o`, prints the result, then its cost on stderr.
 * `extra` joins the JSON document (the mode commands' `estimatedCost`). Throws what the task throws.
 */
export async function followToResult(
  task: VideoTask,
  out: Output,
  flags: FollowFlags,
  signal: AbortSignal,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const view = out.progress();
  const display = view.follow(task);
  const result = await task.finally(() => display.stop());
  const [video] = result.videos;
  let file: DownloadResult | undefined;
  if (flags.output !== undefined) {
    const path = await targetPath(flags.output, result.taskId);
    const bar = view.download(path);
    try {
      file = await video.download(path, { signal, onProgress: (progress) => bar.update(progress) });
    } finally {
      bar.stop();
    }
  }
  out.result(resultLines(result, file), { ...snapshotJson(result), ...extra, ...(file && { file: { path: file.path, bytes: file.bytes } }) });
  if (result.cost) out.log(costLine(result.cost));
}

/**
 * Tasks and results as lines for a person and as JSON for a script. JSON uses ISO 8601 times and
 * leaves out what the service did not say; the signed video links are printed whole, since they
 * are what the user asked for (they hold no API key).
 *
 * @module
 */
import type { TaskSummary } from '../task/tasks-api.ts';
import type { VideoUsage } from '../cost/usage.ts';
import type { TaskSnapshot } from '../task/result.ts';
import type { DownloadResult } from '../video/generated-video.ts';
import { costText } from './cost-lines.ts';

/**
 * A task's usage as the SDK types it (`outputVideoDuration`, `videoCount`, `sr`), without `raw`:
 * that is the service's answer as sent, in its own snake_case names, which `--json` never shows.
 */
function usageJson(usage: VideoUsage | undefined): Record<string, unknown> | undefined {
  return usage && Object.fromEntries(Object.entries(usage).filter(([field]) => field !== 'raw'));
}

/** A task snapshot as JSON. */
export function snapshotJson(snapshot: TaskSnapshot): Record<string, unknown> {
  return {
    taskId: snapshot.taskId,
    status: snapshot.status,
    model: snapshot.model,
    videos: snapshot.videos.map((video) => ({ url: video.url, expiresAt: video.expiresAt?.toISOString() })),
    usage: usageJson(snapshot.usage),
    submittedAt: snapshot.submittedAt?.toISOString(),
    scheduledAt: snapshot.scheduledAt?.toISOString(),
    endedAt: snapshot.endedAt?.toISOString(),
    origPrompt: snapshot.origPrompt,
    actualPrompt: snapshot.actualPrompt,
    code: snapshot.code,
    message: snapshot.message,
    requestId: snapshot.requestId,
    cost: snapshot.cost,
  };
}

/** Aligned `name  value` lines, skipping empty values. */
function fields(entries: readonly (readonly [string, string | undefined])[]): string[] {
  const present = entries.filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1] !== '');
  const width = Math.max(...present.map(([name]) => name.length));
  return present.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
}

/** `status <id>` for a person. */
export function snapshotLines(snapshot: TaskSnapshot): string[] {
  return fields([
    ['task', snapshot.taskId],
    ['status', snapshot.status],
    ['submitted', snapshot.submittedAt?.toISOString()],
    ['started', snapshot.scheduledAt?.toISOString()],
    ['ended', snapshot.endedAt?.toISOString()],
    ['cost', snapshot.cost && costText(snapshot.cost)],
    ['failure', snapshot.code || snapshot.message ? `${snapshot.code ?? 'no code'}: ${snapshot.message ?? 'no message'}` : undefined],
    ...snapshot.videos.flatMap((video): [string, string | undefined][] => [
      ['video', video.url],
      ['expires', video.expiresAt?.toISOString()],
    ]),
  ]);
}

/** A finished task for a person: the link, or the file it was saved to. */
export function resultLines(snapshot: TaskSnapshot, file: DownloadResult | undefined): string[] {
  const head = `Task ${snapshot.taskId} succeeded${snapshot.model ? ` (${snapshot.model})` : ''}.`;
  if (file) return [head, `Saved ${file.bytes} bytes to ${file.path}`];
  return [head, ...snapshot.videos.flatMap((video) => [`Video: ${video.url}`, ...(video.expiresAt ? [`Valid until: ${video.expiresAt.toISOString()}`] : [])])];
}

/** One task of `list` as JSON. */
export function summaryJson(task: TaskSummary): Record<string, unknown> {
  return {
    taskId: task.taskId,
    status: task.status,
    model: task.model,
    submittedAt: task.submittedAt?.toISOString(),
    endedAt: task.endedAt?.toISOString(),
  };
}

/** `list` for a person: a table. */
export function summaryTable(tasks: readonly TaskSummary[]): string[] {
  const rows = [
    ['TASK', 'STATUS', 'MODEL', 'SUBMITTED', 'ENDED'],
    ...tasks.map((task) => [task.taskId, task.status, task.model ?? '-', task.submittedAt?.toISOString() ?? '-', task.endedAt?.toISOString() ?? '-']),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

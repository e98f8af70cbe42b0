/**
 * The commands on tasks by id, including tasks submitted elsewhere: `status`, `wait`, `cancel`
 * and `list`.
 *
 * @module
 */
import { InvalidArgumentError } from 'commander';
import type { TaskStatus } from '../task/result.ts';
import type { TaskSummary } from '../task/tasks-api.ts';
import type { VideoTask } from '../task/video-task.ts';
import { connect, type ClientFlags } from './connect.ts';
import type { ExitCode } from './exit-codes.ts';
import { followToResult, type FollowFlags } from './follow.ts';
import { onInterrupt } from './interrupt.ts';
import { Output, type OutputFlags } from './output.ts';
import { snapshotJson, snapshotLines, summaryJson, summaryTable } from './render.ts';
import { LIST_NAMES, TASK_NAMES, connectionNames } from './typed-names.ts';

/** The flags of `status`, `wait` and `cancel`. */
export type TaskFlags = OutputFlags & ClientFlags;

/** `--model` of `status` and `wait`: the task's model, which the query does not name, to price its cost. */
export interface PricedTaskFlags extends TaskFlags {
  readonly model?: string;
}

/** `status <id>`: one query. Exits 0 whatever the status: `wait` judges, `status` reports. */
export async function status(taskId: string, flags: PricedTaskFlags): Promise<ExitCode> {
  const out = new Output(flags);
  try {
    const client = await connect(flags);
    const snapshot = await client.tasks.get(taskId, { model: flags.model });
    out.result(snapshotLines(snapshot), snapshotJson(snapshot));
    return 0;
  } catch (error) {
    return out.fail(error, { taskId, names: { ...connectionNames(flags), ...TASK_NAMES } });
  }
}

/** `wait <id>`: follows a task to its end, like the mode commands after their submit. */
export async function wait(taskId: string, flags: PricedTaskFlags & FollowFlags): Promise<ExitCode> {
  const out = new Output(flags);
  const interrupt = onInterrupt();
  let task: VideoTask | undefined;
  try {
    const client = await connect(flags);
    task = client.tasks.wait({ taskId, model: flags.model }, { signal: interrupt.signal });
    out.log(`Waiting for task ${taskId}`);
    await followToResult(task, out, flags, interrupt.signal);
    return 0;
  } catch (error) {
    return out.fail(error, { taskId, output: flags.output, names: { ...connectionNames(flags), ...TASK_NAMES } });
  } finally {
    interrupt.dispose();
  }
}

/** `cancel <id>`: the service cancels only PENDING tasks; later, exit 7 with its refusal. */
export async function cancel(taskId: string, flags: TaskFlags): Promise<ExitCode> {
  const out = new Output(flags);
  try {
    const client = await connect(flags);
    await client.tasks.cancel(taskId);
    out.result([`Canceled task ${taskId}.`], { taskId, canceled: true });
    return 0;
  } catch (error) {
    return out.fail(error, { taskId, names: { ...connectionNames(flags), ...TASK_NAMES } });
  }
}

/** The flags of `list`. */
export interface ListFlags extends TaskFlags {
  readonly status?: TaskStatus;
  readonly model?: string;
  readonly since?: Date;
  readonly until?: Date;
  readonly limit: number;
}

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A time argument: ISO 8601 (`2025-06-01T10:00:00Z`), or an age such as `30m`, `2h`, `1d`. */
export function timeArgument(value: string): Date {
  const age = /^(\d+)\s*([smhd])$/i.exec(value.trim());
  if (age) return new Date(Date.now() - Number(age[1]) * (UNITS[(age[2] ?? 's').toLowerCase()] ?? 1_000));
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidArgumentError('Expected an ISO 8601 time such as 2025-06-01T10:00:00Z, or an age such as 30m, 2h or 1d.');
  return new Date(time);
}

/** `list`: the newest tasks first, up to `--limit`. */
export async function list(flags: ListFlags): Promise<ExitCode> {
  const out = new Output(flags);
  try {
    const client = await connect(flags);
    const tasks: TaskSummary[] = [];
    if (flags.limit > 0) {
      for await (const task of client.tasks.list({
        status: flags.status,
        model: flags.model,
        startTime: flags.since,
        endTime: flags.until,
        pageSize: Math.min(flags.limit, 100),
      })) {
        tasks.push(task);
        if (tasks.length >= flags.limit) break;
      }
    }
    if (tasks.length === 0) out.log('No tasks match.');
    out.result(tasks.length > 0 ? summaryTable(tasks) : [], { tasks: tasks.map(summaryJson) });
    return 0;
  } catch (error) {
    return out.fail(error, { names: { ...connectionNames(flags), ...LIST_NAMES } });
  }
}

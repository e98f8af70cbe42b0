/**
 * `client.tasks`: work with tasks by id, including tasks submitted by another process.
 *
 * @module
 */
import { ValidationError, type SubmitOutcomeUnknownError } from '../core/errors.ts';
import type { VideoMode } from '../models/caps.ts';
import type { ResolvedPolling } from '../scheduling/poller.ts';
import { listedTasks } from './list-pages.ts';
import { CLOCK_SKEW_MS, promptMatches } from './recover-submit.ts';
import { formatListTime, isTerminal, listedModel, parseServiceTime, toSnapshot, type TaskSnapshot, type TaskStatus } from './result.ts';
import type { TaskOptions, TaskRuntime, VideoTaskJSON } from './task-options.ts';
import { cancelError } from './handle-errors.ts';
import { VideoTask } from './video-task.ts';

/** Filters of {@link TasksAPI.list}. */
export interface ListTasksFilter {
  /** Only tasks in this status. */
  readonly status?: TaskStatus | undefined;
  /** Only tasks of this model. */
  readonly model?: string | undefined;
  /** Only tasks submitted at or after this time. */
  readonly startTime?: Date | undefined;
  /** Only tasks submitted at or before this time. */
  readonly endTime?: Date | undefined;
  /**
   * Tasks per page requested from the service.
   * @default 20
   */
  readonly pageSize?: number | undefined;
  /** Stops the listing. */
  readonly signal?: AbortSignal | undefined;
}

/** One task of a listing. */
export interface TaskSummary {
  /** The task id. */
  readonly taskId: string;
  /** Its status. */
  readonly status: TaskStatus;
  /** Its model, when the listing says. */
  readonly model: string | undefined;
  /** When it was submitted, when the listing says. */
  readonly submittedAt: Date | undefined;
  /** When it ended, when the listing says. */
  readonly endedAt: Date | undefined;
  /** The listing's fields as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Operations on tasks by id. Reached as `client.tasks`. */
export class TasksAPI {
  readonly #runtime: TaskRuntime;
  readonly #polling: (options?: TaskOptions) => ResolvedPolling;

  /** @internal Created by the client. */
  constructor(runtime: TaskRuntime, polling: (options?: TaskOptions) => ResolvedPolling) {
    this.#runtime = runtime;
    this.#polling = polling;
  }

  /**
   * Queries a task once. The query does not name the model: give `model` to have `cost` priced.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const snapshot = await new ModelStudioClient().tasks.get('0385dc79-5ff8-4d82-bcb6-000000000000');
   * console.log(snapshot.status);
   * ```
   */
  async get(taskId: string, options: Pick<TaskOptions, 'signal' | 'maxRetries'> & { readonly model?: string | undefined } = {}): Promise<TaskSnapshot> {
    const answer = await this.#runtime.transport.getTask(taskId, options);
    const snapshot = toSnapshot(answer, taskId, options.model, this.#runtime.fetch, (status, usage) => this.#runtime.pricing.actual(options.model, status, usage));
    // A detached task seen ended frees its slot now rather than at its expected end.
    if (isTerminal(snapshot.status)) this.#runtime.detached.ended(taskId);
    return snapshot;
  }

  /**
   * A handle for a task submitted earlier, by this process or another: pass the id, or the
   * handle's `toJSON()`. It polls at once and resolves like a new task's handle.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const result = await new ModelStudioClient().tasks.wait('0385dc79-5ff8-4d82-bcb6-000000000000');
   * console.log(result.videos[0].url);
   * ```
   */
  wait(task: string | Pick<VideoTaskJSON, 'taskId'> & Partial<VideoTaskJSON>, options: TaskOptions = {}): VideoTask {
    const saved = typeof task === 'string' ? { taskId: task } : task;
    if (!saved.taskId) {
      throw new ValidationError('Invalid tasks.wait call (1 problem):', [{ path: 'taskId', message: 'is required; a handle has one only once its submit succeeded' }]);
    }
    const mode: VideoMode | undefined = saved.mode;
    return new VideoTask(this.#runtime, { kind: 'resume', taskId: saved.taskId, model: saved.model, mode }, this.#polling(options), options);
  }

  /**
   * Cancels a task. The service cancels only `PENDING` tasks; a later cancel throws a
   * `BadRequestError` with code `UnsupportedOperation` that says so.
   */
  async cancel(taskId: string, options: Pick<TaskOptions, 'signal' | 'maxRetries'> = {}): Promise<void> {
    try {
      await this.#runtime.transport.cancelTask(taskId, options);
    } catch (error) {
      throw cancelError(error, taskId, undefined);
    }
  }

  /**
   * Every task matching `filter`, newest pages first as the service orders them, fetching pages as
   * the loop asks for them.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * for await (const task of new ModelStudioClient().tasks.list({ status: 'RUNNING' })) {
   *   console.log(task.taskId, task.model);
   * }
   * ```
   */
  async *list(filter: ListTasksFilter = {}): AsyncGenerator<TaskSummary, void, undefined> {
    const query = {
      page_size: filter.pageSize ?? 20,
      status: filter.status,
      model_name: filter.model,
      start_time: filter.startTime && formatListTime(filter.startTime),
      end_time: filter.endTime && formatListTime(filter.endTime),
    };
    for await (const task of listedTasks(this.#runtime.transport, query, { signal: filter.signal })) {
      yield {
        taskId: task.task_id,
        status: (task.task_status ?? task.status ?? 'UNKNOWN') as TaskStatus,
        model: listedModel(task),
        submittedAt: listedTime(task.submit_time ?? task.gmt_create ?? task.start_time),
        endedAt: listedTime(task.end_time),
        raw: task,
      };
    }
  }

  /**
   * Looks for the task that a submit may have created when its answer was lost: give the
   * {@link SubmitOutcomeUnknownError}, or a {@link LostSubmit} when the submit was lost with its
   * process (a worker killed mid-submit). Tasks of the same model submitted from one minute before
   * the submit to `until` (default ten minutes after), whose prompt matches. Returns every match,
   * newest first; an empty array means no task was created and submitting again is safe.
   * (A handle does this itself for its own lost submits: see `submitRecovery`.)
   */
  async findSubmitted(lost: SubmitOutcomeUnknownError | LostSubmit, options: Pick<TaskOptions, 'signal'> = {}): Promise<TaskSnapshot[]> {
    const from = new Date(lost.submittedAt.getTime() - CLOCK_SKEW_MS);
    const to = ('until' in lost ? lost.until : undefined) ?? new Date(lost.submittedAt.getTime() + 10 * 60_000);
    const matches: TaskSnapshot[] = [];
    for await (const summary of this.list({ model: lost.model, startTime: from, endTime: to, signal: options.signal })) {
      const snapshot = await this.get(summary.taskId, options);
      if (promptMatches(snapshot.origPrompt, lost.prompt)) {
        matches.push({ ...snapshot, model: lost.model });
      }
    }
    return matches.sort((a, b) => (b.submittedAt?.getTime() ?? 0) - (a.submittedAt?.getTime() ?? 0));
  }
}

/** A submit that may have created a task whose id nobody learned, for `client.tasks.findSubmitted`. */
export interface LostSubmit {
  /** The model it went to. */
  readonly model: string;
  /** Its prompt, to tell its task from the model's others; without it every task in the window matches. */
  readonly prompt?: string | undefined;
  /** When it began, by the local clock (tasks from a minute before are looked at, for skewed clocks). */
  readonly submittedAt: Date;
  /**
   * The end of the window.
   * @default ten minutes after `submittedAt`
   */
  readonly until?: Date | undefined;
}

/** A listed task's time: the service's time string, or epoch milliseconds (the task management reference's list example). */
function listedTime(value: string | number | undefined): Date | undefined {
  return typeof value === 'number' ? new Date(value) : parseServiceTime(value);
}

/**
 * The `get_video_task` tool: one look-up of a task by id, priced when the tool set started the
 * task and so knows its model.
 *
 * @module
 */
import type { z } from 'zod';
import type { ModelStudioClient } from '../client/client.ts';
import { AbortError, isModelStudioError } from '../core/errors.ts';
import { formatPath } from '../core/text.ts';
import { invalid, readArguments } from './arguments.ts';
import { getTaskDescription } from './descriptions.ts';
import { failureResult, snapshotResult } from './result-builders.ts';
import type { VideoToolResult } from './results.ts';
import { getTaskInputSchema, toToolInputSchema } from './schemas.ts';
import type { VideoTool, VideoToolContext } from './tool-types.ts';

/** How many task models a tool set remembers for `get_video_task`; the oldest go first. */
const REMEMBERED_TASKS = 1000;

/** The models of the tasks a tool set started, by task id, the newest last. */
export class TaskModels {
  readonly #models = new Map<string, string>();

  remember(taskId: string, model: string): void {
    if (model === '') return;
    this.#models.delete(taskId);
    this.#models.set(taskId, model);
    if (this.#models.size > REMEMBERED_TASKS) {
      const [oldest] = this.#models.keys();
      if (oldest !== undefined) this.#models.delete(oldest);
    }
  }

  get(taskId: string): string | undefined {
    return this.#models.get(taskId);
  }
}

async function executeGetTask(
  client: ModelStudioClient,
  schema: z.ZodObject,
  models: TaskModels,
  args: unknown,
  context: VideoToolContext = {},
): Promise<VideoToolResult> {
  const read = readArguments('get_video_task', args);
  if (!read.ok) return read.failure;
  const parsed = schema.safeParse(read.value, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown argument${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (get_video_task takes task_id)` : undefined),
  });
  if (!parsed.success) {
    return invalid('get_video_task', parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))).failure;
  }
  const taskId = String(parsed.data.task_id);
  try {
    // The query does not name the model: the tool knows it for the tasks it started, to price them.
    return snapshotResult(await client.tasks.get(taskId, { signal: context.signal, model: models.get(taskId) }));
  } catch (error) {
    if (error instanceof AbortError && context.signal?.aborted) throw error;
    if (!isModelStudioError(error)) throw error;
    return failureResult(error, { taskId });
  }
}

/** The `get_video_task` tool of a tool set; `models` holds the models of the tasks its mode tools started. */
export function getVideoTaskTool(client: ModelStudioClient, models: TaskModels, modeTools: readonly string[]): VideoTool<'get_video_task'> {
  const inputSchema = getTaskInputSchema();
  return {
    name: 'get_video_task',
    description: getTaskDescription(modeTools),
    inputSchema,
    jsonSchema: toToolInputSchema(inputSchema),
    execute: (args, context) => executeGetTask(client, inputSchema, models, args, context),
  };
}

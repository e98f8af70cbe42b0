/**
 * What the video tools return: plain JSON (no class instances, ISO date strings, never the API
 * key) that a model can read and act on. `result-builders.ts` makes them from the SDK's results and errors.
 *
 * @module
 */
import type { ValidationIssue } from '../core/errors.ts';
import type { TaskStatus } from '../task/result.ts';
import type { VideoToolCost, VideoToolCostEstimate } from './cost-json.ts';

/**
 * A generated video in a tool result.
 *
 * @example
 * ```ts
 * import type { VideoToolVideo } from 'modelstudio-video/tools';
 *
 * const video: VideoToolVideo = { url: 'https://example.com/v.mp4?Expires=1900000000', expiresAt: '2030-03-17T17:46:40.000Z' };
 * console.log(`${video.url} (valid until ${video.expiresAt ?? 'unknown'})`);
 * ```
 */
export interface VideoToolVideo {
  /** The signed link to the MP4. */
  readonly url: string;
  /** When the link stops working, ISO 8601; `null` when unknown. Links live 24 hours. */
  readonly expiresAt: string | null;
}

/**
 * What the service billed and measured, with names a model reads right. Fields the service did not
 * send are left out.
 *
 * @example
 * ```ts
 * import type { VideoToolUsage } from 'modelstudio-video/tools';
 *
 * // A reference-to-video task: 5 s of output plus 5 s of reference video.
 * const usage: VideoToolUsage = { billedSeconds: 10, outputVideoSeconds: 5, inputVideoSeconds: 5, videoCount: 1 };
 * console.log(usage.billedSeconds);
 * ```
 */
export interface VideoToolUsage {
  /** Billed seconds: the output video, plus input reference videos for reference models (the service's `duration`). */
  readonly billedSeconds?: number;
  /** Seconds of generated video. */
  readonly outputVideoSeconds?: number;
  /** Seconds of input reference video. */
  readonly inputVideoSeconds?: number;
  /** Videos generated. */
  readonly videoCount?: number;
}

/** The task succeeded: its videos.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, findVideoTool, type VideoToolSuccess } from 'modelstudio-video/tools';
 *
 * const textToVideo = findVideoTool(createVideoTools(new ModelStudioClient()), 'text_to_video');
 * const result = await textToVideo.execute({ prompt: 'A fox in snow' });
 * if (result.ok && result.status === 'SUCCEEDED') {
 *   const done: VideoToolSuccess = result;
 *   console.log(done.videos[0]?.url, done.usage?.billedSeconds);
 * }
 * ```
 */
export interface VideoToolSuccess {
  /** `true`: the call worked. */
  readonly ok: true;
  /** The task id. */
  readonly taskId: string;
  /** The model, when known. */
  readonly model?: string;
  /** `SUCCEEDED`. */
  readonly status: 'SUCCEEDED';
  /** At least one video. */
  readonly videos: readonly VideoToolVideo[];
  /** What was billed, when the service said. */
  readonly usage?: VideoToolUsage;
  /** The estimate made before the call was sent (mode tools). */
  readonly estimatedCost?: VideoToolCostEstimate;
  /** What the task cost, from the billed seconds; absent when the model of the task is unknown here. */
  readonly cost?: VideoToolCost;
  /** The prompt after the service rewrote it, when it did. */
  readonly actualPrompt?: string;
}

/** The task exists and is not finished: follow it with `get_video_task`.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, findVideoTool, type VideoToolPending } from 'modelstudio-video/tools';
 *
 * const textToVideo = findVideoTool(createVideoTools(new ModelStudioClient(), { wait: false }), 'text_to_video');
 * const result = await textToVideo.execute({ prompt: 'A fox in snow' });
 * if (result.ok && 'next' in result) {
 *   const pending: VideoToolPending = result;
 *   console.log(pending.taskId, pending.next);
 * }
 * ```
 */
export interface VideoToolPending {
  /** `true`: the call worked. */
  readonly ok: true;
  /** The task id: pass it to `get_video_task` as `task_id`. */
  readonly taskId: string;
  /** The model, when known. */
  readonly model?: string;
  /** `PENDING`, `RUNNING` or `SUSPENDED` (which the service uses for a paused task). */
  readonly status: 'PENDING' | 'RUNNING' | 'SUSPENDED';
  /** The estimate made before the call was sent (mode tools). */
  readonly estimatedCost?: VideoToolCostEstimate;
  /** What the model should do next. */
  readonly next: string;
}

/** What went wrong, for a model to read.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, findVideoTool, type VideoToolError } from 'modelstudio-video/tools';
 *
 * const textToVideo = findVideoTool(createVideoTools(new ModelStudioClient()), 'text_to_video');
 * const result = await textToVideo.execute({ prompt: 'A fox', duration: 20 });
 * if (!result.ok) {
 *   const error: VideoToolError = result.error;
 *   console.log(error.type, error.issues); // ValidationError [{ path: 'duration', message: '20 is above the maximum of 15 ...' }]
 * }
 * ```
 */
export interface VideoToolError {
  /** The SDK's error class, such as `ValidationError` or `TaskFailedError`. */
  readonly type: string;
  /** What happened and what to do. */
  readonly message: string;
  /** The service's code, such as `DataInspectionFailed`, when there is one. */
  readonly code?: string;
  /** For a `ValidationError`: every problem of the arguments, by path. */
  readonly issues?: readonly ValidationIssue[];
  /** For a `BudgetError`: the estimate of the call refused; `null` when it cannot be priced. */
  readonly estimate?: number | null;
  /** For a `BudgetError`: the limit it was checked against. */
  readonly limit?: number;
  /** For a `BudgetError`: the currency of `estimate` and `limit`. */
  readonly currency?: string;
}

/** The call did not produce a video: bad arguments (nothing sent, nothing billed), or a failed task.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, findVideoTool, type VideoToolFailure } from 'modelstudio-video/tools';
 *
 * const textToVideo = findVideoTool(createVideoTools(new ModelStudioClient()), 'text_to_video');
 * const result = await textToVideo.execute({ prompt: 'A fox', extraParameters: { x: 1 } });
 * if (!result.ok) {
 *   const failure: VideoToolFailure = result;
 *   console.log(failure.error.message, failure.next);
 * }
 * ```
 */
export interface VideoToolFailure {
  /** `false`. */
  readonly ok: false;
  /** The task, when one was created. */
  readonly taskId?: string;
  /** The task's last status, when one was created. */
  readonly status?: TaskStatus;
  /** What went wrong. */
  readonly error: VideoToolError;
  /** The estimate made before the call, when the call got that far (mode tools). */
  readonly estimatedCost?: VideoToolCostEstimate;
  /** What the task cost (0 for a failed or canceled task), when one ended. */
  readonly cost?: VideoToolCost;
  /** What the model should do next. */
  readonly next: string;
}

/**
 * The result of every video tool: a success with videos, a task still running, or a failure. Plain
 * JSON: pass it to `JSON.stringify` as the tool's output.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createVideoTools, findVideoTool, type VideoToolResult } from 'modelstudio-video/tools';
 *
 * const getVideoTask = findVideoTool(createVideoTools(new ModelStudioClient()), 'get_video_task');
 * const result: VideoToolResult = await getVideoTask.execute({ task_id: '0385dc79-5ff8-4d82-bcb6-000000000000' });
 * if (!result.ok) console.log(result.error.type, result.next);
 * else if (result.status === 'SUCCEEDED') console.log(result.videos[0]?.url);
 * else console.log(`still ${result.status}`);
 * ```
 */
export type VideoToolResult = VideoToolSuccess | VideoToolPending | VideoToolFailure;

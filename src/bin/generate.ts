/**
 * `t2v`, `i2v`, `r2v` and `edit`: submit a task, then follow it to the video, or with `--no-wait` print
 * its id as soon as the service created it.
 *
 * @module
 */
import type { ModelStudioClient } from '../client.ts';
import type { VideoMode } from '../models/caps.ts';
import type { EditVideoRequest, ImageToVideoRequest, ReferenceToVideoRequest, TextToVideoRequest } from '../requests.ts';
import type { TaskOptions, VideoTask } from '../task/video-task.ts';
import { connect, type ClientFlags } from './connect.ts';
import type { ExitCode } from './exit-codes.ts';
import { followToResult, type FollowFlags } from './follow.ts';
import { onInterrupt } from './interrupt.ts';
import { Output, type OutputFlags } from './output.ts';
import { requestFields, type VideoFlagValues } from './video-flags.ts';

/** The flags of the mode commands. */
export interface GenerateFlags extends VideoFlagValues, OutputFlags, ClientFlags, FollowFlags {
  /** `false` with `--no-wait`. */
  readonly wait: boolean;
}

/** Starts a task of `mode`. The request is checked by the SDK's validation, not by its type. */
function start(client: ModelStudioClient, mode: VideoMode, request: Record<string, unknown>, options: TaskOptions): VideoTask {
  switch (mode) {
    case 'textToVideo':
      return client.textToVideo(request as unknown as TextToVideoRequest, options);
    case 'imageToVideo':
      return client.imageToVideo(request as unknown as ImageToVideoRequest, options);
    case 'referenceToVideo':
      return client.referenceToVideo(request as unknown as ReferenceToVideoRequest, options);
    case 'editVideo':
      return client.editVideo(request as unknown as EditVideoRequest, options);
  }
}

/**
 * Runs one mode command: `inputs` are the positional arguments as request fields (`prompt`,
 * `image`, `references`, `video`), the flags add the rest.
 */
export async function generate(mode: VideoMode, inputs: Readonly<Record<string, unknown>>, flags: GenerateFlags): Promise<ExitCode> {
  const out = new Output(flags);
  const interrupt = onInterrupt();
  // With --no-wait, aborting this stops following the task once it exists; it runs on in the service.
  const following = new AbortController();
  let task: VideoTask | undefined;
  try {
    const client = await connect(flags);
    task = start(client, mode, { ...inputs, ...requestFields(flags) }, { signal: AbortSignal.any([interrupt.signal, following.signal]) });
    if (!flags.wait) {
      const submitted = await task.whenSubmitted();
      following.abort();
      out.result([submitted.taskId], { taskId: submitted.taskId, model: submitted.model, status: 'PENDING', requestId: submitted.requestId });
      out.log(`Follow it with: modelstudio-video wait ${submitted.taskId}`);
      return 0;
    }
    await followToResult(task, out, flags, interrupt.signal);
    return 0;
  } catch (error) {
    return out.fail(error, { taskId: task?.taskId, output: flags.output });
  } finally {
    interrupt.dispose();
  }
}

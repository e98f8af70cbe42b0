/**
 * `t2v`, `i2v`, `r2v` and `edit`: submit a task, then follow it to the video, or with `--no-wait` print
 * its id as soon as the service created it. The estimate goes to stderr before the submit, the cost
 * after the result; `--estimate` prints the estimate alone and sends nothing, `--max-cost` refuses a
 * request estimated above it.
 *
 * @module
 */
import type { VideoMode } from '../models/caps.ts';
import type { VideoTask } from '../task/video-task.ts';
import { connect, type ClientFlags } from './connect.ts';
import { estimateAmount, estimateBasis, estimateLine } from './cost-lines.ts';
import type { ExitCode } from './exit-codes.ts';
import { followToResult, type FollowFlags } from './follow.ts';
import { onInterrupt } from './interrupt.ts';
import { checkModelFlag } from './model-flag.ts';
import { Output, type OutputFlags } from './output.ts';
import { connectionNames } from './typed-names.ts';
import { modeNames, requestFields, type VideoFlagValues } from './video-flags.ts';

/** The flags of the mode commands. */
export interface GenerateFlags extends VideoFlagValues, OutputFlags, ClientFlags, FollowFlags {
  /** `false` with `--no-wait`. */
  readonly wait: boolean;
  /** `--estimate`: print the estimate and send nothing. */
  readonly estimate?: boolean;
  /** `--max-cost <amount>`: refuse a request estimated above this, in the region's currency. */
  readonly maxCost?: number;
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
    // An estimate sends nothing, so it needs no key.
    const client = await connect(flags, { keyOptional: flags.estimate === true });
    checkModelFlag(mode, typeof flags['model'] === 'string' ? flags['model'] : undefined, client.region);
    // Typed unknown: the client checks the request at run time, as it checks any untyped input.
    const request: unknown = { ...inputs, ...requestFields(flags) };
    // Validates the request as the submit would (the same ValidationError), sending nothing.
    const estimatedCost = client.estimateCost(mode, request);
    if (flags.estimate) {
      out.result([estimateAmount(estimatedCost)], { estimate: estimatedCost });
      out.log(estimateBasis(estimatedCost));
      return 0;
    }
    out.log(estimateLine(estimatedCost));
    task = client.generate(mode, request, { signal: AbortSignal.any([interrupt.signal, following.signal]), maxCost: flags.maxCost });
    if (!flags.wait) {
      const submitted = await task.whenSubmitted();
      following.abort();
      out.result([submitted.taskId], { taskId: submitted.taskId, model: submitted.model, status: 'PENDING', requestId: submitted.requestId, estimatedCost });
      out.log(`Follow it with: modelstudio-video wait ${submitted.taskId}`);
      return 0;
    }
    await followToResult(task, out, flags, interrupt.signal, { estimatedCost });
    return 0;
  } catch (error) {
    return out.fail(error, { taskId: task?.taskId, output: flags.output, names: { ...connectionNames(flags), ...modeNames(mode) } });
  } finally {
    interrupt.dispose();
  }
}

/**
 * What the service says it billed and measured for a task: the usage object of a task answer,
 * typed. Owned here because pricing reads it; the task's result carries it.
 *
 * @module
 */

/**
 * What the service billed and measured (docs/protocol.md §9.5). Fields differ by model generation
 * and may be floats; the known ones are typed, `inputSeconds` and `outputSeconds` are derived where
 * the fields allow, and `raw` keeps every field as the service sent it.
 */
export interface VideoUsage {
  /** Billed seconds (wan2.2 on: output seconds; wan2.6 on: input + output seconds). */
  readonly duration?: number | undefined;
  /** Seconds of output video (wan2.6 on). */
  readonly outputVideoDuration?: number | undefined;
  /** Seconds of input video (reference videos, an edited video). */
  readonly inputVideoDuration?: number | undefined;
  /** Videos produced. */
  readonly videoCount?: number | undefined;
  /** Output resolution as a line count (`480`, `720`, `1080`). */
  readonly sr?: number | undefined;
  /** The output size `W*H` (wan2.6 text to video). */
  readonly size?: string | undefined;
  /** Whether sound was generated (wan2.6 flash, which bills it). */
  readonly audio?: boolean | undefined;
  /** The output aspect ratio (wan2.7, wan3.0). */
  readonly ratio?: string | undefined;
  /** Frames per second (wan2.7, wan3.0). */
  readonly fps?: number | undefined;
  /** wan2.1's field for the video's length. */
  readonly videoDuration?: number | undefined;
  /** wan2.1's field for the aspect ratio or size. */
  readonly videoRatio?: string | undefined;
  /** Seconds of output video, from whichever field the generation reports. */
  readonly outputSeconds?: number | undefined;
  /** Seconds of input video billed (0 when the generation reports output only). */
  readonly inputSeconds?: number | undefined;
  /** Every usage field as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The usage object of a task answer, typed; `undefined` when the answer has none. */
export function parseUsage(raw: Record<string, unknown> | undefined): VideoUsage | undefined {
  if (!raw) return undefined;
  const duration = num(raw.duration);
  const outputVideoDuration = num(raw.output_video_duration);
  const inputVideoDuration = num(raw.input_video_duration);
  const videoDuration = num(raw.video_duration);
  // wan2.6 on: duration = input + output; wan2.2/2.5: duration is the output; wan2.1: video_duration.
  const outputSeconds = outputVideoDuration ?? videoDuration ?? (inputVideoDuration === undefined ? duration : undefined) ??
    (duration !== undefined && inputVideoDuration !== undefined ? duration - inputVideoDuration : undefined);
  const inputSeconds = inputVideoDuration ?? (duration !== undefined && outputVideoDuration !== undefined ? Math.max(0, duration - outputVideoDuration) : outputSeconds !== undefined ? 0 : undefined);
  return {
    duration,
    outputVideoDuration,
    inputVideoDuration,
    videoCount: num(raw.video_count),
    sr: num(raw.SR),
    size: text(raw.size),
    audio: typeof raw.audio === 'boolean' ? raw.audio : undefined,
    ratio: text(raw.ratio),
    fps: num(raw.fps),
    videoDuration,
    videoRatio: text(raw.video_ratio),
    outputSeconds,
    inputSeconds,
    raw,
  };
}


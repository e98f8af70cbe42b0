/**
 * `usage` of a succeeded task in the shape of its model's generation (docs/protocol.md §9.5, §10),
 * from the submit body and the model's {@link UsageRule}. `duration` is what is billed: output
 * seconds, plus input video seconds where the model bills them (§9.4).
 *
 * @module
 */
import { madeSeconds, usageRuleOf } from './defaults.ts';
import { resolutionOfSize } from './sizes.ts';
import type { UsageRule } from './types.ts';

type Json = Readonly<Record<string, unknown>>;

/** `SR`: the lines of the resolution asked for (`resolution`, or the §3.1 size's), else the model's default. */
function resolutionLines(parameters: Json, rule: UsageRule): number {
  const resolution =
    typeof parameters.resolution === 'string'
      ? parameters.resolution
      : typeof parameters.size === 'string'
        ? resolutionOfSize(parameters.size)
        : undefined;
  return Number.parseInt(resolution ?? rule.defaultResolution, 10);
}

/**
 * Seconds of input video the simulator counts: 5 for each reference or edited video (it does not
 * measure the files), found by extension in flat fields (every `reference_video_urls` item) and by
 * type in `media[]`.
 */
function inputVideoSeconds(input: Json): number {
  const items = [
    ...(Array.isArray(input.reference_urls) ? input.reference_urls : []),
    ...(Array.isArray(input.reference_video_urls) ? input.reference_video_urls.map(() => ({ type: 'video' })) : []),
    ...(Array.isArray(input.media) ? input.media : []),
    ...(typeof input.video_url === 'string' ? [input.video_url] : []),
  ];
  const videos = items.filter((item) => /\.(mp4|mov)(\?|"|$)|"(reference_video|video|file|first_clip)"/i.test(JSON.stringify(item))).length;
  return videos * 5;
}

/** `usage` of a succeeded task of `model` submitted with `body`. */
export function usageFor(model: string, body: Json): Record<string, unknown> {
  const rule = usageRuleOf(model);
  const input = (body.input ?? {}) as Json;
  const parameters = (body.parameters ?? {}) as Json;
  const duration = madeSeconds(parameters.duration, rule);
  const ratio = typeof parameters.ratio === 'string' ? parameters.ratio : '16:9';
  switch (rule.shape) {
    case 'animation':
      // Character animation and talking heads report their length as wan2.1 does (§10.4).
      return { video_duration: duration, video_count: 1, ...(rule.reportsRatio && { video_ratio: ratio }) };
    case 'wan2.1':
      return { video_duration: duration, video_ratio: typeof parameters.size === 'string' ? parameters.size : ratio, video_count: 1 };
    case 'wan2.2':
      return { duration, SR: resolutionLines(parameters, rule), video_count: 1 };
    default:
      break;
  }
  const inputSeconds = inputVideoSeconds(input);
  const billed = rule.billsInputVideo ? Math.min(inputSeconds, rule.billsInputVideo.maxSeconds ?? Number.POSITIVE_INFINITY) : 0;
  const usage: Record<string, unknown> = { duration: duration + billed, output_video_duration: duration, video_count: 1, SR: resolutionLines(parameters, rule) };
  // Models that take input videos report their seconds, 0 included.
  if (inputSeconds > 0 || rule.reportsInputVideo) usage.input_video_duration = inputSeconds;
  if (rule.shape === 'wan2.6') {
    if (typeof parameters.size === 'string') usage.size = parameters.size;
    // The i2v flash model reports whether it made sound, which its price depends on (on by default).
    if (rule.reportsAudio) usage.audio = parameters.audio !== false;
    return usage;
  }
  return { ...usage, ratio: ratio === 'adaptive' ? '16:9' : ratio, fps: rule.fps ?? 24 };
}

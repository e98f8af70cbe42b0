/**
 * The `kling` family (docs/protocol.md §10.5): Kling's partner models on the video-synthesis
 * endpoint. Frames, the video to edit and references are `media[]` items (`first_frame`,
 * `last_frame`, `base`, `refer` images and a `feature` video), the
 * output is `mode` (`std` for 720P, `pro` for 1080P) and `aspect_ratio`, and a multi-shot video is
 * `multi_shot` with its `multi_prompt` list.
 *
 * @module
 */
import type { LocalMedia } from '../../media/local-media.ts';
import { VIDEO_SYNTHESIS_PATH, type ParsedRequest, type WireFamily } from './family.ts';

type Url = string | LocalMedia;

/** Kling's output tier for a resolution. */
const MODE_OF_RESOLUTION: Readonly<Record<string, string>> = { '720P': 'std', '1080P': 'pro' };

/** Frames, the video to edit (`base`), then references: images as `refer`, a video as `feature`. */
function mediaItems(request: ParsedRequest): { type: string; url: Url }[] {
  const single = (type: string, url: Url | undefined) => (url === undefined ? [] : [{ type, url }]);
  return [
    ...single('first_frame', request.image),
    ...single('last_frame', request.lastFrame),
    ...single('base', request.video),
    ...(request.references ?? []).map((reference) => ({ type: reference.type === 'video' ? 'feature' : 'refer', url: reference.url })),
  ];
}

/** The Kling family. */
export const klingFamily: WireFamily = {
  path: VIDEO_SYNTHESIS_PATH,
  toWire: (_context, request) => {
    const media = mediaItems(request);
    const shots = request.shots;
    return {
      input: {
        prompt: request.prompt,
        ...(media.length > 0 && { media }),
        ...(shots && {
          multi_shot: true,
          shot_type: 'customize',
          multi_prompt: shots.map((shot, index) => ({ index: index + 1, prompt: shot.prompt, duration: shot.duration })),
        }),
      },
      parameters: {
        mode: request.resolution === undefined ? undefined : MODE_OF_RESOLUTION[request.resolution],
        aspect_ratio: request.aspectRatio,
        // A multi-shot video lasts as long as its shots together.
        duration: shots ? shots.reduce((total, shot) => total + shot.duration, 0) : request.duration,
        audio: request.audio,
        watermark: request.watermark,
      },
    };
  },
  check: ({ model, caps }, request, ctx) => {
    // Checks run beside the fields' own problems: only well-formed shots are summed.
    const shots: readonly unknown[] = Array.isArray(request.shots) ? request.shots : [];
    const durations = shots.map((shot) => (typeof shot === 'object' && shot !== null && 'duration' in shot ? shot.duration : undefined));
    if (shots.length === 0 || !durations.every((duration): duration is number => typeof duration === 'number')) return;
    const total = durations.reduce((sum, duration) => sum + duration, 0);
    if (total > caps.duration.max) {
      ctx.addIssue({ code: 'custom', path: ['shots'], message: `last ${total} s together, above the maximum of ${caps.duration.max} for ${model}` });
    }
    if (request.duration !== undefined && request.duration !== total) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: `is ${request.duration}, but the shots last ${total} s together; leave it out with shots` });
    }
  },
};

/**
 * Kling's partner models (docs/protocol.md §10.5): Beijing only, on the video-synthesis path, with
 * `media[]` items, `mode` std | pro, `aspect_ratio` and multi-shot prompts. Every fact past
 * Alibaba's Kling page is *(2nd)* [S19].
 *
 * @module
 */
import { VIDEO_SYNTHESIS } from './endpoints.ts';
import { ANY, DURATION, FLAG, MEDIA, choice } from './fields.ts';
import { KLING_RATIOS } from './sizes.ts';
import type { MediaRules, ModelRule } from './types.ts';

/** Frames, for both models (Alibaba's Kling page). */
const FRAMES = { first_frame: { kind: 'image', max: 1 }, last_frame: { kind: 'image', max: 1 } } as const;

/**
 * One Kling model. The prompt is required unless a first frame is given (image to video); the notes
 * give no prompt limit, and 2500 characters is taken from Comfy's Kling v3 node *(2nd)*
 * (decision 2026-12-08, §10.5). `mode` std (720P) | pro (1080P, the default); `aspect_ratio`
 * 16:9 | 9:16 | 1:1; `duration` 3–15 (3–10 with a reference video); `audio`, `watermark`.
 */
function kling(media: MediaRules, takesVideo: boolean): ModelRule {
  return {
    path: VIDEO_SYNTHESIS,
    shape: 'kling',
    regions: ['cn'],
    fields: {
      input: {
        prompt: { kind: 'text', required: true, optionalWith: ['first_frame'], maxLength: 2500 },
        media: MEDIA,
        multi_shot: FLAG,
        shot_type: choice(['customize', 'intelligence']),
        multi_prompt: ANY,
        element_list: ANY,
      },
      parameters: { mode: choice(['std', 'pro']), aspect_ratio: choice(KLING_RATIOS), duration: DURATION, audio: FLAG, watermark: FLAG },
    },
    duration: { min: 3, max: 15, default: 5, maxWithVideo: 10 },
    media,
    // Usage of the copy [S19] (`duration`, `size`, `fps`, `video_count`, `audio`, `SR`) is read
    // here as the wan2.7 field set the SDK parses; `input_video_duration` when it takes videos
    // (omni). Limits unpublished.
    usage: { shape: 'wan2.7', fps: 24, defaultSeconds: 5, defaultResolution: '1080P', reportsInputVideo: takesVideo },
    // The answer adds `watermark_video_url`, kept 30 days.
    result: { at: 'video_url', watermarkedCopy: true },
  };
}

/** The Kling models, by wire name. */
export const KLING_MODELS: Readonly<Record<string, ModelRule>> = {
  'kling/kling-v3-video-generation': kling({ types: FRAMES, required: false }, false),
  /**
   * Omni adds `refer` reference images and elements (at most 7, 4 with a video), one `feature`
   * reference video (3–10 s) and `base`, the video to edit [S19].
   */
  'kling/kling-v3-omni-video-generation': kling({
    types: {
      ...FRAMES,
      refer: { kind: 'image', max: 7, reference: true },
      feature: { kind: 'video', max: 1, reference: true },
      base: { kind: 'video', max: 1 },
    },
    required: false,
    maxImagesWithVideo: 4,
  }, true),
};

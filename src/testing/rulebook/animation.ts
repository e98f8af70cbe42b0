/**
 * Character animation, talking heads and lip sync (docs/protocol.md §9.1 animate / s2v, §10.4):
 * flat `*_url` inputs on the image2video path.
 *
 * @module
 */
import { IMAGE2VIDEO } from './endpoints.ts';
import { ANY, FLAG, choice, url } from './fields.ts';
import type { LimitRule, ModelRule } from './types.ts';

/** animate and s2v: 5 submits a second, 1 task at once (§9.3, §10.4). */
const ONE_AT_A_TIME: LimitRule = { submitsPerSecond: 5, concurrentTasks: 1 };

/**
 * wan2.2-animate-move and -mix (§9.1, §10.4, official body [S13]): `image_url` and `video_url`
 * (both required), `watermark` in `input`; `parameters.mode` wan-std | wan-pro, required;
 * `check_image` *(2nd)*. Beijing and Singapore. The output is as long as the driving video (the
 * simulator cannot measure it: 5 s), 720P (unpublished). The result is at
 * `output.results.video_url`; usage `{ video_duration, video_ratio }` (§10.4).
 */
function animate(): ModelRule {
  return {
    path: IMAGE2VIDEO,
    shape: 'animation',
    regions: ['cn', 'intl'],
    fields: {
      input: { image_url: url(true), video_url: url(true), watermark: FLAG },
      parameters: { mode: choice(['wan-std', 'wan-pro'], { required: true }), check_image: FLAG },
    },
    limits: ONE_AT_A_TIME,
    usage: { shape: 'animation', reportsRatio: true, defaultSeconds: 5, defaultResolution: '720P' },
    result: { at: 'results.video_url' },
  };
}

/** The animation models, by wire name. */
export const ANIMATION_MODELS: Readonly<Record<string, ModelRule>> = {
  'wan2.2-animate-move': animate(),
  'wan2.2-animate-mix': animate(),
  /**
   * wan2.2-s2v (§10.4): `image_url`, `audio_url` (up to 20 s; the video is as long: 20 s when the
   * simulator cannot tell); `parameters.resolution` 480P (default) | 720P; `style` seen in clients
   * *(unsure)*. Beijing only. Result at `output.results.video_url` *(2nd)*.
   */
  'wan2.2-s2v': {
    path: IMAGE2VIDEO,
    shape: 'animation',
    regions: ['cn'],
    fields: {
      input: { image_url: url(true), audio_url: url(true) },
      parameters: { resolution: choice(['480P', '720P']), style: ANY },
    },
    limits: ONE_AT_A_TIME,
    usage: { shape: 'animation', defaultSeconds: 20, defaultResolution: '480P' },
    result: { at: 'results.video_url' },
  },
  /**
   * videoretalk (§10.4): `video_url`, `audio_url` (2–120 s; the output follows them: 120 s when the
   * simulator cannot tell), optional `ref_image_url`; `parameters.video_extension`,
   * `query_face_threshold` *(2nd)*. Beijing only; limits unpublished. Its answer carries
   * `output.video_url`, with the older `video_duration` usage.
   */
  videoretalk: {
    path: IMAGE2VIDEO,
    shape: 'animation',
    regions: ['cn'],
    fields: {
      input: { video_url: url(true), audio_url: url(true), ref_image_url: url() },
      parameters: { video_extension: FLAG, query_face_threshold: ANY },
    },
    usage: { shape: 'animation', defaultSeconds: 120, defaultResolution: '720P' },
    result: { at: 'video_url' },
  },
};

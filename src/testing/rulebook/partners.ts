/**
 * Models the notes name with their path but not their body (docs/protocol.md §10.4 "Not wrapped",
 * §10.5 PixVerse and Vidu): the simulator checks only the path, the region and the input URLs,
 * and accepts any fields.
 *
 * @module
 */
import { REGIONS, type Region } from '../../core/regions.ts';
import { IMAGE2VIDEO, VIDEO_SYNTHESIS } from './endpoints.ts';
import type { ModelRule } from './types.ts';

/** One opaque model: no published limits, the usual answer (the wan2.7 usage fields at 720P). */
function opaque(path: string, regions: readonly Region[]): ModelRule {
  return {
    path,
    shape: 'opaque',
    regions,
    fields: { input: {}, parameters: {} },
    usage: { shape: 'wan2.7', fps: 24, defaultSeconds: 5, defaultResolution: '720P' },
    result: { at: 'video_url' },
  };
}

/** Each name of `names` as an opaque model. */
function each(names: readonly string[], rule: ModelRule): Record<string, ModelRule> {
  return Object.fromEntries(names.map((name) => [name, rule]));
}

/** The opaque models, by wire name. */
export const PARTNER_MODELS: Readonly<Record<string, ModelRule>> = {
  // §10.4: on image2video; the notes give no regions, so every region serves them here (tolerant, §9.7).
  ...each(['emo-v1', 'liveportrait', 'animate-anyone-gen2', 'emoji-v1', 'video-style-transform'], opaque(IMAGE2VIDEO, REGIONS)),
  // §10.5: Beijing only; the video-synthesis path is the notes' own reading.
  ...each(
    [
      'pixverse/pixverse-c1-t2v', 'pixverse/pixverse-c1-it2v', 'pixverse/pixverse-c1-kf2v', 'pixverse/pixverse-c1-r2v',
      'pixverse/pixverse-v6-t2v', 'pixverse/pixverse-v6-it2v', 'pixverse/pixverse-v6-kf2v', 'pixverse/pixverse-v6-r2v',
      'pixverse/pixverse-v6-r2v-omni', 'pixverse/pixverse-v5.6-t2v', 'pixverse/pixverse-v5.6-it2v', 'pixverse/pixverse-v5.6-kf2v',
      'pixverse/pixverse-lipsync', 'pixverse/pixverse-motioncontrol', 'pixverse/pixverse-upscale',
      'vidu/viduq3-turbo_text2video', 'vidu/viduq3-pro_text2video', 'vidu/viduq3-pro_img2video', 'vidu/viduq3-pro-fast_img2video',
      'vidu/viduq3-turbo_start-end2video', 'vidu/viduq3-mix_reference2video', 'vidu/viduq3-ad_reference2video',
      'vidu/viduq3-drama_reference2video', 'vidu/viduq2-pro_reference2video',
    ],
    opaque(VIDEO_SYNTHESIS, ['cn']),
  ),
};

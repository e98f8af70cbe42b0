/**
 * wan2.1-vace-plus (docs/protocol.md §9.1 vace, from the official VACE guide [S7]): one model, five
 * editing functions, each with its own inputs. Named `wanx2.1-vace-plus` in Beijing (§9.2).
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';
import { VIDEO_SYNTHESIS } from './endpoints.ts';
import { ANY, DURATION, FLAG, SEED, choice, imageUrl, prompt, range, url, urlList } from './fields.ts';
import { sizesOf } from './sizes.ts';
import type { ModelRule, VaceFunctionRule } from './types.ts';

/** `parameters.size`: "e.g. `1280*720`"; the output is 720P in total pixels, so the 720P sizes of §3.1. */
const SIZE = choice(sizesOf('720P'));
/** Each side's scale of an outpainting: 1.0–2.0 (default 1.0). */
const SCALE = range(1, 2);

/** The functions and what each adds (the per-function table of §9.1). */
const FUNCTIONS: Readonly<Record<string, VaceFunctionRule>> = {
  // 1–3 reference images, "only the first 3 are kept": more are not refused.
  image_reference: {
    input: { ref_images_url: urlList(true) },
    parameters: { obj_or_bg: ANY, size: SIZE },
    maxReferenceImages: 3,
    keepsFirst: true,
  },
  // The input video (MP4, ≤ 50 MB, ≤ 5 s), optionally 1 image replacing the subject; control_condition required.
  video_repainting: {
    input: { video_url: url(true), ref_images_url: urlList(false) },
    parameters: { control_condition: choice(['posebodyface', 'posebody', 'depth', 'scribble'], { required: true }), strength: range(0, 1) },
    maxReferenceImages: 1,
  },
  // A mask image or a mask video (one of them), the mask's frame (default 1), optionally 1 reference image.
  video_edit: {
    input: { video_url: url(true), mask_image_url: imageUrl(), mask_video_url: url(), mask_frame_id: { kind: 'integer', min: 1, max: Number.MAX_SAFE_INTEGER }, ref_images_url: urlList(false) },
    parameters: { mask_type: choice(['tracking', 'fixed']), expand_ratio: range(0, 1), size: SIZE },
    oneOf: [['mask_image_url', 'mask_video_url']],
    maxReferenceImages: 1,
  },
  // The prompt is required; at least one of the clips (≤ 3 s) or frames; the output is always 5 s.
  video_extension: {
    input: { prompt: prompt(true), first_clip_url: url(), last_clip_url: url(), first_frame_url: imageUrl(), last_frame_url: imageUrl() },
    parameters: {},
    oneOf: [['first_clip_url', 'last_clip_url', 'first_frame_url', 'last_frame_url']],
    maxReferenceImages: 0,
  },
  video_outpainting: {
    input: { video_url: url(true) },
    parameters: { top_scale: SCALE, bottom_scale: SCALE, left_scale: SCALE, right_scale: SCALE },
    maxReferenceImages: 0,
  },
};

/**
 * What every function takes: `function` (required), `prompt` (named for every function, marked
 * required only for `video_extension`), `prompt_extend`, `duration` ≤ 5 (the family row). The notes
 * name no `watermark` or `seed` for VACE; every other Wan family takes them (§9.1), and so does this
 * rulebook (decision 2026-12-08, §9.7).
 */
function vace(regions: readonly Region[]): ModelRule {
  return {
    path: VIDEO_SYNTHESIS,
    shape: 'vace',
    regions,
    fields: {
      input: { function: choice(Object.keys(FUNCTIONS), { required: true }), prompt: prompt(false) },
      parameters: { prompt_extend: FLAG, duration: DURATION, watermark: FLAG, seed: SEED },
    },
    functions: FUNCTIONS,
    duration: { min: 1, max: 5, default: 5 },
    // wan2.1: 2 submits a second, 2 tasks at once (§9.3).
    limits: { submitsPerSecond: 2, concurrentTasks: 2 },
    // wan2.1's usage fields (§9.5); VACE bills output seconds only (§9.4). Output: 30 fps (§9.1), though wan2.1's usage fields carry no fps.
    usage: { shape: 'wan2.1', fps: 30, defaultSeconds: 5, defaultResolution: '720P' },
    result: { at: 'video_url' },
  };
}

/** The VACE model under its two names (§9.2). */
export const VACE_MODELS: Readonly<Record<string, ModelRule>> = {
  'wan2.1-vace-plus': vace(['intl']),
  'wanx2.1-vace-plus': vace(['cn']),
};

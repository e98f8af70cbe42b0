/**
 * The `media` Wan models (wan2.7, wan3.0): every input an item of `input.media[]`, the output
 * `resolution` + `ratio` (docs/protocol.md §3.4, §9.1, §9.2, §9.7, §10.3).
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';
import { VIDEO_SYNTHESIS } from './endpoints.ts';
import { DURATION, FLAG, MEDIA, NEGATIVE_PROMPT, SEED, choice, prompt, url } from './fields.ts';
import { FIVE_RATIOS } from './sizes.ts';
import type { FieldRule, LimitRule, MediaRules, ModelRule, UsageRule } from './types.ts';

const CN_INTL: readonly Region[] = ['cn', 'intl'];
const HD = ['720P', '1080P'] as const;
/** wan2.7 (snapshots included): 5 submits a second, 5 tasks at once (§9.3). */
const LIMITS_5: LimitRule = { submitsPerSecond: 5, concurrentTasks: 5 };
const RESULT = { at: 'video_url' } as const;

/** The parameters every wan2.7 body may carry (§9.1 media row). */
const WAN27_PARAMETERS = { duration: DURATION, prompt_extend: FLAG, watermark: FLAG, seed: SEED } as const;

/** wan2.7's usage (§9.5): wan2.6's fields plus `ratio` and `fps`; 1080P unless told (§9.2 *(2nd)* for i2v). */
function wan27Usage(extra: Partial<UsageRule> = {}): UsageRule {
  return { shape: 'wan2.7', fps: 24, defaultSeconds: 5, defaultResolution: '1080P', ...extra };
}

/** wan2.7-t2v (§9.2): prompt ≤ 5000, negative_prompt, audio_url; 720P/1080P; five ratios (16:9); 2–15 s, 5 by default; always has sound, so no `audio` flag. */
const WAN27_T2V: ModelRule = {
  path: VIDEO_SYNTHESIS,
  shape: 'media',
  regions: CN_INTL,
  fields: {
    input: { prompt: prompt(true, 5000), negative_prompt: NEGATIVE_PROMPT, audio_url: url() },
    parameters: { resolution: choice(HD), ratio: choice(FIVE_RATIOS), ...WAN27_PARAMETERS },
  },
  duration: { min: 2, max: 15, default: 5 },
  limits: LIMITS_5,
  usage: wan27Usage(),
  result: RESULT,
};

/**
 * wan2.7-i2v (§9.2, research): `first_frame`, `last_frame`, `driving_audio`, `first_clip`, each at
 * most once, in the combinations the wrappers list *(2nd)*, plus first + last frame + driving audio
 * (§9.7: tolerant where sources differ). No `ratio` (the input decides); 2–15 s. Served in cn,
 * intl and us (§9.7, [S10]).
 */
const WAN27_I2V_MEDIA: MediaRules = {
  types: {
    first_frame: { kind: 'image', max: 1 },
    last_frame: { kind: 'image', max: 1 },
    driving_audio: { kind: 'audio', max: 1 },
    first_clip: { kind: 'video', max: 1 },
  },
  required: true,
  combinations: [
    ['first_frame'], ['first_frame', 'driving_audio'], ['first_frame', 'last_frame'], ['first_frame', 'last_frame', 'driving_audio'],
    ['first_clip'], ['first_clip', 'last_frame'],
  ],
};
const WAN27_I2V: ModelRule = {
  path: VIDEO_SYNTHESIS,
  shape: 'media',
  regions: ['cn', 'intl', 'us'],
  fields: {
    input: { prompt: prompt(false), negative_prompt: NEGATIVE_PROMPT, media: MEDIA },
    parameters: { resolution: choice(HD), ...WAN27_PARAMETERS },
  },
  duration: { min: 2, max: 15, default: 5 },
  media: WAN27_I2V_MEDIA,
  limits: LIMITS_5,
  usage: wan27Usage(),
  result: RESULT,
};

/**
 * wan2.7-r2v (§3.4, §9.2, §10.3): `reference_image` / `reference_video` items (at most 5
 * together), an optional `first_frame`, each reference with its own `reference_voice` and
 * `reference_description`; prompt required; 720P/1080P + five ratios; 2–15 s, 2–10 s with any
 * reference video. `prompt_extend` is in §3.4's official example.
 */
const WAN27_R2V: ModelRule = {
  path: VIDEO_SYNTHESIS,
  shape: 'media',
  regions: CN_INTL,
  fields: {
    input: { prompt: prompt(true), negative_prompt: NEGATIVE_PROMPT, media: MEDIA },
    parameters: { resolution: choice(HD), ratio: choice(FIVE_RATIOS), ...WAN27_PARAMETERS },
  },
  duration: { min: 2, max: 15, default: 5, maxWithVideo: 10 },
  media: {
    types: {
      reference_image: { kind: 'image', max: 5, reference: true },
      reference_video: { kind: 'video', max: 5, reference: true },
      first_frame: { kind: 'image', max: 1 },
    },
    required: true,
    maxReferences: 5,
    itemKeys: ['reference_voice', 'reference_description'],
  },
  limits: LIMITS_5,
  // It bills at most 5 s of input video (§9.4).
  usage: wan27Usage({ billsInputVideo: { maxSeconds: 5 }, reportsInputVideo: true }),
  result: RESULT,
};

/**
 * wan2.7-videoedit (§9.2 and research): one `video` item, up to 4 `reference_image` items (*(2nd)*;
 * one wrapper allows 3, §9.7 keeps 4); `resolution`, `ratio` (the input's by default),
 * `audio_setting` auto | origin; `duration` 0 (the input's length, the default) or 2–10. It bills
 * the input video's seconds (§9.4).
 */
const WAN27_VIDEOEDIT: ModelRule = {
  path: VIDEO_SYNTHESIS,
  shape: 'media',
  regions: CN_INTL,
  fields: {
    input: { prompt: prompt(true), negative_prompt: NEGATIVE_PROMPT, media: MEDIA },
    parameters: { resolution: choice(HD), ratio: choice(FIVE_RATIOS), audio_setting: choice(['auto', 'origin']), ...WAN27_PARAMETERS },
  },
  duration: { min: 2, max: 10, default: 0, special: [0] },
  media: {
    types: { video: { kind: 'video', max: 1 }, reference_image: { kind: 'image', max: 4, reference: true } },
    required: true,
  },
  limits: LIMITS_5,
  // No duration: the input's length (0), which the simulator cannot measure.
  usage: wan27Usage({ billsInputVideo: {}, reportsInputVideo: true, defaultSeconds: 0 }),
  result: RESULT,
};

/**
 * wan3.0-video (§9.2 and research [S11]): one model for text, image (first / last frame),
 * reference and edit. `first_frame`, `last_frame` at most 1 each; `reference_image` ≤ 10,
 * `reference_video` ≤ 5, `reference_audio` ≤ 5; `file` or `link` ≤ 1 (the edit's input; §9.7:
 * the SDK sends `file`); the frame types exclude reference, file and link. 480P/720P/1080P
 * (1080P by default), `ratio` adaptive (the default) or one of five; 2–30 s or -1 (the model
 * picks), 5 by default *(2nd)*; prompt ≤ 20 000 *(2nd)*; `audio` (on by default *(2nd)*); no
 * negative prompt (§9.1). The notes do not say whether an image request needs a prompt; a
 * first frame makes it optional, as for every other image to video model. Limits unpublished
 * (§9.3). Regions: see {@link WAN30_REGIONS}.
 */
const WAN30_FIELDS: Readonly<Record<string, FieldRule>> = {
  prompt: { kind: 'text', required: true, optionalWith: ['first_frame'], maxLength: 20_000 },
  media: MEDIA,
};

/**
 * Where wan3.0 is served: Beijing, Singapore and Virginia (§9.7), and Hong Kong, whose workspace
 * host its official reference lists [S11] (decision 2026-12-08 in §10.1: §10.1's "no source lists a
 * video model served in Hong Kong" overlooked it).
 */
const WAN30_REGIONS: readonly Region[] = ['cn', 'intl', 'us', 'hk'];

const WAN30_VIDEO: ModelRule = {
  path: VIDEO_SYNTHESIS,
  shape: 'media',
  regions: WAN30_REGIONS,
  fields: {
    input: WAN30_FIELDS,
    parameters: { resolution: choice(['480P', '720P', '1080P']), ratio: choice(['adaptive', ...FIVE_RATIOS]), audio: FLAG, ...WAN27_PARAMETERS },
  },
  duration: { min: 2, max: 30, default: 5, special: [-1] },
  media: {
    types: {
      first_frame: { kind: 'image', max: 1 },
      last_frame: { kind: 'image', max: 1 },
      reference_image: { kind: 'image', max: 10, reference: true },
      reference_video: { kind: 'video', max: 5, reference: true },
      reference_audio: { kind: 'audio', max: 5, reference: true },
      file: { kind: 'video', max: 1 },
      link: { kind: 'video', max: 1 },
    },
    required: false,
    exclusive: [['first_frame', 'last_frame'], ['reference_image', 'reference_video', 'reference_audio', 'file', 'link']],
    oneOfTypes: ['file', 'link'],
  },
  usage: wan27Usage({ fps: 30, reportsInputVideo: true }),
  result: RESULT,
};

/** The media Wan models, by wire name; the dated snapshots of §9.2 are served as their base model, in its regions. */
export const WAN_MEDIA_MODELS: Readonly<Record<string, ModelRule>> = {
  'wan2.7-t2v': WAN27_T2V,
  'wan2.7-i2v': WAN27_I2V,
  'wan2.7-r2v': WAN27_R2V,
  'wan2.7-videoedit': WAN27_VIDEOEDIT,
  'wan2.7-t2v-2026-04-25': WAN27_T2V,
  'wan2.7-i2v-2026-04-25': WAN27_I2V,
  // Secondary for the t2v snapshot; the r2v one is in the official guide (§9.2 research).
  'wan2.7-t2v-2026-06-12': WAN27_T2V,
  'wan2.7-r2v-2026-06-12': WAN27_R2V,
  'wan3.0-video': WAN30_VIDEO,
  // wan3.0-video-prime: the whole model is secondary (§9.2); served as wan3.0-video.
  'wan3.0-video-prime': WAN30_VIDEO,
};

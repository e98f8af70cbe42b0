/**
 * The flat Wan models (wan2.1 to wan2.6: one `*_url` field per input, `size` or `resolution`) and
 * the first + last frame models, as docs/protocol.md §3.1–§3.3, §9.1, §9.2 and §9.3 give them.
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';
import { IMAGE2VIDEO, VIDEO_SYNTHESIS } from './endpoints.ts';
import { ANY, DURATION, FLAG, NEGATIVE_PROMPT, SEED, choice, imageUrl, prompt, url, urlList } from './fields.ts';
import { sizesOf } from './sizes.ts';
import type { DurationRule, FieldRule, LimitRule, ModelRule, UsageRule } from './types.ts';

const CN_INTL: readonly Region[] = ['cn', 'intl'];
/** wan2.5, 2.6 and 2.7: 5 submits a second, 5 tasks at once (§6, §9.3). */
const LIMITS_5: LimitRule = { submitsPerSecond: 5, concurrentTasks: 5 };
/** wan2.2 t2v / i2v / kf2v and wan2.1: 2 and 2 (§6, §9.3). */
const LIMITS_2: LimitRule = { submitsPerSecond: 2, concurrentTasks: 2 };
/** Whole seconds 2–15, default 5 (§3.1; §3.5 for the default). Older docs list only 5, 10, 15 (unsure): `supportedDurations` narrows it. */
const SECONDS_2_15: DurationRule = { min: 2, max: 15, default: 5 };
/** wan2.6-r2v: 2–10 (§3.3). */
const SECONDS_2_10: DurationRule = { min: 2, max: 10, default: 5 };
/** wan2.2, wan2.1 (but turbo i2v) and the kf2v models: 5 only (§9.2; kf2v "fixed at 5", §9.1). */
const SECONDS_5: DurationRule = { min: 5, max: 5, default: 5 };

/** The fields every flat text or image request may carry (§9.1 flat row). */
const FLAT_COMMON = { prompt_extend: FLAG, watermark: FLAG, seed: SEED, duration: DURATION } as const;
/** wan2.6 adds `shot_type` and `audio` (§3.1, §9.1). */
const WAN26_EXTRA = { shot_type: choice(['single', 'multi']), audio: FLAG } as const;

/**
 * `usage` of wan2.6 (§9.5): `duration` is input + output seconds, so input video is billed; the
 * highest resolution is the default (§3.1: 1920*1080).
 */
function wan26Usage(extra: Partial<UsageRule> = {}): UsageRule {
  return { shape: 'wan2.6', billsInputVideo: {}, defaultSeconds: 5, defaultResolution: '1080P', ...extra };
}

/**
 * An older generation's usage (§9.5): wan2.1 or wan2.2/2.5. The notes give no default resolution
 * for them; the highest one listed is taken, as wan2.6's default is its highest (§3.1).
 */
function olderUsage(shape: 'wan2.1' | 'wan2.2', resolutions: readonly string[], defaultSeconds = 5): UsageRule {
  return { shape, defaultSeconds, defaultResolution: resolutions.at(-1) ?? '720P' };
}

/** A flat text to video model: `input.prompt` (required), `parameters.size` from its resolutions' §3.1 sizes. */
function flatT2v(resolutions: readonly string[], extra: { input?: Record<string, FieldRule>; parameters?: Record<string, FieldRule> }, rest: Omit<ModelRule, 'path' | 'shape' | 'fields'>): ModelRule {
  return {
    path: VIDEO_SYNTHESIS,
    shape: 'flat',
    fields: {
      input: { prompt: prompt(true), negative_prompt: NEGATIVE_PROMPT, ...extra.input },
      parameters: { size: choice(sizesOf(...resolutions)), ...FLAT_COMMON, ...extra.parameters },
    },
    ...rest,
  };
}

/** A flat image to video model: `input.img_url` (required), `parameters.resolution` (the ratio follows the image, §3.2). */
function flatI2v(
  resolutions: readonly string[],
  extra: { input?: Record<string, FieldRule>; parameters?: Record<string, FieldRule>; byRegion?: Partial<Record<Region, readonly string[]>> },
  rest: Omit<ModelRule, 'path' | 'shape' | 'fields'>,
): ModelRule {
  return {
    path: VIDEO_SYNTHESIS,
    shape: 'flat',
    fields: {
      input: { img_url: imageUrl(true), prompt: prompt(false), negative_prompt: NEGATIVE_PROMPT, ...extra.input },
      parameters: { resolution: choice(resolutions, extra.byRegion ? { byRegion: extra.byRegion } : {}), ...FLAT_COMMON, ...extra.parameters },
    },
    ...rest,
  };
}

const RESULT = { at: 'video_url' } as const;

/** wan2.6-t2v (§3.1): prompt ≤ 1500, negative_prompt ≤ 500, audio_url; 720P and 1080P sizes; 2–15 s. Served in cn and intl (§9.2, §9.4). */
const WAN26_T2V = flatT2v(['720P', '1080P'], { input: { audio_url: url() }, parameters: WAN26_EXTRA }, {
  regions: CN_INTL, duration: SECONDS_2_15, limits: LIMITS_5, usage: wan26Usage(), result: RESULT,
});

/** wan2.6-i2v (§3.2): img_url required, prompt optional; resolution 720P | 1080P; as t2v otherwise. */
const WAN26_I2V = flatI2v(['720P', '1080P'], { input: { audio_url: url() }, parameters: WAN26_EXTRA }, {
  regions: CN_INTL, duration: SECONDS_2_15, limits: LIMITS_5, usage: wan26Usage(), result: RESULT,
});

/**
 * wan2.6-r2v (§3.3): `reference_urls` (images and videos), prompt required; `size` as t2v; 2–10 s;
 * `shot_type`, `watermark`, `seed` (§3.3 lists no `prompt_extend` and no `audio_url`). The
 * reference page of 2026-06-16 sends its video as `reference_video_urls` (the shipped transcript
 * r2v-wan2.6): both lists are taken, and at least one reference is required (decision 2026-12-08,
 * §3.3). At most 4 reference videos and any number of images (§3.5, [P]; the Vercel provider's 5
 * images / 3 videos / 5 in all [S6] is a client's own limit, and §9.7 reads sources that differ
 * tolerantly).
 */
function wan26R2v(flash: boolean): ModelRule {
  return {
    path: VIDEO_SYNTHESIS,
    shape: 'flat',
    regions: CN_INTL,
    fields: {
      // Their presence and count are checked with the references (check-shapes.ts): either list may carry them.
      input: { reference_urls: urlList(false), reference_video_urls: urlList(false), prompt: prompt(true), negative_prompt: NEGATIVE_PROMPT },
      parameters: {
        size: choice(sizesOf('720P', '1080P')),
        duration: DURATION,
        shot_type: choice(['single', 'multi']),
        watermark: FLAG,
        seed: SEED,
        // `audio` exists only on -flash (§3.3, unsure).
        ...(flash && { audio: FLAG }),
      },
    },
    flatReferences: { maxVideos: 4 },
    duration: SECONDS_2_10,
    limits: LIMITS_5,
    usage: wan26Usage({ reportsInputVideo: true }),
    result: RESULT,
  };
}

/** wan2.5 previews (§9.2): flat, `audio_url`, 480P/720P/1080P, 5 or 10 s; wan2.5 limits 5 and 5 (§9.3). */
const WAN25_DURATION: DurationRule = { min: 5, max: 10, default: 5, only: [5, 10] };
const WAN25_RESOLUTIONS = ['480P', '720P', '1080P'] as const;

/** A silent wan2.2 or wan2.1 text to video model (§9.2): 5 s, sizes of its resolutions, 2 and 2 (§9.3). */
function olderT2v(regions: readonly Region[], resolutions: readonly string[], shape: 'wan2.1' | 'wan2.2'): ModelRule {
  return flatT2v(resolutions, {}, { regions, duration: SECONDS_5, limits: LIMITS_2, usage: olderUsage(shape, resolutions), result: RESULT });
}

/** A silent wan2.2 or wan2.1 image to video model (§9.2). */
function olderI2v(
  regions: readonly Region[],
  resolutions: readonly string[],
  shape: 'wan2.1' | 'wan2.2',
  duration: DurationRule = SECONDS_5,
  byRegion?: Partial<Record<Region, readonly string[]>>,
): ModelRule {
  return flatI2v(resolutions, byRegion ? { byRegion } : {}, { regions, duration, limits: LIMITS_2, usage: olderUsage(shape, resolutions), result: RESULT });
}

/**
 * A first + last frame model (§9.1 keyframes, §9.2): on the image2video path, both frames required
 * (base64 images accepted), prompt optional, `template`; `duration` fixed at 5; watermark, seed.
 */
function keyframes(resolutions: readonly string[], limits: LimitRule, shape: 'wan2.1' | 'wan2.2'): ModelRule {
  return {
    path: IMAGE2VIDEO,
    shape: 'keyframes',
    // Both served in cn and intl: flash's intl endpoint is in its official reference [S12] (§9.2 research, §9.7).
    regions: CN_INTL,
    fields: {
      input: {
        first_frame_url: imageUrl(true),
        last_frame_url: imageUrl(true),
        prompt: prompt(false),
        negative_prompt: NEGATIVE_PROMPT,
        template: ANY,
      },
      parameters: { resolution: choice(resolutions), ...FLAT_COMMON },
    },
    duration: SECONDS_5,
    limits,
    usage: olderUsage(shape, resolutions),
    result: RESULT,
  };
}

const WAN21_T2V_TURBO = ['480P', '720P'] as const;
const WAN21_PLUS = ['720P'] as const;
const INTL: readonly Region[] = ['intl'];
const CN: readonly Region[] = ['cn'];
/** wan2.1-i2v-turbo: 3–5 s (§9.2). */
const SECONDS_3_5: DurationRule = { min: 3, max: 5, default: 5 };

/** The flat and keyframes models, by wire name. */
export const FLAT_MODELS: Readonly<Record<string, ModelRule>> = {
  'wan2.6-t2v': WAN26_T2V,
  'wan2.6-i2v': WAN26_I2V,
  // wan2.6-i2v-flash: as wan2.6-i2v, 720P/1080P, 2–15 s (§9.2); its price depends on `audio`, which its usage reports (§9.5).
  'wan2.6-i2v-flash': { ...WAN26_I2V, usage: wan26Usage({ reportsAudio: true }) },
  'wan2.6-r2v': wan26R2v(false),
  'wan2.6-r2v-flash': wan26R2v(true),
  // The us names of wan2.6 (§9.2): served in us only.
  'wan2.6-t2v-us': { ...WAN26_T2V, regions: ['us'] },
  'wan2.6-i2v-us': { ...WAN26_I2V, regions: ['us'] },
  'wan2.5-t2v-preview': flatT2v(WAN25_RESOLUTIONS, { input: { audio_url: url() } }, {
    regions: CN_INTL, duration: WAN25_DURATION, limits: LIMITS_5, usage: olderUsage('wan2.2', WAN25_RESOLUTIONS), result: RESULT,
  }),
  'wan2.5-i2v-preview': flatI2v(WAN25_RESOLUTIONS, { input: { audio_url: url() } }, {
    regions: CN_INTL, duration: WAN25_DURATION, limits: LIMITS_5, usage: olderUsage('wan2.2', WAN25_RESOLUTIONS), result: RESULT,
  }),
  // wan2.2 (§9.2): plus 480P/1080P; flash 480P/720P/1080P, in intl 480P/720P.
  'wan2.2-t2v-plus': olderT2v(CN_INTL, ['480P', '1080P'], 'wan2.2'),
  'wan2.2-i2v-plus': olderI2v(CN_INTL, ['480P', '1080P'], 'wan2.2'),
  'wan2.2-i2v-flash': olderI2v(CN_INTL, ['480P', '720P', '1080P'], 'wan2.2', SECONDS_5, { intl: ['480P', '720P'] }),
  // kf2v (§9.2): flash 480/720/1080P, plus 720P; intl wan2.1-kf2v-plus takes 1 submit a second (§9.3).
  'wan2.2-kf2v-flash': keyframes(['480P', '720P', '1080P'], LIMITS_2, 'wan2.2'),
  'wan2.1-kf2v-plus': keyframes(['720P'], { ...LIMITS_2, byRegion: { intl: { submitsPerSecond: 1 } } }, 'wan2.1'),
  // wan2.1 (§9.2): turbo 480/720P, plus 720P; turbo i2v 3–5 s; named wanx2.1-… in cn, wan2.1-… in intl.
  'wan2.1-t2v-turbo': olderT2v(INTL, WAN21_T2V_TURBO, 'wan2.1'),
  'wan2.1-t2v-plus': olderT2v(INTL, WAN21_PLUS, 'wan2.1'),
  'wan2.1-i2v-turbo': olderI2v(INTL, WAN21_T2V_TURBO, 'wan2.1', SECONDS_3_5),
  'wan2.1-i2v-plus': olderI2v(INTL, WAN21_PLUS, 'wan2.1'),
  'wanx2.1-t2v-turbo': olderT2v(CN, WAN21_T2V_TURBO, 'wan2.1'),
  'wanx2.1-t2v-plus': olderT2v(CN, WAN21_PLUS, 'wan2.1'),
  'wanx2.1-i2v-turbo': olderI2v(CN, WAN21_T2V_TURBO, 'wan2.1', SECONDS_3_5),
  'wanx2.1-i2v-plus': olderI2v(CN, WAN21_PLUS, 'wan2.1'),
};

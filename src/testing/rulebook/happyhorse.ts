/**
 * HappyHorse 1.0 and 1.1 (docs/protocol.md §10.2): the `media` shape on the video-synthesis path,
 * in Beijing, Singapore, Virginia, Frankfurt and Tokyo, with no published limits.
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';
import { VIDEO_SYNTHESIS } from './endpoints.ts';
import { DURATION, FLAG, MEDIA, SEED, choice } from './fields.ts';
import { NINE_RATIOS } from './sizes.ts';
import type { ChoiceRule, DurationRule, FieldRule, MediaRules, ModelRule, TextRule, UsageRule } from './types.ts';

/** The regions of §10.2, "under the same names". */
const REGIONS: readonly Region[] = ['cn', 'intl', 'us', 'eu', 'jp'];

/**
 * The prompt: up to 5000 non-Chinese or 2500 Chinese characters, cut beyond (§10.2). The service
 * truncates rather than refuses, so a longer prompt is accepted here; a Han character counts twice
 * (§10.2's *our reading*), which only matters to the SDK, that refuses instead of letting it be cut.
 */
function happyPrompt(required: boolean): TextRule {
  return { kind: 'text', required, maxLength: 5000, hanCountsTwice: true, truncates: true };
}

/** 1.0: 720P | 1080P. */
const RESOLUTIONS_10: ChoiceRule = choice(['720P', '1080P']);
/** 1.1: 480P too, on the Chinese page only *(2nd)*: served in Beijing alone (§10.2). */
const RESOLUTIONS_11: ChoiceRule = choice(['480P', '720P', '1080P'], { byRegion: { intl: ['720P', '1080P'], us: ['720P', '1080P'], eu: ['720P', '1080P'], jp: ['720P', '1080P'] } });

// Media URLs are http(s) or `data:{mime};base64,…` (§10.2): `anyDataUri` on each media rule below.

/**
 * Usage *(2nd)*: `duration`, `input_video_duration`, `output_video_duration`, `video_count`, `SR`
 * and `ratio`: the wan2.7 fields, with input seconds on every model; 24 fps (§10.2).
 */
function usage(extra: Partial<UsageRule> = {}): UsageRule {
  return { shape: 'wan2.7', fps: 24, defaultSeconds: 5, defaultResolution: '1080P', reportsInputVideo: true, ...extra };
}

const RESULT = { at: 'video_url' } as const;

/** Whole seconds 3–15, 5 by default (§10.2). */
const SECONDS_3_15: DurationRule = { min: 3, max: 15, default: 5 };

/** One HappyHorse model of one mode; `duration` absent for the edit, which takes none. */
function happyHorse(
  resolution: ChoiceRule,
  input: Record<string, FieldRule>,
  parameters: Record<string, FieldRule>,
  media: MediaRules | undefined,
  extra: Partial<ModelRule> = {},
): ModelRule {
  return {
    path: VIDEO_SYNTHESIS,
    shape: 'media',
    regions: REGIONS,
    fields: { input, parameters: { resolution, watermark: FLAG, seed: SEED, ...parameters } },
    ...(parameters.duration && { duration: SECONDS_3_15 }),
    ...(media && { media }),
    usage: usage(),
    result: RESULT,
    ...extra,
  };
}

/** Text to video: prompt required; `ratio` one of nine (16:9 by default); no media. */
function t2v(resolution: ChoiceRule): ModelRule {
  return happyHorse(resolution, { prompt: happyPrompt(true) }, { ratio: choice(NINE_RATIOS), duration: DURATION }, undefined);
}

/** Image to video: exactly one `first_frame`; prompt optional; no `ratio` (the image decides). */
function i2v(resolution: ChoiceRule): ModelRule {
  return happyHorse(resolution, { prompt: happyPrompt(false), media: MEDIA }, { duration: DURATION }, { types: { first_frame: { kind: 'image', max: 1 } }, required: true, anyDataUri: true });
}

/** Reference to video: prompt required, 1–9 `reference_image` items, `ratio` as text to video. */
function r2v(resolution: ChoiceRule): ModelRule {
  return happyHorse(
    resolution,
    { prompt: happyPrompt(true), media: MEDIA },
    { ratio: choice(NINE_RATIOS), duration: DURATION },
    { types: { reference_image: { kind: 'image', max: 9, reference: true } }, required: true, anyDataUri: true },
  );
}

/**
 * The 1.0 edit: prompt required, exactly one `video` item (3–60 s), 0–5 `reference_image` items;
 * `resolution`, `watermark`, `seed`, `audio_setting` auto | origin; no `ratio`, no `duration` (the
 * output is as long as the input, at most 15 s). It bills input and output seconds.
 */
const EDIT = happyHorse(
  RESOLUTIONS_10,
  { prompt: happyPrompt(true), media: MEDIA },
  { audio_setting: choice(['auto', 'origin']) },
  { types: { video: { kind: 'video', max: 1 }, reference_image: { kind: 'image', max: 5, reference: true } }, required: true, anyDataUri: true },
  { usage: usage({ billsInputVideo: {} }) },
);

/** The HappyHorse models, by wire name (there is no 1.1 edit model). */
export const HAPPYHORSE_MODELS: Readonly<Record<string, ModelRule>> = {
  'happyhorse-1.1-t2v': t2v(RESOLUTIONS_11),
  'happyhorse-1.1-i2v': i2v(RESOLUTIONS_11),
  'happyhorse-1.1-r2v': r2v(RESOLUTIONS_11),
  'happyhorse-1.0-t2v': t2v(RESOLUTIONS_10),
  'happyhorse-1.0-i2v': i2v(RESOLUTIONS_10),
  'happyhorse-1.0-r2v': r2v(RESOLUTIONS_10),
  'happyhorse-1.0-video-edit': EDIT,
};

/**
 * Output sizes and ratios in the service's terms (docs/protocol.md §3.1, §3.4, §9.2, §10): exact
 * `"W*H"` sizes with an asterisk, by resolution, and the aspect ratios of `parameters.ratio`.
 *
 * @module
 */

/** The 480P sizes, "only for older models" (§3.1): 16:9, 9:16 and 1:1. */
const SIZES_480P = ['832*480', '480*832', '624*624'] as const;
/** The 720P sizes of §3.1: 16:9, 9:16, 1:1, 4:3, 3:4. */
const SIZES_720P = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'] as const;
/** The 1080P sizes of §3.1, in the same order. */
const SIZES_1080P = ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'] as const;

/** Sizes by resolution (§3.1). */
const SIZES_BY_RESOLUTION: Readonly<Record<string, readonly string[]>> = { '480P': SIZES_480P, '720P': SIZES_720P, '1080P': SIZES_1080P };

/** The sizes of the given resolutions, in order (`sizesOf('720P', '1080P')` is wan2.6's list, §3.1). */
export function sizesOf(...resolutions: readonly string[]): readonly string[] {
  return resolutions.flatMap((resolution) => SIZES_BY_RESOLUTION[resolution] ?? []);
}

/** The resolution a §3.1 size belongs to (`1088*832` is 720P), for `usage.SR`. */
export function resolutionOfSize(size: string): string | undefined {
  return Object.entries(SIZES_BY_RESOLUTION).find(([, sizes]) => sizes.includes(size))?.[0];
}

/** The five ratios of wan2.7 and wan3.0 (§3.4, §9.2). */
export const FIVE_RATIOS: readonly string[] = ['16:9', '9:16', '1:1', '4:3', '3:4'];

/** HappyHorse's nine ratios (§10.2). */
export const NINE_RATIOS: readonly string[] = [...FIVE_RATIOS, '4:5', '5:4', '9:21', '21:9'];

/** Kling's `aspect_ratio` values (§10.5). */
export const KLING_RATIOS: readonly string[] = ['16:9', '9:16', '1:1'];

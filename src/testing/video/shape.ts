/**
 * The shape of the video a submit body asks for, read from the wire body alone (no model table):
 * its width and height, its length and its frame rate, as docs/protocol.md describes the fields.
 *
 * @module
 */
import { readMediaHeader, type MediaHeader } from './media-header.ts';

/** The size, length and frame rate of a video. */
export interface VideoShape {
  /** Width in pixels: even, 16 to 4096. */
  readonly width: number;
  /** Height in pixels: even, 16 to 4096. */
  readonly height: number;
  /** Length in seconds; the video has `round(seconds * fps)` frames, at least one. */
  readonly seconds: number;
  /**
   * Frames a second, a whole number from 1 to 120.
   *
   * @defaultValue 24
   */
  readonly fps?: number;
}

/**
 * What a body that leaves the shape out gets; a caller that knows the model passes its defaults.
 */
export interface VideoShapeDefaults {
  /**
   * An exact size, `"W*H"`, for a body with no `size`, `resolution` or ratio (wan2.6-t2v's default
   * is `1920*1080`, docs/protocol.md §3.1). Without it, `resolution` and `ratio` decide.
   */
  readonly size?: string;
  /**
   * `480P`, `720P` or `1080P`.
   *
   * @defaultValue '720P'
   */
  readonly resolution?: string;
  /**
   * Width to height, `"16:9"`, for a body with no ratio and no input to follow.
   *
   * @defaultValue '16:9'
   */
  readonly ratio?: string;
  /**
   * Seconds, for a body with no positive `duration` (none, `0` or `-1`) and no input video whose
   * length the output keeps.
   *
   * @defaultValue 5
   */
  readonly seconds?: number;
  /**
   * Frames a second.
   *
   * @defaultValue 30 for wan3.0 and the VACE models (docs/protocol.md §9.1, §9.2), else 24
   */
  readonly fps?: number;
}

/**
 * Sizes by resolution and ratio: 480P from docs/protocol.md §3.1 (three ratios), 720P and 1080P
 * from the `ratio` table of §9.2 (wan2.7-videoedit), the one source that maps `resolution` +
 * `ratio` to pixels. §3.1's exact `size` lists differ only in 4:3 and 3:4 (`1088*832`,
 * `1632*1248`); a body with an exact size is served that size anyway.
 */
const SIZES: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>> = {
  '480P': { '16:9': [832, 480], '9:16': [480, 832], '1:1': [624, 624] },
  '720P': { '16:9': [1280, 720], '9:16': [720, 1280], '1:1': [960, 960], '4:3': [1104, 832], '3:4': [832, 1104] },
  '1080P': { '16:9': [1920, 1080], '9:16': [1080, 1920], '1:1': [1440, 1440], '4:3': [1648, 1248], '3:4': [1248, 1648] },
};

/** Kling's `mode` is its resolution: `std` 720P, `pro` 1080P (docs/protocol.md §10.5). */
const KLING_MODES: Readonly<Record<string, string>> = { std: '720P', pro: '1080P' };

/**
 * The `media[]` types and flat fields of an input whose picture the output follows when the body
 * gives no ratio: a first frame or a clip to continue (§3.2, §9.2 wan2.7-i2v, §10.2), a video to
 * edit (`video`, wan3.0's `file`, Kling's `base`), a portrait or a driving video (§10.4).
 */
const FOLLOWED_MEDIA = ['first_frame', 'first_clip', 'video', 'file', 'base'];
const FOLLOWED_FIELDS = ['img_url', 'first_frame_url', 'image_url', 'video_url', 'first_clip_url'];
/** Inputs whose length the output keeps when the body gives none: the edited or driving video (§9.2, §10.2, §10.4). */
const TIMED_MEDIA = ['video', 'file', 'base'];
const TIMED_FIELDS = ['video_url'];

/** An input within 2 % of a table ratio is that ratio (a 1088x832 frame is 4:3 to 2 %). */
const RATIO_TOLERANCE = 0.02;

/**
 * The shape of the video that the submit body `body` asks for, in its wire fields:
 *
 * - size: `parameters.size` (`"1280*720"`, flat and VACE models, docs/protocol.md §3.1); else
 *   `parameters.resolution` (or Kling's `mode`) with `parameters.ratio` (or Kling's
 *   `aspect_ratio`), by the table of §3.1 and §9.2, a ratio outside it (HappyHorse's `4:5`, `21:9`,
 *   §10.2) at the pixel count of the resolution's 16:9 size; with no ratio (or `adaptive`), the
 *   ratio of the input the output follows (a first frame, a clip, the video to edit), when
 *   `inputBytes` or a `data:` URL gives its header; else `defaults`, then 720P 16:9.
 * - length: a positive `parameters.duration`; else the length of the video to edit or to follow
 *   (a video edit's `0`, an animation); else `defaults.seconds`, then 5 s.
 * - frame rate: `defaults.fps`, else 30 for wan3.0 and VACE and 24 for the others.
 *
 * Sizes come out even (4:2:0 video) and within 16 to 4096 pixels a side.
 *
 * @param body - the submit body as sent: `{ model, input, parameters }`.
 * @param defaults - what the model does when the body leaves a field out.
 * @param inputBytes - the bytes behind an input URL, when the caller has them (the simulator's
 *   uploads, `oss://...`); `data:` URLs are read without it.
 *
 * @example
 * ```ts
 * import { videoShapeOf } from 'modelstudio-video/testing';
 *
 * const shape = videoShapeOf({ model: 'wan2.7-t2v', input: { prompt: 'a fox' }, parameters: { resolution: '1080P', ratio: '9:16', duration: 8 } });
 * console.log(shape); // { width: 1080, height: 1920, seconds: 8, fps: 24 }
 * ```
 */
export function videoShapeOf(
  body: Readonly<Record<string, unknown>>,
  defaults: VideoShapeDefaults = {},
  inputBytes?: (url: string) => Uint8Array | undefined,
): Required<VideoShape> {
  const input = record(body.input);
  const parameters = record(body.parameters);
  const model = typeof body.model === 'string' ? body.model : '';
  let followed: MediaHeader | undefined;
  const header = (): MediaHeader | undefined => (followed ??= firstHeader(inputUrls(input, FOLLOWED_MEDIA, FOLLOWED_FIELDS), inputBytes));
  const [width, height] = sizeOf(parameters, defaults, header);
  const duration = parameters.duration;
  let seconds = typeof duration === 'number' && duration > 0 && Number.isFinite(duration) ? duration : undefined;
  if (seconds === undefined && (duration === undefined || duration === 0)) seconds = firstHeader(inputUrls(input, TIMED_MEDIA, TIMED_FIELDS), inputBytes)?.seconds;
  const fps = defaults.fps ?? (/^wanx?3\.|vace/.test(model) ? 30 : 24);
  return { width, height, seconds: seconds ?? defaults.seconds ?? 5, fps };
}

function sizeOf(parameters: Record<string, unknown>, defaults: VideoShapeDefaults, header: () => MediaHeader | undefined): readonly [number, number] {
  const exact = parseSize(parameters.size);
  if (exact) return exact;
  const mode = typeof parameters.mode === 'string' ? KLING_MODES[parameters.mode] : undefined;
  const resolution = resolutionOf(parameters.resolution) ?? mode;
  const asked = [parameters.ratio, parameters.aspect_ratio].find((ratio) => typeof ratio === 'string' && ratio !== 'adaptive');
  if (resolution === undefined && asked === undefined) {
    const fallback = parseSize(defaults.size);
    if (fallback) return fallback;
  }
  const followed = asked === undefined ? header() : undefined;
  const ratio = parseRatio(asked) ?? (followed ? followed.width / followed.height : undefined) ?? parseRatio(defaults.ratio) ?? 16 / 9;
  return sizeAt(resolution ?? resolutionOf(defaults.resolution) ?? '720P', ratio);
}

/** The table's size of a resolution at a ratio, else the same number of pixels as its 16:9 size at that ratio. */
function sizeAt(resolution: string, ratio: number): readonly [number, number] {
  const row = SIZES[resolution] ?? SIZES['720P'] ?? {};
  // By the nominal ratio: 832*480 is 480P's 16:9 though 2.5 % narrower.
  for (const [nominal, size] of Object.entries(row)) {
    if (Math.abs((parseRatio(nominal) ?? 0) / ratio - 1) <= RATIO_TOLERANCE) return size;
  }
  const [w, h] = row['16:9'] ?? [1280, 720];
  const width = Math.sqrt(w * h * ratio);
  return [even(width), even(width / ratio)];
}

function resolutionOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return SIZES[upper] ? upper : undefined;
}

/** `"W*H"` (the service's form; `x` too) with both sides in range, made even. */
function parseSize(value: unknown): readonly [number, number] | undefined {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*[*xX]\s*(\d+)\s*$/.exec(value) : null;
  if (!match) return undefined;
  const [width, height] = [Number(match[1]), Number(match[2])];
  return width >= 16 && height >= 16 && width <= 4096 && height <= 4096 ? [even(width), even(height)] : undefined;
}

/** `"16:9"` as a number, or `undefined`. */
function parseRatio(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(value) : null;
  if (!match) return undefined;
  const ratio = Number(match[1]) / Number(match[2]);
  // Beyond 1:16 either way a side of the video would fall under 16 pixels at 480P.
  return ratio >= 1 / 16 && ratio <= 16 ? ratio : undefined;
}

function even(value: number): number {
  return Math.min(4096, Math.max(16, 2 * Math.round(value / 2)));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The URLs of `input`'s media items of `types`, in order, then those of its `fields`. */
function inputUrls(input: Record<string, unknown>, types: readonly string[], fields: readonly string[]): string[] {
  const media = Array.isArray(input.media) ? input.media.map(record) : [];
  const fromMedia = media.filter((item) => types.includes(String(item.type))).map((item) => item.url);
  return [...fromMedia, ...fields.map((field) => input[field])].filter((url): url is string => typeof url === 'string');
}

/** The first header that can be read among `urls`: `data:` URLs decoded, others through `inputBytes`. */
function firstHeader(urls: readonly string[], inputBytes: ((url: string) => Uint8Array | undefined) | undefined): MediaHeader | undefined {
  for (const url of urls) {
    const bytes = url.startsWith('data:') ? dataUrlBytes(url) : inputBytes?.(url);
    const header = bytes && readMediaHeader(bytes);
    if (header) return header;
  }
  return undefined;
}

/** The bytes of a base64 `data:` URL (the service takes images so, docs/protocol.md §3.2). */
function dataUrlBytes(url: string): Uint8Array | undefined {
  const comma = url.indexOf(',');
  if (comma < 0 || !url.slice(0, comma).endsWith(';base64')) return undefined;
  try {
    return Uint8Array.from(atob(url.slice(comma + 1)), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

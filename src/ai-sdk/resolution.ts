/**
 * The AI SDK's `resolution` (`"1280x720"`) and `aspectRatio` as a model's output options: an
 * exact `size` for the size models, `resolution` + `aspectRatio` for wan2.7 and wan3.0, a
 * resolution alone for the models whose video takes the ratio of its input.
 *
 * @module
 */
import { modelCaps, type AspectRatio, type ModelCaps, type Resolution, type SizeTable } from '../models/caps.ts';

/** The output options chosen for a `resolution`, with a warning when it is not exact. */
export type ShapeChoice =
  | {
      readonly size?: string;
      readonly resolution?: Resolution;
      readonly aspectRatio?: AspectRatio;
      /** Why the video will not be exactly the size asked for. */
      readonly warning?: string;
    }
  | { readonly problem: string };

/** What the model takes in the mode, and serves in the client's region. */
export interface ShapeTarget {
  /** The model, for messages. */
  readonly model: string;
  /** Its caps. */
  readonly caps: ModelCaps;
  /** The resolutions it serves in the client's region. */
  readonly served: readonly Resolution[];
  /** Whether it takes an exact `size` in this mode. */
  readonly takesSize: boolean;
  /** Whether it takes `aspectRatio` in this mode. */
  readonly takesAspectRatio: boolean;
}

/** A ratio within 5 % of a nominal one is that ratio (the tables' 4:3 is 1088*832, 2 % off). */
const RATIO_TOLERANCE = 0.05;

let standard: SizeTable | undefined;

/** Every exact size some model makes, by resolution and ratio: the union of the caps' size tables. */
function standardSizes(): SizeTable {
  if (standard) return standard;
  const merged: Partial<Record<Resolution, Partial<Record<AspectRatio, string>>>> = {};
  for (const caps of Object.values(modelCaps) as ModelCaps[]) {
    for (const [resolution, byRatio] of Object.entries(caps.sizes ?? {})) {
      merged[resolution as Resolution] = { ...merged[resolution as Resolution], ...byRatio };
    }
  }
  standard = merged;
  return merged;
}

interface Size {
  readonly resolution: Resolution;
  readonly ratio: AspectRatio;
  readonly width: number;
  readonly height: number;
}

function sizesOf(table: SizeTable, served: readonly Resolution[]): Size[] {
  return served.flatMap((resolution) =>
    Object.entries(table[resolution] ?? {}).map(([ratio, size]) => {
      const [width, height] = size.split('*').map(Number) as [number, number];
      return { resolution, ratio: ratio as AspectRatio, width, height };
    }),
  );
}

function nominal(ratio: AspectRatio): number {
  const [width, height] = ratio.split(':').map(Number) as [number, number];
  return width / height;
}

function label(size: Pick<Size, 'width' | 'height'>): string {
  return `${size.width}x${size.height}`;
}

function nearest(sizes: readonly Size[], pixels: number): Size | undefined {
  let best: Size | undefined;
  for (const size of sizes) {
    if (!best || Math.abs(size.width * size.height - pixels) < Math.abs(best.width * best.height - pixels)) best = size;
  }
  return best;
}

/** The `"WxH"` as numbers, or `undefined` when it is not one. */
function parseResolution(text: string): { width: number; height: number } | undefined {
  const match = /^\s*(\d+)\s*[x*×]\s*(\d+)\s*$/i.exec(text);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * The output options for `resolution` (`"WxH"`): an exact match in the model's sizes, else the
 * nearest it makes, with a warning naming it; a problem when nothing fits (an aspect ratio the
 * model does not make, or one that contradicts `aspectRatio`). `aspectRatio` is the AI SDK's,
 * when it was given and the model takes it.
 */
export function shapeFor(target: ShapeTarget, resolution: string, aspectRatio: string | undefined): ShapeChoice {
  const { model, caps, served } = target;
  const asked = parseResolution(resolution);
  if (!asked) return { problem: `${JSON.stringify(resolution)} is not a size: give {width}x{height}, such as 1280x720` };
  const pixels = asked.width * asked.height;
  const wanted = label(asked);
  const ratios = caps.aspectRatios.filter((ratio) => ratio !== 'adaptive');
  const any = sizesOf(standardSizes(), served);
  const exactTier = any.find((size) => size.width === asked.width && size.height === asked.height);

  // The video takes the ratio of its input: only the resolution counts.
  if (ratios.length === 0 || (!target.takesSize && !target.takesAspectRatio) || (aspectRatio === 'adaptive' && target.takesAspectRatio)) {
    const keep = aspectRatio === 'adaptive' && target.takesAspectRatio ? { aspectRatio: 'adaptive' as const } : {};
    if (exactTier) return { resolution: exactTier.resolution, ...keep };
    const close = nearest(any, pixels);
    if (!close) return { problem: `${model} serves no resolution here` };
    return {
      resolution: close.resolution,
      ...keep,
      warning: `${wanted} is not a size ${model} makes; sending resolution ${close.resolution} (nearest by pixels: ${label(close)}); the aspect ratio follows the input`,
    };
  }

  const ratio = ratios
    .map((candidate) => ({ candidate, off: Math.abs(asked.width / asked.height / nominal(candidate) - 1) }))
    .filter(({ off }) => off <= RATIO_TOLERANCE)
    .sort((a, b) => a.off - b.off)[0]?.candidate;
  if (!ratio) {
    return { problem: `${wanted} fits none of the aspect ratios ${model} makes (${ratios.join(', ')}); nothing was sent` };
  }
  if (aspectRatio !== undefined && aspectRatio !== 'adaptive' && aspectRatio !== ratio) {
    return { problem: `${wanted} is ${ratio}, which contradicts aspectRatio ${aspectRatio}; give one of them, or both agreeing` };
  }

  if (target.takesSize && caps.output === 'size') {
    const own = sizesOf(caps.sizes ?? {}, served).filter((size) => size.ratio === ratio);
    const exact = own.find((size) => size.width === asked.width && size.height === asked.height);
    if (exact) return { size: `${exact.width}*${exact.height}` };
    const close = nearest(own, pixels);
    if (!close) return { problem: `${model} makes no ${ratio} video at ${served.join(' or ')}; nothing was sent` };
    return {
      size: `${close.width}*${close.height}`,
      warning: `${wanted} is not a size ${model} makes; sending ${label(close)} (${close.resolution} ${ratio}), the nearest`,
    };
  }

  const exact = any.find((size) => size.width === asked.width && size.height === asked.height && size.ratio === ratio);
  if (exact) return { resolution: exact.resolution, aspectRatio: ratio };
  // The resolution nearest by pixels; the model makes the ratio at any of its resolutions.
  const close = nearest(any, pixels);
  if (!close) return { problem: `${model} serves no resolution here` };
  const same = any.find((size) => size.resolution === close.resolution && size.ratio === ratio);
  return {
    resolution: close.resolution,
    aspectRatio: ratio,
    warning: `${wanted} is not a size ${model} makes; sending ${close.resolution} at ${ratio}${same ? ` (${label(same)})` : ''}, the nearest`,
  };
}

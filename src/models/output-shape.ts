/**
 * The output shape options (`size`, `resolution`, `aspectRatio`): their consistency check and
 * their mapping to each model's wire parameters.
 *
 * @module
 */
import type { z } from 'zod';
import type { AspectRatio, ModelCaps, Resolution, SizeTable } from './caps.ts';

/** The output shape options as a user gives them. */
export interface OutputShapeOptions {
  readonly size?: string | undefined;
  readonly resolution?: Resolution | undefined;
  readonly aspectRatio?: AspectRatio | undefined;
}


/** Every exact size of a table, as a non-empty tuple for `z.enum`. */
export function allSizes(sizes: SizeTable): [string, ...string[]] {
  return Object.values(sizes).flatMap((byRatio) => Object.values(byRatio ?? {})) as [string, ...string[]];
}

/** The resolution and ratio of an exact size, when the table has it. */
export function shapeOfSize(sizes: SizeTable, size: string): { resolution: Resolution; ratio: AspectRatio } | undefined {
  for (const [resolution, byRatio] of Object.entries(sizes)) {
    for (const [ratio, candidate] of Object.entries(byRatio ?? {})) {
      if (candidate === size) return { resolution: resolution as Resolution, ratio: ratio as AspectRatio };
    }
  }
  return undefined;
}

/**
 * Lets a request-level check run although a field already failed, so that one error lists every
 * problem. The check must then tolerate fields of the wrong type.
 */
export const RUN_WITH_OTHER_PROBLEMS = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

/**
 * Adds an issue for each of `resolution` / `aspectRatio` that contradicts `size`, and for a
 * resolution × ratio that the size table lacks (480P has three ratios).
 */
export function checkSizeAgreement(model: string, caps: Pick<ModelCaps, 'sizes' | 'defaultSize'>, options: OutputShapeOptions, ctx: z.RefinementCtx): void {
  const sizes = caps.sizes;
  if (!sizes) return;
  if (typeof options.size !== 'string') {
    const fallback = caps.defaultSize === undefined ? undefined : shapeOfSize(sizes, caps.defaultSize);
    const resolution = options.resolution ?? fallback?.resolution;
    const ratio = options.aspectRatio ?? fallback?.ratio;
    const row = resolution === undefined ? undefined : sizes[resolution];
    const known = ratio !== undefined && Object.values(sizes).some((byRatio) => byRatio?.[ratio] !== undefined);
    if (row && known && row[ratio] === undefined && (options.resolution !== undefined || options.aspectRatio !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['aspectRatio'],
        message: `${ratio} is not served at ${String(resolution)} by ${model} (${String(resolution)} ratios: ${Object.keys(row).join(', ')})`,
      });
    }
    return;
  }
  const shape = shapeOfSize(sizes, options.size);
  if (!shape) return; // the size field reports an unknown size itself
  if (options.resolution !== undefined && options.resolution !== shape.resolution) {
    ctx.addIssue({
      code: 'custom',
      path: ['resolution'],
      message: `${options.resolution} contradicts size ${options.size}, which is ${shape.resolution}; give size alone, or resolution and aspectRatio`,
    });
  }
  if (options.aspectRatio !== undefined && options.aspectRatio !== shape.ratio) {
    ctx.addIssue({
      code: 'custom',
      path: ['aspectRatio'],
      message: `${options.aspectRatio} contradicts size ${options.size}, which is ${shape.ratio}; give size alone, or resolution and aspectRatio`,
    });
  }
}

/**
 * The exact `size` to send for a size-based model: `size` as given, else the table's entry for
 * `resolution` × `aspectRatio`, each defaulting to the model's default size. Nothing when no
 * option is given, so the service applies its own default.
 */
export function sizeParameter(caps: Pick<ModelCaps, 'sizes' | 'defaultSize'>, options: OutputShapeOptions): { size?: string } {
  if (options.size !== undefined) return { size: options.size };
  if (options.resolution === undefined && options.aspectRatio === undefined) return {};
  const sizes = caps.sizes ?? {};
  const fallback = caps.defaultSize === undefined ? undefined : shapeOfSize(sizes, caps.defaultSize);
  const resolution = options.resolution ?? fallback?.resolution ?? '1080P';
  const ratio = options.aspectRatio ?? fallback?.ratio ?? '16:9';
  const size = sizes[resolution]?.[ratio];
  return size === undefined ? {} : { size };
}

/** `resolution` and `ratio` for a media-family model, mapping an exact `size` when one is given. */
export function resolutionRatioParameters(
  sizes: SizeTable | undefined,
  options: OutputShapeOptions,
): { resolution?: Resolution; ratio?: AspectRatio } {
  const fromSize = options.size === undefined || sizes === undefined ? undefined : shapeOfSize(sizes, options.size);
  const resolution = options.resolution ?? fromSize?.resolution;
  const ratio = options.aspectRatio ?? fromSize?.ratio;
  return { ...(resolution && { resolution }), ...(ratio && { ratio }) };
}

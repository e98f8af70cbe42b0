/**
 * The functions of wan2.1-vace-plus and what each needs (docs/protocol.md §9.1, from the service's
 * VACE reference): the inputs it requires, those it takes, and its limits. The VACE schema checks a
 * request against its function's row.
 *
 * @module
 */
import type { OptionKey } from './caps.ts';

/** One VACE function's rules. */
export interface VaceFunctionRules {
  /** What it does, for messages and docs. */
  readonly summary: string;
  /** Options it requires beyond `function`. */
  readonly requires: readonly OptionKey[];
  /** Options it takes beyond the common ones (prompt, duration, promptExtend, watermark, seed). */
  readonly takes: readonly OptionKey[];
  /** Most reference images. */
  readonly maxReferences: number;
  /** The range of `expandRatio`, where it takes one. */
  readonly expandRatio?: readonly [number, number];
}

/** A VACE function name. */
export type VaceFunction = 'image_reference' | 'video_repainting' | 'video_edit' | 'video_extension' | 'video_outpainting';

/** The VACE functions, by wire name. */
export const VACE_FUNCTIONS: Readonly<Record<VaceFunction, VaceFunctionRules>> = {
  // Only image_reference and video_edit take `size`; the others keep the input's resolution (docs/protocol.md §9.1).
  image_reference: {
    summary: 'a video of the subjects or backgrounds of 1–3 reference images',
    requires: ['references'],
    takes: ['references', 'objOrBg', 'size'],
    maxReferences: 3,
  },
  video_repainting: {
    summary: "a new video that keeps the input video's motion (pose, depth or scribble)",
    requires: ['video', 'controlCondition'],
    takes: ['video', 'references', 'controlCondition', 'strength'],
    maxReferences: 1,
  },
  video_edit: {
    summary: 'the masked area of the input video redrawn',
    requires: ['video', 'maskImage'],
    takes: ['video', 'references', 'maskImage', 'maskFrameId', 'maskType', 'expandRatio', 'size'],
    maxReferences: 1,
    expandRatio: [0, 1],
  },
  video_extension: {
    summary: 'the input clip continued to 5 s',
    // The one function whose prompt §9.1 marks required.
    requires: ['video', 'prompt'],
    takes: ['video'],
    maxReferences: 0,
  },
  video_outpainting: {
    summary: 'the input video widened on every side by expandRatio',
    requires: ['video', 'expandRatio'],
    takes: ['video', 'expandRatio'],
    maxReferences: 0,
    expandRatio: [1, 2],
  },
};

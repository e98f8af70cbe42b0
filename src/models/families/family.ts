/**
 * What a wire family is: the path its submits go to, how a validated request becomes the wire
 * body, and the checks that only that family needs (docs/protocol.md §9.1).
 *
 * @module
 */
import type { z } from 'zod';
import type { ModelCaps, VideoMode } from '../caps.ts';
import type { OptionOutputs } from '../options.ts';

/** The submit path of the text, image and reference endpoints (docs/protocol.md §2). */
export const VIDEO_SYNTHESIS_PATH = '/api/v1/services/aigc/video-generation/video-synthesis';

/** The submit path of the first + last frame endpoint (docs/protocol.md §2). */
export const IMAGE2VIDEO_PATH = '/api/v1/services/aigc/image2video/video-synthesis';

/** A validated request: the options given, after their fields' transforms. */
export type ParsedRequest = Partial<OptionOutputs> & {
  readonly model?: string | undefined;
  readonly extraInput?: Record<string, unknown> | undefined;
  readonly extraParameters?: Record<string, unknown> | undefined;
};

/** The model and mode a body or check is for. */
interface FamilyContext {
  /** The model's id in the caps table. */
  readonly model: string;
  /** Its caps. */
  readonly caps: ModelCaps;
  /** The mode of the request. */
  readonly mode: VideoMode;
}

/** `input` and `parameters` before `undefined` values are dropped and pass-throughs merged. */
interface WireFields {
  /** The `input` fields. */
  readonly input: Record<string, unknown>;
  /** The `parameters` fields. */
  readonly parameters: Record<string, unknown>;
}

/** One wire family. */
export interface WireFamily {
  /** Where its submits go. */
  readonly path: string;
  /** The wire fields of a validated request. */
  readonly toWire: (context: FamilyContext, request: ParsedRequest) => WireFields;
  /** Checks only this family needs, run after the fields passed. */
  readonly check?: (context: FamilyContext, request: ParsedRequest, ctx: z.RefinementCtx) => void;
}

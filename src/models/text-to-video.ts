/**
 * Text to video, `wan2.6-t2v`: schema and wire mapping.
 *
 * @module
 */
import { z } from 'zod';
import { modelCaps } from './caps.ts';
import {
  aspectRatioField, choiceField, durationField, extraField, negativePromptField,
  promptField, resolutionField, seedField, switchField,
} from './fields.ts';
import { allSizes, checkSizeAgreement, RUN_WITH_OTHER_PROBLEMS, sizeParameter } from './output-shape.ts';
import { mediaField } from '../upload/media-field.ts';
import { submitBody, type SubmitBody } from './wire.ts';

const MODEL = 'wan2.6-t2v';
const caps = modelCaps[MODEL];

// The definition; exported below under a named type, so the docs name it instead of expanding it.
const wan26T2vSchemaDefinition = z
  .strictObject({
    /** The model; defaults to the client's text-to-video model. */
    model: z.literal(MODEL).optional(),
    /** What to generate; up to 1500 characters. */
    prompt: promptField(MODEL, caps),
    /** What to avoid; up to 500 characters. */
    negativePrompt: negativePromptField(MODEL, caps).optional(),
    /** Driving audio (wav/mp3, 3–30 s, ≤ 15 MB) as an http(s):// or oss:// URL. */
    audioUrl: mediaField({ kind: 'audio', rules: caps.audioInput, allowDataUri: false }).optional(),
    /** Length in whole seconds, 2–15; the service's default is 5. */
    duration: durationField(MODEL, caps).optional(),
    /** Exact output size `"W*H"`; or give `resolution` and `aspectRatio`. */
    size: choiceField(MODEL, allSizes(caps.sizes), ' (W*H with an asterisk)').optional(),
    /** Output resolution; with `aspectRatio`, picks the exact size. */
    resolution: resolutionField(MODEL, caps).optional(),
    /** Output aspect ratio; with `resolution`, picks the exact size. */
    aspectRatio: aspectRatioField(MODEL, caps).optional(),
    /** Let the service rewrite the prompt; the service's default is true. */
    promptExtend: switchField().optional(),
    /** `single` shot or `multi` shot. */
    shotType: choiceField(MODEL, ['single', 'multi']).optional(),
    /** Add the service's watermark; the service's default is false. */
    watermark: switchField().optional(),
    /** Random seed, 0–2147483647, for repeatable results. */
    seed: seedField().optional(),
    /** Generate sound with the video. */
    audio: switchField().optional(),
    /** Extra `input` fields, sent as is and merged last. */
    extraInput: extraField().optional(),
    /** Extra `parameters` fields, sent as is and merged last. */
    extraParameters: extraField().optional(),
  })
  .superRefine((request, ctx) => checkSizeAgreement(caps.sizes, request, ctx), RUN_WITH_OTHER_PROBLEMS);

/** The zod type of {@link wan26T2vSchema}: `z.input` of it is what callers write. */
export type Wan26T2vSchema = typeof wan26T2vSchemaDefinition;

/**
 * The request schema of `wan2.6-t2v`.
 *
 * @example
 * ```ts
 * import { wan26T2vSchema } from 'modelstudio-video';
 *
 * const ok = wan26T2vSchema.safeParse({ prompt: 'A fox in snow', duration: 5 }).success; // true
 * ```
 */
export const wan26T2vSchema: Wan26T2vSchema = wan26T2vSchemaDefinition;

/** A text-to-video request for `wan2.6-t2v`, as the caller writes it. */
export type Wan26T2vRequest = z.input<typeof wan26T2vSchema>;

/** The wire body of a validated `wan2.6-t2v` request. */
export function wan26T2vBody(model: string, request: z.output<typeof wan26T2vSchema>): SubmitBody {
  return submitBody(
    model,
    request,
    { prompt: request.prompt, negative_prompt: request.negativePrompt, audio_url: request.audioUrl },
    {
      ...sizeParameter(caps, request),
      duration: request.duration,
      prompt_extend: request.promptExtend,
      shot_type: request.shotType,
      watermark: request.watermark,
      seed: request.seed,
      audio: request.audio,
    },
  );
}

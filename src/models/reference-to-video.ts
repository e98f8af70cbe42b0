/**
 * Reference to video: `wan2.6-r2v` and `wan2.6-r2v-flash` (`reference_urls`), and `wan2.7-r2v`
 * (`media[]`, `resolution` + `ratio`). Schemas and wire mappings.
 *
 * @module
 */
import { z } from 'zod';
import { modelCaps } from './caps.ts';
import {
  aspectRatioField, choiceField, durationField, extraField, negativePromptField, promptField,
  resolutionField, seedField, switchField, unsupportedField,
} from './fields.ts';
import { allSizes, checkSizeAgreement, RUN_WITH_OTHER_PROBLEMS, resolutionRatioParameters, sizeParameter } from './output-shape.ts';
import { referencesField } from './references.ts';
import { submitBody, type SubmitBody } from './wire.ts';

type Wan26ReferenceModel = 'wan2.6-r2v' | 'wan2.6-r2v-flash';

/** The fields both wan2.6 reference models share. */
function wan26ReferenceShape<const M extends Wan26ReferenceModel>(model: M) {
  const caps = modelCaps[model];
  return {
    /** The model; defaults to the client's reference-to-video model. */
    model: z.literal(model).optional(),
    /** Reference images and videos (MP4/MOV, 1–30 s, up to 4 videos), named `character1`, `character2`, ... in the prompt. */
    references: referencesField(model, caps),
    /** What to generate, referring to the references by name; up to 1500 characters. */
    prompt: promptField(model, caps),
    /** What to avoid; up to 500 characters. */
    negativePrompt: negativePromptField(model, caps).optional(),
    /** Length in whole seconds, 2–10; the service's default is 5. */
    duration: durationField(model, caps).optional(),
    /** Exact output size `"W*H"`; or give `resolution` and `aspectRatio`. */
    size: choiceField(model, allSizes(caps.sizes), ' (W*H with an asterisk)').optional(),
    /** Output resolution; with `aspectRatio`, picks the exact size. */
    resolution: resolutionField(model, caps).optional(),
    /** Output aspect ratio; with `resolution`, picks the exact size. */
    aspectRatio: aspectRatioField(model, caps).optional(),
    /** `single` shot or `multi` shot. */
    shotType: choiceField(model, ['single', 'multi']).optional(),
    /** Add the service's watermark. */
    watermark: switchField().optional(),
    /** Random seed, 0–2147483647. */
    seed: seedField().optional(),
    /** Not documented for reference models; send `extraParameters: { prompt_extend }` to try it anyway. */
    promptExtend: unsupportedField(model, 'not documented for this model; use extraParameters.prompt_extend to send it anyway').optional(),
    /** Extra `input` fields, sent as is and merged last. */
    extraInput: extraField().optional(),
    /** Extra `parameters` fields, sent as is and merged last. */
    extraParameters: extraField().optional(),
  };
}

// The definition; exported below under a named type, so the docs name it instead of expanding it.
const wan26R2vSchemaDefinition = z
  .strictObject({
    ...wan26ReferenceShape('wan2.6-r2v'),
    /** Not taken by `wan2.6-r2v`; `wan2.6-r2v-flash` generates sound. */
    audio: unsupportedField('wan2.6-r2v', 'use wan2.6-r2v-flash to generate sound').optional(),
  })
  .superRefine((request, ctx) => checkSizeAgreement(modelCaps['wan2.6-r2v'].sizes, request, ctx), RUN_WITH_OTHER_PROBLEMS);

/** The zod type of {@link wan26R2vSchema}: `z.input` of it is what callers write. */
export type Wan26R2vSchema = typeof wan26R2vSchemaDefinition;

/**
 * The request schema of `wan2.6-r2v`.
 *
 * @example
 * ```ts
 * import { wan26R2vSchema } from 'modelstudio-video';
 *
 * const result = wan26R2vSchema.safeParse({
 *   prompt: 'character1 waves at the camera',
 *   references: ['https://example.com/me.mp4'],
 * });
 * console.log(result.success); // true
 * ```
 */
export const wan26R2vSchema: Wan26R2vSchema = wan26R2vSchemaDefinition;

// The definition; exported below under a named type, so the docs name it instead of expanding it.
const wan26R2vFlashSchemaDefinition = z
  .strictObject({
    ...wan26ReferenceShape('wan2.6-r2v-flash'),
    /** Generate sound with the video. */
    audio: switchField().optional(),
  })
  .superRefine((request, ctx) => checkSizeAgreement(modelCaps['wan2.6-r2v-flash'].sizes, request, ctx), RUN_WITH_OTHER_PROBLEMS);

/** The zod type of {@link wan26R2vFlashSchema}: `z.input` of it is what callers write. */
export type Wan26R2vFlashSchema = typeof wan26R2vFlashSchemaDefinition;

/** The request schema of `wan2.6-r2v-flash`. */
export const wan26R2vFlashSchema: Wan26R2vFlashSchema = wan26R2vFlashSchemaDefinition;

/** A reference-to-video request for `wan2.6-r2v`. */
export type Wan26R2vRequest = z.input<typeof wan26R2vSchema>;
/** A reference-to-video request for `wan2.6-r2v-flash`. */
export type Wan26R2vFlashRequest = z.input<typeof wan26R2vFlashSchema>;

/** The wire body of a validated wan2.6 reference request (`reference_urls`, `size`). */
export function wan26R2vBody(
  model: string,
  request: z.output<typeof wan26R2vSchema> | z.output<typeof wan26R2vFlashSchema>,
): SubmitBody {
  const caps = modelCaps['wan2.6-r2v'];
  return submitBody(
    model,
    request,
    {
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      reference_urls: request.references.map((reference) => reference.url),
    },
    {
      ...sizeParameter(caps, request),
      duration: request.duration,
      shot_type: request.shotType,
      watermark: request.watermark,
      seed: request.seed,
      audio: request.audio,
    },
  );
}

const WAN27 = 'wan2.7-r2v';
const wan27Caps = modelCaps[WAN27];

// The definition; exported below under a named type, so the docs name it instead of expanding it.
const wan27R2vSchemaDefinition = z
  .strictObject({
    /** The model. */
    model: z.literal(WAN27).optional(),
    /** Reference images and videos, sent as `media[]` items of type `reference_image` / `reference_video`. */
    references: referencesField(WAN27, wan27Caps),
    /** What to generate, referring to the references by name; up to 1500 characters. */
    prompt: promptField(WAN27, wan27Caps),
    /** What to avoid; up to 500 characters. */
    negativePrompt: negativePromptField(WAN27, wan27Caps).optional(),
    /** Length in whole seconds, 2–15; the service's default is 5. */
    duration: durationField(WAN27, wan27Caps).optional(),
    /** An exact size from the wan2.6 table; sent as the matching `resolution` and `ratio`. */
    size: choiceField(WAN27, allSizes(wan27Caps.sizes), ' (W*H with an asterisk)').optional(),
    /** Output resolution. */
    resolution: resolutionField(WAN27, wan27Caps).optional(),
    /** Output aspect ratio, sent as `ratio`. */
    aspectRatio: aspectRatioField(WAN27, wan27Caps).optional(),
    /** Add the service's watermark. */
    watermark: switchField().optional(),
    /** Random seed, 0–2147483647. */
    seed: seedField().optional(),
    /** Not documented for wan2.7-r2v. */
    shotType: unsupportedField(WAN27, 'not documented for this model; use extraParameters.shot_type to send it anyway').optional(),
    /** Not documented for wan2.7-r2v. */
    promptExtend: unsupportedField(WAN27, 'not documented for this model; use extraParameters.prompt_extend to send it anyway').optional(),
    /** Not documented for wan2.7-r2v. */
    audio: unsupportedField(WAN27, 'not documented for this model; use extraParameters.audio to send it anyway').optional(),
    /** Extra `input` fields, sent as is and merged last. */
    extraInput: extraField().optional(),
    /** Extra `parameters` fields, sent as is and merged last. */
    extraParameters: extraField().optional(),
  })
  .superRefine((request, ctx) => checkSizeAgreement(wan27Caps.sizes, request, ctx), RUN_WITH_OTHER_PROBLEMS);

/** The zod type of {@link wan27R2vSchema}: `z.input` of it is what callers write. */
export type Wan27R2vSchema = typeof wan27R2vSchemaDefinition;

/**
 * The request schema of `wan2.7-r2v`.
 *
 * @example
 * ```ts
 * import { wan27R2vSchema } from 'modelstudio-video';
 *
 * const result = wan27R2vSchema.safeParse({
 *   model: 'wan2.7-r2v',
 *   prompt: 'character1 dances with character2',
 *   references: [{ url: 'https://example.com/a.png', type: 'image' }, 'https://example.com/b.mp4'],
 *   resolution: '720P',
 *   aspectRatio: '9:16',
 * });
 * console.log(result.success); // true
 * ```
 */
export const wan27R2vSchema: Wan27R2vSchema = wan27R2vSchemaDefinition;

/** A reference-to-video request for `wan2.7-r2v`. */
export type Wan27R2vRequest = z.input<typeof wan27R2vSchema>;

/** The wire body of a validated `wan2.7-r2v` request (`media[]`, `resolution`, `ratio`). */
export function wan27R2vBody(model: string, request: z.output<typeof wan27R2vSchema>): SubmitBody {
  return submitBody(
    model,
    request,
    {
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      media: request.references.map((reference) => ({ type: `reference_${reference.type}`, url: reference.url })),
    },
    {
      ...resolutionRatioParameters(wan27Caps.sizes, request),
      duration: request.duration,
      watermark: request.watermark,
      seed: request.seed,
    },
  );
}

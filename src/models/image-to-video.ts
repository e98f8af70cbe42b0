/**
 * Image to video, `wan2.6-i2v`: schema and wire mapping.
 *
 * @module
 */
import { z } from 'zod';
import { modelCaps } from './caps.ts';
import {
  choiceField, durationField, extraField, negativePromptField, promptField,
  resolutionField, seedField, switchField, unsupportedField,
} from './fields.ts';
import { mediaField } from '../upload/media-field.ts';
import { submitBody, type SubmitBody } from './wire.ts';

const MODEL = 'wan2.6-i2v';
const caps = modelCaps[MODEL];

// The definition; exported below under a named type, so the docs name it instead of expanding it.
const wan26I2vSchemaDefinition = z.strictObject({
  /** The model; defaults to the client's image-to-video model. */
  model: z.literal(MODEL).optional(),
  /** The first frame: an http(s):// URL, an oss:// URL, a `data:image/...;base64,` URI, or a local file, Blob or bytes (JPEG, PNG, BMP, WEBP; ≤ 10 MB). */
  image: mediaField({ kind: 'image', rules: caps.image, allowDataUri: true }),
  /** What should happen; optional, up to 1500 characters. */
  prompt: promptField(MODEL, caps).optional(),
  /** What to avoid; up to 500 characters. */
  negativePrompt: negativePromptField(MODEL, caps).optional(),
  /** Driving audio (wav/mp3, 3–30 s, ≤ 15 MB) as an http(s):// or oss:// URL. */
  audioUrl: mediaField({ kind: 'audio', rules: caps.audioInput, allowDataUri: false }).optional(),
  /** Length in whole seconds, 2–15; the service's default is 5. */
  duration: durationField(MODEL, caps).optional(),
  /** Output resolution; the service's default is 1080P. The aspect ratio follows the image. */
  resolution: resolutionField(MODEL, caps).optional(),
  /** Not taken by this model: the video keeps the aspect ratio of the image. */
  aspectRatio: unsupportedField(MODEL, 'the video takes the aspect ratio of the input image; set resolution instead').optional(),
  /** Not taken by this model: set `resolution`; the aspect ratio follows the image. */
  size: unsupportedField(MODEL, 'set resolution (720P or 1080P); the aspect ratio follows the input image').optional(),
  /** Let the service rewrite the prompt; the service's default is true. */
  promptExtend: switchField().optional(),
  /** `single` shot or `multi` shot. */
  shotType: choiceField(MODEL, ['single', 'multi']).optional(),
  /** Add the service's watermark; the service's default is false. */
  watermark: switchField().optional(),
  /** Random seed, 0–2147483647. */
  seed: seedField().optional(),
  /** Generate sound with the video. */
  audio: switchField().optional(),
  /** Extra `input` fields, sent as is and merged last. */
  extraInput: extraField().optional(),
  /** Extra `parameters` fields, sent as is and merged last. */
  extraParameters: extraField().optional(),
});

/** The zod type of {@link wan26I2vSchema}: `z.input` of it is what callers write. */
export type Wan26I2vSchema = typeof wan26I2vSchemaDefinition;

/**
 * The request schema of `wan2.6-i2v`.
 *
 * @example
 * ```ts
 * import { wan26I2vSchema } from 'modelstudio-video';
 *
 * const ok = wan26I2vSchema.safeParse({ image: 'https://example.com/cat.png' }).success; // true
 * ```
 */
export const wan26I2vSchema: Wan26I2vSchema = wan26I2vSchemaDefinition;

/** An image-to-video request for `wan2.6-i2v`, as the caller writes it. */
export type Wan26I2vRequest = z.input<typeof wan26I2vSchema>;

/** The wire body of a validated `wan2.6-i2v` request. */
export function wan26I2vBody(model: string, request: z.output<typeof wan26I2vSchema>): SubmitBody {
  return submitBody(
    model,
    request,
    {
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      img_url: request.image,
      audio_url: request.audioUrl,
    },
    {
      resolution: request.resolution,
      duration: request.duration,
      prompt_extend: request.promptExtend,
      shot_type: request.shotType,
      watermark: request.watermark,
      seed: request.seed,
      audio: request.audio,
    },
  );
}

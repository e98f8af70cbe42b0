/**
 * The `flat` family (wan2.1–wan2.6): one field per input (`img_url`, `audio_url`,
 * `reference_urls`) and `size` or `resolution` (docs/protocol.md §3, §9.1).
 *
 * @module
 */
import { sizeParameter } from '../output-shape.ts';
import { VIDEO_SYNTHESIS_PATH, type WireFamily } from './family.ts';

/** The flat family. */
export const flatFamily: WireFamily = {
  path: VIDEO_SYNTHESIS_PATH,
  toWire: ({ caps }, request) => ({
    input: {
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      img_url: request.image,
      audio_url: request.audioUrl,
      reference_urls: request.references?.map((reference) => reference.url),
    },
    parameters: {
      ...(caps.output === 'size' ? sizeParameter(caps, request) : { resolution: request.resolution }),
      duration: request.duration,
      prompt_extend: request.promptExtend,
      shot_type: request.shotType,
      watermark: request.watermark,
      seed: request.seed,
      audio: request.audio,
    },
  }),
};

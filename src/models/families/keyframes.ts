/**
 * The `keyframes` family (wan2.2-kf2v-flash, wan2.1-kf2v-plus): a first and a last frame on the
 * image2video endpoint (docs/protocol.md §2, §9.1).
 *
 * @module
 */
import { IMAGE2VIDEO_PATH, type WireFamily } from './family.ts';

/** The keyframes family. */
export const keyframesFamily: WireFamily = {
  path: IMAGE2VIDEO_PATH,
  toWire: (_context, request) => ({
    input: {
      first_frame_url: request.image,
      last_frame_url: request.lastFrame,
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      template: request.template,
    },
    parameters: {
      resolution: request.resolution,
      duration: request.duration,
      prompt_extend: request.promptExtend,
      watermark: request.watermark,
      seed: request.seed,
    },
  }),
};

/**
 * The `animation` family (docs/protocol.md §10): character animation (`wan2.2-animate-move`,
 * `-mix`), talking heads (`wan2.2-s2v`) and lip sync (`videoretalk`), each input a flat `*_url`
 * field on the image2video endpoint. Animation puts `watermark` in `input` and needs `mode`.
 *
 * @module
 */
import { IMAGE2VIDEO_PATH, type WireFamily } from './family.ts';

/** The animation family. */
export const animationFamily: WireFamily = {
  path: IMAGE2VIDEO_PATH,
  toWire: ({ mode }, request) => ({
    input: {
      // The character or portrait; a lip sync's face to follow, when several show, is ref_image_url.
      image_url: request.image,
      ref_image_url: request.faceImage,
      video_url: request.video,
      audio_url: request.drivingAudio,
      watermark: request.watermark,
    },
    parameters: {
      // The service requires a mode for animation; the SDK's default is the standard one.
      ...(mode === 'animateCharacter' && { mode: `wan-${request.quality ?? 'std'}` }),
      resolution: request.resolution,
      video_extension: request.extendVideo,
    },
  }),
};

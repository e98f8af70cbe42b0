/**
 * The simulator's result videos, made at run time in plain TypeScript (no ffmpeg, nothing native,
 * only `Uint8Array` and `DataView`, so any runtime): an H.264 MP4 of the width, height and length
 * asked, showing a square sliding over a flat background, a few tens of kilobytes even at 1080P.
 *
 * @module
 */
import { idrPicture, levelOf, macroblocks, pictureParameterSet, pPicture, sequenceParameterSet, type ColourMap, type SequenceFormat } from './h264.ts';
import { lengthPrefixed, muxMp4 } from './mp4.ts';
import { PALETTE, slidingSquare } from './scene.ts';
import type { VideoShape } from './shape.ts';

export { videoShapeOf, type VideoShape, type VideoShapeDefaults } from './shape.ts';

/** A keyframe (an IDR picture) every 2 seconds, so that a player can seek. */
const KEYFRAME_SECONDS = 2;
/** Videos kept, by shape: the same shape is asked again and again by a test run or a demo. */
const CACHE_SIZE = 16;
const cache = new Map<string, Uint8Array<ArrayBuffer>>();

/**
 * An MP4 video of `shape`: H.264 Constrained Baseline, yuv420p, square pixels, `moov` first, a
 * keyframe every 2 seconds, no audio. It shows an orange square sliding over a slate background.
 * The same shape gives the same bytes; the last few are kept, so asking again costs nothing (the
 * array is shared: copy it before changing it).
 *
 * Throws a `RangeError` for a width or height that is odd or outside 16 to 4096, a length that is
 * not a positive number, a frame rate that is not a whole number from 1 to 120, or a picture
 * beyond every H.264 level at that rate.
 *
 * @example
 * ```ts
 * import { generateVideo } from 'modelstudio-video/testing';
 *
 * const mp4 = generateVideo({ width: 1280, height: 720, seconds: 5 }); // 120 frames at 24 fps
 * console.log(mp4.byteLength);
 * ```
 */
export function generateVideo(shape: VideoShape): Uint8Array<ArrayBuffer> {
  const { width, height, seconds, fps = 24 } = shape;
  for (const [name, side] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(side) || side % 2 !== 0 || side < 16 || side > 4096) throw new RangeError(`${name} must be an even number of pixels from 16 to 4096, not ${side}`);
  }
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError(`seconds must be a positive number, not ${seconds}`);
  if (!Number.isInteger(fps) || fps < 1 || fps > 120) throw new RangeError(`fps must be a whole number from 1 to 120, not ${fps}`);
  const frames = Math.max(1, Math.round(seconds * fps));
  const key = `${width}x${height}@${fps}:${frames}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const format: SequenceFormat = { width, height, fps, gopLength: KEYFRAME_SECONDS * fps };
  levelOf(format); // throws for a picture no level allows, before any work
  const video = encode(format, frames);
  cache.set(key, video);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return video;
}

function encode(format: SequenceFormat, frames: number): Uint8Array<ArrayBuffer> {
  const { widthMbs, heightMbs } = macroblocks(format);
  const scene = slidingSquare(format.width, format.height, widthMbs, heightMbs, format.fps);
  const sps = sequenceParameterSet(format);
  const pps = pictureParameterSet();
  const samples: Uint8Array[] = [];
  const keyframes: number[] = [];
  let previous: ColourMap | undefined;
  for (let index = 0; index < frames; index++) {
    const map = scene.frame(index);
    const inGop = index % format.gopLength;
    if (inGop === 0 || previous === undefined) {
      keyframes.push(index);
      samples.push(lengthPrefixed(idrPicture(format, PALETTE, map, keyframes.length - 1)));
    } else {
      samples.push(lengthPrefixed(pPicture(format, PALETTE, map, previous, inGop)));
    }
    previous = map;
  }
  return muxMp4({ width: format.width, height: format.height, fps: format.fps, sps, pps, samples, keyframes });
}

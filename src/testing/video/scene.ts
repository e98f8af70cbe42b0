/**
 * What the simulator's videos show: a dark slate picture with an orange square that slides from
 * side to side, one colour map per frame for the encoder (`./h264.ts`). The square moves so that
 * a player, a thumbnailer or a frame grabber downstream sees frames that differ, at the cost of a
 * few coded macroblocks a frame.
 *
 * @module
 */
import type { ColourMap, YCbCr } from './h264.ts';

/** Palette indexes of the colour maps. */
const BACKGROUND = 0;
const SQUARE = 1;

/** The two colours, BT.601 limited range: slate RGB(30, 34, 42) and orange RGB(255, 106, 0). */
export const PALETTE: readonly YCbCr[] = [
  { y: 45, cb: 132, cr: 126 },
  { y: 135, cb: 60, cr: 201 },
];

/** Seconds the square takes to cross from one side to the other. */
const CROSSING_SECONDS = 3;

/** The frames of a scene, as colour maps of its macroblocks. */
export interface Scene {
  /** The colour map of frame `index` (from 0). */
  frame(index: number): ColourMap;
}

/**
 * The scene of a `width` x `height` picture coded in `widthMbs` x `heightMbs` macroblocks: a square
 * a quarter of the short side, vertically centred in the visible part, moving one way and back with
 * a margin of one macroblock, or no square when the picture is too small for one.
 */
export function slidingSquare(width: number, height: number, widthMbs: number, heightMbs: number, fps: number): Scene {
  const visibleRows = Math.floor(height / 16);
  const side = Math.max(1, Math.round(Math.min(Math.floor(width / 16), visibleRows) / 4));
  const top = Math.max(1, Math.floor((visibleRows - side) / 2));
  const travel = widthMbs - side - 2;
  const fits = travel >= 0 && top + side < heightMbs;
  return {
    frame(index: number): ColourMap {
      const map = new Uint8Array(widthMbs * heightMbs).fill(BACKGROUND);
      if (!fits) return map;
      const phase = (index / (fps * CROSSING_SECONDS)) % 2;
      const left = 1 + Math.round(travel * (phase < 1 ? phase : 2 - phase));
      for (let row = top; row < top + side; row++) map.fill(SQUARE, row * widthMbs + left, row * widthMbs + left + side);
      return map;
    },
  };
}

/**
 * The wire families by name.
 *
 * @module
 */
import type { WireFamily as WireFamilyName } from '../caps.ts';
import type { WireFamily } from './family.ts';
import { animationFamily } from './animation.ts';
import { flatFamily } from './flat.ts';
import { keyframesFamily } from './keyframes.ts';
import { klingFamily } from './kling.ts';
import { mediaFamily } from './media.ts';
import { vaceFamily } from './vace.ts';

/** Each family's path, body mapper and checks. */
export const WIRE_FAMILIES: Readonly<Record<WireFamilyName, WireFamily>> = {
  flat: flatFamily,
  media: mediaFamily,
  keyframes: keyframesFamily,
  vace: vaceFamily,
  animation: animationFamily,
  kling: klingFamily,
};

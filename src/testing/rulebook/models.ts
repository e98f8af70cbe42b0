/**
 * The rulebook's table: every model name the simulated service serves, with its rules, and the
 * look-up of a name as the service settles it (a dated snapshot not in the table is served as its
 * base model, docs/protocol.md §9.7).
 *
 * @module
 */
import { ANIMATION_MODELS } from './animation.ts';
import { HAPPYHORSE_MODELS } from './happyhorse.ts';
import { KLING_MODELS } from './kling.ts';
import { PARTNER_MODELS } from './partners.ts';
import type { ModelRule } from './types.ts';
import { VACE_MODELS } from './vace.ts';
import { FLAT_MODELS } from './wan-flat.ts';
import { WAN_MEDIA_MODELS } from './wan-media.ts';

/** Every model the simulator serves, by wire name. */
export const MODEL_RULES: Readonly<Record<string, ModelRule>> = {
  ...FLAT_MODELS,
  ...WAN_MEDIA_MODELS,
  ...VACE_MODELS,
  ...HAPPYHORSE_MODELS,
  ...ANIMATION_MODELS,
  ...KLING_MODELS,
  ...PARTNER_MODELS,
};

/** A dated snapshot: `<base model>-YYYY-MM-DD`. */
const SNAPSHOT = /^(.+)-\d{4}-\d{2}-\d{2}$/;

/**
 * The rules of a model name: its own, or a dated snapshot's base model's (§9.7: "dated snapshots
 * not in the table take their base model's caps"); `undefined` for a name the service does not know.
 */
export function ruleOf(name: string): ModelRule | undefined {
  if (Object.hasOwn(MODEL_RULES, name)) return MODEL_RULES[name];
  const base = SNAPSHOT.exec(name)?.[1];
  return base !== undefined && Object.hasOwn(MODEL_RULES, base) ? MODEL_RULES[base] : undefined;
}

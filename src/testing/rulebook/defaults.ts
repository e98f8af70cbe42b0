/**
 * What a model makes when the body leaves the output shape out: its default resolution, length and
 * frame rate (docs/protocol.md §3.1, §9.1, §9.2, §10), for `usage` and for the simulator's video.
 *
 * @module
 */
import { ruleOf } from './models.ts';
import type { UsageRule } from './types.ts';

/** A model's output defaults. */
export interface OutputDefaults {
  /** `480P`, `720P` or `1080P`. */
  readonly resolution: string;
  /** Seconds made when the body gives no positive duration. */
  readonly seconds: number;
  /** Frames a second: 30 for wan3.0 and VACE (§9.1, §9.2), else 24 (§10.2). */
  readonly fps: number;
}

/** The usage rule of a model the simulator accepted: its own, or plain wan2.7 at 720P for a name it does not know. */
export function usageRuleOf(model: string): UsageRule {
  return ruleOf(model)?.usage ?? { shape: 'wan2.7', fps: 24, defaultSeconds: 5, defaultResolution: '720P' };
}

/** Seconds made for a duration asked (or not): -1 (the model picks) and 0 (the input's length) make 5.04 s. */
export function madeSeconds(asked: unknown, rule: UsageRule): number {
  const seconds = typeof asked === 'number' ? asked : rule.defaultSeconds;
  return seconds > 0 ? seconds : 5.04;
}

/** The output defaults of `model`. */
export function outputDefaultsOf(model: string): OutputDefaults {
  const rule = usageRuleOf(model);
  return { resolution: rule.defaultResolution, seconds: madeSeconds(undefined, rule), fps: rule.fps ?? 24 };
}

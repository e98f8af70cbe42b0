/**
 * How long tasks run: a prior from the request (model, duration, resolution) before any task of
 * its kind has finished, then what the client learns from the service's own submit and end times.
 * The poller concentrates its polls where a task is expected to end.
 *
 * @module
 */

import { capsEntryFor, capsOf } from '../models/caps.ts';

/** A task's kind for run times: tasks of one kind are expected to take about as long. */
export interface RunTimeKind {
  /** Model, duration and resolution as sent: tasks with the same key are alike. */
  readonly key: string;
  /** The expected run time before any task of this kind finished. */
  readonly priorMs: number;
}

/** Where a task of some kind is expected to end, as the poller reads it. */
export interface RunTimeEstimate {
  /** The most likely run time: the learned mean, else the prior. */
  readonly expectedMs: number;
  /** From here on, polls are dense: the earliest plausible end. */
  readonly windowStartMs: number;
  /** Past this, the task is overrunning and polls back off. */
  readonly windowEndMs: number;
  /** Whether it comes from finished tasks of the kind rather than the prior. */
  readonly learned: boolean;
}

/**
 * docs/protocol.md §6: a 5 s 1080P task typically runs about 1–5 minutes. The prior is the geometric
 * middle of that range for 5 s at 1080P, scaled by the output's seconds and pixels.
 */
const PRIOR_5S_1080P_MS = 134_000;
/** The prior's plausible range around its middle: 1–5 minutes for 5 s at 1080P, halved at the low end for quicker models. */
const PRIOR_LOW = 0.25;
const PRIOR_HIGH = 2.25;
/** Learned run times: the window spans this many mean deviations either side of the mean. */
const SPREAD = 2;
/** Recent tasks count most; one outlier does not dominate. */
const WEIGHT_OF_NEWEST = 0.3;

/** Output pixels relative to 1080P. */
const RESOLUTION_FACTORS: Readonly<Record<string, number>> = { '480P': 0.45, '720P': 0.7, '1080P': 1 };

/**
 * The kind of a request's task: its model, duration and resolution (or size) as sent, with the
 * prior those give. `expectedRunTimeMs` replaces the prior when the caller knows better.
 */
export function runTimeKind(model: string | undefined, parameters: Readonly<Record<string, unknown>> | undefined, expectedRunTimeMs?: number): RunTimeKind {
  const duration = typeof parameters?.duration === 'number' && parameters.duration > 0 ? parameters.duration : undefined;
  const resolution = typeof parameters?.resolution === 'string' ? parameters.resolution : undefined;
  const size = typeof parameters?.size === 'string' ? parameters.size : undefined;
  const key = `${model ?? '?'}|${duration ?? ''}|${resolution ?? size ?? ''}`;
  if (expectedRunTimeMs !== undefined) return { key, priorMs: expectedRunTimeMs };
  // What the service uses when the request leaves them out: the model's defaults in the caps (a
  // duration of 0 or -1, the input's length or the model's choice, counts as 5 s).
  const entry = model === undefined ? undefined : capsEntryFor(model);
  const caps = entry === undefined ? undefined : capsOf(entry);
  const seconds = duration ?? (caps && caps.duration.default > 0 ? caps.duration.default : 5);
  const shortSide = size === undefined ? undefined : Math.min(...size.split('*').map(Number));
  const sizeFactor = shortSide === undefined ? undefined : shortSide < 600 ? RESOLUTION_FACTORS['480P'] : shortSide < 1000 ? RESOLUTION_FACTORS['720P'] : 1;
  const factor = (resolution ? RESOLUTION_FACTORS[resolution.toUpperCase()] : sizeFactor) ?? RESOLUTION_FACTORS[caps?.defaultResolution ?? '1080P'] ?? 1;
  return { key, priorMs: PRIOR_5S_1080P_MS * (seconds / 5) * factor };
}

/** Run times learned per kind. */
export class RunTimes {
  readonly #learned = new Map<string, { mean: number; deviation: number }>();

  /** Records a finished task of `kind`: its run time from the service's submit to its end. */
  learn(kind: RunTimeKind | undefined, runTimeMs: number): void {
    if (kind === undefined || !Number.isFinite(runTimeMs) || runTimeMs <= 0) return;
    const known = this.#learned.get(kind.key);
    if (!known) {
      this.#learned.set(kind.key, { mean: runTimeMs, deviation: 0 });
      return;
    }
    const deviation = Math.abs(runTimeMs - known.mean);
    this.#learned.set(kind.key, {
      mean: known.mean + WEIGHT_OF_NEWEST * (runTimeMs - known.mean),
      deviation: known.deviation + WEIGHT_OF_NEWEST * (deviation - known.deviation),
    });
  }

  /** Where a task of `kind` is expected to end. */
  estimate(kind: RunTimeKind): RunTimeEstimate {
    const known = this.#learned.get(kind.key);
    if (!known) {
      return { expectedMs: kind.priorMs, windowStartMs: kind.priorMs * PRIOR_LOW, windowEndMs: kind.priorMs * PRIOR_HIGH, learned: false };
    }
    const spread = SPREAD * known.deviation;
    return { expectedMs: known.mean, windowStartMs: Math.max(0, known.mean - spread), windowEndMs: known.mean + spread, learned: true };
  }
}

/**
 * Runs the probes of the caps walk through both sides: the SDK's request builder (`prepareSubmit`,
 * which validates against the caps and makes the wire body) and the simulator (which checks the
 * body against its own rulebook), and records every probe on which they disagree.
 */
import type { Region } from '../../../src/core/regions.ts';
import { ValidationError } from '../../../src/core/errors.ts';
import type { SubmitBody } from '../../../src/http/wire.ts';
import { DEFAULT_MODELS, type VideoMode } from '../../../src/models/caps.ts';
import { prepareSubmit, type PreparedSubmit } from '../../../src/models/registry.ts';
import { createSimulator, type Simulator } from '../../../src/testing/simulator.ts';
import type { Probe } from './probes.ts';

/** What the simulator made of a body. */
interface SimulatorOutcome {
  /** Accepted and the task would succeed, refused at submit, or accepted and the task fails. */
  readonly kind: 'accepts' | 'refuses' | 'fails';
  /** The answer, as the table shows it. */
  readonly text: string;
}

/** One probe on which the SDK and the simulator disagree. */
export interface Disagreement {
  /** The model name sent. */
  readonly model: string;
  /** The mode. */
  readonly mode: VideoMode;
  /** What the probe varies. */
  readonly field: string;
  /** The value tried. */
  readonly value: string;
  /** The client's region, if any. */
  readonly region?: Region;
  /** What the SDK said: `accepts`, or its first issue. */
  readonly sdk: string;
  /** What the simulator said. */
  readonly simulator: string;
}

/** The SDK's wire body for a request, or the ValidationError's first problem. */
function build(mode: VideoMode, name: string, request: Readonly<Record<string, unknown>>, region: Region | undefined): PreparedSubmit | string {
  try {
    return prepareSubmit(mode, DEFAULT_MODELS[mode], { model: name, ...request }, region);
  } catch (error) {
    if (error instanceof ValidationError) return `refuses: ${error.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`;
    throw error;
  }
}

/** Posts a body to the simulator as the SDK would, and reads whether its task would fail. */
async function send(sim: Simulator, path: string, body: SubmitBody): Promise<SimulatorOutcome> {
  const response = await sim.handle(
    new Request(`${sim.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
      body: JSON.stringify(body),
    }),
  );
  const answer = (await response.json()) as { code?: string; message?: string; output?: { task_id?: string } };
  if (!response.ok) return { kind: 'refuses', text: `${response.status} ${answer.code}: ${answer.message}` };
  const failure = sim.tasks.get(answer.output?.task_id ?? '')?.failure;
  return failure ? { kind: 'fails', text: `accepts, task FAILED ${failure.code}: ${failure.message}` } : { kind: 'accepts', text: 'accepts' };
}

/** The walk's simulators: one per region (and one serving every region), strict about undocumented fields. */
class Simulators {
  readonly #byRegion = new Map<Region | undefined, Simulator>();

  of(region: Region | undefined): Simulator {
    let sim = this.#byRegion.get(region);
    if (!sim) {
      // `undocumentedFields: 'refuse'`: a field the SDK sends that the model does not document is a disagreement too.
      sim = createSimulator({ limits: false, undocumentedFields: 'refuse', ...(region && { region }) });
      this.#byRegion.set(region, sim);
    }
    return sim;
  }
}

/** The wire paths of every field and media item type of a body, for the coverage table. */
function wireFieldsOf(body: SubmitBody): string[] {
  const media = Array.isArray(body.input.media) ? body.input.media.map((item: { type?: unknown }) => `input.media[].type ${String(item.type)}`) : [];
  return [...Object.keys(body.input).map((key) => `input.${key}`), ...Object.keys(body.parameters).map((key) => `parameters.${key}`), ...media];
}

/** What the walk found: the disagreements, and the wire fields the SDK sent per model name. */
export interface WalkResult {
  /** Every probe on which the two sides disagree. */
  readonly disagreements: readonly Disagreement[];
  /** Probes the SDK accepted, and probes it refused that were sent by hand: how much was compared. */
  readonly compared: number;
  /** The wire fields the SDK sent, by model name. */
  readonly sent: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Runs every probe through the SDK and the simulator. */
export async function walk(probes: readonly Probe[]): Promise<WalkResult> {
  const simulators = new Simulators();
  const disagreements: Disagreement[] = [];
  const sent = new Map<string, Set<string>>();
  let compared = 0;
  for (const probe of probes) {
    const name = probe.name ?? probe.model;
    const sim = simulators.of(probe.region);
    const row = { model: name, mode: probe.mode, field: probe.field, value: probe.value, ...(probe.region && { region: probe.region }) };
    const prepared = build(probe.mode, name, probe.request, probe.region);
    if (typeof prepared !== 'string') {
      compared += 1;
      const fields = sent.get(name) ?? new Set<string>();
      for (const field of wireFieldsOf(prepared.body)) fields.add(field);
      sent.set(name, fields);
      const outcome = await send(sim, prepared.path, prepared.body);
      if (outcome.kind !== 'accepts') disagreements.push({ ...row, sdk: 'accepts', simulator: outcome.text });
      continue;
    }
    if (!probe.byHand) continue;
    const base = build(probe.mode, name, probe.base, undefined);
    if (typeof base === 'string') throw new Error(`the base request of ${name} ${probe.mode} ${probe.field} is refused by the SDK: ${base}`);
    const body = probe.byHand(base.body);
    if (!body) continue;
    compared += 1;
    const outcome = await send(sim, base.path, body);
    if (outcome.kind === 'accepts') disagreements.push({ ...row, sdk: prepared, simulator: outcome.text });
  }
  return { disagreements, compared, sent };
}

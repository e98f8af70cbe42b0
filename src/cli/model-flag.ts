/**
 * `--model` of the mode commands, checked before the request is: a name no model has, or a model
 * of another mode, is a bad command line, said in one sentence that lists the models of the mode
 * in the region, by the commands a person types (`t2v`, not `textToVideo`). A model of the mode
 * that the region does not serve is left to the SDK, whose message names its region's name.
 *
 * @module
 */
import type { Region } from '../core/regions.ts';
import { either } from '../core/text.ts';
import { UNSUPPORTED_MODELS, capsEntryFor, modelsOf, modesOf, type VideoMode } from '../models/caps.ts';
import { commandOf } from './typed-names.ts';
import { UsageError } from './usage-error.ts';

/** `the t2v models in intl are: wan2.6-t2v, ...`; every region's models when the region is unknown (a proxy, the simulator). */
function modelsSentence(mode: VideoMode, region: Region | undefined): string {
  const models = modelsOf(mode, region);
  if (models.length === 0) return `${region ?? 'this region'} serves no ${commandOf(mode)} model`;
  const where = region === undefined ? ' (of every region: --region names one)' : ` in ${region}`;
  return `the ${commandOf(mode)} models${where} are: ${models.join(', ')}`;
}

/** Why `model` cannot be the model of `mode`, or `undefined` when it can (as far as the mode goes). */
function modelProblem(mode: VideoMode, model: string): string | undefined {
  const command = commandOf(mode);
  const entry = capsEntryFor(model);
  if (entry === undefined) {
    // Known to the service, but with no request this package could check and map.
    return UNSUPPORTED_MODELS[model] ? `Model ${model} is not supported by this command yet` : `Unknown model ${model} for ${command}`;
  }
  const modes = modesOf(entry);
  if (modes.includes(mode)) return undefined;
  const commands = modes.map(commandOf);
  return `${model} is not a model of ${command}: it serves ${either(commands)} (run modelstudio-video ${commands[0] ?? command} with it)`;
}

/**
 * Throws a {@link UsageError} when `--model` names no model of `mode`: `Unknown model wan9 for t2v;
 * the t2v models in intl are: ...`.
 */
export function checkModelFlag(mode: VideoMode, model: string | undefined, region: Region | undefined): void {
  if (model === undefined) return;
  const problem = modelProblem(mode, model);
  if (problem !== undefined) throw new UsageError(`${problem}; ${modelsSentence(mode, region)}`);
}

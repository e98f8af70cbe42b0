/**
 * The one function that turns a caller's request into a validated submit: the model settled (its
 * caps entry, its region), the request checked against the model's schema for the mode, and the
 * wire body made by the model's family.
 *
 * @module
 */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import type { Region } from '../core/regions.ts';
import {
  UNSUPPORTED_MODELS, VIDEO_MODES, capsEntryFor, capsOf, modelCaps, modelsOf, modesOf, nameInRegion,
  type ModelCapsTable, type ModelId, type VideoMode,
} from './caps.ts';
import { WIRE_FAMILIES } from './families/index.ts';
import type { ParsedRequest } from './families/family.ts';
import { schemaOf } from './schema.ts';
import { describe, either, withArticle, formatPath, plural } from '../core/text.ts';
import { LocalMedia } from '../media/local-media.ts';
import type { SubmitBody } from '../http/wire.ts';
import { submitBody } from './wire.ts';

/** The type of {@link modelSchemas}: each model's zod schema for each mode it serves. */
export type ModelSchemas = { readonly [K in ModelId]: { readonly [M in keyof ModelCapsTable[K]['modes']]: z.ZodObject } };

/**
 * The request schema of every model for each mode it serves, built from the caps table when first
 * read.
 *
 * @example
 * ```ts
 * import { modelSchemas } from 'modelstudio-video';
 *
 * console.log(Object.keys(modelSchemas['wan2.7-i2v'].imageToVideo.shape));
 * ```
 */
export const modelSchemas: ModelSchemas = Object.fromEntries(
  (Object.keys(modelCaps) as ModelId[]).map((model) => [
    model,
    Object.defineProperties(
      {},
      Object.fromEntries(modesOf(model).map((mode) => [mode, { enumerable: true, get: () => schemaOf(model, mode) }])),
    ),
  ]),
) as ModelSchemas;

/** A local input of a prepared body and where its URL goes. */
export interface PendingMedia {
  /** The path of the field inside `body.input`, such as `['media', 1, 'url']`. */
  readonly at: readonly (string | number)[];
  /** The request field it was given as, such as `lastFrame` or `references[1]`: what its messages name. */
  readonly field: string;
  /** The input to read and send. */
  readonly media: LocalMedia;
}

/** A request that passed validation, ready to submit. */
export interface PreparedSubmit {
  /** The model name on the wire (a region's name, a dated snapshot). */
  readonly model: string;
  /** The submit path. */
  readonly path: string;
  /** The wire body; fields named in `pending` still hold a placeholder. */
  readonly body: SubmitBody;
  /** Local inputs to inline or upload before the submit, in body order. */
  readonly pending: readonly PendingMedia[];
  /** The prompt, kept to find the task again if the submit's answer is lost. */
  readonly prompt: string | undefined;
}

function invalid(mode: VideoMode, what: string, issue: ValidationIssue): ValidationError {
  return new ValidationError(`Invalid ${mode} request: ${what}`, [issue]);
}

/** What `model` may be instead: the models of `mode` that `region` serves (every region's when unknown). */
function modelChoices(mode: VideoMode, region: Region | undefined): ValidationIssue {
  const models = modelsOf(mode, region).join(', ');
  if (region === undefined) return { path: 'model', message: `must be one of ${models}` };
  return { path: 'model', message: models === '' ? `must be a ${mode} model, and ${region} serves none` : `must be one of the ${mode} models of ${region}: ${models}` };
}

/** The caps entry of `model` for `mode`, or the error that says why there is none and lists the models of `region`. */
function settleModel(mode: VideoMode, model: unknown, region: Region | undefined): ModelId {
  const entry = typeof model === 'string' ? capsEntryFor(model) : undefined;
  const choices = modelChoices(mode, region);
  if (entry === undefined) {
    const unsupported = typeof model === 'string' ? UNSUPPORTED_MODELS[model] : undefined;
    if (unsupported) {
      throw invalid(mode, `${describe(model)} has no typed request in this SDK yet: ${unsupported.reason}`, { path: 'model', message: unsupported.reason });
    }
    throw invalid(mode, `unknown model ${describe(model)}`, choices);
  }
  if (capsOf(entry).modes[mode] === undefined) {
    const modes = modesOf(entry);
    throw invalid(
      mode,
      `model ${describe(model)} is for ${either(modes)}: call ${either(modes.map((other) => `client.${other}`))}, or pick ${withArticle(mode)} model`,
      choices,
    );
  }
  return entry;
}

/** The problems of serving `entry` under `name` in `region`, if any. */
function regionIssues(name: string, entry: ModelId, region: Region | undefined, request: object): ValidationIssue[] {
  if (region === undefined) return [];
  const caps = capsOf(entry);
  const there = nameInRegion(entry, region);
  if (there !== entry) {
    const served = caps.regions.join(', ');
    return [{
      path: 'model',
      message: there
        ? `${name} is not served in ${region} (only ${served}); its name there is ${there}`
        : `${name} is not served in ${region} (only ${served}); pick a model of ${region}, or a client of another region`,
    }];
  }
  const resolutions = caps.resolutionsByRegion?.[region];
  const resolution = (request as { resolution?: unknown }).resolution;
  if (resolutions && typeof resolution === 'string' && !resolutions.some((allowed) => allowed === resolution)) {
    return [{ path: 'resolution', message: `${resolution} is not served by ${name} in ${region} (allowed: ${resolutions.join(', ')})` }];
  }
  return [];
}

/** `mode` when it is one of {@link VIDEO_MODES}; else a {@link ValidationError} that lists them. */
export function checkMode(mode: unknown): VideoMode {
  if (typeof mode === 'string' && (VIDEO_MODES as readonly string[]).includes(mode)) return mode as VideoMode;
  throw new ValidationError('Invalid request (1 problem):', [{ path: 'mode', message: `${describe(mode)} is not a mode (allowed: ${VIDEO_MODES.join(', ')})` }]);
}

/**
 * Validates `request` for `mode` against its model's schema and maps it to the wire body. A
 * `region` (the client's, when known) also checks that the region serves the model.
 * Throws {@link ValidationError} listing every problem; sends nothing.
 */
export function prepareSubmit(mode: VideoMode, defaultModel: string, request: unknown, region?: Region): PreparedSubmit {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new ValidationError(`Invalid ${mode} request (1 problem):`, [
      { path: '', message: `the request must be an object of options, got ${describe(request)}` },
    ]);
  }
  const requested = (request as { model?: unknown }).model;
  const name = requested === undefined ? defaultModel : requested;
  const entry = settleModel(mode, name, region);
  const model = name as string;
  const schema = schemaOf(entry, mode, model);
  const known = Object.entries(schema.shape)
    .filter(([, field]) => !(field instanceof z.ZodOptional && field.unwrap() instanceof z.ZodNever))
    .map(([key]) => key)
    .join(', ');
  const result = schema.safeParse(request, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
        return `unknown option${issue.keys.length === 1 ? '' : 's'} ${keys} for ${model} (options: ${known})`;
      }
      return undefined;
    },
  });
  const issues: ValidationIssue[] = [
    ...regionIssues(model, entry, region, request),
    ...(result.success ? [] : result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))),
  ];
  if (!result.success || issues.length > 0) {
    throw new ValidationError(`Invalid ${mode} request for ${model} (${plural(issues.length, 'problem')}):`, issues);
  }
  const parsed = result.data as ParsedRequest;
  const caps = capsOf(entry);
  const family = WIRE_FAMILIES[caps.family];
  const wire = family.toWire({ model: entry, caps, mode }, parsed);
  const body = submitBody(model, parsed, wire.input, wire.parameters);
  const pending: PendingMedia[] = [];
  const fields = new Map<LocalMedia, string>();
  findLocalMedia(parsed, [], fields);
  const input = takeLocalMedia(body.input, [], pending, fields) as Record<string, unknown>;
  return { model, path: family.path, body: { ...body, input }, pending, prompt: parsed.prompt };
}

/** Each {@link LocalMedia} of a parsed request, with the request field it was given as. */
function findLocalMedia(value: unknown, at: (string | number)[], found: Map<LocalMedia, string>): void {
  if (value instanceof LocalMedia) {
    // A local reference is given as the item itself ({ path }, a Blob, bytes); only its settled
    // form holds it under `url`, so a message naming `references[1].url` would name no field the caller wrote.
    const given = at.length === 3 && at[0] === 'references' && at[2] === 'url' ? at.slice(0, 2) : at;
    found.set(value, formatPath(given));
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => findLocalMedia(item, [...at, index], found));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) findLocalMedia(item, [...at, key], found);
}

/** A copy of `value` with every {@link LocalMedia} replaced by a placeholder, each noted in `found` with its request field from `fields`. */
function takeLocalMedia(value: unknown, at: (string | number)[], found: PendingMedia[], fields: ReadonlyMap<LocalMedia, string>): unknown {
  if (value instanceof LocalMedia) {
    // A family that made its own LocalMedia would have no request field: the wire path is the best name left.
    found.push({ at, field: fields.get(value) ?? formatPath(['input', ...at]), media: value });
    return '';
  }
  if (Array.isArray(value)) return value.map((item, index) => takeLocalMedia(item, [...at, index], found, fields));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, takeLocalMedia(item, [...at, key], found, fields)]));
  }
  return value;
}

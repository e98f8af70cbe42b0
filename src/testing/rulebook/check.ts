/**
 * The rulebook applied to one submit: which model, on which path and in which region, and whether
 * its body is one the service takes. Two kinds of outcome, as on the real service (docs/protocol.md
 * §3, §4): a bad request is refused at submit (a thrown {@link Refused}); some errors (an
 * unsupported duration, a wan2.6-shaped body sent to a media model) are accepted and fail the task.
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';
import { checkOneOf, checkSection } from './check-fields.ts';
import { checkMedia, mediaTypesOf } from './check-media.ts';
import { checkFlatReferences, checkKlingShots, checkVaceFunction } from './check-shapes.ts';
import { ruleOf } from './models.ts';
import { durationNotSupported, invalid, missing, unknownModel, wrongPath, type TaskFailure } from './refusals.ts';
import type { DurationRule, FieldRules, ModelRule } from './types.ts';
import { checkUrl, type UrlContext } from './urls.ts';

/** What a submit is checked against beyond its body. */
export interface RuleContext extends UrlContext {
  /** The path it was posted to. */
  readonly path: string;
  /** The region whose model names are served; every region's when absent. */
  readonly region: Region | undefined;
}

/** A body the service accepts. */
export interface Accepted {
  /** The model name as sent. */
  readonly model: string;
  /** Its rules. */
  readonly rule: ModelRule;
  /** The failure the task will end with, if any. */
  readonly failure: TaskFailure | undefined;
  /** Every input URL of the body. */
  readonly urls: readonly string[];
  /** Wire paths of fields the model does not document (§3: ignored or refused, by model). */
  readonly undocumented: readonly string[];
}

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `2-15`, `5, 10`, `-1, 2-30`: the values a duration rule serves. */
function allowedDurations(rule: DurationRule): string {
  return [...(rule.special ?? []).map(String), rule.only ? rule.only.join(', ') : `${rule.min}-${rule.max}`].join(', ');
}

/** The failure a duration makes the task end with (§4), if any. */
function durationFailure(value: unknown, rule: DurationRule, withVideo: boolean): TaskFailure | undefined {
  if (value === undefined || value === null) return undefined;
  const max = withVideo && rule.maxWithVideo !== undefined ? rule.maxWithVideo : rule.max;
  const number = value as number;
  const fine = Number.isInteger(value) && ((rule.special ?? []).includes(number) || (number >= rule.min && number <= max && (!rule.only || rule.only.includes(number))));
  return fine ? undefined : durationNotSupported(value, allowedDurations(withVideo ? { ...rule, max } : rule));
}

/** The fields of a VACE body: the common ones and those of its function (checked first, it picks the rest). */
function vaceFields(rule: ModelRule, input: Json): { fields: FieldRules; functionName: string } {
  const name = input.function;
  const functions = rule.functions ?? {};
  if (typeof name !== 'string') missing('input.function');
  const fn = Object.hasOwn(functions, name as string) ? functions[name as string] : undefined;
  if (!fn) invalid(`The function is not supported: ${String(name)}. Supported: ${Object.keys(functions).join(', ')}`);
  const own = fn as NonNullable<typeof fn>;
  return {
    functionName: name as string,
    fields: {
      input: { ...rule.fields.input, ...own.input },
      parameters: { ...rule.fields.parameters, ...own.parameters },
      ...(own.oneOf && { oneOf: own.oneOf }),
    },
  };
}

/** A model the notes give no body for: the path was checked; every `*_url` input must be a URL. */
function judgeOpaque(model: string, rule: ModelRule, input: Json, context: RuleContext): Accepted {
  const urls: string[] = [];
  for (const [field, value] of Object.entries(input)) if (field.endsWith('_url')) checkUrl(`input.${field}`, value, 'image', context, urls);
  return { model, rule, failure: undefined, urls, undocumented: [] };
}

/**
 * Checks a submit body the way the service does: returns what it accepted, or throws
 * {@link Refused} with the status, code and message of the refusal.
 */
export function judgeSubmit(body: unknown, context: RuleContext): Accepted {
  if (!isObject(body)) invalid('The request body is not a JSON object');
  const { model, input, parameters = {} } = body as Json;
  if (typeof model !== 'string' || model.length === 0) missing('model');
  const name = model as string;
  const rule = ruleOf(name);
  if (!rule || (context.region !== undefined && !rule.regions.includes(context.region))) unknownModel(name);
  const served = rule as ModelRule;
  if (!isObject(input)) missing('input');
  if (!isObject(parameters)) invalid('parameters must be a JSON object');
  if (served.path !== context.path) wrongPath(name, served.path);
  const inputs = input as Json;
  const params = parameters as Json;
  if (served.shape === 'opaque') return judgeOpaque(name, served, inputs, context);
  const vace = served.shape === 'vace' ? vaceFields(served, inputs) : undefined;
  const fields = vace?.fields ?? served.fields;
  const urls: string[] = [];
  const fieldContext = { ...context, mediaTypes: mediaTypesOf(inputs), urls };
  const undocumented = [...checkSection('input', inputs, fields.input, fieldContext), ...checkSection('parameters', params, fields.parameters, fieldContext)];
  checkOneOf(inputs, fields.oneOf);
  let hasReferenceVideo = false;
  let failure: TaskFailure | undefined;
  if (served.media) {
    const media = checkMedia(inputs, served.media, context, urls);
    undocumented.push(...media.ignored);
    hasReferenceVideo = media.hasReferenceVideo;
    failure = media.failure;
  }
  if (served.flatReferences) hasReferenceVideo = checkFlatReferences(inputs, served.flatReferences);
  if (vace) checkVaceFunction(vace.functionName, served.functions?.[vace.functionName] ?? { input: {}, parameters: {}, maxReferenceImages: 0 }, inputs, params);
  if (served.shape === 'kling') checkKlingShots(inputs);
  if (served.duration) failure ??= durationFailure(params.duration, served.duration, hasReferenceVideo);
  return { model: name, rule: served, failure, urls, undocumented };
}

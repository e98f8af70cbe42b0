/**
 * The field-by-field checks of a submit body against a model's {@link FieldRules}: required fields,
 * types, lists and ranges, each refused with 400 `InvalidParameter` (docs/protocol.md §5), and the
 * fields the model does not document, which are reported back instead of refused (§3: "depending on
 * the model, unknown parameters are either ignored or rejected").
 *
 * @module
 */
import type { Region } from '../../core/regions.ts';
import { characters } from '../../core/text.ts';
import { TOLERATED_INPUT_KEYS } from './fields.ts';
import { invalid, missing, notSupported } from './refusals.ts';
import type { FieldRule, FieldRules, TextRule } from './types.ts';
import { checkUrl, kindOfUrl, type UrlContext } from './urls.ts';

/** What field checks need beyond the values. */
export interface FieldContext extends UrlContext {
  /** The simulator's region, for values only some regions serve. */
  readonly region: Region | undefined;
  /** The `media[]` item types of the body, for a prompt that a frame makes optional. */
  readonly mediaTypes: readonly string[];
  /** Input URLs found so far. */
  readonly urls: string[];
}

type Json = Readonly<Record<string, unknown>>;

const isAbsent = (value: unknown) => value === undefined || value === null;

function checkText(path: string, value: unknown, rule: TextRule, context: FieldContext): void {
  const required = rule.required === true && !(rule.optionalWith ?? []).some((type) => context.mediaTypes.includes(type));
  if (isAbsent(value) || value === '') {
    if (required) missing(path);
    return;
  }
  if (typeof value !== 'string') invalid(`${path} must be a string`);
  const text = value as string;
  // The service cuts a HappyHorse prompt that is too long (§10.2) instead of refusing it.
  if (rule.maxLength !== undefined && !rule.truncates && characters(text) > rule.maxLength) {
    invalid(`Range of ${path} length should be [${required ? 1 : 0}, ${rule.maxLength}]`);
  }
}

function checkValue(path: string, value: unknown, rule: Exclude<FieldRule, TextRule>, context: FieldContext): void {
  const name = path.split('.').at(-1) ?? path;
  switch (rule.kind) {
    case 'url':
      checkUrl(path, value, rule.dataUri ? 'image' : 'none', context, context.urls);
      return;
    case 'url-list': {
      if (!Array.isArray(value)) invalid(`${path} must be an array`);
      const items = value as unknown[];
      if (rule.required && items.length === 0) invalid(`At least 1 item is required in ${path}`);
      items.forEach((item, index) => {
        const kind = typeof item === 'string' ? kindOfUrl(item) : 'image';
        checkUrl(`${path}[${index}]`, item, rule.dataUri && kind === 'image' ? 'image' : 'none', context, context.urls);
      });
      return;
    }
    case 'choice': {
      const allowed = (context.region !== undefined && rule.byRegion?.[context.region]) || rule.values;
      if (typeof value !== 'string' || !allowed.includes(value)) notSupported(name, value, allowed);
      return;
    }
    case 'flag':
      if (typeof value !== 'boolean') invalid(`${path} must be a boolean`);
      return;
    case 'integer':
    case 'number': {
      const fine = typeof value === 'number' && Number.isFinite(value) && (rule.kind === 'number' || Number.isInteger(value));
      if (!fine || (value as number) < rule.min || (value as number) > rule.max) invalid(`Range of ${path} should be [${rule.min}, ${rule.max}]`);
      return;
    }
    default:
      // duration, media and free structures are checked elsewhere, or not at all.
      return;
  }
}

/**
 * Checks one section (`input` or `parameters`) against its rules, in the rules' order; returns the
 * wire paths of the fields the model does not document (the Python SDK's own input keys aside).
 */
export function checkSection(section: 'input' | 'parameters', values: Json, rules: Readonly<Record<string, FieldRule>>, context: FieldContext): string[] {
  for (const [key, rule] of Object.entries(rules)) {
    const path = `${section}.${key}`;
    const value = values[key];
    if (rule.kind === 'text') {
      checkText(path, value, rule, context);
      continue;
    }
    if (isAbsent(value)) {
      if ('required' in rule && rule.required) missing(path);
      continue;
    }
    checkValue(path, value, rule, context);
  }
  return Object.keys(values)
    .filter((key) => !Object.hasOwn(rules, key) && !(section === 'input' && TOLERATED_INPUT_KEYS.includes(key)))
    .map((key) => `${section}.${key}`);
}

/** Refuses a body that carries none of a group's fields (VACE: a mask, or a clip or frame to extend). */
export function checkOneOf(input: Json, groups: FieldRules['oneOf']): void {
  for (const group of groups ?? []) {
    if (!group.some((key) => !isAbsent(input[key]))) invalid(`One of ${group.map((key) => `input.${key}`).join(', ')} is required`);
  }
}

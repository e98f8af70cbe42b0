/**
 * The arguments of a tool call as an object: given as an object or as its JSON text (as OpenAI
 * sends it), with `null` values dropped; what cannot be read comes back as a `ValidationError` result.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import { describe, errorMessage, plural } from '../core/text.ts';
import { failureResult } from './result-builders.ts';
import type { VideoToolFailure } from './results.ts';
import type { VideoToolName } from './tool-types.ts';

/** The arguments as an object, or the failure to return. */
export type ReadResult = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly failure: VideoToolFailure };

/** The failure result of invalid arguments: a `ValidationError` listing `issues`, nothing sent. */
export function invalid(tool: VideoToolName, issues: readonly ValidationIssue[]): { readonly ok: false; readonly failure: VideoToolFailure } {
  return { ok: false, failure: failureResult(new ValidationError(`Invalid ${tool} arguments (${plural(issues.length, 'problem')}):`, issues)) };
}

/** The arguments as an object: parsed when given as JSON text, with `null` values dropped. */
export function readArguments(tool: VideoToolName, args: unknown): ReadResult {
  let value = args;
  if (typeof value === 'string') {
    if (value.trim() === '') value = {};
    else {
      try {
        value = JSON.parse(value) as unknown;
      } catch (error) {
        return invalid(tool, [{ path: '', message: `the arguments are not valid JSON (${errorMessage(error)})` }]);
      }
    }
  }
  if (value === undefined || value === null) value = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(tool, [{ path: '', message: `the arguments must be a JSON object, got ${describe(value)}` }]);
  }
  // Models often send null for an optional argument they mean to leave out.
  return { ok: true, value: Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null)) };
}

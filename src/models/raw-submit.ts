/**
 * `client.submitTask`: a body for a model or endpoint the SDK does not know yet, checked only for
 * its shape (docs/protocol.md §3: always `{ model, input, parameters }`) and a safe path.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import { UNSUPPORTED_MODELS, capsEntryFor, capsOf } from './caps.ts';
import { WIRE_FAMILIES } from './families/index.ts';
import { VIDEO_SYNTHESIS_PATH } from './families/family.ts';
import type { PreparedSubmit } from './registry.ts';
import { describe, isRecord, plural } from '../core/text.ts';

/** A raw submit body, sent as is. */
export interface RawSubmitBody {
  /** The model name on the wire. */
  readonly model: string;
  /** The `input` object. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The `parameters` object; `{}` when absent. */
  readonly parameters?: Readonly<Record<string, unknown>> | undefined;
}

/** Where a raw submit goes. */
export interface RawSubmitOptions {
  /**
   * The submit path on the service's host, such as `/api/v1/services/aigc/image2video/video-synthesis`.
   * @default the model's endpoint when the SDK knows the model, else `/api/v1/services/aigc/video-generation/video-synthesis`
   */
  readonly path?: string | undefined;
}

/** A path under `/api/` made of plain segments: nothing that could leave the host or climb out of it. */
const SAFE_PATH = /^\/api\/(?:[A-Za-z0-9._~-]+\/)*[A-Za-z0-9._~-]+$/;

/** The default path for `model`: its family's endpoint when known. */
function defaultPath(model: string): string {
  const entry = capsEntryFor(model);
  if (entry) return WIRE_FAMILIES[capsOf(entry).family].path;
  return UNSUPPORTED_MODELS[model]?.path ?? VIDEO_SYNTHESIS_PATH;
}

/** Checks a raw body and path; throws {@link ValidationError} listing every problem, sending nothing. */
export function prepareRawSubmit(body: unknown, options: RawSubmitOptions = {}): PreparedSubmit {
  const issues: ValidationIssue[] = [];
  if (!isRecord(body)) {
    throw new ValidationError('Invalid submitTask body (1 problem):', [{ path: '', message: `must be { model, input, parameters }, got ${describe(body)}` }]);
  }
  const { model, input, parameters = {}, ...rest } = body;
  if (typeof model !== 'string' || model.trim() === '') issues.push({ path: 'model', message: `must be a non-empty string, got ${describe(model)}` });
  if (!isRecord(input)) issues.push({ path: 'input', message: `must be an object, got ${describe(input)}` });
  if (!isRecord(parameters)) issues.push({ path: 'parameters', message: `must be an object, got ${describe(parameters)}` });
  for (const key of Object.keys(rest)) issues.push({ path: key, message: 'is not part of a submit body (model, input, parameters)' });
  const path = options.path ?? (typeof model === 'string' ? defaultPath(model) : VIDEO_SYNTHESIS_PATH);
  if (typeof path !== 'string' || !SAFE_PATH.test(path) || path.split('/').some((segment) => segment === '.' || segment === '..')) {
    issues.push({ path: 'path', message: `${describe(path)} is not a path on the service's host (expected /api/v1/...)` });
  }
  if (issues.length > 0) {
    throw new ValidationError(`Invalid submitTask body (${plural(issues.length, 'problem')}):`, issues);
  }
  const wire = { model: model as string, input: structuredClone(input as Record<string, unknown>), parameters: structuredClone(parameters as Record<string, unknown>) };
  const prompt = typeof wire.input.prompt === 'string' ? wire.input.prompt : undefined;
  return { model: wire.model, path, body: wire, pending: [], prompt };
}

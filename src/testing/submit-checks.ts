/**
 * The simulator's check of one submit: the rulebook (`rulebook/`, the service's rules written from
 * docs/protocol.md) applied to the body, with the simulator's own settings on top: stricter
 * duration lists, moderation words, and whether undocumented fields are ignored or refused.
 *
 * @module
 */
import type { Region } from '../core/regions.ts';
import { judgeSubmit } from './rulebook/check.ts';
import { DATA_INSPECTION_FAILED, MEDIA_REQUIRED, Refused, durationNotSupported, type Refusal, type TaskFailure } from './rulebook/refusals.ts';

export type { Refusal, TaskFailure } from './rulebook/refusals.ts';

/** The result of checking one submit. */
export type SubmitVerdict =
  | { readonly ok: false; readonly refusal: Refusal }
  | {
      readonly ok: true;
      /** The model name as sent. */
      readonly model: string;
      /** The failure the task will end with, if any. */
      readonly failure: TaskFailure | undefined;
      /** Every input URL of the body, for resolving `oss://` uploads. */
      readonly inputUrls: readonly string[];
      /** Wire paths of the fields the model does not document, which the service ignored. */
      readonly undocumented: readonly string[];
    };

/** What the checks need beyond the body. */
export interface SubmitContext {
  /** The submit path. */
  readonly path: string;
  /** The region whose model names are served; every name when absent. */
  readonly region: Region | undefined;
  /** Whether `X-DashScope-OssResourceResolve: enable` was sent. */
  readonly ossResolve: boolean;
  /** Whether an `oss://` key names an uploaded object. */
  readonly hasUpload: (key: string) => boolean;
  /** Prompt words that make moderation fail the task. */
  readonly moderationWords: readonly string[];
  /** Stricter duration lists per model, where configured. */
  readonly supportedDurations: Partial<Record<string, readonly number[]>>;
  /** What to do with a field the model does not document: ignore it (the default) or refuse the submit. */
  readonly undocumentedFields: 'ignore' | 'refuse';
}

/** A stricter duration list's failure, when the body's duration is not on it. */
function strictDurationFailure(body: unknown, strict: readonly number[] | undefined): TaskFailure | undefined {
  const parameters = (body as { parameters?: { duration?: unknown } }).parameters;
  const duration = parameters?.duration;
  if (strict === undefined || duration === undefined || strict.includes(duration as number)) return undefined;
  return durationNotSupported(duration, strict.join(', '));
}

/** Checks a submit body the way the service does. */
export function checkSubmit(body: unknown, context: SubmitContext): SubmitVerdict {
  try {
    const accepted = judgeSubmit(body, context);
    if (context.undocumentedFields === 'refuse' && accepted.undocumented.length > 0) {
      return { ok: false, refusal: { status: 400, code: 'InvalidParameter', message: `Unsupported field for ${accepted.model}: ${accepted.undocumented.join(', ')}` } };
    }
    // A body of the wrong shape fails first; then a duration off the stricter list, with that list.
    let failure = accepted.failure === MEDIA_REQUIRED ? accepted.failure : (strictDurationFailure(body, context.supportedDurations[accepted.model]) ?? accepted.failure);
    const input = (body as { input?: { prompt?: unknown } }).input;
    const prompt = typeof input?.prompt === 'string' ? input.prompt.toLowerCase() : '';
    if (context.moderationWords.some((word) => prompt.includes(word.toLowerCase()))) failure ??= DATA_INSPECTION_FAILED;
    return { ok: true, model: accepted.model, failure, inputUrls: accepted.urls, undocumented: accepted.undocumented };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

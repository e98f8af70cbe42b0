/**
 * Errors of the AI SDK provider: our `ValidationError`, also recognised by the AI SDK.
 *
 * The AI SDK recognises its errors by markers (`Symbol.for('vercel.ai.error.<name>')`), not by
 * prototype, so that two copies of the AI SDK agree: `InvalidArgumentError.isInstance(error)`
 * from `ai` or `@ai-sdk/provider` checks for the marker. These classes carry those markers, so
 * they are both ours (`instanceof ValidationError`, `issues`) and the AI SDK's, without loading
 * the AI SDK at run time.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../core/errors.ts';

const AI_SDK_ERROR = 'vercel.ai.error';

/** Sets the AI SDK's markers on `error`: the root one and the one of `name`. */
function markAsAISDKError(error: Error, name: string): void {
  for (const marker of [AI_SDK_ERROR, `${AI_SDK_ERROR}.${name}`]) {
    Object.defineProperty(error, Symbol.for(marker), { value: true, enumerable: false });
  }
}

/**
 * A call the model cannot make, found before anything was sent (so it costs nothing): a
 * {@link ValidationError} with every problem in `issues`, which the AI SDK also recognises as its
 * `InvalidArgumentError` (`InvalidArgumentError.isInstance(error)` from `ai` or
 * `@ai-sdk/provider` is true).
 *
 * @example
 * ```ts
 * import { experimental_generateVideo, InvalidArgumentError } from 'ai';
 * import { ValidationError } from 'modelstudio-video';
 * import { modelstudio } from 'modelstudio-video/ai-sdk';
 *
 * try {
 *   await experimental_generateVideo({ model: modelstudio.video('wan2.6-t2v'), prompt: 'A fox', duration: 30 });
 * } catch (error) {
 *   if (InvalidArgumentError.isInstance(error) && error instanceof ValidationError) console.error(error.issues);
 * }
 * ```
 */
export class ModelStudioInvalidArgumentError extends ValidationError {
  static override readonly kind: string = 'ModelStudioInvalidArgumentError';
  /**
   * The argument of the AI SDK call the first problem is about (`resolution`, `frameImages`,
   * `providerOptions.modelstudio.negativePrompt`, ...), as the AI SDK's `InvalidArgumentError` of
   * `ai` names it.
   */
  readonly parameter: string;
  /** The same as `parameter`, as the `InvalidArgumentError` of `@ai-sdk/provider` names it. */
  readonly argument: string;
  /** The value given for `parameter`, when one was. */
  readonly value: unknown;

  constructor(summary: string, issues: readonly ValidationIssue[], parameter: string, value?: unknown) {
    super(summary, issues);
    this.parameter = parameter;
    this.argument = parameter;
    this.value = value;
    markAsAISDKError(this, 'AI_InvalidArgumentError');
  }
}

/** The kinds of model the AI SDK asks a provider for. */
export type ModelKind = 'languageModel' | 'embeddingModel' | 'imageModel' | 'videoModel';

/**
 * A model this provider does not have: a video model id that is not in `modelCaps`, or any other
 * kind of model (the provider has video models only). A {@link ValidationError} that the AI SDK
 * also recognises as its `NoSuchModelError`.
 */
export class ModelStudioNoSuchModelError extends ValidationError {
  static override readonly kind: string = 'ModelStudioNoSuchModelError';
  /** The id asked for. */
  readonly modelId: string;
  /** The kind of model asked for. */
  readonly modelType: ModelKind;

  constructor(modelId: string, modelType: ModelKind, summary: string, issues: readonly ValidationIssue[] = []) {
    super(summary, issues);
    this.modelId = modelId;
    this.modelType = modelType;
    markAsAISDKError(this, 'AI_NoSuchModelError');
  }
}

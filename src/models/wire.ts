/**
 * The submit body as it goes on the wire (docs/protocol.md §3).
 *
 * @module
 */

/** `{ model, input, parameters }`, the body of every submit. */
export interface SubmitBody {
  /** The model id. */
  readonly model: string;
  /** The model's inputs, in the service's snake_case. */
  readonly input: Record<string, unknown>;
  /** The model's parameters, in the service's snake_case. */
  readonly parameters: Record<string, unknown>;
}

/** Options every model takes, as parsed. */
interface CommonParsed {
  readonly extraInput?: Record<string, unknown> | undefined;
  readonly extraParameters?: Record<string, unknown> | undefined;
}

/** Drops keys whose value is `undefined`, so that only what was given is sent. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Builds the body, merging the pass-through fields last so that they win. */
export function submitBody(
  model: string,
  request: CommonParsed,
  input: Record<string, unknown>,
  parameters: Record<string, unknown>,
): SubmitBody {
  return {
    model,
    input: { ...defined(input), ...request.extraInput },
    parameters: { ...defined(parameters), ...request.extraParameters },
  };
}

/**
 * The submit body as it goes on the wire (docs/protocol.md §3).
 *
 * @module
 */
import type { SubmitBody } from '../http/wire.ts';


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

/** Input fields that hold text, never URLs: an `oss://` inside a prompt must not flip the header. */
const TEXT_FIELDS = new Set(['prompt', 'negative_prompt']);

function hasOssUrl(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('oss://');
  if (Array.isArray(value)) return value.some(hasOssUrl);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => !TEXT_FIELDS.has(key) && hasOssUrl(inner));
  }
  return false;
}

/**
 * The headers a submit of `body` needs besides the async one: `X-DashScope-OssResourceResolve`
 * when an input is an `oss://` URL of the service's temporary storage (docs/protocol.md §7).
 */
export function submitHeaders(body: SubmitBody): Readonly<Record<string, string>> {
  return hasOssUrl(body.input) ? { 'x-dashscope-ossresourceresolve': 'enable' } : {};
}

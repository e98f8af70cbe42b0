/**
 * What the person typed, for each name an SDK message may hold. The SDK names its own request
 * fields (`image`, `lastFrame`, `references[1]`), options (`baseUrl`) and modes (`textToVideo`); on
 * the command line an error names the argument or flag instead (`<image>`, `--last-frame`,
 * `<refs...> #2`), the variable that set the option (`MODELSTUDIO_BASE_URL`), and the command
 * (`t2v`), so that a person finds the problem in what they typed.
 *
 * @module
 */
import { BASE_URL_ENV_VAR, REGION_ENV_VAR, WORKSPACE_ID_ENV_VAR } from '../core/env-vars.ts';
import type { VideoMode } from '../models/caps.ts';
import { MODE_ALIASES } from '../models/lineup.ts';

/** An SDK name (a field, an option, a mode) and what the person typed for it. */
export type TypedNames = Readonly<Record<string, string>>;

/** The command of each mode: `t2v` for `textToVideo`. */
const COMMANDS = Object.fromEntries(Object.entries(MODE_ALIASES).map(([command, mode]) => [mode, command])) as Readonly<Record<VideoMode, string>>;

/** The command of `mode`, as a person types it: `t2v`, `lipsync`. */
export function commandOf(mode: VideoMode): string {
  return COMMANDS[mode];
}

/** `list`'s flags, by the `client.tasks.list` option each one sets. */
export const LIST_NAMES: TypedNames = { status: '--status', model: '--model', startTime: '--since', endTime: '--until', pageSize: '--limit' };

/** The arguments of `status`, `wait` and `cancel`. */
export const TASK_NAMES: TypedNames = { taskId: '<task-id>', model: '--model' };

/**
 * The client options of a command: the command passes none itself, so a bad base URL came from its
 * variable; the region and workspace came from `--region` and `--workspace` when given (they reach
 * the client as their variables, which the SDK's message names).
 */
export function connectionNames(flags: { readonly region?: string | undefined; readonly workspace?: string | undefined }): TypedNames {
  return {
    baseUrl: BASE_URL_ENV_VAR,
    // The client's `record` option comes only from --record.
    record: '--record',
    ...(flags.region !== undefined && { [REGION_ENV_VAR]: '--region' }),
    ...(flags.workspace !== undefined && { [WORKSPACE_ID_ENV_VAR]: '--workspace' }),
  };
}

/**
 * An SDK field path as the person typed it: `lastFrame` is `--last-frame`, `references[1]` is
 * `<refs...> #2` (counted from 1, as the person gave them one by one), and inside a JSON flag the
 * path goes on as written (`--shots[0].duration`). A name not in `names` stays as it is: an
 * environment variable, or a field the command never sets.
 */
export function typedPath(path: string, names: TypedNames): string {
  const [, field = '', index, rest = ''] = /^([^.[]*)(?:\[(\d+)\])?(.*)$/s.exec(path) ?? [];
  const name = Object.hasOwn(names, field) ? names[field] : undefined;
  if (name === undefined) return path;
  if (index === undefined) return `${name}${rest}`;
  return rest === '' ? `${name} #${Number(index) + 1}` : `${name}[${index}]${rest}`;
}

/**
 * `text` with the SDK's camelCase names that `names` knows (`lastFrame`, `aspectRatio`,
 * `textToVideo`) replaced by what the person typed. Plain words (`image`, `prompt`) are left alone:
 * in a sentence they are as often English as field names.
 */
export function inTypedWords(text: string, names: TypedNames): string {
  // Not inside a file name, URL or dotted name (`lastFrame.png`, `extraParameters.ratio`).
  return text
    .replace(/(?<![\w./-])[a-z]+[A-Z][A-Za-z]*(?![\w/-]|\.\w)/g, (word) => (Object.hasOwn(names, word) ? (names[word] ?? word) : word))
    .replace(/\bset resolution\b/g, `set ${names.resolution ?? 'resolution'}`);
}

/**
 * A message that lists fields joined by `+` (`image + continueFrom cannot go together on
 * wan2.7-i2v (allowed: image, image + lastFrame, ...)`) with every field in it as the person typed
 * it, the plain words too: in such a list each name is a field, not English.
 */
export function fieldListInTypedWords(message: string, names: TypedNames): string {
  if (!/\w \+ [\w-]/.test(message)) return message;
  return message.replace(/(?<![\w./-])[A-Za-z]+(?![\w/-]|\.\w)/g, (word) => (Object.hasOwn(names, word) ? (names[word] ?? word) : word));
}

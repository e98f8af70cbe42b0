/**
 * Media arguments of the command line: a URL goes to the SDK as is, anything else is a local file.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import type { FileInput } from '../media/local-media.ts';

/** Schemes the service reads itself. */
const REMOTE = /^(?:https?:\/\/|oss:\/\/|data:)/i;

/**
 * A URL (`http(s)://`, `oss://`, `data:`) as is; a `file:` URL or a path as `{ path }`, read and
 * sent by the SDK. Another `scheme://` stays a string, so that the SDK's check names the problem
 * instead of a "file not found".
 */
export function mediaArg(value: string): string | FileInput {
  if (REMOTE.test(value)) return value;
  if (/^file:/i.test(value)) return { path: fileURLToPath(value) };
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(value)) return value;
  return { path: value };
}

/**
 * Node built-ins that a few methods need (file download, local files by path), loaded only when
 * such a method runs. The specifier is not a literal, so bundlers for browsers and workers leave
 * the import alone instead of failing to resolve it: those builds never load it.
 *
 * @module
 */

const load = (specifier: string): Promise<unknown> => import(specifier);

/** `node:fs/promises`, on runtimes that have it. */
export function nodeFs(): Promise<typeof import('node:fs/promises')> {
  return load('node:fs/promises') as Promise<typeof import('node:fs/promises')>;
}

/** `node:path`, on runtimes that have it. */
export function nodePath(): Promise<typeof import('node:path')> {
  return load('node:path') as Promise<typeof import('node:path')>;
}

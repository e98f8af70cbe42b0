/**
 * Where and how a client connects: its API key, region and base URL, from its options and an
 * environment it is handed (the client reads `process.env`; nothing here does).
 *
 * @module
 */
import { API_KEY_ENV_VARS, BASE_URL_ENV_VAR, REGION_ENV_VAR, WORKSPACE_ID_ENV_VAR } from '../core/env-vars.ts';
import { AuthenticationError, ValidationError } from '../core/errors.ts';
import { REGION_BASE_URLS, REGION_IDS, isWorkspaceId, regionList, regionNamed, regionOfBaseUrl, workspaceBaseUrl, type Region } from '../core/regions.ts';
import type { ModelStudioClientOptions } from './options.ts';

/** `value` trimmed, or `undefined` when that leaves nothing. */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * One variable, read only when needed: Deno refuses reads it was not allowed (`--allow-env=...`),
 * and such a variable counts as unset.
 */
export function readEnv(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  try {
    return nonEmpty(env[name]);
  } catch {
    return undefined;
  }
}

/** Loopback hosts, where plain http never leaves the machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** A problem with the client's options, before anything is sent. */
export function invalidOption(path: string, message: string): ValidationError {
  return new ValidationError('Invalid client options (1 problem):', [{ path, message }]);
}

/**
 * The region named by the `region` option, else by MODELSTUDIO_REGION: a region key or the
 * service's region id (`eu-central-1`); each checked.
 */
export function namedRegion(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>): Region | undefined {
  const fromEnv = options.region === undefined ? readEnv(env, REGION_ENV_VAR) : undefined;
  const name = options.region ?? fromEnv;
  if (name === undefined) return undefined;
  const region = regionNamed(name);
  if (region === undefined) {
    throw invalidOption(options.region === undefined ? REGION_ENV_VAR : 'region', `${JSON.stringify(name)} is not a region (allowed: ${regionList()}); or pass baseUrl`);
  }
  return region;
}

/**
 * The region a client configured by `env` alone checks against: MODELSTUDIO_REGION, else the
 * region of its base URL (MODELSTUDIO_BASE_URL, else the workspace host or the shared host of
 * Singapore); `undefined` for a base URL of no known region. Throws the client's
 * `ValidationError` for a variable the client would refuse.
 */
export function environmentRegion(env: Readonly<Record<string, string | undefined>>): Region | undefined {
  return namedRegion({}, env) ?? regionOfBaseUrl(resolveBaseUrl({}, env, undefined));
}

/** The workspace id of the `workspaceId` option, else of MODELSTUDIO_WORKSPACE_ID; a host label, checked. */
function namedWorkspace(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromOption = nonEmpty(options.workspaceId);
  const id = fromOption ?? readEnv(env, WORKSPACE_ID_ENV_VAR);
  if (id !== undefined && !isWorkspaceId(id)) {
    throw invalidOption(fromOption === undefined ? WORKSPACE_ID_ENV_VAR : 'workspaceId', `${JSON.stringify(id)} is not a workspace id (letters, digits and hyphens)`);
  }
  return id;
}

/** The shared host of `region`, or the error that says it has none. */
function sharedHost(region: Region, path: string): string {
  if (Object.hasOwn(REGION_BASE_URLS, region)) return REGION_BASE_URLS[region as keyof typeof REGION_BASE_URLS];
  throw invalidOption(
    path,
    `${region} (${REGION_IDS[region]}) is reached through workspace hosts only: pass workspaceId (or set ${WORKSPACE_ID_ENV_VAR}), or baseUrl`,
  );
}

/**
 * The base URL: the `baseUrl` option; else the workspace host of the `workspaceId` option, or the
 * shared host of the `region` option; else MODELSTUDIO_BASE_URL; else the workspace host of
 * MODELSTUDIO_WORKSPACE_ID, or the shared host of the region (MODELSTUDIO_REGION, then `intl`).
 */
export function resolveBaseUrl(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>, region: Region | undefined): string {
  const workspace = nonEmpty(options.baseUrl) === undefined ? namedWorkspace(options, env) : undefined;
  const hostOf = (path: string) =>
    workspace ? workspaceBaseUrl(workspace, region ?? 'intl') : sharedHost(region ?? 'intl', path);
  const explicit = nonEmpty(options.baseUrl) ?? (options.workspaceId !== undefined || options.region !== undefined ? hostOf('region') : undefined);
  const chosen = explicit ?? readEnv(env, BASE_URL_ENV_VAR) ?? hostOf(REGION_ENV_VAR);
  if (!URL.canParse(chosen)) {
    throw invalidOption('baseUrl', `${JSON.stringify(chosen)} is not a URL`);
  }
  const url = new URL(chosen);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (isLoopback(url.hostname) || options.allowInsecure === true))) {
    throw invalidOption(
      'baseUrl',
      url.protocol === 'http:'
        ? `${JSON.stringify(chosen)} would send the API key in clear text; use https://, or pass allowInsecure: true for a trusted network`
        : `${JSON.stringify(chosen)} must be an https:// URL`,
    );
  }
  return chosen.replace(/\/+$/, '');
}

/**
 * The API key: the option, else the first non-empty of the key variables. Throws an
 * {@link AuthenticationError} that never quotes it.
 */
export function resolveApiKey(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>): string {
  let apiKey = nonEmpty(options.apiKey);
  for (const name of API_KEY_ENV_VARS) apiKey ??= readEnv(env, name);
  if (!apiKey) {
    throw new AuthenticationError(
      `No API key: pass { apiKey } to new ModelStudioClient(), or set one of ${API_KEY_ENV_VARS.join(', ')}. ` +
        'Create a key in the Model Studio console of your region.',
    );
  }
  // Keys are visible ASCII (`sk-...`); anything else is a paste accident that fetch would reject
  // with a message quoting the whole header, key included.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new AuthenticationError(
      'The API key holds characters that cannot go in an HTTP header (a space, a line break, or a non-ASCII character such as a typographic quote). Check how it was pasted.',
    );
  }
  return apiKey;
}

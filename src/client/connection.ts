/**
 * Where and how a client connects: its API key, region and base URL, from its options and an
 * environment it is handed (the client reads `process.env`; nothing here does).
 *
 * @module
 */
import { API_KEY_ENV_VARS, BASE_URL_ENV_VAR, REGION_ENV_VAR } from '../core/env-vars.ts';
import { AuthenticationError, ValidationError } from '../core/errors.ts';
import { REGION_BASE_URLS, type Region } from '../core/regions.ts';
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
function readEnv(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
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

/** The region named by the `region` option, else by MODELSTUDIO_REGION; each checked. */
export function namedRegion(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>): Region | undefined {
  const fromEnv = options.region === undefined ? readEnv(env, REGION_ENV_VAR) : undefined;
  const region = options.region ?? fromEnv;
  if (region !== undefined && !Object.hasOwn(REGION_BASE_URLS, region)) {
    throw new ValidationError('Invalid client options (1 problem):', [
      {
        path: options.region === undefined ? REGION_ENV_VAR : 'region',
        message: `${JSON.stringify(region)} is not a region (allowed: ${Object.keys(REGION_BASE_URLS).join(', ')}); or pass baseUrl`,
      },
    ]);
  }
  return region as Region | undefined;
}

/**
 * The base URL from the options, then the environment (MODELSTUDIO_BASE_URL, then the host of
 * MODELSTUDIO_REGION), then the default region.
 */
export function resolveBaseUrl(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>, region: Region | undefined): string {
  const explicit = nonEmpty(options.baseUrl) ?? (options.region ? REGION_BASE_URLS[options.region] : undefined);
  const chosen = explicit ?? readEnv(env, BASE_URL_ENV_VAR) ?? REGION_BASE_URLS[region ?? 'intl'];
  if (!URL.canParse(chosen)) {
    throw new ValidationError('Invalid client options (1 problem):', [{ path: 'baseUrl', message: `${JSON.stringify(chosen)} is not a URL` }]);
  }
  const url = new URL(chosen);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (isLoopback(url.hostname) || options.allowInsecure === true))) {
    throw new ValidationError('Invalid client options (1 problem):', [
      {
        path: 'baseUrl',
        message:
          url.protocol === 'http:'
            ? `${JSON.stringify(chosen)} would send the API key in clear text; use https://, or pass allowInsecure: true for a trusted network`
            : `${JSON.stringify(chosen)} must be an https:// URL`,
      },
    ]);
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

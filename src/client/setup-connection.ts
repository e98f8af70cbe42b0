/**
 * The checks of a setup that send nothing: where the key comes from, and whether the region, the
 * base URL and the workspace agree. Each value is resolved by `connection.ts`, as the client
 * resolves it; this module only says where it came from and what does not fit.
 *
 * @module
 */
import { API_KEY_ENV_VARS, BASE_URL_ENV_VAR, REGION_ENV_VAR, WORKSPACE_ID_ENV_VAR } from '../core/env-vars.ts';
import { ValidationError, isModelStudioError } from '../core/errors.ts';
import { REGION_BASE_URLS, REGION_IDS, REGIONS, regionOfBaseUrl, workspaceBaseUrl, type Region } from '../core/regions.ts';
import { errorMessage } from '../core/text.ts';
import { namedRegion, nonEmpty, readEnv, resolveApiKey, resolveBaseUrl } from './connection.ts';
import type { ModelStudioClientOptions } from './options.ts';
import type { ApiKeySource, SetupCheck } from './setup-report.ts';

/** What a check's wording needs to know of the client's environment. */
type Env = Readonly<Record<string, string | undefined>>;

/** The setup as the client resolves it, with the checks of it that send nothing. */
export interface ConnectionFacts {
  /** Where the key came from; `undefined` without one. */
  readonly keySource: ApiKeySource | undefined;
  /** Whether there is a key the client can send. */
  readonly keyUsable: boolean;
  /** The region requests are checked against: the named one, else the base URL's. */
  readonly region: Region | undefined;
  /** The region whose host the base URL is, when it is one. */
  readonly hostRegion: Region | undefined;
  /** The base URL in use, when the options give one the client accepts. */
  readonly baseUrl: string | undefined;
  /** Whether the base URL can reach the task list: resolved, and without a path in the way. */
  readonly baseUrlUsable: boolean;
  /** The workspace id, when set. */
  readonly workspaceId: string | undefined;
  /** The setting that decides the host, to name in a fix: `MODELSTUDIO_BASE_URL`, the `region` option, ... */
  readonly hostSetting: string;
  /** Whether that setting is a base URL (the region alone does not move the host then). */
  readonly hostExplicit: boolean;
  /** The setting that names the region, to name in a fix: the `region` option, else `MODELSTUDIO_REGION`. */
  readonly regionSetting: string;
  /** `apiKey`, `region`, `baseUrl` and `workspace`, in that order. */
  readonly checks: readonly SetupCheck[];
}

/** Where each region is, for people who know it by its city. */
const PLACES: Readonly<Record<Region, string>> = { intl: 'Singapore', cn: 'Beijing', us: 'Virginia', eu: 'Frankfurt', jp: 'Tokyo', hk: 'Hong Kong' };

/** `intl (ap-southeast-1, Singapore)`. */
export function regionText(region: Region): string {
  return `${region} (${REGION_IDS[region]}, ${PLACES[region]})`;
}

/**
 * A key as far as it may be shown: its prefix and last 4 characters, only for a key of 20
 * characters or more (real keys have 35), so that what is shown is too little to guess it from.
 */
function maskedKey(key: string): string | undefined {
  if (key.length < 20) return undefined;
  return `${/^[a-z]+-/i.exec(key)?.[0] ?? ''}…${key.slice(-4)}`;
}

/** How a setting is changed: the option it came from, else its variable (the command's flags act as variables). */
function change(fromOption: boolean, option: string, variable: string, value: string): string {
  return fromOption ? `pass ${option}: '${value}'` : `set ${variable} to ${value}`;
}

/** The key variables set besides the one used, to another key: a stale variable shadows the intended one. */
function shadowed(source: ApiKeySource, key: string, env: Env): string {
  const others = API_KEY_ENV_VARS.filter((name) => name !== source && readEnv(env, name) !== undefined && readEnv(env, name) !== key);
  return others.length === 0 ? '' : `; ${others.join(' and ')} ${others.length === 1 ? 'holds' : 'hold'} another key, not used`;
}

/** The `apiKey` check: where the key comes from, never the key. */
function keyCheck(options: ModelStudioClientOptions, env: Env, region: Region | undefined): { check: SetupCheck; source: ApiKeySource | undefined; usable: boolean } {
  const source: ApiKeySource | undefined =
    nonEmpty(options.apiKey) !== undefined ? 'option' : API_KEY_ENV_VARS.find((name) => readEnv(env, name) !== undefined);
  const console = `the Model Studio console of ${region ? regionText(region) : 'your region'}`;
  if (source === undefined) {
    return {
      source,
      usable: false,
      check: {
        name: 'apiKey',
        status: 'problem',
        detail: `no API key: ${API_KEY_ENV_VARS.join(', ')} are unset or empty, and no apiKey option is given`,
        fix: `Set ${API_KEY_ENV_VARS[0]} to a key created in ${console}.`,
        errorType: 'AuthenticationError',
      },
    };
  }
  const where = source === 'option' ? 'the apiKey option' : source;
  try {
    const key = resolveApiKey(options, env);
    const mask = maskedKey(key);
    return { source, usable: true, check: { name: 'apiKey', status: 'ok', detail: `from ${where}${mask ? ` (${mask})` : ''}${source === 'option' ? '' : shadowed(source, key, env)}` } };
  } catch (error) {
    // The client's own refusal (a character that cannot go in a header) never quotes the key.
    return {
      source,
      usable: false,
      check: { name: 'apiKey', status: 'problem', detail: `the key from ${where} cannot be sent: ${errorMessage(error)}`, fix: `Paste the key into ${where} again, as plain text.`, errorType: 'AuthenticationError' },
    };
  }
}

/** The first issue of a client option error, as a check's detail. */
function issueText(error: unknown): string {
  if (error instanceof ValidationError) return error.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  return errorMessage(error);
}

/** Where the host came from, in `resolveBaseUrl`'s order. */
interface HostSource {
  /** In words, after the URL: `from MODELSTUDIO_BASE_URL`, `the workspace host of ws-1`. */
  readonly origin: string;
  /** The setting to correct in a fix: `MODELSTUDIO_BASE_URL`, the `region` option, ... */
  readonly setting: string;
  /** Whether that setting is a base URL (the region alone does not move the host then). */
  readonly explicit: boolean;
}

/** Which setting decided the host: the base URL (option, then variable, unless a host option is given), the workspace, the region. */
function hostSource(options: ModelStudioClientOptions, env: Env, workspaceId: string | undefined, named: Region | undefined): HostSource {
  if (nonEmpty(options.baseUrl) !== undefined) return { origin: 'from the baseUrl option', setting: 'the baseUrl option', explicit: true };
  const hostByOption = options.workspaceId !== undefined || options.region !== undefined;
  if (!hostByOption && readEnv(env, BASE_URL_ENV_VAR) !== undefined) return { origin: `from ${BASE_URL_ENV_VAR}`, setting: BASE_URL_ENV_VAR, explicit: true };
  if (workspaceId !== undefined) {
    return { origin: `the workspace host of ${workspaceId}`, setting: nonEmpty(options.workspaceId) !== undefined ? 'the workspaceId option' : WORKSPACE_ID_ENV_VAR, explicit: false };
  }
  const setting = options.region !== undefined ? 'the region option' : REGION_ENV_VAR;
  return { origin: named === undefined ? 'the shared host of intl, the default' : `the shared host of ${named}`, setting, explicit: false };
}

/** Whether the base URL came from the option (else from its variable), for the fix's wording. */
function baseUrlFromOption(options: ModelStudioClientOptions): boolean {
  return nonEmpty(options.baseUrl) !== undefined;
}

/**
 * A path on the base URL that cannot work: the SDK appends `/api/v1/...` itself, so a path on a
 * host of the service, or one that ends in the API's own prefix, doubles it. Elsewhere (a proxy)
 * a path may be the proxy's prefix, and the host check tells.
 */
function misplacedPath(url: URL, hostRegion: Region | undefined): string | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') return undefined;
  const ofService = hostRegion !== undefined || url.hostname.endsWith('.aliyuncs.com');
  return ofService || /\/(api\/v1|compatible-mode\/v1)(\/|$)/.test(url.pathname) ? path : undefined;
}

/** The `baseUrl` check: the URL in use, its path, and whether its host is the region's. */
function baseUrlCheck(options: ModelStudioClientOptions, facts: { baseUrl: string; named: Region | undefined; hostRegion: Region | undefined; origin: string }): { check: SetupCheck; usable: boolean } {
  const { baseUrl, named, hostRegion, origin } = facts;
  const fromOption = baseUrlFromOption(options);
  const url = new URL(baseUrl);
  const path = misplacedPath(url, hostRegion);
  if (path !== undefined) {
    const compatible = path.includes('compatible-mode') ? ' (that path is the OpenAI-compatible API, which this SDK does not use)' : '';
    return {
      usable: false,
      check: {
        name: 'baseUrl',
        status: 'problem',
        detail: `${baseUrl}, ${origin}, has the path ${path}${compatible}: the SDK adds /api/v1/... itself, so every request would miss`,
        fix: `${capitalised(change(fromOption, 'baseUrl', BASE_URL_ENV_VAR, url.origin))}, without the path.`,
        errorType: 'ValidationError',
      },
    };
  }
  if (named !== undefined && hostRegion !== undefined && named !== hostRegion) {
    const regionFromOption = options.region !== undefined;
    return {
      usable: true,
      check: {
        name: 'baseUrl',
        status: 'problem',
        detail: `${baseUrl}, ${origin}, is a host of ${regionText(hostRegion)}, but the region is ${named}: requests would go to ${PLACES[hostRegion]} checked against the models and prices of ${PLACES[named]}, and a key works in one region only`,
        fix: `${capitalised(change(regionFromOption, 'region', REGION_ENV_VAR, hostRegion))}, or ${hostOf(named) ? `${fromOption ? 'leave out baseUrl' : `unset ${BASE_URL_ENV_VAR}`} to use the host of ${named}` : `set the base URL to a host of ${named}`}.`,
        errorType: 'ValidationError',
      },
    };
  }
  const where = hostRegion === undefined ? ': a host of no known region (a proxy or the simulator)' : url.pathname.replace(/\/+$/, '') === '' ? '' : `, with the path ${url.pathname} before /api/v1`;
  return { usable: true, check: { name: 'baseUrl', status: 'ok', detail: `${baseUrl}, ${origin}${where}` } };
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The shared host of `region`, when it has one. */
function hostOf(region: Region): string | undefined {
  return Object.hasOwn(REGION_BASE_URLS, region) ? REGION_BASE_URLS[region as keyof typeof REGION_BASE_URLS] : undefined;
}

/** The `workspace` check: the workspace host, whether it is the one in use, and the workspace header. */
function workspaceCheck(options: ModelStudioClientOptions, workspaceId: string | undefined, region: Region | undefined, baseUrl: string | undefined): SetupCheck {
  const fromOption = nonEmpty(options.workspaceId) !== undefined;
  const where = fromOption ? 'the workspaceId option' : WORKSPACE_ID_ENV_VAR;
  const header = nonEmpty(options.workspace);
  const sent = header === undefined ? '' : `; sent as X-DashScope-WorkSpace: ${header}`;
  if (workspaceId === undefined) {
    return { name: 'workspace', status: 'ok', detail: `none: ${baseUrl === undefined ? 'no host' : 'the base URL is used as it is'}${sent}` };
  }
  const host = workspaceBaseUrl(workspaceId, region ?? 'intl');
  if (baseUrl !== undefined && baseUrl !== host) {
    const winner = baseUrlFromOption(options) ? 'the baseUrl option' : BASE_URL_ENV_VAR;
    return {
      name: 'workspace',
      status: 'problem',
      detail: `${workspaceId}, from ${where}, is not used: ${winner} wins over it, and its host would be ${host}`,
      fix: `${baseUrlFromOption(options) ? 'Leave out the baseUrl option' : `Unset ${BASE_URL_ENV_VAR}`} to use the workspace host, or ${fromOption ? 'leave out workspaceId' : `unset ${WORKSPACE_ID_ENV_VAR}`}.`,
      errorType: 'ValidationError',
    };
  }
  return { name: 'workspace', status: 'ok', detail: `${workspaceId}, from ${where}: its host ${host}${sent}` };
}

/** The checks of a client option refused by the client itself: the region, base URL or workspace it is about. */
function refusedCheck(error: unknown, env: Env, options: ModelStudioClientOptions): SetupCheck {
  const issue = error instanceof ValidationError ? error.issues[0] : undefined;
  const path = issue?.path ?? '';
  const detail = issueText(error);
  const errorType = isModelStudioError(error) ? error.name : 'ValidationError';
  if (path === 'region' || path === REGION_ENV_VAR) {
    // A region without a shared host reaches the service through a workspace host only.
    if (/workspace hosts only/.test(detail)) {
      const region = namedRegion(options, env);
      return {
        name: 'workspace',
        status: 'problem',
        detail,
        fix: `Set ${WORKSPACE_ID_ENV_VAR} to the id of your workspace${region ? ` in ${regionText(region)}` : ''}, as the Model Studio console shows it, or set ${BASE_URL_ENV_VAR}.`,
        errorType,
      };
    }
    const fix = path === 'region' ? `Pass region as one of ${REGIONS.join(', ')}.` : `Set ${REGION_ENV_VAR} to one of ${REGIONS.join(', ')}.`;
    return { name: 'region', status: 'problem', detail, fix, errorType };
  }
  if (path === 'workspaceId' || path === WORKSPACE_ID_ENV_VAR) {
    return { name: 'workspace', status: 'problem', detail, fix: `${path === 'workspaceId' ? 'Pass workspaceId' : `Set ${WORKSPACE_ID_ENV_VAR} to`} the workspace id as the Model Studio console shows it (letters, digits and hyphens).`, errorType };
  }
  return {
    name: 'baseUrl',
    status: 'problem',
    detail,
    fix: `${baseUrlFromOption(options) ? 'Pass baseUrl as' : `Set ${BASE_URL_ENV_VAR} to`} the https:// root of the service, such as ${REGION_BASE_URLS.intl}.`,
    errorType,
  };
}

/** The `region` check, once the region and the base URL are known. */
function regionCheck(options: ModelStudioClientOptions, named: Region | undefined, region: Region | undefined, baseUrl: string, origin: string): SetupCheck {
  if (region === undefined) {
    return {
      name: 'region',
      status: 'problem',
      detail: `none: ${baseUrl} is a host of no known region and no region is named, so requests are not checked against a region's models and have no price`,
      fix: `${capitalised(change(options.region !== undefined, 'region', REGION_ENV_VAR, 'the region that host serves'))} (${REGIONS.join(', ')}).`,
      errorType: 'ValidationError',
    };
  }
  const from =
    named === undefined ? (origin.endsWith('the default') ? 'the default' : 'the region of the base URL') : options.region !== undefined ? 'the region option' : REGION_ENV_VAR;
  return { name: 'region', status: 'ok', detail: `${regionText(region)}, from ${from}` };
}

/**
 * The checks that send nothing, and the setup they found. Never throws for a setup the client
 * would refuse: each refusal is a problem of the check it is about.
 */
export function connectionChecks(options: ModelStudioClientOptions, env: Env): ConnectionFacts {
  let named: Region | undefined;
  let baseUrl: string | undefined;
  let refused: SetupCheck | undefined;
  let regionRefused = false;
  try {
    named = namedRegion(options, env);
    baseUrl = resolveBaseUrl(options, env, named);
  } catch (error) {
    refused = refusedCheck(error, env, options);
    regionRefused = refused.name === 'region';
  }
  const hostRegion = baseUrl === undefined ? undefined : regionOfBaseUrl(baseUrl);
  const region = named ?? hostRegion;
  // Set, whether used or not: the workspace check says when the base URL wins over it.
  const workspaceId = nonEmpty(options.workspaceId) ?? readEnv(env, WORKSPACE_ID_ENV_VAR);
  const key = keyCheck(options, env, region);
  const checks: SetupCheck[] = [key.check];
  let usable = false;
  if (baseUrl === undefined) {
    const skipped = (name: SetupCheck['name']): SetupCheck => ({ name, status: 'skipped', detail: `not checked: ${refused?.name ?? 'the setup'} must be fixed first` });
    // A region named well stays ok when only its host is missing (eu without a workspace).
    const regionCheckOf = regionRefused ? refused : named ? regionCheck(options, named, named, '', 'named') : skipped('region');
    checks.push(regionCheckOf ?? skipped('region'), refused?.name === 'baseUrl' ? refused : skipped('baseUrl'), refused?.name === 'workspace' ? refused : skipped('workspace'));
  } else {
    const origin = hostSource(options, env, workspaceId, named).origin;
    const base = baseUrlCheck(options, { baseUrl, named, hostRegion, origin });
    usable = base.usable;
    // With a path in the way the client knows no region of the host: the base URL's fix comes first.
    const regionChecked = base.usable ? regionCheck(options, named, region, baseUrl, origin) : { name: 'region' as const, status: 'skipped' as const, detail: 'not checked: the base URL must be fixed first' };
    checks.push(regionChecked, base.check, workspaceCheck(options, workspaceId, region, baseUrl));
  }
  const host = hostSource(options, env, workspaceId, named);
  return {
    keySource: key.source, keyUsable: key.usable, region, hostRegion, baseUrl, baseUrlUsable: usable, workspaceId,
    hostSetting: host.setting, hostExplicit: host.explicit, regionSetting: options.region !== undefined ? 'the region option' : REGION_ENV_VAR, checks,
  };
}

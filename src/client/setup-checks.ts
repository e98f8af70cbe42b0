/**
 * A setup check, in order: the settings (sending nothing), the host and the key (free requests),
 * the region's models, and when asked for, one billed task. Behind `client.checkSetup()` and
 * `checkSetup()`.
 *
 * @module
 */
import { ValidationError, isModelStudioError } from '../core/errors.ts';
import { REGIONS, type Region } from '../core/regions.ts';
import { errorMessage, plural } from '../core/text.ts';
import { MODE_ALIASES, modelLineup, type LineupModel } from '../models/lineup.ts';
import type { TasksAPI } from '../task/tasks-api.ts';
import type { ModelStudioClientOptions } from './options.ts';
import { connectionChecks, regionText } from './setup-connection.ts';
import { liveCheck, type LiveClient, type LiveOutcome } from './setup-live.ts';
import { hostCheck, keyAcceptedCheck, type NetworkTarget } from './setup-network.ts';
import type { CheckSetupOptions, SetupCheck, SetupReport } from './setup-report.ts';

/** What a client was made from: the check says where each setting came from. */
export interface SetupSource {
  /** The client's options. */
  readonly options: ModelStudioClientOptions;
  /** The environment it read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The client's own fetch, when there is a client: recorded with the rest when it records. */
  readonly fetch?: typeof globalThis.fetch | undefined;
}

/** What the checks use of a client: a `ModelStudioClient`, named by shape so that the client's module can call this one. */
interface SetupClient extends LiveClient {
  /** Its task list, for the key check. */
  readonly tasks: Pick<TasksAPI, 'list'>;
}

/** How long each free request waits by default: a host that answers at all answers in well under this. */
const DEFAULT_TIMEOUT_MS = 5_000;

/** The short name of each mode (`t2v`), for counts. */
const SHORT_NAMES = Object.fromEntries(Object.entries(MODE_ALIASES).map(([short, mode]) => [mode, short]));

/** The `models` check: which of the SDK's models the region serves, counted by mode. */
function modelsCheck(lineup: readonly LineupModel[], region: Region | undefined): SetupCheck {
  if (region === undefined) {
    return { name: 'models', status: 'skipped', detail: `not checked: with no region, every model of the SDK (${lineup.length}) is sent unchecked` };
  }
  if (lineup.length === 0) {
    const serving = REGIONS.filter((other) => modelLineup({ region: other }).length > 0);
    return {
      name: 'models',
      status: 'problem',
      detail: `${regionText(region)} serves none of the SDK's video models`,
      fix: `Use a region that serves them: ${serving.join(', ')}.`,
      errorType: 'ValidationError',
    };
  }
  const counts = new Map<string, number>();
  for (const model of lineup) for (const mode of model.modes) counts.set(mode.mode, (counts.get(mode.mode) ?? 0) + 1);
  const byMode = [...counts].map(([mode, count]) => `${SHORT_NAMES[mode] ?? mode} ${count}`).join(', ');
  return { name: 'models', status: 'ok', detail: `${region} serves ${plural(lineup.length, 'model')} of the SDK: ${byMode}` };
}

/** The live check, when asked for: only on a setup with no problem, and with a client to send it. */
async function maybeLive(checks: readonly SetupCheck[], client: SetupClient | undefined, options: CheckSetupOptions): Promise<LiveOutcome | undefined> {
  if (options.live !== true) return undefined;
  const problems = checks.filter((check) => check.status === 'problem').map((check) => check.name);
  if (problems.length > 0 || client === undefined) {
    return { report: undefined, check: { name: 'live', status: 'skipped', detail: `not sent: fix ${problems.length > 0 ? problems.join(', ') : 'the setup'} first` } };
  }
  return liveCheck(client, options);
}

/**
 * Runs every check. `client` is the client of `source`, or `undefined` when it could not be made
 * (`clientError` says why; the settings' checks say it again where they can). Throws only the
 * caller's abort.
 */
export async function runSetupChecks(source: SetupSource, client: SetupClient | undefined, clientError: unknown, options: CheckSetupOptions = {}): Promise<SetupReport> {
  const facts = connectionChecks(source.options, source.env);
  const checks: SetupCheck[] = [...facts.checks];
  // A refusal the settings' checks do not explain (defaultModels, rateLimits, a record file): say it as it is.
  if (client === undefined && isModelStudioError(clientError) && clientError.name !== 'AuthenticationError' && !checks.some((check) => check.status === 'problem')) {
    const issue = clientError instanceof ValidationError ? clientError.issues[0] : undefined;
    checks.push({
      name: 'options',
      status: 'problem',
      detail: issue ? `${issue.path} ${issue.message}` : errorMessage(clientError).replace(/\s*\n\s*/g, ' '),
      fix: issue ? `Correct the ${issue.path} option as this says.` : 'Correct the client option this names.',
      errorType: clientError.name,
    });
  }
  if (facts.baseUrl === undefined) {
    checks.push(
      { name: 'host', status: 'skipped', detail: 'not checked: there is no base URL to ask' },
      { name: 'keyAccepted', status: 'skipped', detail: 'not checked: there is no base URL to ask' },
    );
  } else {
    const target: NetworkTarget = {
      ...facts,
      baseUrl: facts.baseUrl,
      fetch: source.fetch ?? source.options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
    };
    let host = await hostCheck(target);
    let key: SetupCheck;
    if (host.status !== 'ok') key = { name: 'keyAccepted', status: 'skipped', detail: 'not checked: the host does not answer' };
    else if (!facts.keyUsable || client === undefined) key = { name: 'keyAccepted', status: 'skipped', detail: 'not checked: there is no key to send' };
    else if (!facts.baseUrlUsable) key = { name: 'keyAccepted', status: 'skipped', detail: 'not checked: the base URL must be fixed first' };
    else {
      const found = await keyAcceptedCheck(client, target);
      key = found.key;
      host = found.host ?? host;
    }
    checks.push(host, key);
  }
  // The client's list where there is a client (its region is the same), else the lineup itself.
  const lineup = client ? client.models.list() : modelLineup({ region: facts.region });
  checks.push(modelsCheck(lineup, facts.region));
  const live = await maybeLive(checks, client, options);
  if (live) checks.push(live.check);
  return {
    ok: checks.every((check) => check.status !== 'problem'),
    checks,
    keySource: facts.keySource,
    region: facts.region,
    baseUrl: facts.baseUrl,
    workspaceId: facts.workspaceId,
    models: lineup.map((model) => model.id),
    ...(live?.report && { live: live.report }),
  };
}

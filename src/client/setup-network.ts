/**
 * The checks of a setup that ask the service, at no cost: whether the host answers (a GET of the
 * task list without the key), and whether it takes the key (the task list, one task a page).
 * Neither submits anything (docs/protocol.md §2: only a submit is billed).
 *
 * @module
 */
import { AbortError, AuthenticationError, PermissionDeniedError, isModelStudioError, type APIError } from '../core/errors.ts';
import { REGION_BASE_URLS, REGION_IDS, type Region } from '../core/regions.ts';
import { errorMessage } from '../core/text.ts';
import type { TasksAPI } from '../task/tasks-api.ts';
import type { ConnectionFacts } from './setup-connection.ts';
import { regionText } from './setup-connection.ts';
import type { SetupCheck } from './setup-report.ts';

/** What the network checks need of a setup and the caller. */
export interface NetworkTarget extends Pick<ConnectionFacts, 'hostRegion' | 'region' | 'workspaceId' | 'hostSetting' | 'hostExplicit' | 'regionSetting'> {
  /** The base URL in use. */
  readonly baseUrl: string;
  /** The client's fetch. */
  readonly fetch: typeof globalThis.fetch;
  /** How long each check waits, in ms. */
  readonly timeoutMs: number;
  /** The caller's signal: its abort ends the checks with an `AbortError`. */
  readonly signal: AbortSignal | undefined;
}

/** The task list's path: it exists on every host of the service, and a GET of it is free. */
const LIST_PATH = '/api/v1/tasks?page_no=1&page_size=1';

/** A signal that fires after `timeoutMs`, or with the caller's. */
function deadline(target: NetworkTarget): AbortSignal {
  const timeout = AbortSignal.timeout(target.timeoutMs);
  return target.signal ? AbortSignal.any([timeout, target.signal]) : timeout;
}

/** A promise that rejects with the signal's reason when it fires. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Throws the caller's abort, so that a stopped check is not reported as a host that does not answer. */
function throwIfStopped(target: NetworkTarget): void {
  if (target.signal?.aborted) throw new AbortError('The setup check was aborted.');
}

/** Why a fetch failed, in words: the runtime hides the socket's code behind "fetch failed". */
function failureReason(error: unknown): { reason: string; unresolved: boolean } {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return { reason: 'the connection was refused (ECONNREFUSED): nothing listens there', unresolved: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: `its name does not resolve (${code})`, unresolved: true };
  if (code === 'ECONNRESET') return { reason: 'the connection was reset (ECONNRESET)', unresolved: false };
  if (code !== undefined && /CERT|SSL|TLS/.test(code)) return { reason: `its TLS certificate is not trusted here (${code})`, unresolved: false };
  // fetch's own refusal of a port that browsers block (1, 25, 6000, ...), before any connection.
  if (cause?.message === 'bad port') return { reason: 'fetch refuses to connect to that port (one browsers block)', unresolved: false };
  const message = typeof cause?.message === 'string' ? cause.message : errorMessage(error);
  return { reason: `${message}${code ? ` (${code})` : ''}`, unresolved: false };
}

/** Whether `hostname` is this machine, where nothing answers unless a server was started. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The fix of a host that does not answer, by what the setup says of it. */
function unreachableFix(target: NetworkTarget, url: URL, unresolved: boolean): string {
  // A region's own host is right by construction: only a host someone typed can be corrected.
  const correct = target.hostExplicit || target.workspaceId !== undefined ? `, or correct ${target.hostSetting}` : '';
  if (unresolved && target.workspaceId !== undefined && !target.hostExplicit) {
    return `Check that workspace ${target.workspaceId} is in ${target.region ? regionText(target.region) : 'this region'}; if it is in another region, set the region to that one.`;
  }
  if (isLoopback(url.hostname)) return `Start the server at ${url.origin} (for the simulator: modelstudio-video simulate)${correct}.`;
  return `Check the network between this machine and ${url.host} (a proxy or a firewall may block it)${correct}.`;
}

/** The `host` check: a GET of the task list without the key, with a short timeout. */
export async function hostCheck(target: NetworkTarget): Promise<SetupCheck> {
  const url = new URL(`${target.baseUrl}${LIST_PATH}`);
  const started = performance.now();
  const signal = deadline(target);
  try {
    // Without the key: whether the host answers is the question, and any answer says it does.
    // Raced with the signal too: a fetch of the caller's own may not listen to it.
    const response = await Promise.race([target.fetch(url, { method: 'GET', headers: { accept: 'application/json' }, signal }), rejectOnAbort(signal)]);
    await response.body?.cancel();
    const ms = Math.round(performance.now() - started);
    return { name: 'host', status: 'ok', detail: `${url.host} answers in ${ms} ms (HTTP ${response.status} to a GET of the task list without the key)` };
  } catch (error) {
    throwIfStopped(target);
    if (signal.aborted) {
      return {
        name: 'host',
        status: 'problem',
        detail: `${url.host} gave no answer within ${target.timeoutMs / 1000} s`,
        fix: unreachableFix(target, url, false),
        errorType: 'ConnectionError',
      };
    }
    const { reason, unresolved } = failureReason(error);
    return { name: 'host', status: 'problem', detail: `${url.host} does not answer: ${reason}`, fix: unreachableFix(target, url, unresolved), errorType: 'ConnectionError' };
  }
}

/** `HTTP 401 InvalidApiKey, request id ...`: what the service said, without its message's advice. */
function answerText(error: APIError): string {
  return `HTTP ${error.status ?? '?'}${error.code ? ` ${error.code}` : ''}${error.requestId ? `, request id ${error.requestId}` : ''}`;
}

/** Where a key of each other region works, for a key refused here: `cn https://dashscope.aliyuncs.com, ..., or a workspace host for eu, jp, hk`. */
function otherRegions(here: Region): string {
  const shared = (Object.keys(REGION_BASE_URLS) as (keyof typeof REGION_BASE_URLS)[]).filter((region) => region !== here);
  const workspaceOnly = (Object.keys(REGION_IDS) as Region[]).filter((region) => region !== here && !Object.hasOwn(REGION_BASE_URLS, region));
  return `${shared.map((region) => `${region} ${REGION_BASE_URLS[region]}`).join(', ')}, or a workspace host for ${workspaceOnly.join(', ')}`;
}

/** The fix of a refused key (docs/protocol.md §1: a key is bound to one region, and fails with 401 on the others). */
function refusedKeyFix(target: NetworkTarget, url: URL): string {
  if (target.hostRegion === undefined) return `Use the key that ${url.host} accepts (for the simulator: the MODELSTUDIO_API_KEY it prints).`;
  // A base URL someone set keeps its host whatever the region says: then the base URL moves.
  const move = target.hostExplicit ? `set ${target.hostSetting} to a host of its region` : `set ${target.regionSetting} to its region`;
  return `Use a key created in the Model Studio console of ${regionText(target.hostRegion)}; a key of another region works only on that region's hosts, so ${move}: ${otherRegions(target.hostRegion)}.`;
}

/** What the key check found: its own check, and the host check again when the list shows the host is not the service. */
export interface KeyCheckResult {
  /** The `keyAccepted` check. */
  readonly key: SetupCheck;
  /** A `host` check that replaces the probe's, when the task list failed for a reason other than the key. */
  readonly host?: SetupCheck | undefined;
}

/** The `keyAccepted` check: the task list with the key, one task a page. */
export async function keyAcceptedCheck(client: { readonly tasks: Pick<TasksAPI, 'list'> }, target: NetworkTarget): Promise<KeyCheckResult> {
  const url = new URL(target.baseUrl);
  const signal = deadline(target);
  try {
    let listed = 0;
    for await (const _task of client.tasks.list({ pageSize: 1, signal })) {
      listed += 1;
      break;
    }
    return { key: { name: 'keyAccepted', status: 'ok', detail: `accepted: the task list answered (${listed === 0 ? 'no tasks yet' : 'tasks listed'})` } };
  } catch (error) {
    throwIfStopped(target);
    if (error instanceof AuthenticationError) {
      return {
        key: { name: 'keyAccepted', status: 'problem', detail: `${url.host} refused the key (${answerText(error)}): a wrong key, or a key of another region`, fix: refusedKeyFix(target, url), errorType: error.name },
      };
    }
    if (error instanceof PermissionDeniedError) {
      return {
        key: {
          name: 'keyAccepted',
          status: 'problem',
          detail: `${url.host} knows the key but lets it list no tasks (${answerText(error)})`,
          fix: `Give the key's account (or RAM user) access to Model Studio in the console of ${target.region ? regionText(target.region) : 'its region'}, or use a key of the main account.`,
          errorType: error.name,
        },
      };
    }
    // Anything else is about the service answering, not the key: the host check says it.
    const name = isModelStudioError(error) ? error.name : 'ConnectionError';
    const timedOut = signal.aborted;
    const status = (error as Partial<APIError>).status;
    const notFound = status === 404;
    const answer = !timedOut && status !== undefined ? answerText(error as APIError) : undefined;
    const detail = timedOut
      ? `${url.host} answers, but its task list gave no answer within ${target.timeoutMs / 1000} s`
      : notFound
        ? `${url.host} answers, but has no task list at ${url.pathname.replace(/\/+$/, '')}/api/v1/tasks (${answer ?? 'HTTP 404'}): it is not the root of the service`
        : `${url.host} answers, but its task list failed: ${answer ?? errorMessage(error)}`;
    return {
      host: {
        name: 'host',
        status: 'problem',
        detail,
        fix: notFound
          ? `Set ${target.hostSetting} to the root of the service (the SDK adds /api/v1/... itself), such as ${REGION_BASE_URLS.intl}.`
          : 'Run the check again in a minute; if it goes on, the service (or a proxy before it) is failing.',
        errorType: timedOut ? 'TimeoutError' : name,
      },
      key: { name: 'keyAccepted', status: 'skipped', detail: 'not checked: the task list did not answer' },
    };
  }
}

/**
 * The options of a `ModelStudioClient`, and what a client shows of itself.
 *
 * @module
 */
import type { Region, RegionId } from '../core/regions.ts';
import type { PriceTable } from '../cost/prices.ts';
import type { DebugHook } from '../http/debug.ts';
import type { RecordSink } from '../http/transcript.ts';
import type { UnknownSubmitPolicy } from '../http/retry.ts';
import type { DefaultModels } from '../models/caps.ts';
import type { PollingOptions } from '../scheduling/poller.ts';
import type { RateLimitOptions } from '../scheduling/rate-limiter.ts';
import type { SubmitRecoveryOptions } from '../task/recover-submit.ts';
import type { UploadMode } from '../task/uploader.ts';

/** What a client shows of itself in logs: never the key. */
export interface ClientDescription {
  /** The base URL in use. */
  readonly baseUrl: string;
  /** The workspace id, when set. */
  readonly workspace: string | undefined;
  /** The region whose models the client checks requests against, when known. */
  readonly region: Region | undefined;
  /** Always `[redacted]`. */
  readonly apiKey: '[redacted]';
}


/** Options of `new ModelStudioClient(options)`. */
export interface ModelStudioClientOptions {
  /**
   * The API key. Never printed: not in errors, `toJSON()` or `util.inspect`.
   * @default the first non-empty of MODELSTUDIO_API_KEY, DASHSCOPE_API_KEY, QWEN_API_KEY
   */
  readonly apiKey?: string | undefined;
  /**
   * The region whose host to use. With `baseUrl`, the region that host belongs to: requests are
   * checked against the models it serves (a model another region names differently fails with
   * that name), and priced in its currency. A custom `baseUrl` with no known region (a proxy)
   * skips the region check and has no prices. A region key or the service's region id
   * (`eu-central-1` for `eu`). Frankfurt, Tokyo and Hong Kong have no shared host: name a
   * `workspaceId` with them.
   * @default MODELSTUDIO_REGION, else the region of the base URL, else 'intl'
   */
  readonly region?: Region | RegionId | undefined;
  /**
   * A workspace id: the client talks to the workspace host
   * `https://{workspaceId}.{regionId}.maas.aliyuncs.com` of its region (the hosts that replace
   * Singapore's `dashscope-intl.aliyuncs.com`, and the only ones of Frankfurt, Tokyo and Hong Kong).
   * `baseUrl` wins over it.
   * @default MODELSTUDIO_WORKSPACE_ID, else none (the region's shared host)
   */
  readonly workspaceId?: string | undefined;
  /**
   * The service's base URL, used as is (workspace hosts such as
   * `https://{workspaceId}.ap-southeast-1.maas.aliyuncs.com` too); trailing slashes are stripped.
   * Wins over `region`.
   * @default MODELSTUDIO_BASE_URL, else the region's host
   */
  readonly baseUrl?: string | undefined;
  /**
   * A workspace id, sent as `X-DashScope-WorkSpace`.
   * @default none
   */
  readonly workspace?: string | undefined;
  /**
   * Timeout of each HTTP request in milliseconds (not of the whole task: see `polling.timeoutMs`).
   * @default 60000
   */
  readonly timeout?: number | undefined;
  /**
   * Retries of each HTTP call; submits retry only where no task can have been created.
   * @default 2
   */
  readonly maxRetries?: number | undefined;
  /**
   * When a submit's answer is lost, the handle looks for the task it may have created: tasks of the
   * model listed several times over a settle window, matched by prompt and time, never one that a
   * handle of this client follows. One match is adopted (`recovered`, then `submitted`); several
   * fail the handle with a `SubmitOutcomeUnknownError` listing them.
   * `false` fails the handle at once, as the SDK did before it looked.
   * @default { settleWindowMs: 15000, listCalls: 3 }
   */
  readonly submitRecovery?: SubmitRecoveryOptions | false | undefined;
  /**
   * What a handle does when the look-up finds no task: `'fail'`, `'resubmit-if-answered'` (once,
   * only when the service answered the submit with a 5xx error) or `'resubmit'` (once, whatever the
   * cause); see {@link UnknownSubmitPolicy}. Per call: `TaskOptions.onUnknownSubmit`.
   * @default 'resubmit-if-answered'
   */
  readonly onUnknownSubmit?: UnknownSubmitPolicy | undefined;
  /**
   * Task-completion events (a receiver of `modelstudio-video/events`, or anything with its
   * `subscribe`): an event for a task a handle of this client follows makes that handle query it at
   * once, instead of waiting for its next poll. An event is only a hint: the query decides, so a
   * forged or wrong event costs one query, never a wrong result. Polling goes on as the fallback.
   */
  readonly events?: TaskEventSource | undefined;
  /**
   * Called with each event for a task no handle of this client follows (one another, perhaps dead,
   * process submitted): resume it with `client.tasks.wait(event.taskId)` to finish its job.
   */
  readonly onTaskEvent?: ((event: TaskEventHint) => void | Promise<void>) | undefined;
  /**
   * The fetch implementation: for tests, proxies and runtimes without a global fetch.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /**
   * The model each mode uses when a request names none. The SDK's defaults go by their regional
   * name where the region has one (`wan2.6-t2v-us` on a us client).
   * @default { textToVideo: 'wan2.6-t2v', imageToVideo: 'wan2.6-i2v', referenceToVideo: 'wan2.6-r2v', editVideo: 'wan2.7-videoedit' }
   */
  readonly defaultModels?: { readonly [M in keyof DefaultModels]?: DefaultModels[M] | undefined } | undefined;
  /**
   * How tasks are polled and how long they are waited for.
   * @default { initialIntervalMs: 2000, maxIntervalMs: 15000, backoffFactor: 1.5, timeoutMs: 1800000 }, and an expected run time from each request
   */
  readonly polling?: PollingOptions | undefined;
  /**
   * Client-side rate limits, so that bursts queue locally instead of collecting 429s: submits per
   * second and unfinished tasks per model (each model's published limits from the caps, 2 and 2 where
   * unpublished), queries per second per client. `false` turns them off.
   * @default each model's limits, and 20 queries per second (docs/protocol.md §6, §9.3)
   */
  readonly rateLimits?: RateLimitOptions | false | undefined;
  /**
   * How local inputs (`{ path }`, `Blob`, bytes) travel: `'inline'` as `data:` URIs (images only),
   * `'storage'` through the service's temporary storage (`oss://`, valid 48 hours), `'auto'` inline
   * for images up to 1 MiB and storage for the rest. Per call too.
   * @default 'auto'
   */
  readonly upload?: UploadMode | undefined;
  /**
   * Allows an `http://` base URL on a host that is not loopback. Without it such a URL is refused,
   * so that the key never travels in clear text by mistake.
   * @default false
   */
  readonly allowInsecure?: boolean | undefined;
  /**
   * Debug output: `true` prints one line per request, answer, retry and failure to stderr; a
   * function receives the events. Method, path, status, request id and timings; the key is redacted.
   * @default off
   */
  readonly debug?: boolean | DebugHook | undefined;
  /**
   * Records every HTTP request and answer of the client (submits, queries, lists, cancels, uploads,
   * downloads as metadata only) as a transcript: a file path (created or emptied now; Node, Bun,
   * Deno), or a function that receives each record (any runtime). The API key, credentials and
   * signatures are redacted (docs/recording.md). A path that cannot be written throws a
   * `ValidationError` from the constructor, before anything is sent.
   * @default off
   */
  readonly record?: string | RecordSink | undefined;
  /**
   * OpenTelemetry spans and metrics (README, "OpenTelemetry"): when `@opentelemetry/api` is
   * installed, an optional peer dependency, the client reports to the globally registered tracer
   * and meter providers; without it nothing is loaded. `false` never loads it.
   * @default true
   */
  readonly telemetry?: boolean | undefined;
  /**
   * Prices merged over the package's dated table (`modelPrices`), by price key or model id, then
   * region: for discounts, contracts and price changes.
   * @default none: the package's table
   */
  readonly prices?: PriceTable | undefined;
  /**
   * Environment to read the key, base URL and region from.
   * @default process.env where it exists
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** What the client reads of a task event: the task, and the status it reports. */
export interface TaskEventHint {
  /** The task the event is about. */
  readonly taskId: string;
  /** The status it reports, when it reports one; a hint, not the truth. */
  readonly status?: string | undefined;
}

/** A source of task events, such as the receiver of `modelstudio-video/events`. */
export interface TaskEventSource {
  /** Calls `listener` with each event until the returned function is called. */
  subscribe(listener: (event: TaskEventHint) => void | Promise<void>): () => void;
}

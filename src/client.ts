/**
 * `ModelStudioClient`: options, API key and region resolution, the mode methods and the raw
 * `submitTask`. The only module that reads the environment.
 *
 * @module
 */
import { API_KEY_ENV_VARS, BASE_URL_ENV_VAR, REGION_ENV_VAR } from './core/env-vars.ts';
import { AuthenticationError, ValidationError, type ValidationIssue } from './core/errors.ts';
import type { CostEstimate } from './cost/estimate.ts';
import type { PriceTable } from './cost/prices.ts';
import { Pricing } from './cost/pricing.ts';
import { batchTotal, checkBudget } from './cost/budget.ts';
import { DEFAULT_MODELS, capsEntryFor, capsOf, modelsOf, nameInRegion, type DefaultModels, type VideoMode } from './models/caps.ts';
import { publishedLimits, UNPUBLISHED_MODEL_LIMITS } from './models/limits.ts';
import { checkMode, prepareSubmit, type PreparedSubmit } from './models/registry.ts';
import { prepareRawSubmit, type RawSubmitBody, type RawSubmitOptions } from './models/raw-submit.ts';
import { REGION_BASE_URLS, regionOfBaseUrl, type Region } from './core/regions.ts';
import type { EditVideoRequest, ReferenceToVideoRequest, ImageToVideoRequest, RequestOfMode, TextToVideoRequest, UncheckedRequest } from './models/requests.ts';
import { DEFAULT_POLLING, Poller, type PollingOptions, type ResolvedPolling } from './scheduling/poller.ts';
import { BatchRun, type BatchOptions, type BatchRequest } from './task/batch.ts';
import { TasksAPI } from './task/tasks-api.ts';
import type { UnknownSubmitPolicy } from './http/retry.ts';
import type { TaskOptions, TaskRuntime } from './task/task-options.ts';
import { VideoTask } from './task/video-task.ts';
import { ClaimedTasks, DEFAULT_RECOVERY, type SubmitRecoveryOptions } from './task/recover-submit.ts';
import { DetachedSlots } from './scheduling/detached-slots.ts';
import { formatDebugEvent, type DebugHook } from './http/debug.ts';
import { Telemetry } from './telemetry/telemetry.ts';
import { ClientLimiter, DEFAULT_LEASE_MS, DEFAULT_RATE_LIMITS, type RateLimitOptions, type SubmitLimits } from './scheduling/rate-limiter.ts';
import { MemoryRateLimitStore } from './scheduling/rate-limit-store.ts';
import { Transport } from './http/transport.ts';
import { Uploader, type UploadMode } from './task/uploader.ts';
import { VERSION } from './core/version.ts';
import { plural } from './core/text.ts';

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


/** Options of {@link ModelStudioClient}. */
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
   * skips the region check and has no prices.
   * @default MODELSTUDIO_REGION, else the region of the base URL, else 'intl'
   */
  readonly region?: Region | undefined;
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

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  const holder = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return holder.process?.env ?? {};
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
function namedRegion(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>): Region | undefined {
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
function resolveBaseUrl(options: ModelStudioClientOptions, env: Readonly<Record<string, string | undefined>>, region: Region | undefined): string {
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
 * The client of Model Studio's video generation. One method per mode; each validates its request
 * against the model's caps before any network call and returns a {@link VideoTask} at once.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 *
 * const client = new ModelStudioClient(); // key from MODELSTUDIO_API_KEY, DASHSCOPE_API_KEY or QWEN_API_KEY
 * const task = client.textToVideo({
 *   prompt: 'A red fox trotting through fresh snow at dawn',
 *   resolution: '720P',
 *   aspectRatio: '16:9',
 *   duration: 5,
 * });
 * task.on('status', (event) => console.log(event.status));
 * const result = await task;
 * console.log(result.videos[0].url);
 * ```
 */
export class ModelStudioClient {
  /** The base URL in use, without a trailing slash. */
  readonly baseUrl: string;
  /** The workspace id, when set. */
  readonly workspace: string | undefined;
  /**
   * The region requests are checked against: the `region` option, else the region of the base URL;
   * `undefined` for a host of no known region (no region check).
   */
  readonly region: Region | undefined;
  /** Operations on tasks by id: get, wait (resume), cancel, list, findSubmitted. */
  readonly tasks: TasksAPI;
  readonly #runtime: TaskRuntime;
  readonly #polling: ResolvedPolling;
  readonly #defaultModels: { readonly [M in VideoMode]: string };
  readonly #limitsOf: (model: string) => SubmitLimits;

  constructor(options: ModelStudioClientOptions = {}) {
    const env = options.env ?? processEnv();
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
    const region = namedRegion(options, env);
    this.baseUrl = resolveBaseUrl(options, env, region);
    this.workspace = nonEmpty(options.workspace);
    this.region = region ?? regionOfBaseUrl(this.baseUrl);
    this.#polling = { ...DEFAULT_POLLING, ...definedOnly(options.polling) };
    // The SDK's defaults go by the region's own name where it has one (wan2.6-t2v is wan2.6-t2v-us in us).
    const regional = Object.fromEntries(
      Object.entries(DEFAULT_MODELS).map(([mode, model]) => [mode, (this.region && nameInRegion(model, this.region)) ?? model]),
    ) as { readonly [M in VideoMode]: string };
    this.#defaultModels = { ...regional, ...definedOnly(options.defaultModels) };
    const wrongDefaults = Object.entries(this.#defaultModels)
      .filter(([mode, model]) => {
        const entry = capsEntryFor(model);
        return entry === undefined || capsOf(entry).modes[mode as VideoMode] === undefined;
      })
      .map(([mode, model]) => ({ path: `defaultModels.${mode}`, message: `${JSON.stringify(model)} is not a ${mode} model (allowed: ${modelsOf(mode as VideoMode).join(', ')})` }));
    if (wrongDefaults.length > 0) throw new ValidationError(`Invalid client options (${plural(wrongDefaults.length, 'problem')}):`, wrongDefaults);
    const limits = options.rateLimits === false ? undefined : options.rateLimits;
    this.#limitsOf = (model) => {
      const published = publishedLimits(model, this.region) ?? UNPUBLISHED_MODEL_LIMITS;
      const override = limits?.models?.[model];
      return {
        submitsPerSecond: override?.submitsPerSecond ?? limits?.submitsPerSecond ?? published.submitsPerSecond,
        concurrentTasks: override?.concurrentTasks ?? limits?.concurrentTasks ?? published.concurrentTasks,
      };
    };
    const leaseMs = limits?.leaseMs ?? DEFAULT_LEASE_MS;
    if (!(leaseMs > 0 && Number.isFinite(leaseMs))) {
      throw new ValidationError('Invalid client options (1 problem):', [{ path: 'rateLimits.leaseMs', message: `must be a positive number of milliseconds, got ${String(leaseMs)}` }]);
    }
    const limiter =
      options.rateLimits === false
        ? undefined
        : new ClientLimiter({
            queriesPerSecond: limits?.queriesPerSecond ?? DEFAULT_RATE_LIMITS.queriesPerSecond,
            limitsOf: this.#limitsOf,
            store: limits?.store ?? new MemoryRateLimitStore(),
            leaseMs,
          });
    const telemetry = new Telemetry(options.telemetry ?? true, this.baseUrl);
    const transport = new Transport({
      baseUrl: this.baseUrl,
      apiKey,
      workspace: this.workspace,
      timeoutMs: options.timeout ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      fetch: options.fetch,
      userAgent: `modelstudio-video/${VERSION}`,
      beforeQuery: limiter && ((signal) => limiter.query(signal)),
      debug: options.debug === true ? (event) => console.error(formatDebugEvent(event)) : options.debug || undefined,
      onStatus: (status, method) => telemetry.status(status, method),
    });
    // Resolved per call, so that a fetch patched after construction (msw, say) is the one used.
    const fetchImpl: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const queriesPerSecond = options.rateLimits === false ? Number.POSITIVE_INFINITY : (limits?.queriesPerSecond ?? DEFAULT_RATE_LIMITS.queriesPerSecond);
    this.#runtime = {
      transport,
      poller: new Poller((taskId) => transport.getTask(taskId), queriesPerSecond, () => limiter?.followed() ?? 0),
      fetch: fetchImpl,
      limiter,
      uploader: new Uploader(transport, fetchImpl),
      upload: options.upload ?? 'auto',
      claimed: new ClaimedTasks(),
      recovery: options.submitRecovery === false ? undefined : { ...DEFAULT_RECOVERY, ...definedOnly(options.submitRecovery) },
      onUnknownSubmit: options.onUnknownSubmit ?? 'resubmit-if-answered',
      detached: new DetachedSlots(),
      pricing: new Pricing(this.region, options.prices),
      telemetry,
    };
    this.tasks = new TasksAPI(this.#runtime, (taskOptions) => this.#pollingFor(taskOptions));
  }

  /**
   * Generates a video from a prompt. Default model `wan2.6-t2v`.
   * Throws {@link ValidationError} synchronously, sending nothing, when the request breaks the model's caps.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const result = await new ModelStudioClient().textToVideo({ prompt: 'Waves at sunset', size: '1280*720' });
   * console.log(result.videos[0].url);
   * ```
   */
  textToVideo(request: TextToVideoRequest, options?: TaskOptions): VideoTask {
    return this.generate('textToVideo', request, options);
  }

  /**
   * Animates an image. Default model `wan2.6-i2v`. `image` is an http(s):// URL, an oss:// URL
   * or a `data:image/...;base64,` URI.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const result = await new ModelStudioClient().imageToVideo({
   *   image: 'https://example.com/cat.png',
   *   prompt: 'The cat yawns',
   *   resolution: '720P',
   * });
   * console.log(result.videos[0].url);
   * ```
   */
  imageToVideo(request: ImageToVideoRequest, options?: TaskOptions): VideoTask {
    return this.generate('imageToVideo', request, options);
  }

  /**
   * Generates a video featuring the people or objects of reference images and videos.
   * Default model `wan2.6-r2v`; also `wan2.6-r2v-flash` and `wan2.7-r2v` (whose wire shape the SDK
   * picks for you).
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const result = await new ModelStudioClient().referenceToVideo({
   *   model: 'wan2.7-r2v',
   *   prompt: 'character1 walks a dog on a beach',
   *   references: ['https://example.com/me.mp4'],
   *   resolution: '720P',
   *   aspectRatio: '9:16',
   * });
   * console.log(result.videos[0].url);
   * ```
   */
  referenceToVideo(request: ReferenceToVideoRequest, options?: TaskOptions): VideoTask {
    return this.generate('referenceToVideo', request, options);
  }

  /**
   * Edits a video: by instruction, in the style of reference images (`wan2.7-videoedit`, the
   * default), with `wan3.0-video`, or with one of the VACE functions of `wan2.1-vace-plus`
   * (`function: 'video_repainting' | 'video_edit' | 'video_extension' | 'video_outpainting' | 'image_reference'`).
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const result = await new ModelStudioClient().editVideo({
   *   model: 'wan2.7-videoedit',
   *   video: 'https://example.com/street.mp4',
   *   prompt: 'make it snow',
   *   references: ['https://example.com/winter-style.png'],
   * });
   * console.log(result.videos[0].url);
   * ```
   */
  editVideo(request: EditVideoRequest, options?: TaskOptions): VideoTask {
    return this.generate('editVideo', request, options);
  }

  /**
   * Starts a task of any mode: `client.generate('textToVideo', request)` is
   * `client.textToVideo(request)`, and every mode method, integration and command goes through it.
   * With a literal mode the request is typed as that mode's method types it. A request typed
   * `unknown` (parsed JSON, a tool call's arguments) goes with any `string` mode and is checked at
   * run time: a mode that is not one of `VIDEO_MODES`, or a request that breaks the model's caps,
   * throws {@link ValidationError} synchronously and sends nothing.
   *
   * @example
   * ```ts
   * import { ModelStudioClient, type VideoMode } from 'modelstudio-video';
   *
   * const client = new ModelStudioClient();
   * const typed = client.generate('textToVideo', { prompt: 'A fox in snow', duration: 5 });
   * // Untyped input, such as a job read from a queue, is checked when the call is made:
   * const job: { mode: string; request: unknown } = JSON.parse('{"mode":"textToVideo","request":{"prompt":"Koi"}}');
   * const checked = client.generate(job.mode, job.request);
   * console.log((await typed).videos[0].url, (await checked).videos[0].url);
   * ```
   */
  generate<M extends VideoMode>(mode: M, request: RequestOfMode<M>, options?: TaskOptions): VideoTask;
  /** A request of any mode, typed `unknown`, checked at run time. */
  generate<R>(mode: string, request: UncheckedRequest<R>, options?: TaskOptions): VideoTask;
  generate(mode: string, request: unknown, options: TaskOptions = {}): VideoTask {
    const checkedMode = checkMode(mode);
    const prepared = this.#prepare(checkedMode, request);
    if (options.maxCost !== undefined) checkBudget(this.#runtime.pricing.estimate(prepared), options.maxCost, 'This request');
    return new VideoTask(this.#runtime, { kind: 'submit', mode: checkedMode, prepared }, this.#pollingFor(options), options);
  }

  /**
   * What a request would cost, in the prices of the client's region, without sending anything. It
   * validates like the mode method (the same `ValidationError`) and applies the service's defaults
   * (duration, resolution, sound) as the submit would. Where the bill depends on something unknown
   * until the task runs (a video given as a URL, wan3.0's `duration: -1`), `low` and `high` bound
   * it and `amount` is `high`. A model with no known price gives `amount: undefined` and a `reason`.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const estimate = new ModelStudioClient().estimateCost('textToVideo', { prompt: 'A fox', resolution: '1080P', duration: 10 });
   * console.log(estimate.amount, estimate.currency, estimate.basis); // 1.5 USD "10 s × 0.15 USD/s at 1080P; ..."
   * ```
   */
  estimateCost<M extends VideoMode>(mode: M, request: RequestOfMode<M>): CostEstimate;
  /** A request of any mode, checked at run time as {@link ModelStudioClient.generate} checks it. */
  estimateCost<R>(mode: string, request: UncheckedRequest<R>): CostEstimate;
  estimateCost(mode: string, request: unknown): CostEstimate {
    return this.#runtime.pricing.estimate(this.#prepare(mode, request));
  }

  /**
   * The escape hatch: submits a task for a model or an endpoint this SDK does not know yet, with the
   * same task handle, events, limiter (the model's limits where known, else the conservative
   * default), retries, resume and download. Only the body's shape is checked (`model` a non-empty
   * string, `input` an object, `parameters` an object when given); `path` must be a path on the
   * service's host. Nothing is uploaded: inputs must already be URLs.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const task = new ModelStudioClient().submitTask(
   *   { model: 'wan2.2-animate-move', input: { image_url: 'https://example.com/me.png', video_url: 'https://example.com/dance.mp4' }, parameters: { mode: 'wan-std' } },
   *   { path: '/api/v1/services/aigc/image2video/video-synthesis' },
   * );
   * console.log((await task).videos[0].url);
   * ```
   */
  submitTask(body: RawSubmitBody, options: RawSubmitOptions & TaskOptions = {}): VideoTask {
    const prepared = prepareRawSubmit(body, options);
    return new VideoTask(this.#runtime, { kind: 'submit', mode: undefined, prepared }, this.#pollingFor(options), options);
  }

  /**
   * Runs many requests of any mode: each model gets `concurrency` tasks in flight at once (by
   * default the client's task limit), results come as they finish. Every request is validated
   * first: one bad request throws a {@link ValidationError} naming it (`[3].duration ...`) and
   * nothing is sent. With `maxCost`, the sum of the estimates over it throws a `BudgetError` and
   * nothing is sent; with `onBudget: 'stop'` the batch instead submits in order and skips what
   * would push the running total of estimates over.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const client = new ModelStudioClient();
   * const prompts = ['A fox in snow', 'A koi pond at dusk', 'A lighthouse in a storm'];
   * const batch = client.batch(prompts.map((prompt) => ({ mode: 'textToVideo' as const, request: { prompt } })));
   * for await (const item of batch) {
   *   if (item.status === 'succeeded') console.log(item.index, item.result.videos[0].url);
   *   else console.error(item.index, item.error.message);
   * }
   * ```
   */
  batch(requests: readonly BatchRequest[], options: BatchOptions = {}): BatchRun {
    const prepared: PreparedSubmit[] = [];
    const issues: ValidationIssue[] = [];
    requests.forEach((item, index) => {
      try {
        prepared.push(prepareSubmit(item.mode, this.#defaultModels[item.mode], item.request, this.region));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const first = error.message.split('\n')[0] ?? '';
        const found = error.issues.length > 0 ? error.issues : [{ path: '', message: first }];
        for (const issue of found) issues.push({ path: `[${index}]${issue.path ? `.${issue.path}` : ''}`, message: issue.message });
      }
    });
    if (issues.length > 0) {
      throw new ValidationError(`Invalid batch: ${plural(issues.length, 'problem')}; nothing was sent:`, issues);
    }
    const estimates = prepared.map((submit) => this.#runtime.pricing.estimate(submit));
    if (options.maxCost !== undefined && options.onBudget !== 'stop') checkBudget(batchTotal(estimates), options.maxCost, 'The batch');
    return new BatchRun(
      requests,
      prepared.map((submit) => submit.model),
      (index, taskOptions) => {
        const item = requests[index] as BatchRequest;
        const submit = prepared[index] as PreparedSubmit;
        return new VideoTask(this.#runtime, { kind: 'submit', mode: item.mode, prepared: submit }, this.#pollingFor(taskOptions), taskOptions);
      },
      (model) => this.#limitsOf(model).concurrentTasks,
      estimates,
      options,
    );
  }

  /** A safe description of the client; never the API key. */
  toJSON(): ClientDescription {
    return { baseUrl: this.baseUrl, workspace: this.workspace, region: this.region, apiKey: '[redacted]' };
  }

  /** Node's `util.inspect` shows the safe description. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ModelStudioClient ${JSON.stringify(this.toJSON())}`;
  }

  /** Checks `mode` and `request` and maps the request to its wire body; sends nothing. */
  #prepare(mode: string, request: unknown): PreparedSubmit {
    const checkedMode = checkMode(mode);
    return prepareSubmit(checkedMode, this.#defaultModels[checkedMode], request, this.region);
  }

  #pollingFor(options: TaskOptions = {}): ResolvedPolling {
    return { ...this.#polling, ...definedOnly(options.polling) };
  }
}

/** The entries of `value` that are set, so that `undefined` never overrides a default. */
function definedOnly<T extends object>(value: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

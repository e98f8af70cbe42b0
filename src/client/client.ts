/**
 * `ModelStudioClient`: its parts wired from its options, `generate` and the mode methods, cost
 * estimates, batches and the raw `submitTask`. The only module that reads the environment.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { Pricing } from '../cost/pricing.ts';
import { batchTotal, checkBudget } from '../cost/budget.ts';
import { DEFAULT_MODELS, capsEntryFor, capsOf, modelsOf, nameInRegion, type VideoMode } from '../models/caps.ts';
import { publishedLimits, UNPUBLISHED_MODEL_LIMITS } from '../models/limits.ts';
import { checkMode, prepareSubmit, type PreparedSubmit } from '../models/registry.ts';
import { prepareRawSubmit, type RawSubmitBody, type RawSubmitOptions } from '../models/raw-submit.ts';
import { regionOfBaseUrl, type Region } from '../core/regions.ts';
import type {
  AnimateCharacterRequest, EditVideoRequest, ImageToVideoRequest, LipSyncRequest, ReferenceToVideoRequest, RequestOfMode, SpeechToVideoRequest,
  TextToVideoRequest, UncheckedRequest,
} from '../models/requests.ts';
import { DEFAULT_POLLING, Poller, type ResolvedPolling } from '../scheduling/poller.ts';
import { BatchRun, type BatchOptions, type BatchRequest } from '../task/batch.ts';
import { TasksAPI } from '../task/tasks-api.ts';
import type { TaskOptions, TaskRuntime } from '../task/task-options.ts';
import { VideoTask } from '../task/video-task.ts';
import { ClaimedTasks, DEFAULT_RECOVERY } from '../task/recover-submit.ts';
import { DetachedSlots } from '../scheduling/detached-slots.ts';
import { formatDebugEvent } from '../http/debug.ts';
import { Telemetry } from '../telemetry/telemetry.ts';
import { ClientLimiter, DEFAULT_LEASE_MS, DEFAULT_RATE_LIMITS, type SubmitLimits } from '../scheduling/rate-limiter.ts';
import { MemoryRateLimitStore } from '../scheduling/rate-limit-store.ts';
import { Transport } from '../http/transport.ts';
import { startRecording } from '../http/recorder.ts';
import { Uploader } from '../task/uploader.ts';
import { VERSION } from '../core/version.ts';
import { plural } from '../core/text.ts';
import { invalidOption, namedRegion, nonEmpty, resolveApiKey, resolveBaseUrl } from './connection.ts';
import { ModelsAPI } from './models-api.ts';
import type { ClientDescription, ModelStudioClientOptions } from './options.ts';
import { runSetupChecks, type SetupSource } from './setup-checks.ts';
import type { CheckSetupOptions, SetupReport } from './setup-report.ts';

/** The process's environment where there is one (Node, Bun, Deno with `--allow-env`), else none. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  const holder = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return holder.process?.env ?? {};
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
  /** The models, at a glance: `client.models.list({ mode, region })`, priced in the region. */
  readonly models: ModelsAPI;
  readonly #runtime: TaskRuntime;
  readonly #polling: ResolvedPolling;
  readonly #defaultModels: { readonly [M in VideoMode]: string };
  readonly #limitsOf: (model: string) => SubmitLimits;
  /** What the client was made from, for `checkSetup` to say where each setting came from. */
  readonly #source: SetupSource;

  constructor(options: ModelStudioClientOptions = {}) {
    const env = options.env ?? processEnv();
    this.#source = { options, env };
    const apiKey = resolveApiKey(options, env);
    const region = namedRegion(options, env);
    this.baseUrl = resolveBaseUrl(options, env, region);
    this.workspace = nonEmpty(options.workspace);
    this.region = region ?? regionOfBaseUrl(this.baseUrl);
    // With an events source, polls become the fallback for a lost event (PollingOptions.mode).
    this.#polling = { ...DEFAULT_POLLING, ...(options.events && { mode: 'events' as const }), ...definedOnly(options.polling) };
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
      throw invalidOption('rateLimits.leaseMs', `must be a positive number of milliseconds, got ${String(leaseMs)}`);
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
    // Resolved per call, so that a fetch patched after construction (msw, say) is the one used.
    const baseFetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // One wrapped fetch for the transport, the uploads and the downloads: one transcript, one order.
    const fetchImpl = options.record === undefined
      ? baseFetch
      : startRecording(options.record, { apiKey, baseUrl: this.baseUrl, sdk: `modelstudio-video/${VERSION}` })(baseFetch);
    const transport = new Transport({
      baseUrl: this.baseUrl,
      apiKey,
      workspace: this.workspace,
      timeoutMs: options.timeout ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      fetch: options.record === undefined ? options.fetch : fetchImpl,
      userAgent: `modelstudio-video/${VERSION}`,
      beforeQuery: limiter && ((signal) => limiter.query(signal)),
      debug: options.debug === true ? (event) => console.error(formatDebugEvent(event)) : options.debug || undefined,
      onStatus: (status, method) => telemetry.status(status, method),
    });
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
    this.models = new ModelsAPI(this.region, this.#runtime.pricing.prices);
    // A completion event only brings the followed task's next query forward; the query decides.
    options.events?.subscribe((event) => {
      if (!this.#runtime.poller.pollTaskNow(event.taskId)) return options.onTaskEvent?.(event);
      return undefined;
    });
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
   * Animates a character: the person of `image` moves as the person of the driving `video` does
   * (`wan2.2-animate-move`, the default), or takes that person's place in the video
   * (`wan2.2-animate-mix`). `quality` is `'std'` (the default) or `'pro'`. The video is as long as
   * the driving video. Served in cn and intl.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const result = await new ModelStudioClient().animateCharacter({
   *   image: 'https://example.com/me.png',
   *   video: 'https://example.com/dance.mp4',
   *   quality: 'pro',
   * });
   * console.log(result.videos[0].url);
   * ```
   */
  animateCharacter(request: AnimateCharacterRequest, options?: TaskOptions): VideoTask {
    return this.generate('animateCharacter', request, options);
  }

  /**
   * Makes a portrait speak: a video of the person of `image` saying `drivingAudio` (up to 20 s),
   * as long as the audio; `wan2.2-s2v`, 480P (the default) or 720P, in cn.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const client = new ModelStudioClient({ region: 'cn' });
   * const result = await client.speechToVideo({ image: 'https://example.com/portrait.png', drivingAudio: 'https://example.com/hello.mp3' });
   * console.log(result.videos[0].url);
   * ```
   */
  speechToVideo(request: SpeechToVideoRequest, options?: TaskOptions): VideoTask {
    return this.generate('speechToVideo', request, options);
  }

  /**
   * Syncs a video's lips to new speech: the person in `video` says `drivingAudio`; `faceImage`
   * picks the face when several show, `extendVideo` stretches the video to a longer audio.
   * `videoretalk`, in cn.
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const client = new ModelStudioClient({ region: 'cn' });
   * const result = await client.lipSync({ video: 'https://example.com/talk.mp4', drivingAudio: 'https://example.com/new-words.mp3' });
   * console.log(result.videos[0].url);
   * ```
   */
  lipSync(request: LipSyncRequest, options?: TaskOptions): VideoTask {
    return this.generate('lipSync', request, options);
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
    return this.#runtime.pricing.estimate(this.#prepare(checkMode(mode), request));
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
        prepared.push(this.#prepare(item.mode, item.request));
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

  /**
   * Checks this client's setup at no cost: where the key comes from (never the key), whether the
   * region, base URL and workspace agree, whether the host answers (a GET of the task list without
   * the key, with a short timeout), whether it takes the key (the task list, one task a page), and
   * which of the SDK's models the region serves. Each check is ok, or a problem with the fix to
   * make; `ok` is `true` when none is a problem. Nothing that costs money is sent, unless `live` is
   * set: then the cheapest task the region offers is submitted (after `confirm`, when given),
   * followed, and its run time and actual cost reported. `checkSetup()` does the same without a
   * client, for a setup the constructor refuses (no key, say).
   *
   * @example
   * ```ts
   * import { ModelStudioClient } from 'modelstudio-video';
   *
   * const report = await new ModelStudioClient().checkSetup();
   * for (const check of report.checks) console.log(check.status, check.name, check.detail, check.fix ?? '');
   * ```
   */
  checkSetup(options: CheckSetupOptions = {}): Promise<SetupReport> {
    return runSetupChecks({ ...this.#source, fetch: this.#runtime.fetch }, this, undefined, options);
  }

  /** A safe description of the client; never the API key. */
  toJSON(): ClientDescription {
    return { baseUrl: this.baseUrl, workspace: this.workspace, region: this.region, apiKey: '[redacted]' };
  }

  /** Node's `util.inspect` shows the safe description. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ModelStudioClient ${JSON.stringify(this.toJSON())}`;
  }

  /** Checks `request` for `mode` and maps it to its wire body; sends nothing. */
  #prepare(mode: VideoMode, request: unknown): PreparedSubmit {
    return prepareSubmit(mode, this.#defaultModels[mode], request, this.region);
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

/**
 * `createOpenClawVideoProvider`: the SDK as an OpenClaw video generation provider.
 *
 * @module
 */
import { ModelStudioClient } from '../client/client.ts';
import type { ModelStudioClientOptions } from '../client/options.ts';
import {
  AbortError, AuthenticationError, DownloadError, TaskCanceledError, TaskFailedError, TaskNotFoundError, TimeoutError, ValidationError,
} from '../core/errors.ts';
import { DEFAULT_MODELS, capsEntryFor, nameInRegion } from '../models/caps.ts';
import { regionNamed, regionOfBaseUrl, type Region } from '../core/regions.ts';
import { errorMessage } from '../core/text.ts';
import type { VideoResult } from '../task/result.ts';
import type { VideoTask } from '../task/video-task.ts';
import type { GeneratedVideo } from '../video/generated-video.ts';
import { catalogEntryOf, modelsServedIn, providerCapabilitiesOf } from './capabilities.ts';
import { planRequest, type PlannedRequest } from './request.ts';
import { createMemoryTaskStore, requestKey, type OpenClawTaskStore } from './task-store.ts';
import type {
  OpenClawGeneratedVideoAsset, OpenClawVideoCatalogEntry, OpenClawVideoGenerationProvider, OpenClawVideoGenerationRequest,
  OpenClawVideoGenerationResult,
} from './types.ts';

/** The default deadline of one call: 30 minutes for upload, submit, polling and download together. */
export const OPENCLAW_DEFAULT_TIMEOUT_MS = 30 * 60_000;

/** The longest delay a timer takes (about 24.8 days); longer deadlines are cut to it. */
const LONGEST_TIMER_MS = 2_147_483_647;

/** Options of {@link createOpenClawVideoProvider}. */
export interface OpenClawVideoProviderOptions {
  /**
   * The client to use.
   * @default a client made from `clientOptions` on first use (key and region from the environment)
   */
  readonly client?: ModelStudioClient | undefined;
  /**
   * Options of the client made when `client` is not given; its region decides the models offered.
   * @default {}
   */
  readonly clientOptions?: ModelStudioClientOptions | undefined;
  /**
   * Where running task ids are kept by request, so that the same request after a restart resumes
   * its task instead of paying for a new one. Use one that survives a restart (a file, a database).
   * @default a store in memory
   */
  readonly taskStore?: OpenClawTaskStore | undefined;
  /**
   * The deadline of a call when OpenClaw sets none (its `defaultTimeoutMs`): one deadline for the
   * upload, submit, polling and download together.
   * @default 1800000 (30 minutes)
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Also download each video and return its bytes (`buffer`), checked to be an MP4, next to its
   * URL. Off, OpenClaw gets the signed URL (valid 24 hours) and fetches it itself.
   * @default false
   */
  readonly download?: boolean | undefined;
  /**
   * The provider id: the prefix of model refs (`modelstudio/wan2.7-t2v`). Keep it apart from the
   * built-in `alibaba`.
   * @default 'modelstudio'
   */
  readonly id?: string | undefined;
  /**
   * The label OpenClaw shows.
   * @default 'Alibaba Model Studio (modelstudio-video)'
   */
  readonly label?: string | undefined;
}

/**
 * One deadline for a whole call, joined with the caller's signal. Like `AbortSignal.timeout`, but
 * on the timers that fake clocks drive, and cleared when the call ends.
 */
class Deadline {
  readonly signal: AbortSignal;
  readonly ms: number;
  #timedOut = false;
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(ms: number, outer: AbortSignal | undefined) {
    this.ms = ms;
    const controller = new AbortController();
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      controller.abort(new DOMException(`The deadline of ${ms} ms passed.`, 'TimeoutError'));
    }, Math.min(ms, LONGEST_TIMER_MS));
    this.signal = outer ? AbortSignal.any([controller.signal, outer]) : controller.signal;
  }

  /** Whether the deadline (not the caller) ended the call. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}

/**
 * `promise`, or an `AbortError` once `signal` fires: a store or a `fetch` that ignores signals
 * cannot hold a call past its deadline.
 */
function untilAborted<T>(promise: Promise<T> | T, signal: AbortSignal, taskId: string | undefined): Promise<T> {
  if (signal.aborted) return Promise.reject(new AbortError('The video generation call was stopped.', taskId, { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError('The video generation call was stopped.', taskId, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(promise).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Whether `bytes` is an MP4 (an ISO BMFF `ftyp` box first, not QuickTime's brand). */
function isMp4(bytes: Uint8Array): boolean {
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  return bytes.byteLength >= 12 && text(4, 8) === 'ftyp' && text(8, 12) !== 'qt  ';
}

/** The link without its signature, for messages. */
function printable(url: string): string {
  return url.split('?')[0] ?? url;
}

/**
 * The SDK as an OpenClaw video generation provider: every model of the caps table served in the
 * client's region, its capabilities generated from the caps (per model in `catalogByModel`, and
 * their union in `capabilities`), and `generateVideo` that maps OpenClaw's request to the SDK mode
 * of the model and inputs, validates it before anything is sent, uploads local buffers, polls
 * adaptively under one deadline, and resumes a running task of the same request from `taskStore`
 * instead of paying twice.
 *
 * @example
 * ```ts
 * import { definePluginEntry } from 'openclaw/plugin-sdk/plugin-entry';
 * import { createOpenClawVideoProvider } from 'modelstudio-video/openclaw';
 *
 * export default definePluginEntry({
 *   id: 'modelstudio-video',
 *   name: 'Model Studio video',
 *   description: 'Wan video generation through modelstudio-video',
 *   register(api) {
 *     api.registerVideoGenerationProvider(createOpenClawVideoProvider({ clientOptions: { region: 'intl' } }));
 *   },
 * });
 * ```
 */
export function createOpenClawVideoProvider(options: OpenClawVideoProviderOptions = {}): OpenClawVideoGenerationProvider {
  let client = options.client;
  const clientOf = (): ModelStudioClient => (client ??= new ModelStudioClient(options.clientOptions));
  const region = regionFor(options, clientOf);
  const store = options.taskStore ?? createMemoryTaskStore();
  const defaultTimeoutMs = options.timeoutMs ?? OPENCLAW_DEFAULT_TIMEOUT_MS;
  const models = modelsServedIn(region);
  const catalogByModel: Record<string, OpenClawVideoCatalogEntry> = Object.fromEntries(models.map((model) => [model, catalogEntryOf(model, region)]));
  const defaultModel = options.clientOptions?.defaultModels?.textToVideo ?? (region && nameInRegion(DEFAULT_MODELS.textToVideo, region)) ?? DEFAULT_MODELS.textToVideo;
  const inflight = new Map<string, Promise<OpenClawVideoGenerationResult>>();

  const run = async (request: OpenClawVideoGenerationRequest, plan: PlannedRequest, key: string, estimate: unknown): Promise<OpenClawVideoGenerationResult> => {
    const current = clientOf();
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const deadline = new Deadline(timeoutMs, request.signal);
    const signal = deadline.signal;
    // The task's own wait ends a little after the deadline, so that the deadline is what ends the call.
    const polling = { timeoutMs: timeoutMs + 1_000 };
    let task: VideoTask | undefined;
    let resumed = false;
    let storeError: unknown;
    try {
      const saved = await untilAborted(store.get(key), signal, undefined);
      if (saved) {
        const snapshot = await current.tasks.get(saved, { signal, model: plan.model });
        if (snapshot.status === 'FAILED' || snapshot.status === 'CANCELED' || snapshot.status === 'UNKNOWN') {
          await store.delete?.(key);
        } else {
          task = current.tasks.wait({ taskId: saved, model: plan.model, mode: plan.mode }, { signal, polling });
          resumed = true;
        }
      }
      let saving: Promise<void> = Promise.resolve();
      if (!task) {
        task = current.generate(plan.mode, plan.request, { signal, polling, maxCost: plan.maxCost });
        // Saved the moment the task exists: a restart from here on resumes it.
        saving = task.whenSubmitted().then(
          async ({ taskId }) => {
            try {
              await store.set(key, taskId);
            } catch (error) {
              storeError = error;
            }
          },
          () => undefined,
        );
      }
      let result: VideoResult;
      try {
        result = await task;
      } finally {
        await saving;
      }
      const videos = await untilAborted(Promise.all(result.videos.map((video, index) => assetOf(video, index, result.taskId, signal))), signal, result.taskId);
      await store.delete?.(key);
      return {
        videos,
        model: plan.model,
        metadata: {
          taskId: result.taskId,
          requestId: result.requestId,
          taskStatus: result.status,
          mode: plan.mode,
          openClawMode: plan.openClawMode,
          resumed,
          requestKey: key,
          estimatedCost: estimate,
          cost: result.cost,
          usage: result.usage?.raw,
          actualPrompt: result.actualPrompt,
          ...(storeError !== undefined && { taskStoreError: errorMessage(storeError) }),
        },
      };
    } catch (error) {
      // A task that ended for good is forgotten; one still running (timeout, abort) stays, to resume.
      if (error instanceof TaskFailedError || error instanceof TaskCanceledError || error instanceof TaskNotFoundError) {
        await Promise.resolve(store.delete?.(key)).catch(() => undefined);
      }
      if (!deadline.timedOut) throw error;
      const taskId = task?.taskId;
      throw new TimeoutError(
        `Video generation with ${plan.model} did not finish within ${Math.round(timeoutMs / 1000)} s, one deadline for upload, submit, polling ` +
          `and download. ${taskId ? `Task ${taskId} keeps running on the service; the same request resumes it.` : 'No task was created.'}`,
        'wait',
        taskId,
        { cause: error },
      );
    } finally {
      deadline.clear();
    }
  };

  const assetOf = async (video: GeneratedVideo, index: number, taskId: string, signal: AbortSignal): Promise<OpenClawGeneratedVideoAsset> => {
    const asset: OpenClawGeneratedVideoAsset = {
      url: video.url,
      mimeType: 'video/mp4',
      fileName: `${taskId}${index > 0 ? `-${index + 1}` : ''}.mp4`,
      metadata: { ...(video.expiresAt && { expiresAt: video.expiresAt.toISOString() }) },
    };
    if (options.download !== true) return asset;
    const bytes = new Uint8Array(await new Response(await video.fetchVideo({ signal })).arrayBuffer());
    if (!isMp4(bytes)) throw new DownloadError(`${printable(video.url)} is not an MP4 (video/mp4): it has no ISO BMFF ftyp box.`);
    return { ...asset, buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), metadata: { ...asset.metadata, bytes: bytes.byteLength } };
  };

  return {
    id: options.id ?? 'modelstudio',
    label: options.label ?? 'Alibaba Model Studio (modelstudio-video)',
    defaultModel,
    defaultTimeoutMs,
    models: [...models],
    capabilities: providerCapabilitiesOf(models, region),
    catalogByModel,
    isConfigured: () => {
      try {
        clientOf();
        return true;
      } catch {
        return false;
      }
    },
    resolveModelCapabilities: ({ model }) => {
      const entry = capsEntryFor(model);
      return catalogByModel[model]?.capabilities ?? (entry && catalogEntryOf(entry, region).capabilities);
    },
    async generateVideo(request) {
      const current = clientOf();
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
      if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
        throw new ValidationError('Invalid OpenClaw request (1 problem):', [{ path: 'timeoutMs', message: `must be a positive number of milliseconds, got ${String(timeoutMs)}` }]);
      }
      const plan = planRequest(request, defaultModel);
      // Validates the whole request against the model's caps, and prices it, sending nothing.
      const estimate = current.estimateCost(plan.mode, plan.request);
      const key = await requestKey(current, plan.mode, plan.request);
      // The same request twice at once shares one task.
      const running = inflight.get(key);
      if (running) return running;
      const promise = run(request, plan, key, estimate).finally(() => inflight.delete(key));
      inflight.set(key, promise);
      return promise;
    },
  };
}

/** The region whose models to offer: the client's; without a key yet, the one its options name. */
function regionFor(options: OpenClawVideoProviderOptions, clientOf: () => ModelStudioClient): Region | undefined {
  try {
    return clientOf().region;
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    const { region, baseUrl } = options.clientOptions ?? {};
    return (region === undefined ? undefined : regionNamed(region)) ?? (baseUrl ? regionOfBaseUrl(baseUrl) : 'intl');
  }
}

/**
 * One Model Studio model as an AI SDK video model (specification v4): `doGenerate` runs the whole
 * task through our task handle; `doStart` submits and returns `{ taskId, model }` at once, and
 * `doStatus` queries it, from this process or another. A provider whose client was made with
 * `events` also has `handleWebhookOption`: the AI SDK's `webhook` option then waits for the task's
 * completion event (through our handle) instead of polling.
 *
 * @module
 */
import type {
  Experimental_VideoModelV4, Experimental_VideoModelV4CallOptions, Experimental_VideoModelV4OperationStartResult,
  Experimental_VideoModelV4OperationStatusResult, Experimental_VideoModelV4OperationWebhook, Experimental_VideoModelV4Result,
  Experimental_VideoModelV4VideoData, JSONObject, JSONValue,
} from '@ai-sdk/provider';
import type { ModelStudioClient } from '../client/client.ts';
import type { TaskCost } from '../cost/actual.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { TaskCanceledError, TaskFailedError, TaskNotFoundError, ValidationError, type ValidationIssue } from '../core/errors.ts';
import { MODE_OPTIONS, VIDEO_MODES, capsOf, type ModelId, type VideoMode } from '../models/caps.ts';
import { describe, isRecord, sentence } from '../core/text.ts';
import type { TaskSnapshot, TaskStatus } from '../task/result.ts';
import type { VideoUsage } from '../cost/usage.ts';
import type { VideoTask } from '../task/video-task.ts';
import { mapCallOptions, PROVIDER_KEY, type MappedCall } from './call-options.ts';
import { ModelStudioInvalidArgumentError } from './errors.ts';

/**
 * The operation `doStart` (and `experimental_startVideo`) returns: JSON, so that it can be saved
 * and checked with `experimental_getVideoStatus` by another process. It is also what
 * `client.tasks.wait(operation)` takes.
 */
export interface ModelStudioVideoOperation {
  /** The task id. */
  readonly taskId: string;
  /** The model the task runs on (its name on the wire), to price it once it ended. */
  readonly model: string;
}

/** One video of a task, in {@link ModelStudioVideoMetadata}. */
export interface ModelStudioVideoMetadataVideo {
  /** The task that made it. */
  readonly taskId: string;
  /** Its signed link. */
  readonly url: string;
  /** When the link stops working, ISO 8601. */
  readonly expiresAt?: string;
}

/**
 * `providerMetadata.modelstudio` of a result, as JSON: the task, what the service measured and
 * billed (`usage`, `cost` once it ended), and our estimate before it was sent (`estimatedCost`,
 * from `doStart` and `doGenerate`). Read it with {@link modelStudioMetadata}.
 */
export interface ModelStudioVideoMetadata {
  /** The task id (the last task's, when `n` made several: see `videos`). */
  readonly taskId: string;
  /** The model, as sent. */
  readonly model: string;
  /** The mode the call was mapped to (not known to `doStatus`). */
  readonly mode?: VideoMode;
  /** The task's status when the result was made. */
  readonly status: TaskStatus;
  /** The request id of the last query. */
  readonly requestId?: string;
  /** What the service measured, once the task ended (`raw` keeps its fields as sent). */
  readonly usage?: Omit<VideoUsage, 'raw'> & {
    /** Every usage field as the service sent it. */
    readonly raw: Readonly<Record<string, JSONValue>>;
  };
  /** The prompt after the service rewrote it (`promptExtend`). */
  readonly actualPrompt?: string;
  /** What the task cost, once it ended. */
  readonly cost?: TaskCost;
  /** What it was estimated to cost before it was sent. */
  readonly estimatedCost?: CostEstimate;
  /** Each video with its task. */
  readonly videos?: readonly ModelStudioVideoMetadataVideo[];
}

/**
 * The `providerMetadata.modelstudio` of an AI SDK result, typed; `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { experimental_generateVideo } from 'ai';
 * import { modelStudioMetadata, modelstudio } from 'modelstudio-video/ai-sdk';
 *
 * const result = await experimental_generateVideo({ model: modelstudio.video('wan2.6-t2v'), prompt: 'A fox', resolution: '1280x720' });
 * const metadata = modelStudioMetadata(result.providerMetadata);
 * console.log(metadata?.taskId, metadata?.cost?.amount, metadata?.cost?.currency);
 * ```
 */
export function modelStudioMetadata(providerMetadata: Readonly<Record<string, JSONObject>> | undefined): ModelStudioVideoMetadata | undefined {
  const metadata: unknown = providerMetadata?.[PROVIDER_KEY];
  return isVideoMetadata(metadata) ? metadata : undefined;
}

/** Whether `value` is the metadata this provider wrote under its key, known by its task id. */
function isVideoMetadata(value: unknown): value is ModelStudioVideoMetadata {
  return isRecord(value) && typeof value.taskId === 'string';
}

/** The call options of `doStart`: the AI SDK's, and the webhook URL it may pass. */
export type ModelStudioVideoStartOptions = Experimental_VideoModelV4CallOptions & {
  /** A URL to notify when the task ends: Model Studio has none, so it comes back as a warning. */
  webhookUrl?: string;
};

/** `handleWebhookOption` of the AI SDK's video model: what it is given and what it returns. */
export type ModelStudioVideoWebhookHandler = NonNullable<Experimental_VideoModelV4['handleWebhookOption']>;

/**
 * The `webhookUrl` that `handleWebhookOption` gives the AI SDK to pass back to `doStart`: not a URL
 * anyone calls (Model Studio has no per-task callback), only the key of the wait it stands for.
 */
const EVENT_WAIT_PREFIX = 'modelstudio-video:task-events/';

/** One `webhook` call's wait: settled when our handle (woken by the task's event) saw the task end. */
interface EventWait {
  readonly resolve: (webhook: Experimental_VideoModelV4OperationWebhook) => void;
  readonly reject: (error: unknown) => void;
}

let eventWaitCount = 0;

/** The options of `doStatus`. */
export type ModelStudioVideoStatusOptions = Parameters<NonNullable<Experimental_VideoModelV4['doStatus']>>[0];

/** `value` as JSON: `undefined` fields dropped, dates as ISO strings. */
function json(value: unknown): JSONObject {
  return JSON.parse(JSON.stringify(value)) as JSONObject;
}

/**
 * Our `ValidationError` as the AI SDK's invalid-argument error, naming the AI SDK argument the
 * first problem came from; any other error as is (a `BudgetError`, an `APIError`, a
 * `TaskFailedError` with the service's `code`, ...).
 */
function forAISDK(error: unknown, call: MappedCall | undefined): unknown {
  if (!(error instanceof ValidationError) || error instanceof ModelStudioInvalidArgumentError) return error;
  const root = error.issues[0]?.path.split(/[.[]/)[0] ?? '';
  // An option of ours that no AI SDK argument set came from providerOptions; anything else (`model`,
  // the `input.*` path of a file that could not be read at upload) is named as is.
  const option = VIDEO_MODES.some((mode) => (MODE_OPTIONS[mode] as readonly string[]).includes(root)) || root === 'extraInput' || root === 'extraParameters';
  const parameter = call?.origins.get(root) ?? (option ? `providerOptions.${PROVIDER_KEY}.${root}` : root || 'model');
  return new ModelStudioInvalidArgumentError(error.message.split('\n')[0] ?? error.message, error.issues, parameter);
}

/** The `providerMetadata.modelstudio` of a task as one query saw it. */
function taskMetadata(snapshot: TaskSnapshot, model: string, extra: { mode?: VideoMode | undefined; estimatedCost?: CostEstimate | undefined } = {}): JSONObject {
  return json({
    taskId: snapshot.taskId,
    model,
    mode: extra.mode,
    status: snapshot.status,
    requestId: snapshot.requestId,
    usage: snapshot.usage,
    actualPrompt: snapshot.actualPrompt,
    cost: snapshot.cost,
    estimatedCost: extra.estimatedCost,
    // One entry per video: the AI SDK concatenates `videos` when it merges the metadata of several calls.
    ...(snapshot.videos.length > 0 && {
      videos: snapshot.videos.map((video) => ({ taskId: snapshot.taskId, url: video.url, expiresAt: video.expiresAt })),
    }),
  });
}

function videosOf(snapshot: TaskSnapshot): Experimental_VideoModelV4VideoData[] {
  return snapshot.videos.map((video) => ({ type: 'url', url: video.url, mediaType: 'video/mp4' }));
}

/**
 * A Model Studio model as an AI SDK video model (`Experimental_VideoModelV4`). Made by
 * `createModelStudio().video(modelId)`; pass it to `experimental_generateVideo`,
 * `experimental_startVideo` and `experimental_getVideoStatus` from `ai`.
 */
export class ModelStudioVideoModel implements Experimental_VideoModelV4 {
  /** The video model specification this implements. */
  readonly specificationVersion = 'v4';
  /** The provider's name, for the AI SDK's logs. */
  readonly provider = 'modelstudio.video';
  /** The model, as it goes on the wire. */
  readonly modelId: ModelId;
  /** Videos per task: 1 for every current model, so the AI SDK makes one task per video. */
  readonly maxVideosPerCall: number;
  /**
   * Present only when the provider made its client with `events` (a receiver of
   * `modelstudio-video/events`): the AI SDK's `webhook` option then makes `doStart` keep following
   * the task with our handle, which queries it as soon as its completion event arrives (polling
   * slowly underneath for a lost event), and the AI SDK waits for that instead of polling
   * `doStatus`. The user's webhook factory is never called: Model Studio cannot post to a URL per
   * task (its events go through EventBridge to the receiver). Absent, the AI SDK warns
   * (`unsupported` `webhook`) and polls.
   */
  readonly handleWebhookOption?: ModelStudioVideoWebhookHandler;
  readonly #entry: ModelId;
  readonly #client: () => ModelStudioClient;
  readonly #eventWaits = new Map<string, EventWait>();

  /** @internal Made by the provider: `createModelStudio().video(modelId)`. */
  constructor(modelId: ModelId, entry: ModelId, client: () => ModelStudioClient, options: { readonly events?: boolean } = {}) {
    this.modelId = modelId;
    this.#entry = entry;
    this.#client = client;
    this.maxVideosPerCall = capsOf(entry).maxVideos;
    if (options.events === true) {
      this.handleWebhookOption = () => {
        eventWaitCount += 1;
        const webhookUrl = `${EVENT_WAIT_PREFIX}${eventWaitCount}`;
        const received = new Promise<Experimental_VideoModelV4OperationWebhook>((resolve, reject) => {
          this.#eventWaits.set(webhookUrl, { resolve, reject });
        });
        return Promise.resolve({ webhookUrl, received });
      };
    }
  }

  /**
   * Runs the whole task through our task handle (the client's polling: adaptive intervals, one
   * shared poller, a 30-minute wait by default) and returns the video URLs, which the AI SDK then
   * downloads. `experimental_generateVideo` uses it unless given `poll` or `webhook`.
   */
  async doGenerate(options: Experimental_VideoModelV4CallOptions): Promise<Experimental_VideoModelV4Result> {
    const client = this.#client();
    const call = this.#map(client, options);
    const task = this.#submit(client, call, options.abortSignal);
    const result = await task.then(undefined, (error: unknown) => {
      throw forAISDK(error, call);
    });
    return {
      videos: videosOf(result),
      warnings: call.warnings,
      providerMetadata: { [PROVIDER_KEY]: taskMetadata(result, task.model ?? this.modelId, { mode: call.mode, estimatedCost: task.estimatedCost }) },
      response: this.#response(),
    };
  }

  /**
   * Submits the task and returns as soon as the service created it: the operation
   * `{ taskId, model }` and, in the metadata, the estimated cost. Nothing keeps polling here.
   */
  async doStart(options: ModelStudioVideoStartOptions): Promise<Experimental_VideoModelV4OperationStartResult> {
    const client = this.#client();
    const waitKey = options.webhookUrl?.startsWith(EVENT_WAIT_PREFIX) === true ? options.webhookUrl : undefined;
    const wait = waitKey === undefined ? undefined : this.#eventWaits.get(waitKey);
    // Our own key is no webhook URL to warn about: drop it from what is mapped.
    const { webhookUrl: _key, ...rest } = options;
    const call = this.#map(client, wait === undefined ? options : rest);
    const task = this.#submit(client, call, options.abortSignal);
    let taskId: string;
    try {
      if (wait !== undefined && waitKey !== undefined) {
        // The AI SDK's `webhook` option on an events-enabled client: our handle follows the task (an
        // event makes it query at once) and settles `received`; a retried start reuses the key.
        ({ taskId } = await task.whenSubmitted());
        this.#eventWaits.delete(waitKey);
        task.then(
          (result) => wait.resolve({ headers: {}, body: { taskId: result.taskId, status: result.status } }),
          (error: unknown) => wait.reject(forAISDK(error, call)),
        );
      } else {
        // Detached once the task exists: nothing follows it here, but its slot stays counted until it
        // is expected to end or doStatus sees it ended, so starts in a burst keep to the account's limit.
        ({ taskId } = await task.detach());
      }
    } catch (error) {
      throw forAISDK(error, call);
    }
    const model = task.model ?? this.modelId;
    const operation: ModelStudioVideoOperation = { taskId, model };
    return {
      operation: { ...operation },
      warnings: call.warnings,
      providerMetadata: { [PROVIDER_KEY]: json({ taskId, model, mode: call.mode, status: 'PENDING', estimatedCost: task.estimatedCost }) },
      response: this.#response(),
    };
  }

  /**
   * Queries the task of an operation once (`client.tasks.get(taskId, { model })`). `PENDING`,
   * `RUNNING` and `SUSPENDED` are `pending`; `SUCCEEDED` is `completed`, with usage and cost in the
   * metadata. A task that ended otherwise throws at once: `UNKNOWN` (a wrong or expired id) a
   * `TaskNotFoundError`, `FAILED` a `TaskFailedError` carrying the service's `code`, `CANCELED` a
   * `TaskCanceledError`.
   */
  async doStatus(options: ModelStudioVideoStatusOptions): Promise<Experimental_VideoModelV4OperationStatusResult> {
    const { taskId, model } = readOperation(options.operation, this.modelId);
    const snapshot = await this.#client().tasks.get(taskId, { model, signal: options.abortSignal });
    const metadata = { [PROVIDER_KEY]: taskMetadata(snapshot, model) };
    const response = this.#response();
    switch (snapshot.status) {
      case 'SUCCEEDED':
        if (snapshot.videos.length === 0) {
          throw new TaskFailedError(`Task ${taskId} succeeded but the service sent no video URL.`, { taskId, requestId: snapshot.requestId });
        }
        return { status: 'completed', videos: videosOf(snapshot), warnings: [], providerMetadata: metadata, response };
      case 'UNKNOWN':
        throw new TaskNotFoundError(
          `Task ${taskId} is unknown to the service: the id is wrong, belongs to another region, or expired (tasks are kept for 24 hours).`,
          { taskId, code: 'UNKNOWN', requestId: snapshot.requestId },
        );
      case 'FAILED':
        throw new TaskFailedError(`Task ${taskId} failed: ${snapshot.code ?? 'no code'}: ${sentence(snapshot.message ?? 'no message')}`, {
          taskId,
          code: snapshot.code,
          requestId: snapshot.requestId,
        });
      case 'CANCELED':
        throw new TaskCanceledError(`Task ${taskId} was canceled.`, taskId);
      default:
        return { status: 'pending', providerMetadata: metadata, response };
    }
  }

  #map(client: ModelStudioClient, options: ModelStudioVideoStartOptions): MappedCall {
    // When the call cannot be mapped, the rest of the request is still checked (an estimate sends
    // nothing), so that one error lists every problem.
    const validate = (mode: VideoMode, request: unknown): readonly ValidationIssue[] => {
      try {
        client.estimateCost(mode, request);
        return [];
      } catch (error) {
        return error instanceof ValidationError ? error.issues : [];
      }
    };
    return mapCallOptions({ model: this.modelId, entry: this.#entry, region: client.region }, options, validate);
  }

  /** Starts the task of a mapped call; the client validates the request. */
  #submit(client: ModelStudioClient, call: MappedCall, signal: AbortSignal | undefined): VideoTask {
    // Typed unknown: the client checks the mapped request at run time.
    const request: unknown = call.request;
    try {
      return client.generate(call.mode, request, { signal, upload: call.upload, maxCost: call.maxCost });
    } catch (error) {
      throw forAISDK(error, call);
    }
  }

  #response(): { timestamp: Date; modelId: string; headers: undefined } {
    return { timestamp: new Date(), modelId: this.modelId, headers: undefined };
  }
}

/** The operation as `{ taskId, model }`, or the error that says what it should be. */
function readOperation(operation: JSONValue, fallbackModel: string): ModelStudioVideoOperation {
  const taskId = isRecord(operation) ? operation.taskId : undefined;
  const model = isRecord(operation) ? operation.model : undefined;
  if (typeof taskId === 'string' && taskId.trim() !== '' && (model === undefined || typeof model === 'string')) {
    return { taskId, model: model ?? fallbackModel };
  }
  throw new ModelStudioInvalidArgumentError(
    'Invalid operation (1 problem); nothing was sent:',
    [{ path: 'operation', message: `must be { taskId, model } as experimental_startVideo returned it, got ${isRecord(operation) ? JSON.stringify(operation).slice(0, 80) : describe(operation)}` }],
    'operation',
    operation,
  );
}

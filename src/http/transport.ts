/**
 * The HTTP layer: one ky instance per client, the DashScope endpoints (docs/protocol.md §2), the retry
 * policy and error mapping. Nothing outside this folder knows ky.
 *
 * @module
 */
import ky, { isNetworkError, type KyInstance } from 'ky';
import { ModelStudioError, SubmitOutcomeUnknownError, APIError, type SubmitOutcomeUnknownDetails } from '../core/errors.ts';
import { redactedHeaders, type DebugHook } from './debug.ts';
import { mapTransportError } from './map-error.ts';
import { uploadPolicyAnswer, type UploadPolicy } from './storage.ts';
import { failedBeforeSending, kyRetry, retryAfterMsHook } from './retry.ts';
import {
  listAnswer, submitAnswer, taskAnswer, type ListAnswer, type SubmitBody, type TaskAnswer,
} from './wire.ts';

/** How the transport talks to the service. */
export interface TransportConfig {
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  /** The API key; kept private. */
  readonly apiKey: string;
  /** Sent as `X-DashScope-WorkSpace` when set. */
  readonly workspace?: string | undefined;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
  /** Retries per call. */
  readonly maxRetries: number;
  /** The fetch implementation. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** The `User-Agent` header. */
  readonly userAgent: string;
  /** Receives an event per request, answer, retry and failure. */
  readonly debug?: DebugHook | undefined;
  /** Waits for a query's turn under the client's rate limit, when there is one. */
  readonly beforeQuery?: ((signal: AbortSignal | undefined) => Promise<void>) | undefined;
  /** Sees the status of every answer, retries included (telemetry counts the 429s). */
  readonly onStatus?: ((status: number, method: string) => void) | undefined;
}

/** Per-call overrides. */
export interface CallOptions {
  /** Aborts the call. */
  readonly signal?: AbortSignal | undefined;
  /** Retries for this call. */
  readonly maxRetries?: number | undefined;
}

/** Options of a submit call. */
export interface SubmitCallOptions extends Omit<CallOptions, 'signal'> {
  /** The submit path on the service's host. */
  readonly path: string;
  /** Headers the caller adds, such as `X-DashScope-OssResourceResolve` when the body holds `oss://` URLs. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** What a {@link SubmitOutcomeUnknownError} carries besides the model, the time and the cause: the caller's, unread here. */
  readonly errorContext?: Omit<SubmitOutcomeUnknownDetails, 'model' | 'submittedAt' | 'requestId' | 'cause' | 'candidates'> | undefined;
  /** Called when a retry is scheduled, with the status that caused it when there was an answer. */
  readonly onRetry?: ((status: number | undefined) => void) | undefined;
}

/** What a successful submit tells. */
export interface SubmitReceipt {
  /** The new task's id. */
  readonly taskId: string;
  /** The status the service reported, normally `PENDING`. */
  readonly status: string;
  /** The submit's request id. */
  readonly requestId: string | undefined;
}

/** Filters of the task list endpoint, in wire form. */
export interface ListQuery {
  readonly page_no: number;
  readonly page_size: number;
  readonly status?: string | undefined;
  readonly model_name?: string | undefined;
  readonly start_time?: string | undefined;
  readonly end_time?: string | undefined;
}

/** The endpoints of docs/protocol.md §2 over one ky instance. */
export class Transport {
  readonly #ky: KyInstance;
  readonly #host: string;
  /** Retries of each HTTP call, unless a call says otherwise. */
  readonly maxRetries: number;
  readonly #apiKey: string;
  readonly #beforeQuery: TransportConfig['beforeQuery'];

  constructor(config: TransportConfig) {
    this.#beforeQuery = config.beforeQuery;
    this.#host = config.baseUrl;
    this.#apiKey = config.apiKey;
    this.maxRetries = config.maxRetries;
    const debug = config.debug;
    // Each call gets its own ky context object: the attempt's start time lives there.
    const startOf = (context: Record<string, unknown>) => (typeof context.debugStartedAt === 'number' ? context.debugStartedAt : undefined);
    const path = (request: Request) => {
      const url = new URL(request.url);
      return `${url.pathname}${url.search}`;
    };
    const onStatus = config.onStatus;
    const statusHook = onStatus && (({ request, response }: { request: Request; response: Response }) => onStatus(response.status, request.method));
    this.#ky = ky.create({
      prefix: config.baseUrl,
      ...(statusHook && !debug && { hooks: { afterResponse: [statusHook] } }),
      ...(debug && {
        hooks: {
          beforeRequest: [
            ({ request, options }) => {
              options.context.debugStartedAt = performance.now();
              debug({ type: 'request', method: request.method, path: path(request), attempt: 1, headers: redactedHeaders(request.headers) });
            },
          ],
          beforeRetry: [
            ({ request, options, error, retryCount }) => {
              const status = (error as { response?: Response }).response?.status;
              const since = startOf(options.context);
              options.context.debugStartedAt = performance.now();
              debug({
                type: 'retry',
                method: request.method,
                path: path(request),
                attempt: retryCount + 1,
                ...(status !== undefined ? { status } : { message: error.message.replaceAll(config.apiKey, '[redacted]') }),
                ...(since !== undefined && { durationMs: performance.now() - since }),
              });
            },
          ],
          afterResponse: [
            async ({ request, options, response, retryCount }) => {
              const since = startOf(options.context);
              const body: unknown = response.headers.get('content-type')?.includes('json')
                ? await response.clone().json().catch(() => undefined)
                : undefined;
              const requestId = (body as { request_id?: unknown } | undefined)?.request_id;
              debug({
                type: 'response',
                method: request.method,
                path: path(request),
                attempt: retryCount + 1,
                status: response.status,
                ...(typeof requestId === 'string' && { requestId }),
                ...(since !== undefined && { durationMs: performance.now() - since }),
              });
            },
            ...(statusHook ? [statusHook] : []),
          ],
        },
      }),
      timeout: config.timeoutMs,
      ...(config.fetch && { fetch: config.fetch }),
      headers: {
        authorization: `Bearer ${config.apiKey}`,
        'user-agent': config.userAgent,
        ...(config.workspace && { 'x-dashscope-workspace': config.workspace }),
      },
    });
  }

  /**
   * Submits a task. Retries only where no task can have been created (http/retry.ts). Throws a
   * {@link SubmitOutcomeUnknownError}, made of `options.errorContext` and what went wrong, when the
   * submit may have created a task; any other error means it did not.
   */
  async submit(body: SubmitBody, options: SubmitCallOptions): Promise<SubmitReceipt> {
    const onRetry = options.onRetry;
    const submittedAt = new Date();
    const operation = `Submitting a ${body.model} task`;
    const unknownOutcome = (cause: unknown, requestId?: string) =>
      new SubmitOutcomeUnknownError({ ...options.errorContext, model: body.model, submittedAt, requestId, cause });
    const limit = options.maxRetries ?? this.maxRetries;
    let data: unknown;
    try {
      // The caller's signal is not passed on: once a submit is on the wire, aborting it would
      // leave a paid task whose id we never learn. The task handle honours the abort afterwards.
      data = await this.#ky
        // Paths are absolute on the service's host; ky's prefix takes them without the leading slash.
        .post(options.path.replace(/^\/+/, ''), {
          json: body,
          headers: { 'x-dashscope-async': 'enable', ...options.headers },
          retry: kyRetry('submit', limit),
          hooks: {
            afterResponse: [retryAfterMsHook('submit', limit)],
            ...(onRetry && { beforeRetry: [({ error }) => onRetry((error as { response?: Response }).response?.status)] }),
          },
        })
        .json();
    } catch (error) {
      const mapped = mapTransportError(error, operation, this.#host, this.#apiKey);
      if (mapped instanceof APIError && mapped.status !== undefined && mapped.status < 500) throw mapped;
      if (isNetworkError(error) && failedBeforeSending(error.cause)) throw mapped;
      throw unknownOutcome(mapped, mapped instanceof APIError ? mapped.requestId : undefined);
    }
    const parsed = submitAnswer.safeParse(data);
    if (!parsed.success) {
      throw unknownOutcome(new ModelStudioError(`the service answered without a task id: ${JSON.stringify(data).slice(0, 300)}`));
    }
    return {
      taskId: parsed.data.output.task_id,
      status: parsed.data.output.task_status ?? 'PENDING',
      requestId: parsed.data.request_id,
    };
  }

  /** Queries one task. */
  async getTask(taskId: string, options: CallOptions = {}): Promise<TaskAnswer> {
    const data = await this.#read(`Querying task ${taskId}`, `api/v1/tasks/${encodeURIComponent(taskId)}`, 'get', options, undefined, true);
    return this.#parse(taskAnswer, data, `Querying task ${taskId}`);
  }

  /** Cancels a task; the service allows it only while the task is `PENDING`. */
  async cancelTask(taskId: string, options: CallOptions = {}): Promise<string | undefined> {
    const data = await this.#read(`Canceling task ${taskId}`, `api/v1/tasks/${encodeURIComponent(taskId)}/cancel`, 'post', options);
    return typeof data === 'object' && data !== null ? (data as { request_id?: string }).request_id : undefined;
  }

  /** The upload policy of `model` (docs/protocol.md §7). */
  async getUploadPolicy(model: string, options: CallOptions = {}): Promise<UploadPolicy> {
    const data = await this.#read('Getting an upload policy', 'api/v1/uploads', 'get', options, { action: 'getPolicy', model });
    return this.#parse(uploadPolicyAnswer, data, 'Getting an upload policy').data;
  }

  /** Reads one page of the task list. */
  async listTasks(query: ListQuery, options: CallOptions = {}): Promise<ListAnswer> {
    const searchParams = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as Record<string, string | number>;
    const data = await this.#read('Listing tasks', 'api/v1/tasks', 'get', options, searchParams, true);
    return this.#parse(listAnswer, data, 'Listing tasks');
  }

  async #read(
    operation: string,
    path: string,
    method: 'get' | 'post',
    options: CallOptions,
    searchParams?: Record<string, string | number>,
    isQuery = false,
  ): Promise<unknown> {
    // Queries share the account's per-second budget, retries included.
    const wait = isQuery ? this.#beforeQuery : undefined;
    const limit = options.maxRetries ?? this.maxRetries;
    try {
      await wait?.(options.signal);
      return await this.#ky(path, {
        method,
        ...(searchParams && { searchParams }),
        ...(options.signal && { signal: options.signal }),
        retry: kyRetry('read', limit),
        hooks: {
          afterResponse: [retryAfterMsHook('read', limit)],
          ...(wait && { beforeRetry: [() => wait(options.signal)] }),
        },
      }).json();
    } catch (error) {
      throw mapTransportError(error, operation, this.#host, this.#apiKey);
    }
  }

  #parse<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }, data: unknown, operation: string): T {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const requestId = typeof data === 'object' && data !== null ? (data as { request_id?: unknown }).request_id : undefined;
    throw new APIError(`${operation}: the service's answer has an unexpected shape: ${JSON.stringify(data).slice(0, 300)}`, {
      requestId: typeof requestId === 'string' ? requestId : undefined,
    });
  }
}

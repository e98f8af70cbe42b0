/**
 * A minimal DashScope video client written only from docs/protocol.md, with plain `fetch`
 * and raw snake_case JSON. It shares no code with the SDK, so the simulator can be checked against
 * a second reading of the protocol: if this client and the SDK both work against the simulator,
 * the simulator is not merely mirroring the SDK's own assumptions.
 */

/** A raw JSON object as it came off the wire. */
export type Wire = Record<string, unknown>;

/** A non-2xx answer of the service (docs/protocol.md §5). */
export class DashScopeHttpError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly headers: Headers;

  constructor(status: number, code: string | undefined, requestId: string | undefined, message: string, headers: Headers) {
    super(`HTTP ${status} ${code ?? '?'}: ${message}`);
    this.name = 'DashScopeHttpError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.headers = headers;
  }
}

/** Statuses after which a task never changes (docs/protocol.md §4). */
const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

/** What `submit` returns. */
export interface Submitted {
  readonly taskId: string;
  readonly status: string;
  readonly requestId: string;
}

/** The upload policy's `data` (docs/protocol.md §7 step 1). */
export interface UploadPolicy {
  readonly policy: string;
  readonly signature: string;
  readonly upload_dir: string;
  readonly upload_host: string;
  readonly oss_access_key_id: string;
  readonly x_oss_object_acl: string;
  readonly x_oss_forbid_overwrite: string;
  readonly expire_in_seconds: number;
  readonly max_file_size_mb: number;
}

/** A downloaded file. */
export interface Download {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

/** Options of {@link IndependentClient}. */
export interface IndependentClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Waits between polls; a test passes one that moves a simulated clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly fetch?: typeof globalThis.fetch;
}

/** Options of {@link IndependentClient.waitForTask}. */
export interface WaitOptions {
  readonly intervalMs?: number;
  readonly maxPolls?: number;
  /** Called with each answer's `output.task_status`, in order. */
  readonly onStatus?: (status: string) => void;
}

function isWire(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class IndependentClient {
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: IndependentClientOptions) {
    // §1: trailing slashes on a base URL are stripped.
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async #json(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Wire> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.#apiKey}`, ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.#fetch(`${this.#baseUrl}${path}`, {
      method,
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const body = isWire(parsed) ? parsed : {};
      throw new DashScopeHttpError(
        response.status,
        typeof body.code === 'string' ? body.code : undefined,
        typeof body.request_id === 'string' ? body.request_id : undefined,
        typeof body.message === 'string' ? body.message : text.slice(0, 200),
        response.headers,
      );
    }
    if (!isWire(parsed)) throw new Error(`${method} ${path}: the answer is not a JSON object`);
    return parsed;
  }

  /**
   * §2, §3: `POST .../video-synthesis` with `X-DashScope-Async: enable`; §2, §9: the first + last
   * frame (kf2v) models on the image2video endpoint.
   */
  async submit(body: Wire, options: { ossResolve?: boolean; endpoint?: 'video-generation' | 'image2video' } = {}): Promise<Submitted> {
    const headers: Record<string, string> = { 'X-DashScope-Async': 'enable' };
    if (options.ossResolve) headers['X-DashScope-OssResourceResolve'] = 'enable';
    const answer = await this.#json('POST', `/api/v1/services/aigc/${options.endpoint ?? 'video-generation'}/video-synthesis`, { body, headers });
    const output = isWire(answer.output) ? answer.output : {};
    return { taskId: String(output.task_id), status: String(output.task_status), requestId: String(answer.request_id) };
  }

  /** §2: `GET /api/v1/tasks/{task_id}`, the whole answer. */
  getTask(taskId: string): Promise<Wire> {
    return this.#json('GET', `/api/v1/tasks/${encodeURIComponent(taskId)}`);
  }

  /**
   * Polls until a terminal status (§4). On 429 (§5: retry with backoff) it waits `Retry-After`
   * seconds, or one interval, and polls again.
   */
  async waitForTask(taskId: string, options: WaitOptions = {}): Promise<Wire> {
    const intervalMs = options.intervalMs ?? 5_000;
    const maxPolls = options.maxPolls ?? 1_000;
    for (let poll = 0; poll < maxPolls; poll += 1) {
      let answer: Wire;
      try {
        answer = await this.getTask(taskId);
      } catch (error) {
        if (error instanceof DashScopeHttpError && error.status === 429) {
          const retryAfter = Number(error.headers.get('retry-after'));
          await this.#sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : intervalMs);
          continue;
        }
        throw error;
      }
      const output = isWire(answer.output) ? answer.output : {};
      const status = String(output.task_status);
      options.onStatus?.(status);
      if (TERMINAL_STATUSES.has(status)) return answer;
      await this.#sleep(intervalMs);
    }
    throw new Error(`task ${taskId} did not end within ${maxPolls} polls`);
  }

  /** §2: `POST /api/v1/tasks/{task_id}/cancel` (only while PENDING). */
  cancel(taskId: string): Promise<Wire> {
    return this.#json('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/cancel`);
  }

  /** §2: `GET /api/v1/tasks?page_no&page_size&status&model_name&start_time&end_time`. */
  list(query: { page_no?: number; page_size?: number; status?: string; model_name?: string; start_time?: string; end_time?: string } = {}): Promise<Wire> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) params.set(name, String(value));
    }
    return this.#json('GET', `/api/v1/tasks?${params.toString()}`);
  }

  /** §7 step 1. */
  async getUploadPolicy(model: string): Promise<UploadPolicy> {
    const answer = await this.#json('GET', `/api/v1/uploads?action=getPolicy&model=${encodeURIComponent(model)}`);
    if (!isWire(answer.data)) throw new Error('the upload policy answer has no data');
    return answer.data as unknown as UploadPolicy;
  }

  /** §7 steps 1–3: uploads a local file and returns its `oss://{key}` URL. */
  async upload(model: string, fileName: string, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<string> {
    const policy = await this.getUploadPolicy(model);
    const key = `${policy.upload_dir}/${fileName}`;
    const form = new FormData();
    form.append('OSSAccessKeyId', policy.oss_access_key_id);
    form.append('Signature', policy.signature);
    form.append('policy', policy.policy);
    form.append('x-oss-object-acl', policy.x_oss_object_acl);
    form.append('x-oss-forbid-overwrite', policy.x_oss_forbid_overwrite);
    form.append('key', key);
    form.append('success_action_status', '200');
    // OSS ignores every field after `file`: it goes last.
    form.append('file', new Blob([bytes], { type: contentType }), fileName);
    const response = await this.#fetch(policy.upload_host, { method: 'POST', body: form });
    if (response.status !== 200) {
      throw new DashScopeHttpError(response.status, undefined, undefined, (await response.text()).slice(0, 300), response.headers);
    }
    await response.body?.cancel();
    return `oss://${key}`;
  }

  /** Downloads a result link (no API key: the link is signed). */
  async download(url: string): Promise<Download> {
    const response = await this.#fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes };
  }
}

/**
 * A generated video: its signed link, and the two ways to fetch it (a web stream anywhere, a file
 * on disk in Node). The link carries its own signature, so no API key is ever sent with it.
 *
 * @module
 */
import { AbortError, DownloadError, deadlineError, isModelStudioError } from '../core/errors.ts';
import { nodeFs, nodePath } from '../core/node-builtins.ts';

/** Progress of a download. */
export interface DownloadProgress {
  /** Bytes received so far. */
  readonly bytesDone: number;
  /** Bytes in all, when the server said (`Content-Length`). */
  readonly bytesTotal: number | undefined;
}

/** Options of {@link GeneratedVideo.fetchVideo}. */
export interface FetchVideoOptions {
  /** Aborts the request and the body. */
  readonly signal?: AbortSignal | undefined;
}

/** Options of {@link GeneratedVideo.download}. */
export interface DownloadOptions extends FetchVideoOptions {
  /** Called after each chunk written. */
  readonly onProgress?: ((progress: DownloadProgress) => void) | undefined;
}

/** A video as JSON. */
export interface GeneratedVideoJSON {
  /** The signed link. */
  readonly url: string;
  /** Its expiry, ISO 8601, when known. */
  readonly expiresAt: string | undefined;
}

/** What a download wrote. */
export interface DownloadResult {
  /** The file written. */
  readonly path: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /** The served `Content-Type`. */
  readonly contentType: string;
}

/**
 * @internal Called when a download starts; the function it returns is called when it ends, with its
 * bytes or its error (the task's telemetry).
 */
export type DownloadObserver = () => (bytes: number | undefined, error?: unknown) => void;

const VIDEO_TYPES = /^(video\/|application\/octet-stream|binary\/octet-stream)/i;

/** The link without its query, which holds the signature: safe to print. */
function printable(url: string): string {
  return url.split('?')[0] ?? url;
}

function aborted(signal: AbortSignal | undefined, error: unknown): AbortError | undefined {
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new AbortError('The video download was aborted.', undefined, { cause: error });
  }
  return undefined;
}

/**
 * One generated video. `url` is a signed link valid for 24 hours (`expiresAt`): download it before
 * then.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 *
 * const result = await new ModelStudioClient().textToVideo({ prompt: 'Koi in a pond' });
 * const file = await result.videos[0].download('out/koi.mp4', {
 *   onProgress: ({ bytesDone, bytesTotal }) => console.log(bytesDone, bytesTotal),
 * });
 * console.log(file.path, file.bytes);
 * ```
 */
export class GeneratedVideo {
  /** The signed link to the MP4. */
  readonly url: string;
  /** When the link stops working, when known. */
  readonly expiresAt: Date | undefined;
  readonly #fetch: typeof globalThis.fetch;
  /** The task call's `deadline`, which bounds the download too. */
  readonly #deadlineAt: number | undefined;
  readonly #onDownload: DownloadObserver | undefined;

  /** @internal Built from a task query. */
  constructor(url: string, expiresAt: Date | undefined, fetchImpl: typeof globalThis.fetch, deadlineAt?: number, onDownload?: DownloadObserver) {
    this.url = url;
    this.expiresAt = expiresAt;
    this.#fetch = fetchImpl;
    this.#deadlineAt = deadlineAt;
    this.#onDownload = onDownload;
  }

  /**
   * The caller's signal, bounded by the call's deadline (a trickling download cannot outlive it);
   * `passed` tells whether the deadline is what fired.
   */
  #bounded(signal: AbortSignal | undefined): { readonly signal: AbortSignal | undefined; readonly passed: () => boolean; readonly done: () => void } {
    if (this.#deadlineAt === undefined) return { signal, passed: () => false, done: () => undefined };
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), Math.max(0, this.#deadlineAt - Date.now()));
    // A stream read to its end leaves the timer behind; it must not keep the process alive.
    if (typeof timer === 'object' && 'unref' in timer) timer.unref();
    return {
      signal: signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal,
      passed: () => deadline.signal.aborted,
      done: () => clearTimeout(timer),
    };
  }

  /**
   * Requests the video and returns its body as a web `ReadableStream`, after checking the status
   * and type. Works on every runtime with `fetch`.
   */
  async fetchVideo(options: FetchVideoOptions = {}): Promise<ReadableStream<Uint8Array>> {
    const bounded = this.#bounded(options.signal);
    // The span covers opening the stream; its bytes are the announced length, as the caller reads the rest.
    const ended = this.#onDownload?.();
    try {
      const response = await this.#open(bounded.signal);
      const length = response.headers.get('content-length');
      ended?.(length === null ? undefined : Number(length));
      return response.body as ReadableStream<Uint8Array>;
    } catch (error) {
      bounded.done();
      const failure = bounded.passed() ? deadlineError('download', undefined) : error;
      ended?.(undefined, failure);
      throw failure;
    }
  }

  /**
   * Streams the video to `path` (Node, Bun, Deno): into a temporary file beside it, renamed into
   * place only once every byte arrived, so `path` never holds a partial video. Creates missing
   * parent folders. Checks the status, `Content-Type` and `Content-Length`.
   */
  async download(path: string, options: DownloadOptions = {}): Promise<DownloadResult> {
    const bounded = this.#bounded(options.signal);
    const ended = this.#onDownload?.();
    try {
      const result = await this.#download(path, { ...options, signal: bounded.signal });
      ended?.(result.bytes);
      return result;
    } catch (error) {
      const failure = bounded.passed() ? deadlineError('download', undefined) : error;
      ended?.(undefined, failure);
      throw failure;
    } finally {
      bounded.done();
    }
  }

  async #download(path: string, options: DownloadOptions): Promise<DownloadResult> {
    const { mkdir, open, rename, rm } = await nodeFs();
    const { basename, dirname, join } = await nodePath();
    const response = await this.#open(options.signal);
    const header = response.headers.get('content-length');
    const bytesTotal = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
    const contentType = response.headers.get('content-type') ?? '';
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${basename(path)}.${crypto.randomUUID().slice(0, 8)}.part`);
    const file = await open(temporary, 'wx');
    let bytesDone = 0;
    try {
      for await (const chunk of response.body as ReadableStream<Uint8Array>) {
        await file.write(chunk);
        bytesDone += chunk.byteLength;
        options.onProgress?.({ bytesDone, bytesTotal });
      }
      await file.close();
      if (bytesTotal !== undefined && bytesDone !== bytesTotal) {
        throw new DownloadError(`The download of ${printable(this.url)} ended after ${bytesDone} of ${bytesTotal} bytes.`, response.status);
      }
      await rename(temporary, path);
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw aborted(options.signal, error) ?? (isModelStudioError(error) ? error : new DownloadError(`Downloading ${printable(this.url)} failed: ${String(error)}`, undefined, { cause: error }));
    }
    return { path, bytes: bytesDone, contentType };
  }

  /** The link and its expiry, for logs and storage. */
  toJSON(): GeneratedVideoJSON {
    return { url: this.url, expiresAt: this.expiresAt?.toISOString() };
  }

  async #open(signal: AbortSignal | undefined): Promise<Response> {
    if (this.expiresAt && this.expiresAt.getTime() <= Date.now()) {
      throw new DownloadError(
        `The link to ${printable(this.url)} expired at ${this.expiresAt.toISOString()}: result links last 24 hours after the task ends.`,
      );
    }
    let response: Response;
    try {
      response = await this.#fetch(this.url, signal ? { signal } : {});
    } catch (error) {
      throw aborted(signal, error) ?? new DownloadError(`Could not reach ${printable(this.url)}: ${String(error)}`, undefined, { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      const expired = response.status === 403 ? ' (the link may have expired)' : '';
      throw new DownloadError(`Downloading ${printable(this.url)} failed: HTTP ${response.status}${expired}.`, response.status);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!VIDEO_TYPES.test(contentType) || !response.body) {
      await response.body?.cancel();
      throw new DownloadError(`${printable(this.url)} did not answer with a video (Content-Type: ${contentType || 'none'}).`, response.status);
    }
    return response;
  }
}

/**
 * Where the OpenClaw provider keeps the id of each running task, by request, so that the same
 * request after a gateway restart resumes the task instead of paying for another.
 *
 * @module
 */
/**
 * Task ids by request key. The provider sets a key the moment the service created the task,
 * reads it before submitting the same request again, and deletes it once the task ended (a
 * success, a failure or a cancel; not a timeout or an abort, which leave the task running). Keep it
 * somewhere that survives a restart (a file, a database); tasks live 24 hours on the service.
 *
 * @example
 * ```ts
 * import type { OpenClawTaskStore } from 'modelstudio-video/openclaw';
 *
 * const ids = new Map<string, string>();
 * const store: OpenClawTaskStore = {
 *   get: (key) => ids.get(key),
 *   set: (key, taskId) => void ids.set(key, taskId),
 *   delete: (key) => void ids.delete(key),
 * };
 * ```
 */
export interface OpenClawTaskStore {
  /** The task id saved under `key`, if any. */
  get(key: string): Promise<string | undefined> | string | undefined;
  /** Saves `taskId` under `key`. */
  set(key: string, taskId: string): Promise<void> | void;
  /** Forgets `key`; without it, ended tasks stay (and are found ended, then replaced). */
  delete?(key: string): Promise<void> | void;
}

/** A store in memory: it resumes a task across provider instances of one process, not across a restart. */
export function createMemoryTaskStore(): OpenClawTaskStore {
  const ids = new Map<string, string>();
  return {
    get: (key) => ids.get(key),
    set: (key, taskId) => void ids.set(key, taskId),
    delete: (key) => void ids.delete(key),
  };
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function sha256(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** `value` with keys sorted and bytes replaced by their hash, ready for a stable JSON text. */
async function normalized(value: unknown): Promise<unknown> {
  if (value instanceof Uint8Array) return { sha256: await sha256(value) };
  if (Array.isArray(value)) return Promise.all(value.map(normalized));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    // Bytes inputs: the content and type decide the task, not the file name.
    const keys = Object.keys(record).filter((key) => !(key === 'fileName' && record.data instanceof Uint8Array)).sort();
    const entries = await Promise.all(keys.filter((key) => record[key] !== undefined).map(async (key) => [key, await normalized(record[key])] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * The key of a request: a SHA-256 of the service (base URL, workspace), the SDK mode, and the
 * request with its options in a stable order and every buffer replaced by its hash. The same
 * model, options and inputs give the same key.
 */
export async function requestKey(service: { readonly baseUrl: string; readonly workspace: string | undefined }, mode: string, request: unknown): Promise<string> {
  const text = JSON.stringify(await normalized({ version: 1, baseUrl: service.baseUrl, workspace: service.workspace, mode, request }));
  return `modelstudio-video:openclaw:${await sha256(text)}`;
}

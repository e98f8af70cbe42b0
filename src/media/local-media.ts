/**
 * Local media inputs: files by path, `Blob`s and bytes. Validation turns each into a
 * {@link LocalMedia}; before the submit it becomes an `oss://` upload or a `data:` URI.
 *
 * @module
 */
import { nodeFs } from '../core/node-builtins.ts';

/** A file on disk (Node, Bun, Deno). */
export interface FileInput {
  /** The file's path. */
  readonly path: string;
  /** Its MIME type; by default read from the extension. */
  readonly mimeType?: string | undefined;
}

/** Bytes in memory, with the name and type the service needs. */
export interface BytesInput {
  /** The content. */
  readonly data: Uint8Array;
  /** A file name, such as `frame.png`. */
  readonly fileName: string;
  /** Its MIME type, such as `image/png`. */
  readonly mimeType: string;
}

/**
 * Any media input: a URL (`https://`, `oss://`, `data:`), a `URL`, a file path (`{ path }`), a
 * `Blob` or `File`, or bytes (`{ data, fileName, mimeType }`). Non-URL inputs are sent inline as a
 * `data:` URI or uploaded to the service's temporary storage, per the `upload` option.
 */
export type MediaInput = string | URL | FileInput | Blob | BytesInput;

/** The kind of a media input, which decides its caps. */
export type MediaKind = 'image' | 'video' | 'audio';

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  bmp: 'image/bmp',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
};

/** The MIME type of a file name from its extension, if known. */
export function mimeTypeOf(fileName: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension ? EXTENSION_TYPES[extension] : undefined;
}

/** The file extension of a MIME type, with its dot: `.jpg`, `.mov`, `.mp3`; else the subtype (`.gif`). */
export function extensionFor(mimeType: string): string {
  const type = mimeType.toLowerCase();
  // The types accepted under a second name, then the first extension of each known type.
  const known = type === 'audio/x-wav' ? 'wav' : type === 'audio/mp3' ? 'mp3' : Object.keys(EXTENSION_TYPES).find((key) => EXTENSION_TYPES[key] === type);
  const sub = type.split('/')[1];
  return known ? `.${known}` : sub ? `.${sub}` : '';
}

/** The kind of a MIME type, if it is media. */
export function kindOfMimeType(mimeType: string): MediaKind | undefined {
  const top = mimeType.split('/')[0];
  return top === 'image' || top === 'video' || top === 'audio' ? top : undefined;
}

/** A local input, checked and waiting to be read and sent. */
export class LocalMedia {
  /** What it is. */
  readonly kind: MediaKind;
  /** Its MIME type. */
  readonly mimeType: string;
  /** The name it is uploaded under. */
  readonly fileName: string;
  /** The size when known before reading (bytes and Blobs). */
  readonly size: number | undefined;
  /** The largest size the model accepts for this input. */
  readonly maxBytes: number;
  /** The length in seconds of a video or audio input held in memory, where its header tells. */
  readonly seconds: number | undefined;
  /** The path of a file input as given (`./frames/first.png`), which its messages name; `undefined` for bytes and Blobs. */
  readonly path: string | undefined;
  readonly #read: () => Promise<Uint8Array>;

  /** @internal Made by validation. */
  constructor(
    kind: MediaKind,
    mimeType: string,
    fileName: string,
    size: number | undefined,
    maxBytes: number,
    read: () => Promise<Uint8Array>,
    seconds?: number,
    path?: string,
  ) {
    this.kind = kind;
    this.mimeType = mimeType;
    this.fileName = fileName;
    this.size = size;
    this.maxBytes = maxBytes;
    this.seconds = seconds;
    this.path = path;
    this.#read = read;
  }

  /** The bytes. Files are read only now, at submit time. */
  read(): Promise<Uint8Array> {
    return this.#read();
  }

  /** Never serialized as is: it is replaced by a URL before sending. */
  toJSON(): string {
    return `[local ${this.kind} ${this.fileName}]`;
  }
}

/** File system error codes a person can act on, in words. */
const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

/**
 * Why a local input could not be read, in words (`no such file`) where the file system's code says;
 * else the error's own message.
 */
export function readFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? READ_FAILURES[code] : undefined;
  return known ?? (error instanceof Error ? error.message : String(error));
}

/** Reads a file by path with the runtime's file system, loaded only when needed. */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await nodeFs();
  return new Uint8Array(await readFile(path));
}

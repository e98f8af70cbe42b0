/**
 * Temporary storage for local files (docs/protocol.md §7): the upload policy endpoint and the
 * OSS-style multipart POST that it authorizes.
 *
 * @module
 */
import { ruleOf } from '../rulebook/models.ts';
import { json, newId, serviceError } from '../wire.ts';

/** An uploaded object. */
export interface StoredUpload {
  /** The bytes as received. */
  readonly bytes: Uint8Array;
  /** The file's content type as sent in the form. */
  readonly contentType: string;
  /** The file name as sent in the form. */
  readonly fileName: string;
  /** Upload time, by the simulator's clock. */
  readonly uploadedAt: number;
}

interface IssuedPolicy {
  readonly uploadDir: string;
  readonly expiresAt: number;
  readonly signature: string;
}

/** Objects live 48 hours (docs/protocol.md §7). */
const UPLOAD_TTL_MS = 48 * 60 * 60 * 1000;
const POLICY_TTL_S = 300;
const MAX_FILE_SIZE_MB = 100;

function ossError(status: number, code: string, message: string): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${newId()}</RequestId></Error>`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });
}

/** The simulated temporary storage. */
export class UploadStore {
  readonly #policies = new Map<string, IssuedPolicy>();
  readonly #objects = new Map<string, StoredUpload>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The stored object under `key`, while it has not expired. */
  get(key: string): StoredUpload | undefined {
    const object = this.#objects.get(key);
    return object && this.#now() - object.uploadedAt < UPLOAD_TTL_MS ? object : undefined;
  }

  /** Every stored key. */
  keys(): string[] {
    return [...this.#objects.keys()];
  }

  /** `GET /api/v1/uploads?action=getPolicy&model=...` */
  policy(query: URLSearchParams, origin: string): Response {
    if (query.get('action') !== 'getPolicy') return serviceError(400, 'InvalidParameter', 'action must be getPolicy');
    const model = query.get('model');
    if (!model) return serviceError(400, 'InvalidParameter', 'Field required: model');
    // The service gives policies for the models it knows (docs/protocol.md §7); the rulebook says which.
    if (ruleOf(model) === undefined) return serviceError(404, 'ModelNotFound', `Model not exist: ${model}`);
    const expiresAt = this.#now() + POLICY_TTL_S * 1000;
    const uploadDir = `dashscope-instant/${newId().replaceAll('-', '')}/${new Date(this.#now()).toISOString().slice(0, 10)}/${newId().slice(0, 8)}`;
    const policy = btoa(
      JSON.stringify({
        expiration: new Date(expiresAt).toISOString(),
        conditions: [['content-length-range', 0, MAX_FILE_SIZE_MB * 1024 * 1024], ['starts-with', '$key', uploadDir]],
      }),
    );
    const signature = btoa(`${policy}:${uploadDir}`).slice(0, 28);
    this.#policies.set(policy, { uploadDir, expiresAt, signature });
    return json({
      request_id: newId(),
      data: {
        policy,
        signature,
        upload_dir: uploadDir,
        upload_host: `${origin}/oss-upload`,
        expire_in_seconds: POLICY_TTL_S,
        max_file_size_mb: MAX_FILE_SIZE_MB,
        capacity_limit_mb: 999_999,
        oss_access_key_id: 'SIMULATOR-OSS-KEY',
        x_oss_object_acl: 'private',
        x_oss_forbid_overwrite: 'true',
      },
    });
  }

  /** `POST {upload_host}` as multipart/form-data, checked like OSS checks a post policy. */
  async upload(request: Request): Promise<Response> {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return ossError(400, 'InvalidArgument', 'The body is not multipart/form-data.');
    }
    // OSS reads the form in order and ignores whatever follows the file, so fields sent after it
    // count as missing.
    const fields = new Map<string, string>();
    let file: FormDataEntryValue | undefined;
    for (const [name, value] of form) {
      if (name === 'file') {
        file = value;
        break;
      }
      if (typeof value === 'string') fields.set(name, value);
    }
    const field = (name: string) => fields.get(name);
    const policy = this.#policies.get(field('policy') ?? '');
    if (!policy) return ossError(403, 'AccessDenied', 'Invalid according to Policy: policy is unknown.');
    if (field('OSSAccessKeyId') !== 'SIMULATOR-OSS-KEY') return ossError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist.');
    if (field('Signature') !== policy.signature) return ossError(403, 'SignatureDoesNotMatch', 'The request signature does not match.');
    if (this.#now() > policy.expiresAt) return ossError(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    const key = field('key');
    if (!key || !key.startsWith(`${policy.uploadDir}/`)) return ossError(403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", ...]');
    if (!(file instanceof Blob)) return ossError(400, 'InvalidArgument', 'The form has no file field.');
    if (file.size > MAX_FILE_SIZE_MB * 1024 * 1024) return ossError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    if (field('x-oss-forbid-overwrite') === 'true' && this.#objects.has(key)) return ossError(409, 'FileAlreadyExists', 'The object you specified already exists.');
    this.#objects.set(key, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      contentType: file.type || 'application/octet-stream',
      fileName: file instanceof File ? file.name : key.split('/').at(-1) ?? key,
      uploadedAt: this.#now(),
    });
    const status = Number(field('success_action_status') ?? 204);
    return new Response(null, { status: status === 200 || status === 201 ? status : 204 });
  }
}

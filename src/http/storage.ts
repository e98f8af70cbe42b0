/**
 * The service's temporary storage (docs/protocol.md §7): the upload policy of a model, and the
 * OSS-style multipart POST it authorizes. The POST goes to another host and carries no API key.
 *
 * @module
 */
import { z } from 'zod';
import { APIError, ConnectionError } from '../core/errors.ts';

/** `GET /api/v1/uploads?action=getPolicy` → `data`. */
const uploadPolicy = z.looseObject({
  policy: z.string(),
  signature: z.string(),
  upload_dir: z.string(),
  upload_host: z.string(),
  oss_access_key_id: z.string(),
  x_oss_object_acl: z.string().optional(),
  x_oss_forbid_overwrite: z.string().optional(),
  expire_in_seconds: z.number().optional(),
  max_file_size_mb: z.number().optional(),
});

/** An upload policy as parsed. */
export type UploadPolicy = z.output<typeof uploadPolicy>;

/** The answer to the policy request. */
export const uploadPolicyAnswer = z.looseObject({ request_id: z.string().optional(), data: uploadPolicy });

/**
 * Posts one file under `key` as the policy allows, fields in the order OSS reads them and the file
 * last (OSS ignores fields after it). Returns the `oss://` URL of the object.
 */
export async function postToStorage(
  fetchImpl: typeof globalThis.fetch,
  policy: UploadPolicy,
  key: string,
  file: { readonly bytes: Uint8Array; readonly mimeType: string; readonly fileName: string },
  signal?: AbortSignal,
): Promise<string> {
  const form = new FormData();
  form.append('OSSAccessKeyId', policy.oss_access_key_id);
  form.append('Signature', policy.signature);
  form.append('policy', policy.policy);
  form.append('x-oss-object-acl', policy.x_oss_object_acl ?? 'private');
  form.append('x-oss-forbid-overwrite', policy.x_oss_forbid_overwrite ?? 'true');
  form.append('key', key);
  form.append('success_action_status', '200');
  form.append('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }), file.fileName);
  let response: Response;
  try {
    response = await fetchImpl(policy.upload_host, { method: 'POST', body: form, ...(signal && { signal }) });
  } catch (error) {
    throw new ConnectionError(`Uploading ${file.fileName} could not reach the storage host: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]+)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
    throw new APIError(`Uploading ${file.fileName} failed: HTTP ${response.status}${code ? ` ${code}` : ''}: ${message}`, { status: response.status, code });
  }
  await response.body?.cancel();
  return `oss://${key}`;
}

/**
 * Serves result videos from signed links, with `Content-Length` and byte ranges, like OSS.
 *
 * @module
 */
import { sampleVideoBytes } from '../sample-video.ts';
import { linkSignature } from './task-routes.ts';

function ossDenied(status: number, code: string, message: string): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });
}

/** `GET /videos/{taskId}.mp4?Expires=...&Signature=...`, honouring `Range: bytes=a-b`. */
export function serveVideo(request: Request, taskId: string, now: number, exists: (taskId: string) => boolean): Response {
  const query = new URL(request.url).searchParams;
  const expires = Number(query.get('Expires'));
  if (!Number.isInteger(expires) || query.get('Signature') !== linkSignature(taskId, expires) || !exists(taskId)) {
    return ossDenied(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  if (now / 1000 > expires) return ossDenied(403, 'AccessDenied', 'Request has expired.');
  const bytes = sampleVideoBytes();
  const headers: Record<string, string> = {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    etag: '"simulator-sample-video"',
  };
  const range = request.headers.get('range');
  if (!range) {
    return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers: { ...headers, 'content-length': String(bytes.length) } });
  }
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  const size = bytes.length;
  let start = match?.[1] ? Number(match[1]) : undefined;
  let end = match?.[2] ? Number(match[2]) : undefined;
  // A Range this server does not understand, or one ending before it starts, is ignored (RFC 9110 §14.2).
  if (!match || (start === undefined && end === undefined) || (start !== undefined && end !== undefined && end < start)) {
    return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers: { ...headers, 'content-length': String(bytes.length) } });
  }
  if (start === undefined && end !== undefined) {
    start = end === 0 ? size : Math.max(0, size - end); // suffix range: the last `end` bytes
    end = size - 1;
  }
  if (start === undefined || start >= size) {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  }
  const last = Math.min(end ?? size - 1, size - 1);
  const part = bytes.subarray(start, last + 1);
  return new Response(request.method === 'HEAD' ? null : part, {
    status: 206,
    headers: { ...headers, 'content-length': String(part.length), 'content-range': `bytes ${start}-${last}/${size}` },
  });
}

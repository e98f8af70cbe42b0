/**
 * Serves result videos from signed links, with `Content-Length` and byte ranges, like OSS. Each
 * task's video has the size, length and frame rate its submit body asked for (`../video/`).
 *
 * @module
 */
import { outputDefaultsOf } from '../rulebook/defaults.ts';
import type { SimulatedTask } from '../task-store.ts';
import { generateVideo, videoShapeOf, type VideoShape } from '../video/index.ts';
import { linkSignature } from './task-routes.ts';

function ossDenied(status: number, code: string, message: string): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });
}

/**
 * The shape of the video the simulator serves for `task`: what its submit body asks for
 * (`videoShapeOf`), an input the output follows read from the task's uploads.
 *
 * @example
 * ```ts
 * import { createSimulator, videoShapeOfTask } from 'modelstudio-video/testing';
 *
 * const sim = createSimulator();
 * for (const task of sim.tasks.all()) console.log(task.taskId, videoShapeOfTask(task));
 * ```
 */
export function videoShapeOfTask(task: Pick<SimulatedTask, 'body' | 'uploads'>): Required<VideoShape> {
  // The model's own defaults (the rulebook's), so that a body with no shape gets the video its usage bills.
  const model = typeof task.body.model === 'string' ? task.body.model : '';
  return videoShapeOf(task.body, outputDefaultsOf(model), (url) => task.uploads.get(url));
}

/**
 * The MP4 the simulator serves at the `video_url` of `task` once it succeeded: the video of
 * {@link videoShapeOfTask}, the same bytes every time.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createSimulator, videoOfTask } from 'modelstudio-video/testing';
 *
 * const sim = createSimulator({ speed: 100 });
 * const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch });
 * await client.textToVideo({ prompt: 'A fox', resolution: '720P', duration: 5 });
 * console.log(videoOfTask(sim.tasks.all()[0]!).byteLength); // 1280x720, 5 s
 * ```
 */
export function videoOfTask(task: Pick<SimulatedTask, 'body' | 'uploads'>): Uint8Array<ArrayBuffer> {
  return generateVideo(videoShapeOfTask(task));
}

/**
 * `GET /videos/{taskId}.mp4?Expires=...&Signature=...`, honouring `Range: bytes=a-b`: the video of
 * the task that `find` returns ({@link videoOfTask}).
 */
export function serveVideo(request: Request, taskId: string, now: number, find: (taskId: string) => SimulatedTask | undefined): Response {
  const query = new URL(request.url).searchParams;
  const expires = Number(query.get('Expires'));
  const task = find(taskId);
  if (!Number.isInteger(expires) || query.get('Signature') !== linkSignature(taskId, expires) || !task) {
    return ossDenied(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  if (now / 1000 > expires) return ossDenied(403, 'AccessDenied', 'Request has expired.');
  const shape = videoShapeOfTask(task);
  const bytes = generateVideo(shape);
  const headers: Record<string, string> = {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    // The bytes depend on the shape alone: equal shapes, equal tags.
    etag: `"simulator-${shape.width}x${shape.height}-${shape.seconds}s-${shape.fps}fps"`,
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

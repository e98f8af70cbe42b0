import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, DownloadError, type VideoResult } from 'modelstudio-video';
import { sampleVideoBytes, videoOfTask, type Simulator } from 'modelstudio-video/testing';
import { describeMp4 } from '../helpers/mp4.ts';
import { simulatedClient } from '../helpers/simulated-client.ts';

let dir: string;
let seen: Request[];
let sim: Simulator;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msv-download-'));
  seen = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A finished task from the simulator (kept in `sim`), with a fetch that records and can be swapped per test. */
async function finishedTask(override?: (request: Request) => Promise<Response> | undefined): Promise<VideoResult> {
  const made = simulatedClient({ speed: 1000 }, {
    polling: { initialIntervalMs: 20, maxIntervalMs: 20 },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return (await override?.(request)) ?? made.sim.handle(request);
    },
  });
  sim = made.sim;
  return made.client.textToVideo({ prompt: 'A fox in snow' });
}

/** The video the simulator serves for the task of {@link finishedTask}: 720P 16:9, 5 s, its defaults. */
function servedVideo(): Uint8Array {
  const [task] = sim.tasks.all();
  if (!task) throw new Error('no task was submitted');
  return videoOfTask(task);
}

const isVideo = (request: Request) => new URL(request.url).pathname.startsWith('/videos/');

describe('download', () => {
  it('streams the MP4 to disk, reports progress up to the total, and leaves no temporary file', async () => {
    const result = await finishedTask();
    const progress: [number, number | undefined][] = [];
    const target = join(dir, 'nested', 'folder', 'fox.mp4');
    const file = await result.videos[0].download(target, { onProgress: (p) => progress.push([p.bytesDone, p.bytesTotal]) });

    const expected = servedVideo();
    expect(file).toEqual({ path: target, bytes: expected.length, contentType: 'video/mp4' });
    const written = new Uint8Array(await readFile(target));
    expect(written).toEqual(expected);
    expect(describeMp4(written).tracks.map((t) => t.handler)).toEqual(['vide']);
    expect(progress.at(-1)).toEqual([expected.length, expected.length]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(await readdir(join(dir, 'nested', 'folder'))).toEqual(['fox.mp4']);
  });

  it('never sends the API key to the video host', async () => {
    const result = await finishedTask();
    await result.videos[0].download(join(dir, 'fox.mp4'));
    const videoRequests = seen.filter(isVideo);
    expect(videoRequests).toHaveLength(1);
    expect(videoRequests[0]?.headers.get('authorization')).toBeNull();
  });

  it('refuses an expired link without a request', async () => {
    const result = await finishedTask();
    // A day and an hour later, by the local clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 25 * 3_600_000);
    try {
      await expect(result.videos[0].download(join(dir, 'late.mp4'))).rejects.toThrow(/expired at .*result links last 24 hours/);
    } finally {
      vi.useRealTimers();
    }
    expect(seen.filter(isVideo)).toHaveLength(0);
  });

  it('reports an HTTP error with its status and writes nothing', async () => {
    const result = await finishedTask((request) => (isVideo(request) ? Promise.resolve(new Response('<Error/>', { status: 403 })) : undefined));
    const error = await result.videos[0].download(join(dir, 'x.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ status: 403 });
    expect((error as Error).message).toMatch(/HTTP 403 \(the link may have expired\)/);
    expect((error as Error).message).not.toContain('Signature=');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an answer that is not a video', async () => {
    const result = await finishedTask((request) =>
      isVideo(request) ? Promise.resolve(new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } })) : undefined,
    );
    await expect(result.videos[0].download(join(dir, 'x.mp4'))).rejects.toThrow(/did not answer with a video \(Content-Type: text\/html\)/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('detects a truncated body against Content-Length and keeps neither the file nor the temporary file', async () => {
    const result = await finishedTask((request) => {
      if (!isVideo(request)) return undefined;
      const half = sampleVideoBytes().subarray(0, 1000);
      return Promise.resolve(new Response(half, { headers: { 'content-type': 'video/mp4', 'content-length': String(sampleVideoBytes().length) } }));
    });
    const error = await result.videos[0].download(join(dir, 'x.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/ended after 1000 of 34122 bytes/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('aborts mid-stream with AbortError and removes the partial file', async () => {
    const controller = new AbortController();
    const result = await finishedTask((request) => {
      if (!isVideo(request)) return undefined;
      const bytes = sampleVideoBytes();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(stream) {
          if (request.signal.aborted) return stream.error(request.signal.reason);
          if (sent >= bytes.length) return stream.close();
          stream.enqueue(bytes.subarray(sent, sent + 4096));
          sent += 4096;
          if (sent >= 8192) controller.abort();
        },
      });
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'video/mp4', 'content-length': String(bytes.length) } }));
    });
    const error = await result.videos[0].download(join(dir, 'x.mp4'), { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('fetchVideo', () => {
  it('returns a web ReadableStream of the MP4 for runtimes without a file system', async () => {
    const result = await finishedTask();
    const stream = await result.videos[0].fetchVideo();
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(bytes).toEqual(servedVideo());
    expect(describeMp4(bytes).hasMoov).toBe(true);
  });

  it('serializes to its link and expiry', async () => {
    const result = await finishedTask();
    const json = JSON.parse(JSON.stringify(result.videos[0])) as { url: string; expiresAt: string };
    expect(json.url).toBe(result.videos[0].url);
    expect(json.expiresAt).toBe(result.videos[0].expiresAt?.toISOString());
  });
});

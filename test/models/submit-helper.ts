/**
 * Helpers shared by the model tests: a client that never polls within a test, and a way to run one
 * submit and read what left. Polling timers are faked by the callers, so a handle left pending at
 * the end of a test makes no further request.
 */
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { expect, vi } from 'vitest';
import { ModelStudioClient, type ModelStudioClientOptions, type VideoTask } from 'modelstudio-video';
import { SUBMIT_URL, TEST_KEY, type RecordedRequest } from '../helpers/msw.ts';

/** A poll interval far beyond any test: after the submit, the handle stays quiet. */
const NO_POLLING = { initialIntervalMs: 3_600_000, timeoutMs: 7_200_000 } as const;

/** A client with a test key whose tasks never poll during a test. */
export function quietClient(options: ModelStudioClientOptions = {}): ModelStudioClient {
  return new ModelStudioClient({ apiKey: TEST_KEY, polling: NO_POLLING, maxRetries: 0, ...options });
}

/** Answers every submit at `url` with a PENDING task. */
export function acceptSubmits(server: SetupServer, url: string = SUBMIT_URL): void {
  server.use(
    http.post(url, () => HttpResponse.json({ output: { task_id: 'task-1', task_status: 'PENDING' }, request_id: 'req-1' })),
  );
}

/** Waits until `task` was submitted, and returns the one request that left. */
export async function submitOf(task: VideoTask, requests: readonly RecordedRequest[]): Promise<RecordedRequest> {
  await new Promise<void>((resolve, reject) => {
    task.once('submitted', () => resolve());
    task.once('failed', reject);
  });
  await vi.waitFor(() => expect(requests).toHaveLength(1));
  const [request] = requests;
  if (!request) throw new Error('no request recorded');
  return request;
}

/** Lets queued microtasks and zero-delay timers run (real timers), so that a stray request would be recorded. */
export async function flush(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

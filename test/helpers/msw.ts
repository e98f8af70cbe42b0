/**
 * An msw server per test file: an unexpected request fails the test (msw 3 calls it an unhandled frame), handlers reset after each
 * test, and every request that left is recorded with its body for assertions.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const BASE_URL = 'https://dashscope-intl.aliyuncs.com';
export const SUBMIT_URL = `${BASE_URL}/api/v1/services/aigc/video-generation/video-synthesis`;
export const TEST_KEY = 'sk-test-0123456789abcdef';

/** A request as it left the SDK. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Starts msw for this file and returns the server and the live list of recorded requests. */
export function useMsw() {
  const server = setupServer();
  const requests: RecordedRequest[] = [];
  server.events.on('request:start', async ({ request }) => {
    const text = await request.clone().text();
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: text ? JSON.parse(text) : undefined,
    });
  });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { server, requests };
}

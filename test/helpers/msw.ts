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
  server.events.on('request:start', ({ request }) => {
    // Recorded at once, so that the count is right even when the answer is a network error; the
    // body is filled in when read.
    const record: { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] } = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: undefined,
    };
    requests.push(record);
    void request
      .clone()
      .text()
      .then((text) => {
        record.body = text ? (JSON.parse(text) as unknown) : undefined;
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

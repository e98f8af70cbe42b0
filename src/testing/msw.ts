/**
 * The simulator as msw handlers, for suites that already use msw: `setupServer(...simulatorHandlers(sim))`.
 * A separate entry (`modelstudio-video/testing/msw`), so the rest of the testing entry works
 * without msw installed.
 *
 * @module
 */
import { http, HttpResponse } from 'msw';
import type { Simulator } from './simulator.ts';

/**
 * msw handlers that answer every request to the simulator's `baseUrl` (and its video links) from
 * the simulator; a dropped-connection fault becomes msw's network error.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createSimulator } from 'modelstudio-video/testing';
 * import { simulatorHandlers } from 'modelstudio-video/testing/msw';
 *
 * const sim = createSimulator({ baseUrl: 'https://dashscope-intl.aliyuncs.com' });
 * const server = setupServer(...simulatorHandlers(sim));
 * server.listen();
 * ```
 */
export function simulatorHandlers(simulator: Simulator) {
  return [
    http.all(`${simulator.baseUrl}/*`, async ({ request }) => {
      try {
        return await simulator.handle(request);
      } catch {
        return HttpResponse.error();
      }
    }),
  ];
}

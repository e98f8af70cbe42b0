/**
 * A client wired to an in-process simulator, under vitest's fake timers (started at a fixed date
 * before each test, real timers restored after): the simulator's default clock follows them.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { ModelStudioClient, type ModelStudioClientOptions } from 'modelstudio-video';
import { createSimulator, type Simulator, type SimulatorOptions } from 'modelstudio-video/testing';

/**
 * Installs the fake clock for the tests of this file (or of the `describe` it is called in),
 * starting at `now`: a file whose canned service answers carry other times passes its own.
 */
export function useFakeClock(now: Date = new Date('2026-01-09T03:00:00Z')): void {
  beforeEach(() => {
    vi.useFakeTimers({ now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/**
 * A new simulator and a client that talks to it in process: `clientOptions` go over the
 * simulator's `apiKey`, `baseUrl` and `fetch` (a recording `fetch` ends in `sim.handle`).
 */
export function simulatedClient(
  simulatorOptions: SimulatorOptions = {},
  clientOptions: Partial<ModelStudioClientOptions> = {},
): { sim: Simulator; client: ModelStudioClient } {
  const sim = createSimulator(simulatorOptions);
  return { sim, client: new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, ...clientOptions }) };
}

/**
 * A client wired to an in-process simulator, under vitest's fake timers (started at a fixed date
 * before each test, real timers restored after): the simulator's default clock follows them.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { ModelStudioClient } from 'modelstudio-video';
import { createSimulator, type Simulator, type SimulatorOptions } from 'modelstudio-video/testing';

/** Installs the fake clock for this file's tests. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-09T03:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** A new simulator and a client that talks to it in process. */
export function simulatedClient(options: SimulatorOptions = {}): { sim: Simulator; client: ModelStudioClient } {
  const sim = createSimulator(options);
  return { sim, client: new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch }) };
}

/**
 * The AI SDK tests' set-up: a simulator at speed 1000 (a task takes tens of milliseconds), a
 * provider whose client talks to it, and a `download` for the AI SDK, which refuses to fetch from
 * the simulator's `.invalid` host itself.
 */
import { readFileSync } from 'node:fs';
import type { ModelStudioClientOptions } from 'modelstudio-video';
import { createModelStudio, type ModelStudioProvider } from 'modelstudio-video/ai-sdk';
import { createSimulator, type SimulatedTask, type Simulator, type SimulatorOptions } from 'modelstudio-video/testing';

// The AI SDK logs warnings with process.emitWarning; the tests read them from the results.
(globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;

/** A real PNG (3 kB), as bytes. */
export const PNG = new Uint8Array(readFileSync(new URL('../../examples/assets/lighthouse.png', import.meta.url)));

/** A simulator and a provider on it. */
export interface Rig {
  readonly sim: Simulator;
  readonly provider: ModelStudioProvider;
  /** The AI SDK's `download` option, through the simulator. */
  readonly download: (options: { url: URL; abortSignal?: AbortSignal }) => Promise<{ data: Uint8Array; mediaType: string | undefined }>;
  /** The only task the simulator holds. */
  readonly task: () => SimulatedTask;
}

/** A simulator at speed 1000 and an intl provider polling every 50 ms. */
export function rig(options: { sim?: SimulatorOptions; client?: Partial<ModelStudioClientOptions> } = {}): Rig {
  const sim = createSimulator({ speed: 1000, ...options.sim });
  const provider = createModelStudio({
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
    region: 'intl',
    polling: { initialIntervalMs: 50 },
    ...options.client,
  });
  return {
    sim,
    provider,
    download: async ({ url, abortSignal }) => {
      const response = await sim.fetch(url, { signal: abortSignal ?? null });
      if (!response.ok) throw new Error(`download failed: ${response.status}`);
      return { data: new Uint8Array(await response.arrayBuffer()), mediaType: response.headers.get('content-type') ?? undefined };
    },
    task: () => {
      const tasks = sim.tasks.all();
      if (tasks.length !== 1) throw new Error(`expected 1 task, the simulator holds ${tasks.length}`);
      return tasks[0] as SimulatedTask;
    },
  };
}

/** The `input` and `parameters` of a task's body. */
export function bodyOf(task: SimulatedTask): { input: Record<string, unknown>; parameters: Record<string, unknown> } {
  return {
    input: (task.body.input ?? {}) as Record<string, unknown>,
    parameters: (task.body.parameters ?? {}) as Record<string, unknown>,
  };
}

/** The `media[]` of a media-family body, as `type url` pairs. */
export function mediaOf(task: SimulatedTask): { type: string; url: string }[] {
  return ((bodyOf(task).input.media ?? []) as { type: string; url: string }[]).map(({ type, url }) => ({ type, url }));
}

/**
 * The client's telemetry: its tracer and metric instruments, created once the optional
 * `@opentelemetry/api` peer has loaded. Every method is a no-op before that, and without the peer.
 * The names are listed in ./task-span.ts.
 *
 * @module
 */
import { loadOtel, otelRegistered } from './load.ts';
import { createInstruments, type Instruments, type TaskTrace } from './task-span.ts';

/** One per client. */
export class Telemetry {
  #instruments: Instruments | undefined;
  #loading: Promise<void> | undefined;
  readonly #enabled: boolean;
  readonly #baseUrl: string;

  /** `enabled: false` never loads the API. */
  constructor(enabled: boolean, baseUrl: string) {
    this.#enabled = enabled;
    this.#baseUrl = baseUrl;
  }

  /**
   * What a task must await before its first span: the API's load, once a provider (or anything)
   * registered with it; `undefined`, to go on at once, when disabled, loaded or unregistered.
   */
  ready(): Promise<void> | undefined {
    if (!this.#enabled || this.#instruments || !otelRegistered()) return undefined;
    this.#loading ??= loadOtel().then((otel) => {
      if (otel) this.#instruments = createInstruments(otel, new URL(this.#baseUrl).hostname);
    });
    return this.#loading;
  }

  /** Counts a 429 answer. */
  status(status: number, method: string): void {
    if (status === 429) this.#instruments?.throttled.add(1, { 'http.request.method': method, 'http.response.status_code': 429 });
  }

  /** Starts a task span, or `undefined` without the API. */
  task(model: string | undefined, mode: string | undefined, startedAt: number): TaskTrace | undefined {
    return this.#instruments?.task(model, mode, startedAt);
  }
}

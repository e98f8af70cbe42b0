/**
 * Loads the optional `@opentelemetry/api` peer, once per process.
 *
 * @module
 */
import type * as OtelApi from '@opentelemetry/api';

/** The OpenTelemetry API module. */
export type Otel = typeof OtelApi;

let loading: Promise<Otel | undefined> | undefined;

/**
 * Whether anything registered with the API (1.x keeps its globals under this symbol). Without it
 * there is no provider to report to, so the API need not even be loaded: tasks start at once.
 */
export function otelRegistered(): boolean {
  return (globalThis as Record<symbol, unknown>)[Symbol.for('opentelemetry.js.api.1')] !== undefined;
}

/**
 * The API, or `undefined` when it is not installed. The specifier is not a literal so that bundlers
 * leave the optional peer out of the core entry instead of failing to resolve it.
 */
export function loadOtel(): Promise<Otel | undefined> {
  const name = '@opentelemetry/api';
  loading ??= import(/* webpackIgnore: true */ /* @vite-ignore */ name).then(
    (module: Otel & { default?: Otel }) => (module.trace ? module : module.default),
    () => undefined,
  );
  return loading;
}

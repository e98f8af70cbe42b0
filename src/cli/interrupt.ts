/**
 * Ctrl+C while a command waits: the first SIGINT (or SIGTERM) stops the wait cleanly, so the
 * command can say which task keeps running; a second one exits at once.
 *
 * @module
 */

/** A signal that fires on SIGINT or SIGTERM, until disposed. */
export interface Interrupt {
  /** Aborts on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Stops listening; the default handlers apply again. */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM. */
export function onInterrupt(): Interrupt {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`Interrupted by ${signal}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

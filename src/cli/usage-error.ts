/**
 * The command line was wrong: a missing argument, flags that do not go together. Nothing was sent.
 * Errors of the request itself are the SDK's `ValidationError`.
 *
 * @module
 */

/** A bad command line; exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

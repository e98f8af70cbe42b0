/**
 * The client of a command, configured by the environment like the SDK (`MODELSTUDIO_API_KEY`,
 * `MODELSTUDIO_BASE_URL`, ...). Loaded on demand, so `--help` and `--version` stay quick.
 *
 * @module
 */
import { API_KEY_ENV_VARS } from '../core/env-vars.ts';
import type { ModelStudioClient } from '../client/client.ts';
import { AuthenticationError } from '../core/errors.ts';

/** The client flags of the commands that talk to the service. */
export interface ClientFlags {
  /** `--debug`: one line per request on stderr. */
  readonly debug?: boolean;
  /** `--max-wait <seconds>`: how long to wait for a task in all. */
  readonly maxWait?: number;
}

/** How the command uses its client. */
export interface ConnectOptions {
  /** The client sends nothing (`--estimate`): without a key it gets a stand-in that never leaves. */
  readonly keyOptional?: boolean;
}

/** A key that is never sent: the client needs one, an estimate does not. */
const UNSENT_KEY = 'sk-estimate-only-never-sent';

/** A client from the environment and the flags. */
export async function connect(flags: ClientFlags, options: ConnectOptions = {}): Promise<ModelStudioClient> {
  const { ModelStudioClient } = await import('../client/client.ts');
  const hasKey = API_KEY_ENV_VARS.some((name) => process.env[name]?.trim());
  // The SDK's own message speaks of constructor options; a command line user sets a variable.
  if (!hasKey && options.keyOptional !== true) {
    const [first, ...others] = API_KEY_ENV_VARS;
    throw new AuthenticationError(
      `No API key: set ${first} (or ${others.join(', ')}). ` +
        'Create a key in the Model Studio console of your region; or try everything locally with `modelstudio-video simulate`.',
    );
  }
  return new ModelStudioClient({
    ...(!hasKey && { apiKey: UNSENT_KEY }),
    debug: flags.debug === true,
    ...(flags.maxWait !== undefined && { polling: { timeoutMs: flags.maxWait * 1000 } }),
  });
}

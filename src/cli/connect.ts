/**
 * The client of a command, configured by the environment like the SDK (`MODELSTUDIO_API_KEY`,
 * `MODELSTUDIO_BASE_URL`, ...). Loaded on demand, so `--help` and `--version` stay quick.
 *
 * @module
 */
import { API_KEY_ENV_VARS, REGION_ENV_VAR, WORKSPACE_ID_ENV_VAR } from '../core/env-vars.ts';
import type { ModelStudioClient } from '../client/client.ts';
import { AuthenticationError } from '../core/errors.ts';

/** The client flags of the commands that talk to the service. */
export interface ClientFlags {
  /** `--debug`: one line per request on stderr. */
  readonly debug?: boolean;
  /** `--max-wait <seconds>`: how long to wait for a task in all. */
  readonly maxWait?: number;
  /** `--region <region>`: as `MODELSTUDIO_REGION`, and winning over it. */
  readonly region?: string;
  /** `--workspace <id>`: as `MODELSTUDIO_WORKSPACE_ID`, and winning over it. */
  readonly workspace?: string;
  /** `--record <file>`: the client's `record` option. */
  readonly record?: string;
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
  // The flags act as their variables do, so that --region with MODELSTUDIO_BASE_URL (a proxy, the
  // simulator) names the region whose models and prices apply rather than replacing the host.
  const env = {
    ...process.env,
    ...(flags.region !== undefined && { [REGION_ENV_VAR]: flags.region }),
    ...(flags.workspace !== undefined && { [WORKSPACE_ID_ENV_VAR]: flags.workspace }),
  };
  return new ModelStudioClient({
    env,
    ...(!hasKey && { apiKey: UNSENT_KEY }),
    debug: flags.debug === true,
    ...(flags.record !== undefined && { record: flags.record }),
    ...(flags.maxWait !== undefined && { polling: { timeoutMs: flags.maxWait * 1000 } }),
  });
}

/**
 * `checkSetup()`: the setup check without a client, for a setup the client may refuse (no key, a
 * region it does not know); `client.checkSetup()` is the same check of a client that exists.
 *
 * @module
 */
import { isModelStudioError } from '../core/errors.ts';
import { ModelStudioClient, processEnv } from './client.ts';
import type { ModelStudioClientOptions } from './options.ts';
import { runSetupChecks } from './setup-checks.ts';
import type { CheckSetupOptions, SetupReport } from './setup-report.ts';

/**
 * Checks a setup, as `client.checkSetup()` does, without needing a client first: where the key
 * comes from (never the key), whether the region, base URL and workspace agree, whether the host
 * answers and takes the key (free requests: a GET of the task list), and which of the SDK's models
 * the region serves. Each check is ok, or a problem with the fix to make. Settings the client
 * would refuse (no key, an unknown region) are problems of the report, not errors. Nothing that
 * costs money is sent, unless `live` is set (see {@link CheckSetupOptions.live}).
 *
 * @example
 * ```ts
 * import { checkSetup } from 'modelstudio-video';
 *
 * const report = await checkSetup({ region: 'intl' });
 * for (const check of report.checks) {
 *   console.log(check.status, check.name, check.detail, check.fix ?? '');
 * }
 * if (!report.ok) process.exitCode = 1;
 * ```
 */
export async function checkSetup(clientOptions: ModelStudioClientOptions = {}, options: CheckSetupOptions = {}): Promise<SetupReport> {
  let client: ModelStudioClient;
  try {
    client = new ModelStudioClient(clientOptions);
  } catch (error) {
    // The client's own refusals are what the report explains; anything else is a bug to see.
    if (!isModelStudioError(error)) throw error;
    return runSetupChecks({ options: clientOptions, env: clientOptions.env ?? processEnv() }, undefined, error, options);
  }
  return client.checkSetup(options);
}

/**
 * The cost limits of the MCP server from the environment: `MODELSTUDIO_MAX_COST_PER_CALL` and
 * `MODELSTUDIO_MAX_COST_TOTAL`, in the currency of the client's region. No dependency on the MCP
 * SDK, so that a command can read them before loading it.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../core/errors.ts';
import { plural } from '../core/text.ts';

/** The environment variable of `maxCostPerCall`. */
export const MAX_COST_PER_CALL_ENV_VAR = 'MODELSTUDIO_MAX_COST_PER_CALL';

/** The environment variable of `maxCostTotal`. */
export const MAX_COST_TOTAL_ENV_VAR = 'MODELSTUDIO_MAX_COST_TOTAL';

/** The cost limits the environment sets; a limit not set is absent. */
export interface EnvCostLimits {
  /** From `MODELSTUDIO_MAX_COST_PER_CALL`: the most one call may cost. */
  readonly maxCostPerCall?: number;
  /** From `MODELSTUDIO_MAX_COST_TOTAL`: the most all calls may cost together. */
  readonly maxCostTotal?: number;
}

/**
 * Reads `MODELSTUDIO_MAX_COST_PER_CALL` and `MODELSTUDIO_MAX_COST_TOTAL`: each a positive number in
 * the currency of the client's region (USD in intl and us, CNY in cn); unset or blank means no
 * limit. Throws a {@link ValidationError} naming the variable for anything else.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { costLimitsFromEnv, createMcpServer } from 'modelstudio-video/mcp';
 *
 * // MODELSTUDIO_MAX_COST_PER_CALL=1 MODELSTUDIO_MAX_COST_TOTAL=10
 * const server = await createMcpServer(new ModelStudioClient(), { ...costLimitsFromEnv(process.env), wait: false });
 * ```
 */
export function costLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): EnvCostLimits {
  const issues: ValidationIssue[] = [];
  const read = (name: string): number | undefined => {
    const text = env[name]?.trim();
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (/^(\d+\.?\d*|\.\d+)$/.test(text) && Number.isFinite(value) && value > 0) return value;
    issues.push({
      path: name,
      message: `must be a positive number, in the currency of the client's region (USD in intl and us, CNY in cn), such as 2 or 0.5; got ${JSON.stringify(env[name])}`,
    });
    return undefined;
  };
  const maxCostPerCall = read(MAX_COST_PER_CALL_ENV_VAR);
  const maxCostTotal = read(MAX_COST_TOTAL_ENV_VAR);
  if (issues.length > 0) {
    // The summary names the variables: a command line may print the paths as flags.
    const names = issues.map((issue) => issue.path).join(' and ');
    throw new ValidationError(`Invalid ${names} (${plural(issues.length, 'problem')}):`, issues);
  }
  return { ...(maxCostPerCall !== undefined && { maxCostPerCall }), ...(maxCostTotal !== undefined && { maxCostTotal }) };
}

/**
 * Throws a {@link ValidationError} naming the variables when the environment sets a cost limit and
 * the client has no region to price calls in (a base URL of no known region, such as the simulator's).
 */
export function checkEnvLimitsPriced(limits: EnvCostLimits, region: string | undefined): void {
  if (region !== undefined) return;
  const names = [
    ...(limits.maxCostPerCall !== undefined ? [MAX_COST_PER_CALL_ENV_VAR] : []),
    ...(limits.maxCostTotal !== undefined ? [MAX_COST_TOTAL_ENV_VAR] : []),
  ];
  if (names.length === 0) return;
  const message = "needs prices, and the client's base URL has no known region (a proxy or the simulator): set MODELSTUDIO_REGION to intl, cn or us";
  throw new ValidationError(`Invalid ${names.join(' and ')} (${plural(names.length, 'problem')}):`, names.map((path) => ({ path, message })));
}

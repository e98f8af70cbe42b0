/**
 * `modelstudio-video/mcp`: the video tools as a Model Context Protocol server.
 *
 * @packageDocumentation
 */
export { createMcpServer, runMcpServer } from './server.ts';
export { costLimitsFromEnv, MAX_COST_PER_CALL_ENV_VAR, MAX_COST_TOTAL_ENV_VAR, type EnvCostLimits } from './env.ts';

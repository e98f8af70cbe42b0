/**
 * The environment variables the SDK reads. A module of its own, with no dependencies, so that the
 * command can name them without loading the client.
 *
 * @module
 */

/** The environment variables read for the API key, in order. */
export const API_KEY_ENV_VARS = ['MODELSTUDIO_API_KEY', 'DASHSCOPE_API_KEY', 'QWEN_API_KEY'] as const;

/** The environment variable read for the base URL when no `baseUrl` or `region` option is given. */
export const BASE_URL_ENV_VAR = 'MODELSTUDIO_BASE_URL';

/**
 * The environment variable read for the region when no `region` option is given: the host when no
 * base URL is set, and the region whose models and prices apply (for a `MODELSTUDIO_BASE_URL` of
 * no known region, such as the simulator's).
 */
export const REGION_ENV_VAR = 'MODELSTUDIO_REGION';

/**
 * The environment variable read for a workspace id when neither `baseUrl` nor `workspaceId` is
 * given: the client then talks to the workspace host `https://{id}.{regionId}.maas.aliyuncs.com`.
 */
export const WORKSPACE_ID_ENV_VAR = 'MODELSTUDIO_WORKSPACE_ID';

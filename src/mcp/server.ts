/**
 * The video tools over the Model Context Protocol: `modelstudio-video/mcp` and
 * `npx modelstudio-video mcp`. Built on the official `@modelcontextprotocol/sdk`, an optional
 * peer dependency that only this entry loads, when a server is made.
 *
 * @module
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ModelStudioClient } from '../client/client.ts';
import { ModelStudioError } from '../core/errors.ts';
import { createVideoTools, type VideoToolsOptions } from '../tools/index.ts';
import { VERSION } from '../core/version.ts';
import { checkEnvLimitsPriced, costLimitsFromEnv } from './env.ts';

/** The MCP SDK's modules this entry uses, loaded on first use so that the package installs without them. */
async function mcpSdk() {
  try {
    const [server, stdio, types] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/index.js'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
      import('@modelcontextprotocol/sdk/types.js'),
    ]);
    return { Server: server.Server, StdioServerTransport: stdio.StdioServerTransport, ...types };
  } catch (error) {
    throw new ModelStudioError(
      'modelstudio-video/mcp needs the MCP SDK, an optional peer dependency: npm install @modelcontextprotocol/sdk ' +
        '(or run the server with npx -p @modelcontextprotocol/sdk -p modelstudio-video modelstudio-video mcp)',
      { cause: error },
    );
  }
}

/**
 * An MCP server that offers `text_to_video`, `image_to_video`, `reference_to_video`, `edit_video`
 * and `get_video_task`, for the models the client's region serves. While a task runs it sends
 * `notifications/progress` (our estimate, in percent) to a client that asked for them; results
 * carry the video URL and its expiry, the call's estimated cost and the task's cost as JSON. The
 * cost limits of `options` (`maxCostPerCall`, `maxCostTotal`) refuse calls over them, with nothing sent.
 *
 * @example
 * ```ts
 * import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createMcpServer } from 'modelstudio-video/mcp';
 *
 * const server = await createMcpServer(new ModelStudioClient(), { wait: false, maxCostPerCall: 1, maxCostTotal: 10 });
 * await server.connect(new StdioServerTransport());
 * ```
 */
export async function createMcpServer(client: ModelStudioClient, options: VideoToolsOptions = {}): Promise<Server> {
  const tools = createVideoTools(client, options);
  const { Server, CallToolRequestSchema, ListToolsRequestSchema } = await mcpSdk();
  const server = new Server({ name: 'modelstudio-video', version: VERSION }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.jsonSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = tools.find((candidate) => candidate.name === request.params.name);
    if (!tool) {
      return { content: [{ type: 'text', text: `Unknown tool ${request.params.name}; the tools are ${tools.map((t) => t.name).join(', ')}.` }], isError: true };
    }
    const token = request.params._meta?.progressToken;
    const result = await tool.execute(request.params.arguments ?? {}, {
      signal: extra.signal,
      ...(token !== undefined && {
        onProgress: (event) => {
          void extra.sendNotification({
            method: 'notifications/progress',
            params: {
              progressToken: token,
              progress: Math.round(event.estimatedFraction * 100),
              total: 100,
              message: `${event.status ?? 'SUBMITTING'}, ${Math.round(event.elapsedMs / 1000)} s elapsed (progress is an estimate)`,
            },
          });
        },
      }),
    });
    return { content: [{ type: 'text', text: JSON.stringify(result) }], isError: !result.ok };
  });
  return server;
}

/**
 * Serves the tools over stdio until the input closes, with a client configured by the environment
 * (`MODELSTUDIO_API_KEY`, `MODELSTUDIO_BASE_URL`, `MODELSTUDIO_REGION`, ...), and the cost limits
 * of `MODELSTUDIO_MAX_COST_PER_CALL` and `MODELSTUDIO_MAX_COST_TOTAL` where `options` sets none
 * (see {@link costLimitsFromEnv}). Throws a `ValidationError` before serving when a limit is not a
 * positive number, or when a limit is set and the client has no region to price calls in.
 *
 * @example
 * ```ts
 * import { runMcpServer } from 'modelstudio-video/mcp';
 *
 * await runMcpServer();
 * ```
 */
export async function runMcpServer(client: ModelStudioClient = new ModelStudioClient(), options: VideoToolsOptions = {}): Promise<void> {
  const env = costLimitsFromEnv(process.env);
  const fromEnv = {
    ...(options.maxCostPerCall === undefined && env.maxCostPerCall !== undefined && { maxCostPerCall: env.maxCostPerCall }),
    ...(options.maxCostTotal === undefined && env.maxCostTotal !== undefined && { maxCostTotal: env.maxCostTotal }),
  };
  checkEnvLimitsPriced(fromEnv, client.region);
  const server = await createMcpServer(client, { ...options, ...fromEnv });
  const { StdioServerTransport } = await mcpSdk();
  await server.connect(new StdioServerTransport());
}

/**
 * The `modelstudio-video` command. For now it serves the MCP server (`modelstudio-video mcp`); the
 * full command line arrives with issue 8.
 *
 * @module
 */
import { VERSION } from '../version.ts';

const USAGE = `modelstudio-video ${VERSION}

Usage:
  modelstudio-video mcp        serve the video tools over MCP on stdio
  modelstudio-video --version

Configured by the environment: MODELSTUDIO_API_KEY (or DASHSCOPE_API_KEY, QWEN_API_KEY),
MODELSTUDIO_BASE_URL; MODELSTUDIO_MCP_WAIT=false makes the tools return task ids at once.
`;

const [command] = process.argv.slice(2);
if (command === 'mcp') {
  const { ModelStudioClient } = await import('../client.ts');
  const { runMcpServer } = await import('../mcp/server.ts');
  const wait = process.env.MODELSTUDIO_MCP_WAIT?.trim().toLowerCase() !== 'false';
  try {
    await runMcpServer(new ModelStudioClient(), { wait });
  } catch (error) {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exit(1);
  }
} else if (command === '--version' || command === '-v') {
  console.log(VERSION);
} else {
  process.stdout.write(USAGE);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

/**
 * `modelstudio-video/mcp`: the video tools as a Model Context Protocol server.
 *
 * @packageDocumentation
 */
export { createMcpServer, runMcpServer } from './server.ts';

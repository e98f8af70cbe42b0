/**
 * The MCP server as a user runs it: `modelstudio-video mcp` started as a child process, driven by
 * the official MCP client over stdio, against a simulator server.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';

const CLI = fileURLToPath(new URL('../../src/bin/cli.ts', import.meta.url));
let server: SimulatorServer;
let client: Client;
const transcript: string[] = [];

beforeAll(async () => {
  server = await startSimulatorServer({ speed: 20 });
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(MODELSTUDIO|DASHSCOPE|QWEN)_/.test(entry[0])),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--conditions=source', CLI, 'mcp'],
    env: { ...env, MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey },
    stderr: 'pipe',
  });
  client = new Client({ name: 'modelstudio-video-test', version: '1.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  console.log(`MCP transcript:\n${transcript.join('\n')}`);
});

describe('modelstudio-video mcp', () => {
  it('lists the five tools with their JSON Schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['text_to_video', 'image_to_video', 'reference_to_video', 'edit_video', 'get_video_task']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.description?.length ?? 0).toBeGreaterThan(50);
    }
    transcript.push(`tools/list: ${tools.map((t) => `${t.name} (${JSON.stringify(t.inputSchema).length} B schema)`).join(', ')}`);
  });

  it('runs text_to_video to a video, with progress notifications on the way', async () => {
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'text_to_video', arguments: { prompt: 'A red fox trotting through fresh snow', duration: 5 } },
      undefined,
      { onprogress: (event) => progress.push(event.progress), timeout: 60_000 },
    );
    expect(result.isError).toBeFalsy();
    const [content] = result.content as { type: string; text: string }[];
    const body = JSON.parse(content?.text ?? '{}') as { ok: boolean; status: string; taskId: string; videos: { url: string; expiresAt: string }[] };
    expect(body).toMatchObject({ ok: true, status: 'SUCCEEDED' });
    expect(body.videos[0]?.url).toContain(`${server.baseUrl}/videos/${body.taskId}.mp4`);
    expect(Number.isNaN(Date.parse(body.videos[0]?.expiresAt ?? ''))).toBe(false);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(JSON.stringify(result)).not.toContain(server.apiKey);
    transcript.push(`tools/call text_to_video: ${progress.length} progress notifications (${progress.join(', ')}), then ${body.status} ${body.videos[0]?.url.split('?')[0] ?? ''}`);

    const lookup = await client.callTool({ name: 'get_video_task', arguments: { task_id: body.taskId } });
    const [lookupContent] = lookup.content as { type: string; text: string }[];
    expect(JSON.parse(lookupContent?.text ?? '{}')).toMatchObject({ ok: true, status: 'SUCCEEDED', taskId: body.taskId });
    transcript.push(`tools/call get_video_task: SUCCEEDED for ${body.taskId}`);
  });

  it('answers a bad request with a readable tool error and sends nothing', async () => {
    const before = server.simulator.tasks.size;
    const result = await client.callTool({ name: 'reference_to_video', arguments: { prompt: 'character1', references: ['https://example.com/a.mp4'], duration: 12 } });
    expect(result.isError).toBe(true);
    const [content] = result.content as { type: string; text: string }[];
    expect(content?.text).toContain('duration');
    expect(server.simulator.tasks.size).toBe(before);
    transcript.push(`tools/call reference_to_video with duration 12: isError, ${content?.text.slice(0, 120) ?? ''}`);
  });
});

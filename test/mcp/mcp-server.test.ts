/**
 * The MCP server as a user runs it: `modelstudio-video mcp` started as a child process, driven by
 * the official MCP client over stdio, against a simulator server.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
let server: SimulatorServer;
let client: Client;
const transcript: string[] = [];

/** The environment of the test run without the SDK's variables, and `extra` for the command. */
function commandEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(MODELSTUDIO|DASHSCOPE|QWEN)_/.test(entry[0])),
  );
  return { ...env, MODELSTUDIO_BASE_URL: server.baseUrl, MODELSTUDIO_API_KEY: server.apiKey, ...extra };
}

/** `modelstudio-video mcp` started with `extra` in its environment, connected. */
async function startMcp(extra: Record<string, string> = {}): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: ['--conditions=modelstudio-video-source', CLI, 'mcp'], env: commandEnv(extra), stderr: 'pipe' });
  const connected = new Client({ name: 'modelstudio-video-test', version: '1.0.0' });
  await connected.connect(transport);
  return connected;
}

/** A tool call's result JSON. */
function bodyOf(result: Awaited<ReturnType<Client['callTool']>>): Record<string, unknown> {
  const [content] = result.content as { type: string; text: string }[];
  return JSON.parse(content?.text ?? '{}') as Record<string, unknown>;
}

beforeAll(async () => {
  server = await startSimulatorServer({ speed: 20 });
  client = await startMcp();
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  console.log(`MCP transcript:\n${transcript.join('\n')}`);
});

describe('modelstudio-video mcp', () => {
  it('lists the tools of every mode, and get_video_task, with their JSON Schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['text_to_video', 'image_to_video', 'reference_to_video', 'edit_video', 'animate_character', 'speech_to_video', 'lip_sync', 'get_video_task']);
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

describe('modelstudio-video mcp with cost limits from the environment', () => {
  // An intl client prices in USD; wan2.6-t2v costs 0.1 USD/s at 720P, 0.15 at 1080P.
  const LIMITS = { MODELSTUDIO_REGION: 'intl', MODELSTUDIO_MAX_COST_PER_CALL: '0.6', MODELSTUDIO_MAX_COST_TOTAL: '1' };
  let capped: Client;

  beforeAll(async () => {
    capped = await startMcp(LIMITS);
  });
  afterAll(async () => {
    await capped?.close();
  });

  it('states the limits in the mode tools\' descriptions', async () => {
    const { tools } = await capped.listTools();
    const textToVideo = tools.find((tool) => tool.name === 'text_to_video');
    expect(textToVideo?.description).toContain('Cost limits: 0.6 USD per call, 1 USD for all calls together');
  });

  it('refuses a call over the per-call limit, then one that would pass the total, sending neither', async () => {
    const before = server.simulator.stats.requests.submit;
    const over = await capped.callTool({ name: 'text_to_video', arguments: { prompt: 'A red fox in snow', resolution: '1080P', duration: 5 } });
    expect(over.isError).toBe(true);
    expect(bodyOf(over)).toMatchObject({
      ok: false,
      error: { type: 'BudgetError', estimate: 0.75, limit: 0.6, currency: 'USD', message: expect.stringContaining('above the limit of 0.6 USD per call') },
      next: expect.stringContaining('lower resolution'),
    });
    expect(server.simulator.stats.requests.submit).toBe(before);
    transcript.push(`tools/call text_to_video 1080P 5 s with MODELSTUDIO_MAX_COST_PER_CALL=0.6: ${JSON.stringify(bodyOf(over).error)}`);

    const fits = await capped.callTool({ name: 'text_to_video', arguments: { prompt: 'A red fox in snow', resolution: '720P', duration: 5 } }, undefined, { timeout: 60_000 });
    expect(fits.isError).toBeFalsy();
    expect(bodyOf(fits)).toMatchObject({ ok: true, status: 'SUCCEEDED', estimatedCost: { amount: 0.5, currency: 'USD' }, cost: { amount: 0.5, currency: 'USD', seconds: 5 } });
    expect(server.simulator.stats.requests.submit).toBe(before + 1);

    const total = await capped.callTool({ name: 'text_to_video', arguments: { prompt: 'A red fox in snow', resolution: '720P', duration: 6 } });
    expect(total.isError).toBe(true);
    expect(bodyOf(total)).toMatchObject({ ok: false, error: { type: 'BudgetError', estimate: 0.6, limit: 1, message: expect.stringContaining('0.5 USD left') } });
    expect(server.simulator.stats.requests.submit).toBe(before + 1);
    transcript.push(`tools/call text_to_video 720P 6 s after 0.5 USD with MODELSTUDIO_MAX_COST_TOTAL=1: ${String((bodyOf(total).error as { message: string }).message)}`);
  });

  /** Runs `modelstudio-video mcp` with `extra` to its exit; its code and stderr. */
  async function failedStart(extra: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, ['--conditions=modelstudio-video-source', CLI, 'mcp'], { env: commandEnv(extra), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stderr };
  }

  it('will not start with a limit that is not a positive number, or with limits and no region to price in', async () => {
    const invalid = await failedStart({ ...LIMITS, MODELSTUDIO_MAX_COST_TOTAL: 'ten dollars' });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('Invalid MODELSTUDIO_MAX_COST_TOTAL (1 problem)');
    expect(invalid.stderr).toContain('must be a positive number');
    transcript.push(`mcp with MODELSTUDIO_MAX_COST_TOTAL="ten dollars": exit ${String(invalid.code)}, ${invalid.stderr.trim()}`);
    // The simulator's host has no region: without MODELSTUDIO_REGION nothing can be priced.
    const unpriced = await failedStart({ MODELSTUDIO_MAX_COST_PER_CALL: '1' });
    expect(unpriced.code).toBe(2);
    expect(unpriced.stderr).toContain('Invalid MODELSTUDIO_MAX_COST_PER_CALL (1 problem)');
    expect(unpriced.stderr).toContain('needs prices');
    expect(unpriced.stderr).toContain('MODELSTUDIO_REGION');
    transcript.push(`mcp with MODELSTUDIO_MAX_COST_PER_CALL=1 and no region: exit ${String(unpriced.code)}, ${unpriced.stderr.trim()}`);
  });
});

/**
 * The tools shaped for OpenAI (Chat Completions and Responses), Anthropic and the Vercel AI SDK:
 * the exact keys each API takes, the same JSON Schema everywhere, and execution through the AI
 * SDK's call options.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AbortError, type ModelStudioClient, type ProgressEvent } from 'modelstudio-video';
import type { Simulator } from 'modelstudio-video/testing';
import {
  createVideoTools, toAnthropicTools, toOpenAIChatTools, toOpenAIResponsesTools, toVercelAITools, findVideoTool,
} from 'modelstudio-video/tools';
import { settle } from '../helpers/settle.ts';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

let sim: Simulator;
let client: ModelStudioClient;

useFakeClock();
beforeEach(() => {
  ({ sim, client } = simulatedClient());
});

describe('OpenAI', () => {
  it('Chat Completions: { type: "function", function: { name, description, parameters } }', () => {
    const tools = createVideoTools(client);
    const chat = toOpenAIChatTools(tools);
    expect(chat).toHaveLength(8);
    chat.forEach((definition, index) => {
      const tool = tools[index];
      expect(definition).toEqual({ type: 'function', function: { name: tool?.name, description: tool?.description, parameters: tool?.jsonSchema } });
      expect(Object.keys(definition.function)).toEqual(['name', 'description', 'parameters']);
      expect(definition.function.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(definition.function.parameters.type).toBe('object');
    });
  });

  it('Responses: { type: "function", name, description, parameters, strict: false }, since Responses defaults to strict mode', () => {
    const tools = createVideoTools(client);
    const responses = toOpenAIResponsesTools(tools);
    expect(responses.map((definition) => definition.name)).toEqual(['text_to_video', 'image_to_video', 'reference_to_video', 'edit_video', 'animate_character', 'speech_to_video', 'lip_sync', 'get_video_task']);
    responses.forEach((definition, index) => {
      expect(definition).toEqual({ type: 'function', name: tools[index]?.name, description: tools[index]?.description, parameters: tools[index]?.jsonSchema, strict: false });
    });
  });
});

describe('Anthropic', () => {
  it('{ name, description, input_schema }', () => {
    const tools = createVideoTools(client);
    const anthropic = toAnthropicTools(tools);
    anthropic.forEach((definition, index) => {
      expect(definition).toEqual({ name: tools[index]?.name, description: tools[index]?.description, input_schema: tools[index]?.jsonSchema });
      expect(definition.input_schema.type).toBe('object');
    });
    // JSON as the API receives it.
    expect(JSON.parse(JSON.stringify(anthropic))).toEqual(anthropic);
  });
});

it('gives each format its own copy of the JSON Schema, so that editing one changes no tool', () => {
  const tools = createVideoTools(client);
  const [first] = toAnthropicTools(tools);
  first?.input_schema.required?.push('duration');
  expect(findVideoTool(tools, 'text_to_video').jsonSchema.required).toEqual(['prompt']);
  expect(toOpenAIChatTools(tools)[0]?.function.parameters).not.toBe(findVideoTool(tools, 'text_to_video').jsonSchema);
});

describe('Vercel AI SDK', () => {
  it('one definition per tool, keyed by name, shaped for tool({ description, inputSchema, execute })', () => {
    const tools = createVideoTools(client);
    const ai = toVercelAITools(tools);
    expect(Object.keys(ai)).toEqual(['text_to_video', 'image_to_video', 'reference_to_video', 'edit_video', 'animate_character', 'speech_to_video', 'lip_sync', 'get_video_task']);
    expect(Object.keys(ai.text_to_video).sort()).toEqual(['description', 'execute', 'inputSchema']);
    expect(ai.text_to_video.inputSchema).toBe(findVideoTool(tools, 'text_to_video').inputSchema);
    expect(ai.reference_to_video.description).toBe(findVideoTool(tools, 'reference_to_video').description);
    expect(ai.edit_video.inputSchema).toBe(findVideoTool(tools, 'edit_video').inputSchema);
  });

  it('its zod inputSchema validates as the AI SDK does before execute: good input passes unchanged, a local file does not', () => {
    const ai = toVercelAITools(createVideoTools(client));
    const input = { prompt: 'character1 waves', references: ['https://example.com/a.png', { url: 'https://example.com/b', type: 'video' }], duration: 12, model: 'wan2.7-r2v' };
    expect(ai.reference_to_video.inputSchema.safeParse(input)).toEqual({ success: true, data: input });
    expect(ai.image_to_video.inputSchema.safeParse({ image: { path: '/etc/passwd' } }).success).toBe(false);
    expect(ai.text_to_video.inputSchema.safeParse({ prompt: 'x', extraParameters: {} }).success).toBe(false);
    expect(ai.text_to_video.inputSchema.safeParse({ prompt: 'x', duration: 31 }).error?.issues[0]?.message).toMatch(/31 is above the maximum of 30/);
    expect(ai.edit_video.inputSchema.safeParse({ prompt: 'x', video: { path: '/etc/passwd' } }).success).toBe(false);
    const edit = { prompt: 'Make it snow', video: 'https://example.com/street.mp4', references: ['https://example.com/coat.png'] };
    expect(ai.edit_video.inputSchema.safeParse(edit)).toEqual({ success: true, data: edit });
  });

  it('execute runs the call with the options the AI SDK passes, and reports progress through the helper option', async () => {
    const progress: ProgressEvent[] = [];
    const ai = toVercelAITools(createVideoTools(client), { onProgress: (event) => progress.push(event) });
    const options = { toolCallId: 'call-1', messages: [], abortSignal: new AbortController().signal };
    const { value } = await settle(ai.text_to_video.execute({ prompt: 'A lighthouse in a storm', duration: 2 }, options), 600_000);
    expect(value).toMatchObject({ ok: true, status: 'SUCCEEDED', videos: [{ url: expect.any(String) }] });
    expect(progress.at(-1)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('execute follows the AI SDK abortSignal: aborted before the submit, nothing is sent', async () => {
    const ai = toVercelAITools(createVideoTools(client));
    const { error } = await settle(ai.text_to_video.execute({ prompt: 'A fox' }, { abortSignal: AbortSignal.abort() }), 1_000);
    expect(error).toBeInstanceOf(AbortError);
    expect(sim.stats.requests.submit).toBe(0);
  });
});

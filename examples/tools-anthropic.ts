// Video generation as tools for a Claude model, with the Anthropic Messages API. toAnthropicTools
// shapes the tools for the `tools` of messages.create. No model is called here: the tool_use block
// below is what a response would carry, scripted so the recipe runs as is. Put public URLs of
// your own in place of the example.com ones to run against the real service.
//
//   npm run example -- tools-anthropic
import { ModelStudioClient } from 'modelstudio-video';
import { createVideoTools, toAnthropicTools } from 'modelstudio-video/tools';

const client = new ModelStudioClient();
const tools = createVideoTools(client);

// 1. Offer the tools: anthropic.messages.create({ model, max_tokens, messages, tools: definitions })
const definitions = toAnthropicTools(tools);
console.log(`Tools: ${definitions.map((definition) => definition.name).join(', ')}`);

// 2. The model answers with a tool_use content block:
const toolUse = {
  type: 'tool_use',
  id: 'toolu_beach_1',
  name: 'reference_to_video',
  input: {
    prompt: 'character1 walks character2 along a beach at sunset, handheld tracking shot',
    references: ['https://example.com/references/woman-walking.mp4', 'https://example.com/references/golden-retriever.png'],
    resolution: '720P',
    aspectRatio: '16:9',
  },
} as const;
console.log(`Model calls ${toolUse.name}: ${JSON.stringify(toolUse.input)}`);

// 3. Run it, showing the task's status as it changes.
const tool = tools.find((candidate) => candidate.name === toolUse.name);
if (!tool) throw new Error(`No tool named ${toolUse.name}`);
let shown: string | undefined;
const result = await tool.execute(toolUse.input, {
  onProgress: ({ status }) => {
    if (status === shown) return;
    shown = status;
    console.log(`Status: ${status ?? 'unknown'}`);
  },
});

// 4. Hand the result back as a tool_result block in the next user message.
const toolResult = { type: 'tool_result', tool_use_id: toolUse.id, content: JSON.stringify(result), is_error: !result.ok } as const;
console.log(`tool_result for ${toolResult.tool_use_id} (is_error: ${toolResult.is_error}): ${toolResult.content}`);
if (result.ok && result.status === 'SUCCEEDED') {
  console.log(`Billed seconds: ${result.usage?.billedSeconds ?? '?'} (output ${result.usage?.outputVideoSeconds ?? '?'} s + reference video ${result.usage?.inputVideoSeconds ?? '?'} s)`);
}

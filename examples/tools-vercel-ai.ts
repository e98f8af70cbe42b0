// Video generation as tools for the Vercel AI SDK (5 and later). toVercelAITools gives an object
// of tool definitions keyed by name, each shaped for tool({ description, inputSchema, execute })
// from 'ai', with our zod schema as inputSchema; this package does not depend on 'ai'. No model is
// called here: the tool call below is scripted and run the way the AI SDK runs it. Put a public
// image URL of your own in place of the example.com one to run against the real service.
//
//   npm run example -- tools-vercel-ai
import { ModelStudioClient } from 'modelstudio-video';
import { createVideoTools, toVercelAITools } from 'modelstudio-video/tools';

const client = new ModelStudioClient();
const tools = toVercelAITools(createVideoTools(client));

// 1. Offer the tools: generateText({ model, prompt, tools, stopWhen: stepCountIs(5) })
//    (or wrap each one: tools: { image_to_video: tool(tools.image_to_video), ... }).
console.log(`Tools: ${Object.keys(tools).join(', ')}`);

// 2. The model calls image_to_video (a tool-call part of the step):
const toolCall = {
  type: 'tool-call',
  toolCallId: 'call_lighthouse_1',
  toolName: 'image_to_video',
  input: { image: 'https://example.com/lighthouse.png', prompt: 'Waves crash below as the beam sweeps through the dusk', resolution: '720P', duration: 5 },
} as const;
console.log(`Model calls ${toolCall.toolName}: ${JSON.stringify(toolCall.input)}`);

// 3. What the AI SDK does with it: validate the input with inputSchema, then call execute.
const definition = tools[toolCall.toolName];
const input = definition.inputSchema.safeParse(toolCall.input);
if (!input.success) throw new Error(`The AI SDK would refuse this input: ${input.error.message}`);
const result = await definition.execute(input.data, { abortSignal: AbortSignal.timeout(30 * 60_000) });

// 4. The AI SDK puts the result in a tool-result part for the model's next step.
console.log(`Tool result: ${JSON.stringify(result)}`);
if (result.ok && result.status === 'SUCCEEDED') console.log(`Video: ${result.videos[0]?.url ?? 'none'}`);

// Video generation as tools for an OpenAI model, with the Responses API. createVideoTools gives
// one tool per mode plus get_video_task; toOpenAIResponsesTools shapes them for the `tools` of
// responses.create (toOpenAIChatTools does the same for Chat Completions). No model is called
// here: the function call below is what a response would carry, scripted so the recipe runs as is.
//
//   npm run example -- tools-openai
import { ModelStudioClient } from 'modelstudio-video';
import { createVideoTools, toOpenAIResponsesTools } from 'modelstudio-video/tools';

const client = new ModelStudioClient();
const tools = createVideoTools(client);

// 1. Offer the tools: openai.responses.create({ model: 'gpt-5', input, tools: definitions })
const definitions = toOpenAIResponsesTools(tools);
console.log(`Tools: ${definitions.map((definition) => definition.name).join(', ')}`);

// 2. The model answers with a function_call item in response.output, its arguments a JSON string:
const call = {
  type: 'function_call',
  call_id: 'call_fox_1',
  name: 'text_to_video',
  arguments: '{"prompt":"A red fox trotting through fresh snow at dawn, low tracking shot","resolution":"720P","aspectRatio":"16:9","duration":5}',
} as const;
console.log(`Model calls ${call.name}: ${call.arguments}`);

// 3. Run it. execute takes the JSON string as is; bad arguments come back as { ok: false, error }
//    for the model to fix, with nothing sent.
const tool = tools.find((candidate) => candidate.name === call.name);
if (!tool) throw new Error(`No tool named ${call.name}`);
const result = await tool.execute(call.arguments);

// 4. Hand the result back in the next request's input.
const output = { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify(result) } as const;
console.log(`Output for ${output.call_id}: ${output.output}`);
if (result.ok && result.status === 'SUCCEEDED') console.log(`Video: ${result.videos[0]?.url ?? 'none'}`);

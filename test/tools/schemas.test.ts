/**
 * The tools' input schemas come from the model registry: each a strict JSON Schema object that any
 * tool format accepts, with the caps' bounds and choices, so that a caps change shows up in what a
 * model is told.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelStudioClient, modelCaps, type ModelId, type VideoMode } from 'modelstudio-video';
import { createVideoTools, type ToolInputSchema, type VideoTool } from 'modelstudio-video/tools';

const client = new ModelStudioClient({ apiKey: 'sk-schema-test', baseUrl: 'https://dashscope.simulator.invalid' });
const tools = createVideoTools(client);

const MODE_OF: Record<string, VideoMode> = { text_to_video: 'textToVideo', image_to_video: 'imageToVideo', reference_to_video: 'referenceToVideo' };

function modelsOf(mode: VideoMode): ModelId[] {
  return (Object.keys(modelCaps) as ModelId[]).filter((model) => modelCaps[model].mode === mode);
}

function property(tool: VideoTool, key: string): Record<string, unknown> {
  const found = tool.jsonSchema.properties[key];
  if (!found) throw new Error(`${tool.name} has no ${key}`);
  return found;
}

function byName(name: string, list: readonly VideoTool[] = tools): VideoTool {
  const tool = list.find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool;
}

describe('every tool', () => {
  it('comes in a fixed order with the documented names', () => {
    expect(tools.map((tool) => tool.name)).toEqual(['text_to_video', 'image_to_video', 'reference_to_video', 'get_video_task']);
  });

  it.each(tools.map((tool) => [tool.name, tool] as const))('%s has a strict object schema, every argument described, and no $schema', (_name, tool) => {
    const schema: ToolInputSchema = tool.jsonSchema;
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema).not.toHaveProperty('$schema');
    expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(schema.properties)) {
      expect(typeof value.description, `${tool.name}.${key}`).toBe('string');
      // The fallback text means the registry gained an option nobody described for a model.
      expect(value.description, `${tool.name}.${key}`).not.toMatch(/^The \w+ option of /);
    }
    for (const key of schema.required ?? []) expect(Object.keys(schema.properties)).toContain(key);
    // Plain JSON, the same after a round trip.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(JSON.stringify(schema)).not.toMatch(/"not":\{\}|propertyNames|"additionalProperties":\{\}/);
  });

  it.each(tools.map((tool) => [tool.name, tool] as const))('%s converts with no unrepresentable part in every mode the AI SDK uses', (_name, tool) => {
    for (const io of ['input', 'output'] as const) {
      for (const target of ['draft-7', 'draft-2020-12'] as const) {
        expect(() => z.toJSONSchema(tool.inputSchema, { io, target, unrepresentable: 'throw' })).not.toThrow();
      }
    }
    expect(z.toJSONSchema(tool.inputSchema, { io: 'output' })).toMatchObject({ type: 'object', additionalProperties: false });
  });

  it.each(tools.map((tool) => [tool.name, tool] as const))('%s has a description written for a model', (_name, tool) => {
    expect(tool.description.length).toBeGreaterThan(150);
    if (tool.name !== 'get_video_task') {
      expect(tool.description).toMatch(/paid task, billed per second/);
      expect(tool.description).toMatch(/1–5 minutes/);
      expect(tool.description).toMatch(/valid for 24 hours/);
    }
  });

  it('reports each JSON Schema size in bytes', ({ annotate }) => {
    const sizes = Object.fromEntries(tools.map((tool) => [tool.name, JSON.stringify(tool.jsonSchema).length]));
    void annotate(`JSON Schema bytes: ${JSON.stringify(sizes)}`);
    for (const size of Object.values(sizes)) expect(size).toBeLessThan(4000);
  });
});

describe('mode tools follow the caps', () => {
  const modeTools = tools.filter((tool) => tool.name !== 'get_video_task');

  it.each(modeTools.map((tool) => [tool.name, tool] as const))('%s: model enum, duration bounds, resolution and ratio enums from modelCaps', (name, tool) => {
    const models = modelsOf(MODE_OF[name] as VideoMode);
    expect(property(tool, 'model')).toMatchObject({ type: 'string', enum: models });
    expect(property(tool, 'duration')).toMatchObject({
      type: 'integer',
      minimum: Math.min(...models.map((model) => modelCaps[model].duration.min)),
      maximum: Math.max(...models.map((model) => modelCaps[model].duration.max)),
    });
    const resolutions = [...new Set(models.flatMap((model) => modelCaps[model].resolutions))];
    expect(property(tool, 'resolution')).toMatchObject({ type: 'string', enum: resolutions });
    const ratios = [...new Set(models.flatMap((model) => modelCaps[model].aspectRatios as readonly string[]))];
    if (ratios.length > 0) expect(property(tool, 'aspectRatio')).toMatchObject({ type: 'string', enum: ratios });
    else expect(tool.jsonSchema.properties).not.toHaveProperty('aspectRatio');
    const first = models[0] as ModelId;
    expect(property(tool, 'prompt')).toMatchObject({ type: 'string', maxLength: modelCaps[first].prompt.maxLength });
    expect(property(tool, 'negativePrompt')).toMatchObject({ type: 'string', maxLength: modelCaps[first].negativePrompt.maxLength });
    // Each model's own range is in the description, where the widest range cannot say it.
    for (const model of models) expect(tool.description).toContain(`${model}: ${modelCaps[model].duration.min}–${modelCaps[model].duration.max} s`);
  });

  it('requires what every model of the mode requires, and nothing else', () => {
    expect(byName('text_to_video').jsonSchema.required).toEqual(['prompt']);
    expect(byName('image_to_video').jsonSchema.required).toEqual(['image']);
    expect(byName('reference_to_video').jsonSchema.required).toEqual(['references', 'prompt']);
    expect(byName('get_video_task').jsonSchema.required).toEqual(['task_id']);
  });

  it('leaves out the wire pass-throughs, and options no model of the mode takes', () => {
    for (const tool of modeTools) {
      expect(tool.jsonSchema.properties).not.toHaveProperty('extraInput');
      expect(tool.jsonSchema.properties).not.toHaveProperty('extraParameters');
    }
    // wan2.6-i2v keeps the image's aspect ratio.
    expect(byName('image_to_video').jsonSchema.properties).not.toHaveProperty('size');
    // No reference model documents promptExtend.
    expect(byName('reference_to_video').jsonSchema.properties).not.toHaveProperty('promptExtend');
  });

  it('says which models take an option that not all of them take', () => {
    const tool = byName('reference_to_video');
    expect(property(tool, 'audio').description).toMatch(/Only for wan2\.6-r2v-flash\.$/);
    expect(property(tool, 'shotType').description).toMatch(/Only for wan2\.6-r2v or wan2\.6-r2v-flash\.$/);
    expect(property(tool, 'duration').description).toContain('2–10 s (wan2.6-r2v, wan2.6-r2v-flash), 2–15 s (wan2.7-r2v)');
  });

  it('takes media as URL text only: strings, and { url, type } references', () => {
    expect(property(byName('image_to_video'), 'image')).toMatchObject({ type: 'string' });
    expect(property(byName('text_to_video'), 'audioUrl')).toMatchObject({ type: 'string' });
    expect(property(byName('reference_to_video'), 'references')).toMatchObject({
      type: 'array',
      minItems: 1,
      items: {
        anyOf: [
          { type: 'string' },
          { type: 'object', properties: { url: { type: 'string' }, type: { enum: ['image', 'video'] } }, required: ['url', 'type'], additionalProperties: false },
        ],
      },
    });
  });

  it('shows only the chosen models, with their exact caps, and names the default', () => {
    const narrowed = createVideoTools(client, { models: { referenceToVideo: ['wan2.6-r2v-flash'] } });
    const tool = byName('reference_to_video', narrowed);
    const caps = modelCaps['wan2.6-r2v-flash'];
    expect(property(tool, 'model')).toMatchObject({ enum: ['wan2.6-r2v-flash'] });
    expect(property(tool, 'model').description).toContain('Default wan2.6-r2v-flash.');
    expect(property(tool, 'duration')).toMatchObject({ minimum: caps.duration.min, maximum: caps.duration.max });
    expect(property(tool, 'audio').description).not.toContain('Only for');
    expect(tool.description).not.toContain('wan2.7-r2v');
  });

  it('refuses options that name models of another mode, or none', () => {
    expect(() => createVideoTools(client, { models: { textToVideo: ['wan2.6-i2v' as 'wan2.6-t2v'] } })).toThrow(
      /models\.textToVideo "wan2\.6-i2v" is not a model of textToVideo \(allowed: wan2\.6-t2v\)/,
    );
    expect(() => createVideoTools(client, { models: { imageToVideo: [] } })).toThrow(/models\.imageToVideo must list at least one model/);
    expect(() => createVideoTools(client, { wait: false, maxWaitMs: 1000 })).toThrow(/maxWaitMs applies only when wait is true/);
    expect(() => createVideoTools(client, { maxWaitMs: -1 })).toThrow(/maxWaitMs must be a positive number/);
  });
});

describe('descriptions follow the wait option', () => {
  it('waiting, waiting up to a limit, or returning the task id at once', () => {
    expect(byName('text_to_video').description).toContain('The call returns when the video is ready');
    expect(byName('text_to_video', createVideoTools(client, { maxWaitMs: 45_000 })).description).toContain('The call waits up to 45 s');
    expect(byName('text_to_video', createVideoTools(client, { wait: false })).description).toContain(
      'The call returns at once with a task_id: call get_video_task with it',
    );
  });
});

/**
 * The tools' input schemas come from the model registry: each a strict JSON Schema object that any
 * tool format accepts, with the caps' bounds and choices, for the models of the client's region,
 * so that a caps change shows up in what a model is told.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  MODE_OPTIONS, ModelStudioClient, REGIONS, VIDEO_MODES, modelCaps, modelsOf, modesOf, takesOption, type ModelCaps, type ModelId,
  type OptionKey, type Region, type VideoMode,
} from 'modelstudio-video';
import { createVideoTools, type ToolInputSchema, type VideoTool, type VideoToolName } from 'modelstudio-video/tools';

/** A client of no known region (a proxy, the simulator): every model is offered. */
const client = new ModelStudioClient({ apiKey: 'sk-schema-test', baseUrl: 'https://dashscope.simulator.invalid' });
const tools = createVideoTools(client);

const TOOL_OF: Record<VideoMode, VideoToolName> = {
  textToVideo: 'text_to_video',
  imageToVideo: 'image_to_video',
  referenceToVideo: 'reference_to_video',
  editVideo: 'edit_video',
  animateCharacter: 'animate_character',
  speechToVideo: 'speech_to_video',
  lipSync: 'lip_sync',
};

/** The media options: a tool takes each as URL text only. */
const MEDIA_OPTIONS: readonly OptionKey[] = ['image', 'lastFrame', 'continueFrom', 'drivingAudio', 'firstFrame', 'video', 'maskImage', 'audioUrl', 'references'];

function capsOf(model: ModelId): ModelCaps {
  return modelCaps[model];
}

/** The models of `mode` that `region` serves, in table order. */
function regionModels(mode: VideoMode, region: Region | undefined): ModelId[] {
  return modelsOf(mode).filter((model) => region === undefined || capsOf(model).regions.includes(region));
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

function toolsOf(region: Region): readonly VideoTool[] {
  return createVideoTools(new ModelStudioClient({ apiKey: 'k', region, workspaceId: 'ws-test' }));
}

describe('every tool', () => {
  it('comes in a fixed order with the documented names', () => {
    expect(tools.map((tool) => tool.name)).toEqual(['text_to_video', 'image_to_video', 'reference_to_video', 'edit_video', 'animate_character', 'speech_to_video', 'lip_sync', 'get_video_task']);
  });

  const everyTool = [undefined, ...REGIONS].flatMap((region) =>
    (region === undefined ? tools : toolsOf(region)).map((tool) => [`${tool.name} (${region ?? 'no region'})`, tool] as const),
  );

  it.each(everyTool)('%s has a strict object schema, every argument described, and no $schema', (_name, tool) => {
    const schema: ToolInputSchema = tool.jsonSchema;
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema).not.toHaveProperty('$schema');
    expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(schema.properties)) {
      expect(typeof value.description, `${tool.name}.${key}`).toBe('string');
      expect(String(value.description).length, `${tool.name}.${key}`).toBeGreaterThan(20);
      // A caps value the description code did not find shows up as these.
      expect(value.description, `${tool.name}.${key}`).not.toMatch(/undefined|NaN|\?–\?|\[object/);
    }
    for (const key of schema.required ?? []) expect(Object.keys(schema.properties)).toContain(key);
    // Plain JSON, the same after a round trip.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(JSON.stringify(schema)).not.toMatch(/"not":\{\}|propertyNames|"additionalProperties":\{\}/);
    expect(tool.description).not.toMatch(/undefined|NaN/);
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
    } else {
      for (const name of Object.values(TOOL_OF)) expect(tool.description).toContain(name);
    }
  });

  it('reports each JSON Schema size in bytes and each description length, for an intl and a cn client', ({ annotate }) => {
    for (const region of ['intl', 'cn'] as const) {
      const list = toolsOf(region);
      const sizes = Object.fromEntries(list.map((tool) => [tool.name, { schemaBytes: JSON.stringify(tool.jsonSchema).length, descriptionChars: tool.description.length }]));
      void annotate(`${region}: ${JSON.stringify(sizes)}`);
      for (const { schemaBytes, descriptionChars } of Object.values(sizes)) {
        expect(schemaBytes).toBeLessThan(6000);
        expect(descriptionChars).toBeLessThan(2500);
      }
    }
  });
});

describe('mode tools offer the models of the client region', () => {
  it('every model appears in the model enum of the tool of each mode it serves, for a client of each of its regions', () => {
    const byRegion = new Map(REGIONS.map((region) => [region, toolsOf(region)]));
    for (const model of Object.keys(modelCaps) as ModelId[]) {
      for (const region of capsOf(model).regions) {
        for (const mode of modesOf(model)) {
          const tool = byName(TOOL_OF[mode], byRegion.get(region));
          expect(property(tool, 'model').enum, `${model} in ${TOOL_OF[mode]} for ${region}`).toContain(model);
        }
      }
    }
  });

  it.each([undefined, ...REGIONS])('region %s: each mode tool offers exactly the models its region serves, in table order', (region) => {
    const list = region === undefined ? tools : toolsOf(region);
    for (const mode of VIDEO_MODES) {
      const models = regionModels(mode, region);
      // A mode that no model of the region serves has no tool (Hong Kong serves wan3.0 alone: no animation).
      expect(list.some((tool) => tool.name === TOOL_OF[mode])).toBe(models.length > 0);
      if (models.length === 0) continue;
      const tool = byName(TOOL_OF[mode], list);
      expect(property(tool, 'model')).toMatchObject({ type: 'string', enum: models });
      // One line per model in the description; the enum is not repeated in the argument's description.
      for (const model of models) expect(tool.description).toContain(`\n- ${model}: `);
      expect(property(tool, 'model').description).not.toContain(models[0]);
    }
  });

  it('names a region model that another region calls differently by its own name only', () => {
    const intl = byName('text_to_video', toolsOf('intl'));
    const cn = byName('text_to_video', toolsOf('cn'));
    expect(property(intl, 'model').enum).toContain('wan2.1-t2v-turbo');
    expect(property(intl, 'model').enum).not.toContain('wanx2.1-t2v-turbo');
    expect(property(cn, 'model').enum).toContain('wanx2.1-t2v-turbo');
    expect(property(cn, 'model').enum).not.toContain('wan2.1-t2v-turbo');
    expect(property(byName('edit_video', toolsOf('cn')), 'model').enum).toContain('wanx2.1-vace-plus');
  });

  it('says other names and dated snapshots of a model listed before in a few words', () => {
    expect(byName('text_to_video').description).toMatch(/^- wan2\.7-t2v-2026-04-25: snapshot of wan2\.7-t2v\.$/m);
    expect(byName('text_to_video').description).toMatch(/^- wanx2\.1-t2v-turbo: wan2\.1-t2v-turbo under its name in cn\.$/m);
    expect(byName('text_to_video').description).toMatch(/^- wan2\.6-t2v-us: wan2\.6-t2v under its name in us\.$/m);
  });

  it('shows the resolutions of the client region', () => {
    expect(byName('image_to_video', toolsOf('intl')).description).toMatch(/^- wan2\.2-i2v-flash: 480P or 720P \(/m);
    expect(byName('image_to_video', toolsOf('cn')).description).toMatch(/^- wan2\.2-i2v-flash: 480P, 720P or 1080P \(/m);
  });
});

describe('mode tools follow the caps', () => {
  const modeTools = VIDEO_MODES.map((mode) => [TOOL_OF[mode], mode, byName(TOOL_OF[mode])] as const);

  it.each(modeTools)('%s: arguments are the options the models take; duration bounds, resolution and ratio enums, prompt length from modelCaps', (_name, mode, tool) => {
    const models = regionModels(mode, undefined);
    const takers = (key: OptionKey) => models.filter((model) => takesOption(model, mode, key));
    const offered = (MODE_OPTIONS[mode] as readonly OptionKey[]).filter((key) => takers(key).length > 0);
    expect(Object.keys(tool.jsonSchema.properties)).toEqual(['model', ...offered]);
    // Character animation, talking heads and lip sync take no duration: the input decides it.
    const durations = takers('duration').map((model) => capsOf(model).duration);
    if (durations.length > 0) {
      expect(property(tool, 'duration')).toMatchObject({
        type: 'integer',
        minimum: Math.min(...durations.flatMap((duration) => [duration.min, ...(duration.special ?? []).map((special) => special.value)])),
        maximum: Math.max(...durations.map((duration) => duration.max)),
      });
    } else expect(tool.jsonSchema.properties).not.toHaveProperty('duration');
    const resolutions = new Set(takers('resolution').flatMap((model) => capsOf(model).resolutions));
    if (resolutions.size > 0) expect(new Set(property(tool, 'resolution').enum as string[])).toEqual(resolutions);
    else expect(tool.jsonSchema.properties).not.toHaveProperty('resolution');
    const ratios = new Set(takers('aspectRatio').flatMap((model) => capsOf(model).aspectRatios as readonly string[]));
    if (ratios.size > 0) expect(new Set(property(tool, 'aspectRatio').enum as string[])).toEqual(ratios);
    else expect(tool.jsonSchema.properties).not.toHaveProperty('aspectRatio');
    if (takers('prompt').length > 0) {
      expect(property(tool, 'prompt')).toMatchObject({ type: 'string', maxLength: Math.max(...takers('prompt').map((model) => capsOf(model).prompt.maxLength)) });
    } else expect(tool.jsonSchema.properties).not.toHaveProperty('prompt');
    // Required: what every offered model requires.
    const required = offered.filter((key) => models.every((model) => capsOf(model).modes[mode]?.required.includes(key)));
    expect(tool.jsonSchema.required ?? []).toEqual(required);
  });

  it('requires what every model of the mode requires, and nothing else', () => {
    expect(byName('text_to_video').jsonSchema.required).toEqual(['prompt']);
    // wan2.7-i2v takes a first frame or a clip to continue: no frame is required of every model.
    expect(byName('image_to_video').jsonSchema.required ?? []).toEqual([]);
    expect(byName('reference_to_video').jsonSchema.required).toEqual(['references', 'prompt']);
    // wan2.1-vace-plus needs a prompt for video_extension only (docs/protocol.md §9.1): no edit model's prompt is required of all.
    expect(byName('edit_video').jsonSchema.required ?? []).toEqual([]);
    expect(property(byName('edit_video'), 'prompt').description).toContain('Required by all but wan2.1-vace-plus.');
    expect(byName('get_video_task').jsonSchema.required).toEqual(['task_id']);
    expect(property(byName('image_to_video'), 'image').description).toContain('Required by all but wan2.7-i2v.');
    expect(property(byName('edit_video'), 'function').description).toMatch(/Only for wan2\.1-vace-plus \(required\)\.$/);
  });

  it('leaves out the wire pass-throughs, and options no model of the mode takes', () => {
    for (const tool of tools) {
      expect(tool.jsonSchema.properties).not.toHaveProperty('extraInput');
      expect(tool.jsonSchema.properties).not.toHaveProperty('extraParameters');
    }
    // No image-to-video model takes an exact size.
    expect(byName('image_to_video').jsonSchema.properties).not.toHaveProperty('size');
    // Only wan2.7-r2v and wan3.0 take promptExtend for references; without them, the argument goes.
    expect(property(byName('reference_to_video'), 'promptExtend').description).toMatch(/Only for wan2\.7-r2v, wan3\.0-video or wan3\.0-video-prime\.$/);
    const older = createVideoTools(client, { models: { referenceToVideo: ['wan2.6-r2v', 'wan2.6-r2v-flash'] } });
    expect(byName('reference_to_video', older).jsonSchema.properties).not.toHaveProperty('promptExtend');
  });

  it('says which models take an option that not all of them take, and the durations of each group of models', () => {
    const tool = byName('reference_to_video');
    expect(property(tool, 'audio').description).toMatch(/Only for wan2\.6-r2v-flash, wan3\.0-video, wan3\.0-video-prime or kling\/kling-v3-omni-video-generation\.$/);
    expect(property(tool, 'shotType').description).toMatch(/Only for wan2\.6-r2v or wan2\.6-r2v-flash\.$/);
    expect(property(tool, 'duration').description).toContain(
      'Length in whole seconds: 2–10 for wan2.6-r2v, wan2.6-r2v-flash; -1 (the model picks) or 2–30 for wan3.0-video, wan3.0-video-prime; 2–15 for wan2.7-r2v; 3–15 for the others.',
    );
    expect(property(byName('text_to_video'), 'duration').description).toContain('5 or 10 for wan2.5-t2v-preview');
    expect(property(byName('edit_video'), 'duration').description).toContain("0 (the input video's length) or 2–10 for wan2.7-videoedit");
    expect(property(byName('edit_video'), 'maskImage').description).toMatch(/Only for wan2\.1-vace-plus, function video_edit\.$/);
    // HappyHorse watermarks unless told not to: the argument says whose default is which.
    expect(property(byName('text_to_video'), 'watermark').description).toMatch(/^Add the service's watermark; default true for happyhorse-1\.1-t2v or happyhorse-1\.0-t2v, false for the others\./);
  });

  it('has a description for every option of every mode', () => {
    for (const mode of VIDEO_MODES) {
      const tool = byName(TOOL_OF[mode]);
      for (const key of MODE_OPTIONS[mode]) {
        if (modelsOf(mode).some((model) => takesOption(model, mode, key))) expect(property(tool, key).description, `${mode}.${key}`).toBeTruthy();
      }
    }
  });

  it('takes media as URL text only: strings, and { url, type } references', () => {
    const seen = new Set<string>();
    for (const tool of tools) {
      for (const key of MEDIA_OPTIONS) {
        const field = tool.jsonSchema.properties[key];
        if (!field) continue;
        seen.add(key);
        if (key !== 'references') expect(field, `${tool.name}.${key}`).toMatchObject({ type: 'string' });
      }
    }
    expect([...seen].sort()).toEqual([...MEDIA_OPTIONS].sort());
    expect(property(byName('reference_to_video'), 'references')).toMatchObject({
      type: 'array',
      minItems: 1,
      items: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            properties: { url: { type: 'string' }, type: { enum: ['image', 'video', 'audio'] }, voice: { type: 'string' } },
            required: ['url', 'type'],
            additionalProperties: false,
          },
        ],
      },
    });
  });

  it('references: the kinds of the offered models, a voice only where one takes it, at least one only where all require it', () => {
    const flat = byName('reference_to_video', createVideoTools(client, { models: { referenceToVideo: ['wan2.6-r2v', 'wan2.6-r2v-flash'] } }));
    const item = (tool: VideoTool) => ((property(tool, 'references').items as { anyOf: Record<string, unknown>[] }).anyOf[1] ?? {}) as { properties: Record<string, { enum?: string[] }> };
    expect(item(flat).properties.type?.enum).toEqual(['image', 'video']);
    expect(item(flat).properties).not.toHaveProperty('voice');
    const edit = byName('edit_video', createVideoTools(client, { models: { editVideo: ['wan2.7-videoedit', 'wan2.1-vace-plus'] } }));
    expect(item(edit).properties.type?.enum).toEqual(['image']);
    expect(property(edit, 'references')).not.toHaveProperty('minItems');
    expect(property(byName('edit_video'), 'references')).not.toHaveProperty('minItems');
  });

  it('its zod schema accepts what any offered model accepts, and refuses what none does', () => {
    const textToVideo = byName('text_to_video').inputSchema;
    // wan3.0 takes up to 30 s and long prompts; wan2.6 up to 15 s.
    expect(textToVideo.safeParse({ prompt: 'x'.repeat(3000), duration: 30 }).success).toBe(true);
    expect(textToVideo.safeParse({ prompt: 'A fox', duration: -1 }).success).toBe(true);
    expect(textToVideo.safeParse({ prompt: 'A fox', duration: 31 }).error?.issues[0]?.message).toBe('31 is above the maximum of 30, the highest any model here takes');
    expect(textToVideo.safeParse({ prompt: 'A fox', duration: 1 }).error?.issues[0]?.message).toMatch(/^1 is /);
    expect(textToVideo.safeParse({ prompt: 'A fox', resolution: '4K' }).success).toBe(false);
    expect(textToVideo.safeParse({ prompt: 'A fox', duration: '5' }).error?.issues[0]?.message).toMatch(/must be a number of seconds, got "5"/);
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
    const edit = byName('edit_video', createVideoTools(client, { models: { editVideo: ['wan2.1-vace-plus'] } }));
    expect(Object.keys(edit.jsonSchema.properties)).toEqual(['model', ...modelCaps['wan2.1-vace-plus'].modes.editVideo.options.filter((key) => (MODE_OPTIONS.editVideo as readonly string[]).includes(key)).sort((a, b) => MODE_OPTIONS.editVideo.indexOf(a) - MODE_OPTIONS.editVideo.indexOf(b))]);
    expect(edit.jsonSchema.required).toEqual(['function']);
  });

  it('refuses options that name models of another mode, models the region does not serve, or none', () => {
    expect(() => createVideoTools(client, { models: { textToVideo: ['wan2.6-i2v' as 'wan2.6-t2v'] } })).toThrow(
      /models\.textToVideo "wan2\.6-i2v" is not a model of textToVideo \(allowed: wan2\.6-t2v, /,
    );
    expect(() => createVideoTools(new ModelStudioClient({ apiKey: 'k', region: 'intl' }), { models: { textToVideo: ['wanx2.1-t2v-turbo'] } })).toThrow(
      /models\.textToVideo "wanx2\.1-t2v-turbo" is not served in intl \(its name there is wan2\.1-t2v-turbo\)/,
    );
    expect(() => createVideoTools(client, { models: { editVideo: ['wan2.7-t2v' as 'wan2.7-videoedit'] } })).toThrow(/is not a model of editVideo/);
    expect(() => createVideoTools(client, { models: { imageToVideo: [] } })).toThrow(/models\.imageToVideo must list at least one model/);
    expect(() => createVideoTools(client, { wait: false, maxWaitMs: 1000 })).toThrow(/maxWaitMs applies only when wait is true/);
    expect(() => createVideoTools(client, { maxWaitMs: -1 })).toThrow(/maxWaitMs must be a positive number/);
  });
});

describe('descriptions follow the wait option', () => {
  it('waiting, waiting up to a limit, or returning the task id at once', () => {
    expect(byName('text_to_video').description).toContain('The call returns when the video is ready');
    expect(byName('edit_video', createVideoTools(client, { maxWaitMs: 45_000 })).description).toContain('The call waits up to 45 s');
    expect(byName('text_to_video', createVideoTools(client, { wait: false })).description).toContain(
      'The call returns at once with a task_id: call get_video_task with it',
    );
  });
});

/**
 * How the AI SDK's arguments reach the service: inline files as data: URIs or oss:// uploads, local
 * references, the mode picked from the inputs (wan3.0), every model of the caps, validation before
 * anything is sent, and a warning for every setting a model cannot honour.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, experimental_generateVideo, experimental_startVideo } from 'ai';
import { BudgetError, ValidationError, modelCaps, modesOf, type ModelId, type VideoMode } from 'modelstudio-video';
import { createModelStudio } from 'modelstudio-video/ai-sdk';
import { sampleVideoBytes } from 'modelstudio-video/testing';
import { PNG, bodyOf, mediaOf, rig } from './setup.ts';

const DATA_PNG = /^data:image\/png;base64,iVBORw0KGgo/;
const OSS = /^oss:\/\//;

describe('inline files', () => {
  it('an inline image (Uint8Array) goes to wan2.6-i2v as a data: URI with its prefix, not raw base64', async () => {
    const { provider, task } = rig();
    await experimental_startVideo({ model: provider.video('wan2.6-i2v'), prompt: { image: PNG, text: 'The beam sweeps' }, resolution: '1280x720' });
    expect(bodyOf(task()).input.img_url).toMatch(DATA_PNG);
    expect(bodyOf(task()).parameters).toMatchObject({ resolution: '720P' });
  });

  it("a base64 string is decoded and sent the same way; with upload: 'storage' it is uploaded and sent as oss://", async () => {
    const { provider, task, sim } = rig();
    await experimental_startVideo({
      model: provider.video('wan2.6-i2v'),
      prompt: { image: Buffer.from(PNG).toString('base64'), text: 'The beam sweeps' },
      providerOptions: { modelstudio: { upload: 'storage' } },
    });
    const url = bodyOf(task()).input.img_url as string;
    expect(url).toMatch(OSS);
    expect(task().uploads.get(url)).toEqual(PNG);
    expect(task().headers['x-dashscope-ossresourceresolve']).toBe('enable');
    expect(sim.stats.requests.upload).toBe(1);
  });

  it('local references: a reference video as bytes is uploaded, and wan2.7-r2v gets its media[] body (reference_video, reference_image)', async () => {
    const { provider, task } = rig();
    const started = await experimental_startVideo({
      model: provider.video('wan2.7-r2v'),
      prompt: 'character1 walks character2 along a beach',
      inputReferences: [{ data: sampleVideoBytes(), mediaType: 'video/mp4' }, PNG],
      resolution: '1280x720',
      aspectRatio: '16:9',
      duration: 5,
    });
    expect(mediaOf(task())).toEqual([
      { type: 'reference_video', url: expect.stringMatching(OSS) },
      { type: 'reference_image', url: expect.stringMatching(DATA_PNG) },
    ]);
    expect(bodyOf(task()).parameters).toMatchObject({ resolution: '720P', ratio: '16:9', duration: 5 });
    expect(bodyOf(task()).input).not.toHaveProperty('reference_urls');
    // The video's length is read from its header, so the estimate is exact: 5 s out + the sample's 3 s in.
    expect(started.providerMetadata?.modelstudio).toMatchObject({ estimatedCost: { seconds: 8, low: 0.8, amount: 0.8 } });
  });
});

describe('the mode, from the model and the inputs', () => {
  const cases: [string, Parameters<typeof experimental_startVideo>[0] extends infer A ? Omit<A & object, 'model'> : never, VideoMode, string[]][] = [
    ['text only', { prompt: 'A fox' }, 'textToVideo', []],
    ['an image', { prompt: { image: 'https://example.com/a.png', text: 'It moves' } }, 'imageToVideo', ['first_frame']],
    [
      'first + last frame',
      { prompt: 'It blooms', frameImages: [{ image: 'https://example.com/a.png', frameType: 'first_frame' }, { image: 'https://example.com/b.png', frameType: 'last_frame' }] },
      'imageToVideo',
      ['first_frame', 'last_frame'],
    ],
    ['references', { prompt: 'character1 sings', inputReferences: ['https://example.com/a.png', { data: 'https://example.com/v', mediaType: 'audio/mpeg' }] }, 'referenceToVideo', ['reference_image', 'reference_audio']],
    ['a video in providerOptions', { prompt: 'Make it snow', providerOptions: { modelstudio: { video: 'https://example.com/in.mp4' } } }, 'editVideo', ['file']],
  ];
  for (const [what, args, mode, media] of cases) {
    it(`wan3.0-video with ${what}: ${mode}`, async () => {
      const { provider, task } = rig();
      const started = await experimental_startVideo({ model: provider.video('wan3.0-video'), ...args });
      expect(started.providerMetadata?.modelstudio).toMatchObject({ mode });
      expect(mediaOf(task()).map((item) => item.type)).toEqual(media);
    });
  }

  it('every model of the caps, in each mode it serves, is submitted with its own body and accepted by the simulator', async () => {
    const { sim } = rig();
    const argsFor = (model: ModelId, mode: VideoMode): Omit<Parameters<typeof experimental_startVideo>[0], 'model'> => {
      const needsLast = modelCaps[model].modes[mode as never] !== undefined && (modelCaps[model].modes as Record<string, { required: readonly string[] }>)[mode]?.required.includes('lastFrame');
      switch (mode) {
        case 'textToVideo':
          return { prompt: 'A fox in the snow' };
        case 'imageToVideo':
          return needsLast
            ? { prompt: 'It blooms', frameImages: [{ image: 'https://example.com/a.png', frameType: 'first_frame' }, { image: 'https://example.com/b.png', frameType: 'last_frame' }] }
            : { prompt: { image: 'https://example.com/a.png', text: 'It moves' } };
        case 'referenceToVideo':
          return { prompt: 'character1 waves', inputReferences: ['https://example.com/a.png'] };
        case 'editVideo':
          return {
            prompt: 'Make it snow',
            providerOptions: { modelstudio: { video: 'https://example.com/in.mp4', ...(model.includes('vace') && { function: 'video_extension' }) } },
          };
        case 'animateCharacter':
          return { prompt: { image: 'https://example.com/person.png' }, providerOptions: { modelstudio: { video: 'https://example.com/dance.mp4', quality: 'pro' } } };
        case 'speechToVideo':
          return { prompt: { image: 'https://example.com/person.png' }, providerOptions: { modelstudio: { drivingAudio: 'https://example.com/speech.mp3' } } };
        case 'lipSync':
          return { prompt: '', providerOptions: { modelstudio: { video: 'https://example.com/talk.mp4', drivingAudio: 'https://example.com/speech.mp3' } } };
      }
    };
    const seen: string[] = [];
    for (const model of Object.keys(modelCaps) as ModelId[]) {
      for (const mode of modesOf(model)) {
        // A provider (a client) per call: a started task keeps its slot until its expected end, and
        // wan3.0's four modes would otherwise wait for its two unpublished-limit slots.
        const provider = createModelStudio({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, region: modelCaps[model].regions[0] });
        const started = await experimental_startVideo({ model: provider.video(model), ...argsFor(model, mode) });
        expect(started.providerMetadata?.modelstudio, `${model} ${mode}`).toMatchObject({ model, mode });
        const task = sim.tasks.get((started.operation as { taskId: string }).taskId);
        expect(task?.body.model).toBe(model);
        expect(task?.failure, `${model} ${mode}: ${JSON.stringify(task?.failure)}`).toBeUndefined();
        seen.push(`${model} ${mode}`);
      }
    }
    expect(seen).toHaveLength(Object.keys(modelCaps).reduce((count, model) => count + modesOf(model as ModelId).length, 0));
    expect(seen).toContain('wan2.7-r2v referenceToVideo');
  });
});

describe('validation before paying', () => {
  async function refused(call: Promise<unknown>): Promise<ValidationError & { parameter: string }> {
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return error as ValidationError & { parameter: string };
  }

  it('a duration the model does not serve: our ValidationError, recognised as the AI SDK InvalidArgumentError; nothing sent', async () => {
    const { sim, provider } = rig();
    const error = await refused(experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A fox', duration: 30 }));
    expect(error.parameter).toBe('duration');
    expect(error.issues).toEqual([{ path: 'duration', message: expect.stringContaining('30 is above the maximum of 15 for wan2.6-t2v') }]);
    expect(sim.stats.requests.submit).toBe(0);
  });

  it('inputs the model cannot use are refused, never dropped: a last frame for wan2.6-i2v, an image for wan2.6-t2v, references for wan2.6-i2v', async () => {
    const { sim, provider } = rig();
    const last = await refused(
      experimental_startVideo({
        model: provider.video('wan2.6-i2v'),
        prompt: 'x',
        frameImages: [{ image: PNG, frameType: 'first_frame' }, { image: PNG, frameType: 'last_frame' }],
      }),
    );
    expect(last.parameter).toBe('frameImages');
    expect(last.message).toContain('wan2.7-i2v');
    const image = await refused(experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: { image: PNG, text: 'x' } }));
    expect(image.parameter).toBe('image');
    expect(image.message).toMatch(/wan2\.6-t2v serves textToVideo and takes no first frame; image to video: .*wan2\.6-i2v/);
    const references = await refused(experimental_startVideo({ model: provider.video('wan2.6-i2v'), prompt: { image: PNG, text: 'x' }, inputReferences: [PNG] }));
    expect(references.parameter).toBe('inputReferences');
    expect(sim.stats.requests.submit).toBe(0);
  });

  it('provider options are checked against the model: negativePrompt for wan3.0, a typo, a prompt given twice', async () => {
    const { sim, provider } = rig();
    const negative = await refused(experimental_startVideo({ model: provider.video('wan3.0-video'), prompt: 'x', providerOptions: { modelstudio: { negativePrompt: 'blur' } } }));
    expect(negative.parameter).toBe('providerOptions.modelstudio.negativePrompt');
    expect(negative.issues[0]?.message).toContain('takes no negative prompt');
    const typo = await refused(experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'x', providerOptions: { modelstudio: { negative_prompt: 'blur' } } }));
    expect(typo.message).toContain('unknown option "negative_prompt"');
    const twice = await refused(experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'x', providerOptions: { modelstudio: { prompt: 'y' } } }));
    expect(twice.issues).toEqual([{ path: 'providerOptions.modelstudio.prompt', message: "is the AI SDK's prompt argument, not a provider option" }]);
    expect(sim.stats.requests.submit).toBe(0);
  });

  it('a resolution no size fits, or one that contradicts aspectRatio, is refused', async () => {
    const { sim, provider } = rig();
    const wide = await refused(experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'x', resolution: '2560x1080' }));
    expect(wide.parameter).toBe('resolution');
    expect(wide.message).toContain('2560x1080 fits none of the aspect ratios wan2.6-t2v makes (16:9, 9:16, 1:1, 4:3, 3:4)');
    // One error lists every problem: the mapping's and the schema's.
    const contradiction = await refused(experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'x', resolution: '1280x720', aspectRatio: '9:16', duration: 30 }));
    expect(contradiction.issues).toEqual([
      { path: 'resolution', message: '1280x720 is 16:9, which contradicts aspectRatio 9:16; give one of them, or both agreeing' },
      { path: 'duration', message: expect.stringContaining('30 is above the maximum of 15') },
    ]);
    expect(contradiction.parameter).toBe('resolution');
    expect(sim.stats.requests.submit).toBe(0);
  });

  it('a local file (providerOptions { path }) that cannot be read fails before the submit, as an invalid argument', async () => {
    const { sim, provider } = rig();
    const error = await refused(
      experimental_startVideo({
        model: provider.video('wan2.7-videoedit'),
        prompt: 'Make it snow',
        providerOptions: { modelstudio: { video: { path: '/nonexistent/street.mp4' } } },
      }),
    );
    expect(error.message).toContain('/nonexistent/street.mp4');
    expect(sim.stats.requests.submit).toBe(0);
  });

  it("a model of another region is refused with its name there; a budget (maxCost) is kept", async () => {
    const { sim } = rig();
    const us = createModelStudio({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, region: 'us' });
    const region = await refused(experimental_startVideo({ model: us.video('wan2.6-t2v'), prompt: 'x' }));
    expect(region.message).toContain('its name there is wan2.6-t2v-us');
    const { provider } = rig({ sim: {} });
    const budget = await experimental_startVideo({
      model: provider.video('wan2.6-t2v'),
      prompt: 'x',
      resolution: '1920x1080',
      duration: 10,
      providerOptions: { modelstudio: { maxCost: 1 } },
    }).catch((error: unknown) => error);
    expect(budget).toBeInstanceOf(BudgetError);
    expect(budget).toMatchObject({ estimate: 1.5, limit: 1, currency: 'USD' });
    expect(sim.stats.requests.submit).toBe(0);
  });
});

describe('warnings: what a model cannot honour is said, never silently dropped', () => {
  it('generateAudio on a silent model (wan2.2-t2v-plus), fps, and a custom header', async () => {
    const { provider, download, task } = rig();
    const result = await experimental_generateVideo({
      model: provider.video('wan2.2-t2v-plus'),
      prompt: 'A fox',
      generateAudio: true,
      fps: 24,
      headers: { 'x-trace': 'abc' },
      download,
    });
    expect(result.warnings).toEqual([
      { type: 'unsupported', feature: 'generateAudio', details: expect.stringContaining('wan2.2-t2v-plus has no sound switch') },
      { type: 'unsupported', feature: 'fps', details: expect.any(String) },
      { type: 'unsupported', feature: 'headers', details: expect.stringContaining('x-trace') },
    ]);
    expect(bodyOf(task()).parameters).not.toHaveProperty('audio');
  });

  it('generateAudio where the model has the switch is sent as audio, with no warning', async () => {
    const { provider, task } = rig();
    const started = await experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A fox', generateAudio: false });
    expect(started.warnings).toEqual([]);
    expect(bodyOf(task()).parameters).toMatchObject({ audio: false });
  });

  it('a size the model cannot make: the nearest it makes, with a warning naming it', async () => {
    const { provider, sim } = rig();
    const t2v = await experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A fox', resolution: '1024x576' });
    expect(t2v.warnings).toEqual([
      { type: 'compatibility', feature: 'resolution', details: '1024x576 is not a size wan2.6-t2v makes; sending 1280x720 (720P 16:9), the nearest' },
    ]);
    const i2v = await experimental_startVideo({ model: provider.video('wan2.6-i2v'), prompt: { image: PNG, text: 'x' }, resolution: '1024x576', aspectRatio: '16:9' });
    expect(i2v.warnings).toEqual([
      { type: 'unsupported', feature: 'aspectRatio', details: 'wan2.6-i2v makes the video in the aspect ratio of its input; 16:9 was not sent' },
      { type: 'compatibility', feature: 'resolution', details: expect.stringContaining('1024x576 is not a size wan2.6-i2v makes; sending resolution 720P') },
    ]);
    const [first, second] = sim.tasks.all();
    expect(first?.body.parameters).toMatchObject({ size: '1280*720' });
    expect(second?.body.parameters).toMatchObject({ resolution: '720P' });
  });
});

/**
 * ValidationError: thrown synchronously by the mode methods, before anything is sent; its message
 * lists every problem with its path; `issues` holds them; the caps and schemas it comes from are
 * exported and match docs/protocol.md §3 and §9.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODELS, ModelStudioError, ValidationError, WAN26_SIZES, isModelStudioError, modelCaps, modelSchemas, modelsOf, modesOf,
  takesOption, type ModelCaps, type ModelId,
} from 'modelstudio-video';
import { useMsw } from '../helpers/msw.ts';
import { flush, quietClient } from './submit-helper.ts';
import type { OptionDocsComplete } from '../../src/models/option-docs.ts';

// No handler is registered: any request that left would also fail the test as unhandled.
const { requests } = useMsw();

const IMAGE = 'https://cdn.example.com/people/alice.png';
const VIDEO = 'https://cdn.example.com/clips/bob.mp4';

/** Runs `call`, expects a ValidationError thrown synchronously, and checks that nothing left. */
async function rejectionOf(call: () => unknown): Promise<ValidationError> {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  await flush();
  expect(requests).toHaveLength(0);
  return thrown as ValidationError;
}

describe('ValidationError is thrown synchronously and sends nothing', () => {
  it('textToVideo throws before returning a handle', async () => {
    const client = quietClient();
    expect(() => client.textToVideo({ prompt: 'A fox', duration: 99 })).toThrow(ValidationError);
    await flush();
    expect(requests.length).toBe(0);
  });

  it('imageToVideo throws before returning a handle', async () => {
    const client = quietClient();
    expect(() => client.imageToVideo({ image: 'ftp://cdn.example.com/a.png' })).toThrow(ValidationError);
    await flush();
    expect(requests.length).toBe(0);
  });

  it('referenceToVideo throws before returning a handle', async () => {
    const client = quietClient();
    expect(() => client.referenceToVideo({ prompt: 'character1', references: [] })).toThrow(ValidationError);
    await flush();
    expect(requests.length).toBe(0);
  });

  it('is a ModelStudioError with its own name, recognised by isModelStudioError', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ prompt: '' }));
    expect(error).toBeInstanceOf(ModelStudioError);
    expect(error).toBeInstanceOf(Error);
    expect(isModelStudioError(error)).toBe(true);
    expect(error.name).toBe('ValidationError');
  });
});

describe('the message and issues', () => {
  it('names the problem with its path, the model and the allowed range', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ prompt: 'character1 waves', references: [VIDEO], duration: 12 }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request for wan2.6-r2v (1 problem):\n' +
        '- duration 12 is above the maximum of 10 for wan2.6-r2v (allowed 2–10)',
    );
    expect(error.message.split('\n')).toContain('- duration 12 is above the maximum of 10 for wan2.6-r2v (allowed 2–10)');
    expect(error.issues).toEqual([{ path: 'duration', message: '12 is above the maximum of 10 for wan2.6-r2v (allowed 2–10)' }]);
  });

  it('lists every problem, one line each with its path, in the order of the request fields', async () => {
    const error = await rejectionOf(() =>
      quietClient().textToVideo({
        prompt: '   ',
        duration: 1,
        size: '1280x720' as never,
        watermark: 'yes' as never,
        seed: -1,
      }),
    );
    expect(error.issues).toEqual([
      { path: 'prompt', message: 'must not be empty: wan2.6-t2v needs a prompt' },
      { path: 'duration', message: '1 is below the minimum of 2 for wan2.6-t2v (allowed 2–15)' },
      {
        path: 'size',
        message:
          '"1280x720" is not supported by wan2.6-t2v (allowed: 1280*720, 720*1280, 960*960, 1088*832, 832*1088, ' +
          '1920*1080, 1080*1920, 1440*1440, 1632*1248, 1248*1632) (W*H with an asterisk)',
      },
      { path: 'watermark', message: 'must be true or false, got "yes"' },
      { path: 'seed', message: '-1 is below the minimum of 0' },
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid textToVideo request for wan2.6-t2v (5 problems):',
      ...error.issues.map((issue) => `- ${issue.path} ${issue.message}`),
    ]);
  });

  it('uses nested paths for references: references[i] and references[i].url', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({
        prompt: 'character1 and character2',
        references: [IMAGE, 'ftp://cdn.example.com/b.mp4', { url: 'data:video/mp4;base64,AAAA', type: 'video' }],
      }),
    );
    expect(error.issues).toEqual([
      { path: 'references[1]', message: 'URL scheme ftp: is not accepted (allowed: https:, http:, oss:)' },
      { path: 'references[2].url', message: 'a video cannot be sent as a data: URI; pass an http(s):// or oss:// URL' },
    ]);
    expect(error.message).toBe(
      'Invalid referenceToVideo request for wan2.6-r2v (2 problems):\n' +
        '- references[1] URL scheme ftp: is not accepted (allowed: https:, http:, oss:)\n' +
        '- references[2].url a video cannot be sent as a data: URI; pass an http(s):// or oss:// URL',
    );
  });

  it('a request that is not an object is one problem with an empty path', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo(null as never));
    expect(error.issues).toEqual([{ path: '', message: 'the request must be an object of options, got null' }]);
    expect(error.message).toBe('Invalid textToVideo request (1 problem):\n- the request must be an object of options, got null');
  });

  it('reports a field problem and a size contradiction together', async () => {
    const error = await rejectionOf(() =>
      quietClient().textToVideo({ prompt: 'A fox', duration: 1, size: '1280*720', resolution: '1080P' }),
    );
    expect(error.message).toBe(
      'Invalid textToVideo request for wan2.6-t2v (2 problems):\n' +
        '- duration 1 is below the minimum of 2 for wan2.6-t2v (allowed 2–15)\n' +
        '- resolution 1080P contradicts size 1280*720, which is 720P; give size alone, or resolution and aspectRatio',
    );
  });

  it('reports a wrongly typed field and a size contradiction together', async () => {
    const error = await rejectionOf(() =>
      quietClient().textToVideo({ prompt: 5 as never, size: '1280*720', aspectRatio: '9:16' }),
    );
    expect(error.issues).toEqual([
      { path: 'prompt', message: 'must be a string, got 5' },
      {
        path: 'aspectRatio',
        message: '9:16 contradicts size 1280*720, which is 16:9; give size alone, or resolution and aspectRatio',
      },
    ]);
  });

  it('reports a reference problem and a size contradiction together', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({
        prompt: 'character1',
        references: ['https://cdn.example.com/ref'],
        size: '1280*720',
        resolution: '1080P',
      }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request for wan2.6-r2v (2 problems):\n' +
        `- references[0] cannot tell whether "https://cdn.example.com/ref" is an image or a video; pass { url, type: 'image' | 'video' }\n` +
        '- resolution 1080P contradicts size 1280*720, which is 720P; give size alone, or resolution and aspectRatio',
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['references[0]', 'resolution']);
  });

  it('reports a reference problem and a size contradiction together on wan2.7-r2v', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({
        model: 'wan2.7-r2v',
        prompt: 'character1',
        references: [{ url: VIDEO, type: 'sound' as never }],
        size: '1440*1440',
        aspectRatio: '16:9',
      }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request for wan2.7-r2v (2 problems):\n' +
        '- references[0].type "sound" is not a reference type (allowed: image, video)\n' +
        '- aspectRatio 16:9 contradicts size 1440*1440, which is 1:1; give size alone, or resolution and aspectRatio',
    );
  });
});

/** What the "must be one of" line of the default client (intl) lists for `mode`. */
function intlModels(mode: 'textToVideo' | 'referenceToVideo'): string {
  return `the ${mode} models of intl: ${modelsOf(mode, 'intl').join(', ')}`;
}

describe('models', () => {
  it('an unknown model lists the known models of the mode', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ model: 'wan3-r2v' as never, prompt: 'character1', references: [VIDEO] }),
    );
    // The default client is of intl: the models it lists are those intl serves.
    const choices = 'the referenceToVideo models of intl: wan2.6-r2v, wan2.6-r2v-flash, wan2.7-r2v, wan2.7-r2v-2026-06-12, wan3.0-video, wan3.0-video-prime, happyhorse-1.1-r2v, happyhorse-1.0-r2v';
    expect(error.message).toBe(`Invalid referenceToVideo request: unknown model "wan3-r2v"\n- model must be one of ${choices}`);
    expect(error.issues).toEqual([{ path: 'model', message: `must be one of ${choices}` }]);
  });

  it('an unknown model on a client of no known region (a proxy) lists the models of every region', async () => {
    const error = await rejectionOf(() => quietClient({ baseUrl: 'https://proxy.example.com' }).textToVideo({ model: 'wan9-t2v' as never, prompt: 'A fox' }));
    expect(error.issues).toEqual([{ path: 'model', message: `must be one of ${modelsOf('textToVideo').join(', ')}` }]);
    expect(modelsOf('textToVideo')).toContain('wan2.6-t2v-us');
    // A us client lists the us names.
    const us = await rejectionOf(() => quietClient({ region: 'us' }).textToVideo({ model: 'wan9-t2v' as never, prompt: 'A fox' }));
    expect(us.issues).toEqual([{ path: 'model', message: `must be one of the textToVideo models of us: ${modelsOf('textToVideo', 'us').join(', ')}` }]);
    expect(modelsOf('textToVideo', 'us')).toContain('wan2.6-t2v-us');
    expect(modelsOf('textToVideo', 'us')).not.toContain('wan2.6-t2v');
    // A region that serves no model of the mode says so rather than listing nothing.
    const none = await rejectionOf(() => quietClient().speechToVideo({ model: 'wan9-s2v' as never, image: 'https://cdn.example.com/a.png', drivingAudio: 'https://cdn.example.com/a.mp3' }));
    expect(none.issues).toEqual([{ path: 'model', message: 'must be a speechToVideo model, and intl serves none' }]);
  });

  it('a model of another mode says which mode it belongs to', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ model: 'wan2.7-r2v' as never, prompt: 'A fox' }));
    expect(error.message).toBe(
      'Invalid textToVideo request: model "wan2.7-r2v" is for referenceToVideo: call client.referenceToVideo, or pick a textToVideo model\n' +
        `- model must be one of ${intlModels('textToVideo')}`,
    );
    expect(error.issues).toEqual([{ path: 'model', message: `must be one of ${intlModels('textToVideo')}` }]);
  });

  it('a model of another mode on referenceToVideo', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ model: 'wan2.6-t2v' as never, prompt: 'character1', references: [VIDEO] }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request: model "wan2.6-t2v" is for textToVideo: call client.textToVideo, or pick a referenceToVideo model\n' +
        `- model must be one of ${intlModels('referenceToVideo')}`,
    );
  });

  it('model null is an unknown model, not the default', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ model: null as never, prompt: 'A fox' }));
    expect(error.message).toBe(`Invalid textToVideo request: unknown model null\n- model must be one of ${intlModels('textToVideo')}`);
  });

  it('a defaultModels entry of the wrong mode is refused when the client is made', () => {
    let thrown: unknown;
    try {
      quietClient({ defaultModels: { textToVideo: 'wan2.6-i2v' as never } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([
      { path: 'defaultModels.textToVideo', message: `"wan2.6-i2v" is not a textToVideo model (allowed: ${modelsOf('textToVideo').join(', ')})` },
    ]);
  });
});

describe('unknown options and options a model does not take', () => {
  it('an unknown option lists the options of the model', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ prompt: 'A fox', fps: 24 } as never));
    expect(error.issues).toEqual([
      {
        path: '',
        message:
          'unknown option "fps" for wan2.6-t2v (options: model, prompt, negativePrompt, audioUrl, duration, size, resolution, ' +
          'aspectRatio, promptExtend, shotType, watermark, seed, audio, extraInput, extraParameters)',
      },
    ]);
    // No path: the line starts with the message.
    expect(error.message.split('\n')[1]).toMatch(/^- unknown option "fps" for wan2\.6-t2v \(options: /);
  });

  it('the options listed leave out the ones the model does not take', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ prompt: 'character1', references: [VIDEO], fps: 24 } as never),
    );
    expect(error.issues[0]?.message).toBe(
      'unknown option "fps" for wan2.6-r2v (options: model, references, prompt, negativePrompt, duration, size, resolution, ' +
        'aspectRatio, shotType, watermark, seed, extraInput, extraParameters)',
    );
  });

  it('several unknown options are named in one line', async () => {
    const error = await rejectionOf(() => quietClient().imageToVideo({ image: IMAGE, fps: 24, loop: true } as never));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.message).toMatch(/^unknown options "fps", "loop" for wan2\.6-i2v \(options: model, image, prompt, /);
  });

  const unsupported = [
    {
      name: 'aspectRatio on wan2.6-i2v',
      call: () => quietClient().imageToVideo({ image: IMAGE, aspectRatio: '16:9' as never }),
      issue: {
        path: 'aspectRatio',
        message: 'is not supported by wan2.6-i2v: the video takes the aspect ratio of the input; set resolution instead',
      },
    },
    {
      name: 'size on wan2.6-i2v',
      call: () => quietClient().imageToVideo({ image: IMAGE, size: '1280*720' as never }),
      issue: {
        path: 'size',
        message: 'is not supported by wan2.6-i2v: set resolution (720P or 1080P); the aspect ratio follows the input',
      },
    },
    {
      name: 'audio on wan2.6-r2v',
      call: () => quietClient().referenceToVideo({ prompt: 'character1', references: [VIDEO], audio: true as never }),
      issue: { path: 'audio', message: 'is not supported by wan2.6-r2v: use wan2.6-r2v-flash, or extraParameters.audio to send it anyway' },
    },
    {
      name: 'promptExtend on wan2.6-r2v',
      call: () => quietClient().referenceToVideo({ prompt: 'character1', references: [VIDEO], promptExtend: true as never }),
      issue: {
        path: 'promptExtend',
        message: 'is not supported by wan2.6-r2v: not documented for this model; use extraParameters.prompt_extend to send it anyway',
      },
    },
    {
      name: 'promptExtend on wan2.6-r2v-flash',
      call: () =>
        quietClient().referenceToVideo({ model: 'wan2.6-r2v-flash', prompt: 'character1', references: [VIDEO], promptExtend: false as never }),
      issue: {
        path: 'promptExtend',
        message:
          'is not supported by wan2.6-r2v-flash: not documented for this model; use extraParameters.prompt_extend to send it anyway',
      },
    },
    {
      name: 'promptExtend on wan2.6-r2v',
      call: () => quietClient().referenceToVideo({ prompt: 'character1', references: [VIDEO], promptExtend: true as never }),
      issue: {
        path: 'promptExtend',
        message: 'is not supported by wan2.6-r2v: not documented for this model; use extraParameters.prompt_extend to send it anyway',
      },
    },
    {
      name: 'shotType on wan2.7-r2v',
      call: () =>
        quietClient().referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1', references: [VIDEO], shotType: 'multi' as never }),
      issue: {
        path: 'shotType',
        message: 'is not supported by wan2.7-r2v: not documented for this model; use extraParameters.shot_type to send it anyway',
      },
    },
    {
      name: 'audio on wan2.7-r2v',
      call: () => quietClient().referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1', references: [VIDEO], audio: true as never }),
      issue: {
        path: 'audio',
        message: 'is not supported by wan2.7-r2v: use wan3.0-video or wan3.0-video-prime, or extraParameters.audio to send it anyway',
      },
    },
  ] as const;

  it.each(unsupported)('$name is rejected with what to do instead', async ({ call, issue }) => {
    const error = await rejectionOf(call);
    expect(error.issues).toEqual([issue]);
    expect(error.message.split('\n')[1]).toBe(`- ${issue.path} ${issue.message}`);
  });

  it('the request types reject these options at compile time too', () => {
    const client = quietClient();
    expect(() =>
      // @ts-expect-error aspectRatio is not an option of wan2.6-i2v
      client.imageToVideo({ image: IMAGE, aspectRatio: '16:9' }),
    ).toThrow(ValidationError);
    expect(() =>
      // @ts-expect-error shotType is not an option of wan2.7-r2v
      client.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1', references: [VIDEO], shotType: 'multi' }),
    ).toThrow(ValidationError);
    expect(() =>
      // @ts-expect-error fps is not an option at all
      client.textToVideo({ prompt: 'A fox', fps: 24 }),
    ).toThrow(ValidationError);
  });
});

describe('size, resolution and aspectRatio contradictions', () => {
  const contradiction = (value: string, size: string, actual: string) =>
    `${value} contradicts size ${size}, which is ${actual}; give size alone, or resolution and aspectRatio`;

  it('resolution against size', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ prompt: 'A fox', size: '1280*720', resolution: '1080P' }));
    expect(error.issues).toEqual([{ path: 'resolution', message: contradiction('1080P', '1280*720', '720P') }]);
  });

  it('aspectRatio against size', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ prompt: 'A fox', size: '1920*1080', aspectRatio: '9:16' }));
    expect(error.issues).toEqual([{ path: 'aspectRatio', message: contradiction('9:16', '1920*1080', '16:9') }]);
  });

  it('both against size, each on its own line', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ prompt: 'character1', references: [VIDEO], size: '960*960', resolution: '1080P', aspectRatio: '4:3' }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request for wan2.6-r2v (2 problems):\n' +
        '- resolution 1080P contradicts size 960*960, which is 720P; give size alone, or resolution and aspectRatio\n' +
        '- aspectRatio 4:3 contradicts size 960*960, which is 1:1; give size alone, or resolution and aspectRatio',
    );
  });

  it('wan2.7-r2v checks a size against resolution and aspectRatio too', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1', references: [VIDEO], size: '1440*1440', aspectRatio: '16:9' }),
    );
    expect(error.issues).toEqual([{ path: 'aspectRatio', message: contradiction('16:9', '1440*1440', '1:1') }]);
  });

  it('wan2.6-r2v-flash too', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ model: 'wan2.6-r2v-flash', prompt: 'character1', references: [VIDEO], size: '1440*1440', resolution: '720P' }),
    );
    expect(error.issues).toEqual([{ path: 'resolution', message: contradiction('720P', '1440*1440', '1080P') }]);
  });

  it('agreeing size, resolution and aspectRatio pass the schemas', () => {
    expect(modelSchemas['wan2.6-t2v'].textToVideo.safeParse({ prompt: 'A fox', size: '832*1088', resolution: '720P', aspectRatio: '3:4' }).success).toBe(true);
    expect(
      modelSchemas['wan2.7-r2v'].referenceToVideo.safeParse({ prompt: 'c1', references: [VIDEO], size: '1080*1920', resolution: '1080P', aspectRatio: '9:16' }).success,
    ).toBe(true);
  });
});

/** One model's facts as docs/protocol.md §9 states them. */
interface Facts {
  readonly family: ModelCaps['family'];
  readonly modes: string;
  readonly regions: string;
  readonly resolutions: string;
  readonly durations: string;
  readonly limits: string;
}

const FACTS: Record<string, Facts> = {
  'wan2.6-t2v': { family: 'flat', modes: 'textToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.6-i2v': { family: 'flat', modes: 'imageToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.6-r2v': { family: 'flat', modes: 'referenceToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-10', limits: '5/5' },
  'wan2.6-r2v-flash': { family: 'flat', modes: 'referenceToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-10', limits: '5/5' },
  'wan2.7-r2v': { family: 'media', modes: 'referenceToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.7-t2v': { family: 'media', modes: 'textToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.7-i2v': { family: 'media', modes: 'imageToVideo', regions: 'cn intl us', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.7-videoedit': { family: 'media', modes: 'editVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '0 2-10', limits: '5/5' },
  'wan2.7-t2v-2026-04-25': { family: 'media', modes: 'textToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.7-i2v-2026-04-25': { family: 'media', modes: 'imageToVideo', regions: 'cn intl us', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.7-t2v-2026-06-12': { family: 'media', modes: 'textToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.7-r2v-2026-06-12': { family: 'media', modes: 'referenceToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan3.0-video': { family: 'media', modes: 'textToVideo imageToVideo referenceToVideo editVideo', regions: 'cn intl us hk', resolutions: '480P 720P 1080P', durations: '-1 2-30', limits: 'unpublished' },
  'wan3.0-video-prime': { family: 'media', modes: 'textToVideo imageToVideo referenceToVideo editVideo', regions: 'cn intl us hk', resolutions: '480P 720P 1080P', durations: '-1 2-30', limits: 'unpublished' },
  'wan2.6-i2v-flash': { family: 'flat', modes: 'imageToVideo', regions: 'cn intl', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.6-t2v-us': { family: 'flat', modes: 'textToVideo', regions: 'us', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.6-i2v-us': { family: 'flat', modes: 'imageToVideo', regions: 'us', resolutions: '720P 1080P', durations: '2-15', limits: '5/5' },
  'wan2.5-t2v-preview': { family: 'flat', modes: 'textToVideo', regions: 'cn intl', resolutions: '480P 720P 1080P', durations: '5 10', limits: '5/5' },
  'wan2.5-i2v-preview': { family: 'flat', modes: 'imageToVideo', regions: 'cn intl', resolutions: '480P 720P 1080P', durations: '5 10', limits: '5/5' },
  'wan2.2-t2v-plus': { family: 'flat', modes: 'textToVideo', regions: 'cn intl', resolutions: '480P 1080P', durations: '5-5', limits: '2/2' },
  'wan2.2-i2v-plus': { family: 'flat', modes: 'imageToVideo', regions: 'cn intl', resolutions: '480P 1080P', durations: '5-5', limits: '2/2' },
  'wan2.2-i2v-flash': { family: 'flat', modes: 'imageToVideo', regions: 'cn intl', resolutions: '480P 720P 1080P', durations: '5-5', limits: '2/2' },
  'wan2.2-kf2v-flash': { family: 'keyframes', modes: 'imageToVideo', regions: 'cn intl', resolutions: '480P 720P 1080P', durations: '5-5', limits: '2/2' },
  'wan2.1-kf2v-plus': { family: 'keyframes', modes: 'imageToVideo', regions: 'cn intl', resolutions: '720P', durations: '5-5', limits: '2/2' },
  'wan2.1-t2v-turbo': { family: 'flat', modes: 'textToVideo', regions: 'intl', resolutions: '480P 720P', durations: '5-5', limits: '2/2' },
  'wan2.1-t2v-plus': { family: 'flat', modes: 'textToVideo', regions: 'intl', resolutions: '720P', durations: '5-5', limits: '2/2' },
  'wan2.1-i2v-turbo': { family: 'flat', modes: 'imageToVideo', regions: 'intl', resolutions: '480P 720P', durations: '3-5', limits: '2/2' },
  'wan2.1-i2v-plus': { family: 'flat', modes: 'imageToVideo', regions: 'intl', resolutions: '720P', durations: '5-5', limits: '2/2' },
  'wanx2.1-t2v-turbo': { family: 'flat', modes: 'textToVideo', regions: 'cn', resolutions: '480P 720P', durations: '5-5', limits: '2/2' },
  'wanx2.1-t2v-plus': { family: 'flat', modes: 'textToVideo', regions: 'cn', resolutions: '720P', durations: '5-5', limits: '2/2' },
  'wanx2.1-i2v-turbo': { family: 'flat', modes: 'imageToVideo', regions: 'cn', resolutions: '480P 720P', durations: '3-5', limits: '2/2' },
  'wanx2.1-i2v-plus': { family: 'flat', modes: 'imageToVideo', regions: 'cn', resolutions: '720P', durations: '5-5', limits: '2/2' },
  'wan2.1-vace-plus': { family: 'vace', modes: 'editVideo', regions: 'intl', resolutions: '720P', durations: '1-5', limits: '2/2' },
  'wanx2.1-vace-plus': { family: 'vace', modes: 'editVideo', regions: 'cn', resolutions: '720P', durations: '1-5', limits: '2/2' },
  'happyhorse-1.1-t2v': { family: 'media', modes: 'textToVideo', regions: 'cn intl us eu jp', resolutions: '480P 720P 1080P', durations: '3-15', limits: 'unpublished' },
  'happyhorse-1.1-i2v': { family: 'media', modes: 'imageToVideo', regions: 'cn intl us eu jp', resolutions: '480P 720P 1080P', durations: '3-15', limits: 'unpublished' },
  'happyhorse-1.1-r2v': { family: 'media', modes: 'referenceToVideo', regions: 'cn intl us eu jp', resolutions: '480P 720P 1080P', durations: '3-15', limits: 'unpublished' },
  'happyhorse-1.0-t2v': { family: 'media', modes: 'textToVideo', regions: 'cn intl us eu jp', resolutions: '720P 1080P', durations: '3-15', limits: 'unpublished' },
  'happyhorse-1.0-i2v': { family: 'media', modes: 'imageToVideo', regions: 'cn intl us eu jp', resolutions: '720P 1080P', durations: '3-15', limits: 'unpublished' },
  'happyhorse-1.0-r2v': { family: 'media', modes: 'referenceToVideo', regions: 'cn intl us eu jp', resolutions: '720P 1080P', durations: '3-15', limits: 'unpublished' },
  'happyhorse-1.0-video-edit': { family: 'media', modes: 'editVideo', regions: 'cn intl us eu jp', resolutions: '720P 1080P', durations: '3-15', limits: 'unpublished' },
  'wan2.2-animate-move': { family: 'animation', modes: 'animateCharacter', regions: 'cn intl', resolutions: '720P', durations: '2-30', limits: '5/1' },
  'wan2.2-animate-mix': { family: 'animation', modes: 'animateCharacter', regions: 'cn intl', resolutions: '720P', durations: '2-30', limits: '5/1' },
  'wan2.2-s2v': { family: 'animation', modes: 'speechToVideo', regions: 'cn', resolutions: '480P 720P', durations: '1-20', limits: '5/1' },
  videoretalk: { family: 'animation', modes: 'lipSync', regions: 'cn', resolutions: '720P', durations: '2-120', limits: 'unpublished' },
  'kling/kling-v3-video-generation': { family: 'kling', modes: 'textToVideo imageToVideo', regions: 'cn', resolutions: '720P 1080P', durations: '3-15', limits: 'unpublished' },
  'kling/kling-v3-omni-video-generation': { family: 'kling', modes: 'textToVideo imageToVideo referenceToVideo editVideo', regions: 'cn', resolutions: '720P 1080P', durations: '3-15', limits: 'unpublished' },
};

function factsOf(id: ModelId): Facts {
  const caps: ModelCaps = modelCaps[id];
  const { min, max, only, special = [] } = caps.duration;
  return {
    family: caps.family,
    modes: modesOf(id).join(' '),
    regions: caps.regions.join(' '),
    resolutions: caps.resolutions.join(' '),
    durations: [...special.map((entry) => String(entry.value)), only ? only.join(' ') : `${min}-${max}`].join(' '),
    limits: caps.limits ? `${caps.limits.submitsPerSecond}/${caps.limits.concurrentTasks}` : 'unpublished',
  };
}

describe('the exported schemas and caps (docs/protocol.md §3, §9)', () => {
  it('documents every request option (a compile-time check: an option without its doc fails the type check)', () => {
    const complete: OptionDocsComplete = true;
    expect(complete).toBe(true);
  });

  it('every model of §9 with its family, modes, regions, resolutions, durations and limits', () => {
    const ids = Object.keys(modelCaps) as ModelId[];
    expect(Object.fromEntries(ids.map((id) => [id, factsOf(id)]))).toEqual(FACTS);
  });

  it('modelSchemas has a schema for every mode each model serves, and none for the others', () => {
    for (const id of Object.keys(modelCaps) as ModelId[]) {
      expect(Object.keys(modelSchemas[id])).toEqual(modesOf(id));
    }
  });

  it('the schemas validate on their own, without a client', () => {
    expect(modelSchemas['wan2.6-t2v'].textToVideo.safeParse({ prompt: 'A fox', duration: 5 }).success).toBe(true);
    expect(modelSchemas['wan2.6-t2v'].textToVideo.safeParse({ prompt: 'A fox', duration: 16 }).success).toBe(false);
    expect(modelSchemas['wan2.6-i2v'].imageToVideo.safeParse({ image: IMAGE }).success).toBe(true);
    expect(modelSchemas['wan2.6-r2v'].referenceToVideo.safeParse({ prompt: 'c1', references: [VIDEO], duration: 11 }).success).toBe(false);
    expect(modelSchemas['wan2.7-r2v'].referenceToVideo.safeParse({ prompt: 'c1', references: [IMAGE], duration: 15 }).success).toBe(true);
    expect(modelSchemas['wan3.0-video'].editVideo.safeParse({ prompt: 'snow', video: VIDEO, duration: -1 }).success).toBe(true);
    expect(Object.keys(modelSchemas['wan2.7-r2v'].referenceToVideo.shape)).toContain('references');
  });

  it('the default models of the first release stay; editVideo defaults to wan2.7-videoedit', () => {
    expect(DEFAULT_MODELS).toEqual({ textToVideo: 'wan2.6-t2v', imageToVideo: 'wan2.6-i2v', referenceToVideo: 'wan2.6-r2v', editVideo: 'wan2.7-videoedit', animateCharacter: 'wan2.2-animate-move', speechToVideo: 'wan2.2-s2v', lipSync: 'videoretalk' });
  });

  it('sizes: the 720P and 1080P tables for wan2.6, default 1920*1080; 480P only for older models', () => {
    expect(WAN26_SIZES).toEqual({
      '720P': { '16:9': '1280*720', '9:16': '720*1280', '1:1': '960*960', '4:3': '1088*832', '3:4': '832*1088' },
      '1080P': { '16:9': '1920*1080', '9:16': '1080*1920', '1:1': '1440*1440', '4:3': '1632*1248', '3:4': '1248*1632' },
    });
    for (const id of ['wan2.6-t2v', 'wan2.6-r2v', 'wan2.6-r2v-flash'] as const) {
      expect(modelCaps[id].sizes).toBe(WAN26_SIZES);
      expect(modelCaps[id].defaultSize).toBe('1920*1080');
    }
    expect(modelCaps['wan2.5-t2v-preview'].sizes['480P']).toEqual({ '16:9': '832*480', '9:16': '480*832', '1:1': '624*624' });
  });

  it('ratios: none where the input decides; adaptive only on wan3.0', () => {
    expect(modelCaps['wan2.6-i2v'].aspectRatios).toEqual([]);
    expect(modelCaps['wan2.7-i2v'].aspectRatios).toEqual([]);
    expect(modelCaps['wan2.7-r2v'].aspectRatios).toEqual(['16:9', '9:16', '1:1', '4:3', '3:4']);
    expect(modelCaps['wan3.0-video'].aspectRatios).toEqual(['adaptive', '16:9', '9:16', '1:1', '4:3', '3:4']);
    expect(modelCaps['wan3.0-video'].defaultAspectRatio).toBe('adaptive');
  });

  it('references: counts per model', () => {
    for (const caps of Object.values(modelCaps) as ModelCaps[]) expect(caps.maxVideos).toBe(1);
    expect(modelCaps['wan2.6-r2v'].references).toMatchObject({ kinds: ['image', 'video'], maxVideos: 4, voice: false });
    expect(modelCaps['wan2.7-r2v'].references).toMatchObject({ kinds: ['image', 'video'], max: 5, voice: true, maxDurationWithVideo: 10 });
    expect(modelCaps['wan3.0-video'].references).toMatchObject({ kinds: ['image', 'video', 'audio'], maxImages: 10, maxVideos: 5, maxAudios: 5 });
    expect(modelCaps['wan2.7-videoedit'].references).toMatchObject({ kinds: ['image'], maxImages: 4 });
    expect(modelCaps['wan2.6-r2v'].references.video).toMatchObject({ mimeTypes: ['video/mp4', 'video/quicktime'], maxBytes: 100 * 1024 * 1024, minSeconds: 1, maxSeconds: 30 });
  });

  it('prompt limits: 1500 and 500 characters, 5000 for wan2.7-t2v, 20,000 and no negative prompt for wan3.0', () => {
    expect(modelCaps['wan2.6-t2v'].prompt).toEqual({ maxLength: 1500 });
    expect(modelCaps['wan2.6-t2v'].negativePrompt).toEqual({ maxLength: 500 });
    expect(modelCaps['wan2.7-t2v'].prompt).toEqual({ maxLength: 5000 });
    expect(modelCaps['wan3.0-video'].prompt).toEqual({ maxLength: 20_000 });
    expect('negativePrompt' in modelCaps['wan3.0-video']).toBe(false);
    expect(modelCaps['wan2.6-i2v'].modes.imageToVideo.required).not.toContain('prompt');
    expect(modelCaps['wan3.0-video'].modes.textToVideo.required).toContain('prompt');
    expect(modelCaps['wan3.0-video'].modes.imageToVideo.required).not.toContain('prompt');
  });

  it('image input: JPEG/PNG/BMP/WEBP, sides 360–2000 px, at most 10 MiB', () => {
    expect(modelCaps['wan2.6-i2v'].image).toEqual({
      mimeTypes: ['image/jpeg', 'image/png', 'image/bmp', 'image/webp'],
      maxBytes: 10 * 1024 * 1024,
      minSide: 360,
      maxSide: 2000,
    });
  });

  it('driving audio: wav/mp3, 3–30 s (2–30 s as wan2.7-i2v media), at most 15 MiB', () => {
    expect(modelCaps['wan2.6-t2v'].audioInput).toMatchObject({ maxBytes: 15 * 1024 * 1024, minSeconds: 3, maxSeconds: 30 });
    expect(modelCaps['wan2.6-i2v'].audioInput).toBe(modelCaps['wan2.6-t2v'].audioInput);
    expect(modelCaps['wan2.7-i2v'].audioInput).toMatchObject({ minSeconds: 2, maxSeconds: 30 });
    expect('audioInput' in modelCaps['wan2.6-r2v']).toBe(false);
  });

  it('switches per model and mode', () => {
    const switches = (id: ModelId) => {
      const [mode] = modesOf(id);
      return (['audio', 'promptExtend', 'shotType', 'watermark', 'seed'] as const).filter((key) => mode && takesOption(id, mode, key)).join(' ');
    };
    expect(switches('wan2.6-t2v')).toBe('audio promptExtend shotType watermark seed');
    expect(switches('wan2.6-r2v')).toBe('shotType watermark seed');
    expect(switches('wan2.6-r2v-flash')).toBe('audio shotType watermark seed');
    expect(switches('wan2.7-r2v')).toBe('promptExtend watermark seed');
    expect(switches('wan2.7-t2v')).toBe('promptExtend watermark seed');
    expect(switches('wan3.0-video')).toBe('audio promptExtend watermark seed');
    expect(switches('wan2.2-kf2v-flash')).toBe('promptExtend watermark seed');
  });
});

/**
 * ValidationError: thrown synchronously by the mode methods, before anything is sent; its message
 * lists every problem with its path; `issues` holds them; the caps and schemas it comes from are
 * exported and match PROTOCOL.md §3.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODELS, ModelStudioError, ValidationError, WAN26_SIZES, isModelStudioError, modelCaps, modelSchemas,
  wan26I2vSchema, wan26R2vFlashSchema, wan26R2vSchema, wan26T2vSchema, wan27R2vSchema,
} from 'modelstudio-video';
import { useMsw } from '../helpers/msw.ts';
import { flush, quietClient } from './submit-helper.ts';

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
        references: [{ url: VIDEO, type: 'audio' as never }],
        size: '1440*1440',
        aspectRatio: '16:9',
      }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request for wan2.7-r2v (2 problems):\n' +
        '- references[0].type "audio" is not a reference type (allowed: image, video)\n' +
        '- aspectRatio 16:9 contradicts size 1440*1440, which is 1:1; give size alone, or resolution and aspectRatio',
    );
  });
});

describe('models', () => {
  it('an unknown model lists the known models of the mode', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ model: 'wan3-r2v' as never, prompt: 'character1', references: [VIDEO] }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request: unknown model "wan3-r2v"\n- model must be one of wan2.6-r2v, wan2.6-r2v-flash, wan2.7-r2v',
    );
    expect(error.issues).toEqual([{ path: 'model', message: 'must be one of wan2.6-r2v, wan2.6-r2v-flash, wan2.7-r2v' }]);
  });

  it('a model of another mode says which mode it belongs to', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ model: 'wan2.7-r2v' as never, prompt: 'A fox' }));
    expect(error.message).toBe(
      'Invalid textToVideo request: model "wan2.7-r2v" is for referenceToVideo: call client.referenceToVideo, or pick a textToVideo model\n' +
        '- model must be one of wan2.6-t2v',
    );
    expect(error.issues).toEqual([{ path: 'model', message: 'must be one of wan2.6-t2v' }]);
  });

  it('a model of another mode on referenceToVideo', async () => {
    const error = await rejectionOf(() =>
      quietClient().referenceToVideo({ model: 'wan2.6-t2v' as never, prompt: 'character1', references: [VIDEO] }),
    );
    expect(error.message).toBe(
      'Invalid referenceToVideo request: model "wan2.6-t2v" is for textToVideo: call client.textToVideo, or pick a referenceToVideo model\n' +
        '- model must be one of wan2.6-r2v, wan2.6-r2v-flash, wan2.7-r2v',
    );
  });

  it('model null is an unknown model, not the default', async () => {
    const error = await rejectionOf(() => quietClient().textToVideo({ model: null as never, prompt: 'A fox' }));
    expect(error.message).toBe('Invalid textToVideo request: unknown model null\n- model must be one of wan2.6-t2v');
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
      { path: 'defaultModels.textToVideo', message: '"wan2.6-i2v" is not a textToVideo model (allowed: wan2.6-t2v)' },
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
        message: 'is not supported by wan2.6-i2v: the video takes the aspect ratio of the input image; set resolution instead',
      },
    },
    {
      name: 'size on wan2.6-i2v',
      call: () => quietClient().imageToVideo({ image: IMAGE, size: '1280*720' as never }),
      issue: {
        path: 'size',
        message: 'is not supported by wan2.6-i2v: set resolution (720P or 1080P); the aspect ratio follows the input image',
      },
    },
    {
      name: 'audio on wan2.6-r2v',
      call: () => quietClient().referenceToVideo({ prompt: 'character1', references: [VIDEO], audio: true as never }),
      issue: { path: 'audio', message: 'is not supported by wan2.6-r2v: use wan2.6-r2v-flash to generate sound' },
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
      name: 'promptExtend on wan2.7-r2v',
      call: () =>
        quietClient().referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1', references: [VIDEO], promptExtend: true as never }),
      issue: {
        path: 'promptExtend',
        message: 'is not supported by wan2.7-r2v: not documented for this model; use extraParameters.prompt_extend to send it anyway',
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
        message: 'is not supported by wan2.7-r2v: not documented for this model; use extraParameters.audio to send it anyway',
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
    expect(wan26T2vSchema.safeParse({ prompt: 'A fox', size: '832*1088', resolution: '720P', aspectRatio: '3:4' }).success).toBe(true);
    expect(
      wan27R2vSchema.safeParse({ prompt: 'c1', references: [VIDEO], size: '1080*1920', resolution: '1080P', aspectRatio: '9:16' }).success,
    ).toBe(true);
  });
});

describe('the exported schemas and caps (PROTOCOL.md §3)', () => {
  it('modelSchemas and modelCaps cover the same five models', () => {
    const ids = ['wan2.6-t2v', 'wan2.6-i2v', 'wan2.6-r2v', 'wan2.6-r2v-flash', 'wan2.7-r2v'];
    expect(Object.keys(modelCaps)).toEqual(ids);
    expect(Object.keys(modelSchemas)).toEqual(ids);
    expect(modelSchemas['wan2.6-t2v']).toBe(wan26T2vSchema);
    expect(modelSchemas['wan2.6-i2v']).toBe(wan26I2vSchema);
    expect(modelSchemas['wan2.6-r2v']).toBe(wan26R2vSchema);
    expect(modelSchemas['wan2.6-r2v-flash']).toBe(wan26R2vFlashSchema);
    expect(modelSchemas['wan2.7-r2v']).toBe(wan27R2vSchema);
  });

  it('the schemas validate on their own, without a client', () => {
    expect(modelSchemas['wan2.6-t2v'].safeParse({ prompt: 'A fox', duration: 5 }).success).toBe(true);
    expect(modelSchemas['wan2.6-t2v'].safeParse({ prompt: 'A fox', duration: 16 }).success).toBe(false);
    expect(modelSchemas['wan2.6-i2v'].safeParse({ image: IMAGE }).success).toBe(true);
    expect(modelSchemas['wan2.6-r2v'].safeParse({ prompt: 'c1', references: [VIDEO], duration: 11 }).success).toBe(false);
    expect(modelSchemas['wan2.7-r2v'].safeParse({ prompt: 'c1', references: [VIDEO], duration: 15 }).success).toBe(true);
    expect(Object.keys(modelSchemas['wan2.7-r2v'].shape)).toContain('references');
  });

  it('modes and output shapes', () => {
    expect(Object.fromEntries(Object.entries(modelCaps).map(([id, caps]) => [id, [caps.mode, caps.output]]))).toEqual({
      'wan2.6-t2v': ['textToVideo', 'size'],
      'wan2.6-i2v': ['imageToVideo', 'resolution'],
      'wan2.6-r2v': ['referenceToVideo', 'size'],
      'wan2.6-r2v-flash': ['referenceToVideo', 'size'],
      'wan2.7-r2v': ['referenceToVideo', 'resolution+ratio'],
    });
    expect(DEFAULT_MODELS.textToVideo).toBe('wan2.6-t2v');
  });

  it('durations: 2–15 for t2v, i2v and wan2.7-r2v, 2–10 for the wan2.6 r2v models, default 5', () => {
    expect(modelCaps['wan2.6-t2v'].duration).toEqual({ min: 2, max: 15, default: 5 });
    expect(modelCaps['wan2.6-i2v'].duration).toEqual({ min: 2, max: 15, default: 5 });
    expect(modelCaps['wan2.6-r2v'].duration).toEqual({ min: 2, max: 10, default: 5 });
    expect(modelCaps['wan2.6-r2v-flash'].duration).toEqual({ min: 2, max: 10, default: 5 });
    expect(modelCaps['wan2.7-r2v'].duration).toEqual({ min: 2, max: 15, default: 5 });
  });

  it('sizes: the 720P and 1080P tables, default 1920*1080, no 480P', () => {
    expect(WAN26_SIZES).toEqual({
      '720P': { '16:9': '1280*720', '9:16': '720*1280', '1:1': '960*960', '4:3': '1088*832', '3:4': '832*1088' },
      '1080P': { '16:9': '1920*1080', '9:16': '1080*1920', '1:1': '1440*1440', '4:3': '1632*1248', '3:4': '1248*1632' },
    });
    for (const id of ['wan2.6-t2v', 'wan2.6-r2v', 'wan2.6-r2v-flash'] as const) {
      expect(modelCaps[id].sizes).toBe(WAN26_SIZES);
      expect(modelCaps[id].defaultSize).toBe('1920*1080');
    }
    const all = Object.values(WAN26_SIZES).flatMap((row) => Object.values(row));
    expect(all).not.toContain('832*480');
    expect(all).not.toContain('480*832');
    expect(all).not.toContain('624*624');
  });

  it('resolutions and ratios', () => {
    for (const caps of Object.values(modelCaps)) {
      expect(caps.resolutions).toEqual(['720P', '1080P']);
      expect(caps.defaultResolution).toBe('1080P');
    }
    expect(modelCaps['wan2.6-i2v'].aspectRatios).toEqual([]);
    expect(modelCaps['wan2.7-r2v'].aspectRatios).toEqual(['16:9', '9:16', '1:1', '4:3', '3:4']);
  });

  it('one video per task; up to 4 reference videos and at least one reference', () => {
    for (const caps of Object.values(modelCaps)) expect(caps.maxVideos).toBe(1);
    for (const id of ['wan2.6-r2v', 'wan2.6-r2v-flash', 'wan2.7-r2v'] as const) {
      expect(modelCaps[id].references.maxVideos).toBe(4);
      expect(modelCaps[id].references.min).toBe(1);
      expect(modelCaps[id].references.video).toMatchObject({ mimeTypes: ['video/mp4', 'video/quicktime'], maxBytes: 100 * 1024 * 1024, minSeconds: 1, maxSeconds: 30 });
    }
  });

  it('prompt limits: 1500 and 500 characters; prompt optional only for i2v', () => {
    for (const [id, caps] of Object.entries(modelCaps)) {
      expect(caps.prompt).toEqual({ required: id !== 'wan2.6-i2v', maxLength: 1500 });
      expect(caps.negativePrompt).toEqual({ maxLength: 500 });
    }
  });

  it('image input: JPEG/PNG/BMP/WEBP, sides 360–2000 px, at most 10 MiB', () => {
    expect(modelCaps['wan2.6-i2v'].image).toEqual({
      mimeTypes: ['image/jpeg', 'image/png', 'image/bmp', 'image/webp'],
      maxBytes: 10 * 1024 * 1024,
      minSide: 360,
      maxSide: 2000,
    });
  });

  it('driving audio: wav/mp3, 3–30 s, at most 15 MiB, on t2v and i2v only', () => {
    expect(modelCaps['wan2.6-t2v'].audioInput).toMatchObject({ maxBytes: 15 * 1024 * 1024, minSeconds: 3, maxSeconds: 30 });
    expect(modelCaps['wan2.6-i2v'].audioInput).toBe(modelCaps['wan2.6-t2v'].audioInput);
    expect('audioInput' in modelCaps['wan2.6-r2v']).toBe(false);
    expect('audioInput' in modelCaps['wan2.7-r2v']).toBe(false);
  });

  it('switches per model', () => {
    expect(Object.fromEntries(Object.entries(modelCaps).map(([id, caps]) => [id, caps.supports]))).toEqual({
      'wan2.6-t2v': { audio: true, promptExtend: true, shotType: true, watermark: true, seed: true },
      'wan2.6-i2v': { audio: true, promptExtend: true, shotType: true, watermark: true, seed: true },
      'wan2.6-r2v': { audio: false, promptExtend: false, shotType: true, watermark: true, seed: true },
      'wan2.6-r2v-flash': { audio: true, promptExtend: false, shotType: true, watermark: true, seed: true },
      'wan2.7-r2v': { audio: false, promptExtend: false, shotType: false, watermark: true, seed: true },
    });
  });
});

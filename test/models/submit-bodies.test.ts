/**
 * The exact submit body and headers of every mode × model (docs/protocol.md §2–3): only what the caller
 * gives is sent, camelCase options map to their snake_case wire fields, output-shape options map
 * per model, and pass-through fields win.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MODELS, VERSION, WAN26_SIZES, modelCaps, type AspectRatio, type ModelStudioClient, type Resolution,
  type VideoTask, type ReferenceToVideoRequest,
} from 'modelstudio-video';
import { BASE_URL, SUBMIT_URL, TEST_KEY, useMsw } from '../helpers/msw.ts';
import { useFakeClock } from '../helpers/simulated-client.ts';
import { acceptSubmits, quietClient, submitOf } from './submit-helper.ts';

const { server, requests } = useMsw();

useFakeClock();
beforeEach(() => {
  acceptSubmits(server);
});

const IMAGE = 'https://cdn.example.com/people/alice.png';
const VIDEO = 'https://cdn.example.com/clips/bob.mp4';
const AUDIO = 'https://cdn.example.com/audio/drums.mp3';
const DATA_IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BAAQAF/wH+Ky3V3wAAAABJRU5ErkJggg==';

interface BodyCase {
  readonly name: string;
  readonly call: (client: ModelStudioClient) => VideoTask;
  readonly body: unknown;
}

async function bodyOf(call: (client: ModelStudioClient) => VideoTask, client: ModelStudioClient = quietClient()): Promise<unknown> {
  const request = await submitOf(call(client), requests);
  expect(request.method).toBe('POST');
  expect(request.url).toBe(SUBMIT_URL);
  return request.body;
}

describe('textToVideo (wan2.6-t2v)', () => {
  const cases: readonly BodyCase[] = [
    {
      name: 'a prompt alone sends only the prompt and empty parameters',
      call: (c) => c.textToVideo({ prompt: 'A red fox in fresh snow' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A red fox in fresh snow' }, parameters: {} },
    },
    {
      name: 'an explicit model is sent as is',
      call: (c) => c.textToVideo({ model: 'wan2.6-t2v', prompt: 'A fox' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: {} },
    },
    {
      name: 'every option maps to its snake_case wire field',
      call: (c) =>
        c.textToVideo({
          prompt: 'A fox',
          negativePrompt: 'blur, text',
          audioUrl: AUDIO,
          duration: 10,
          size: '1280*720',
          promptExtend: true,
          shotType: 'multi',
          watermark: true,
          seed: 42,
          audio: true,
        }),
      body: {
        model: 'wan2.6-t2v',
        input: { prompt: 'A fox', negative_prompt: 'blur, text', audio_url: AUDIO },
        parameters: {
          size: '1280*720', duration: 10, prompt_extend: true, shot_type: 'multi', watermark: true, seed: 42, audio: true,
        },
      },
    },
    {
      name: 'false and zero are sent, not dropped',
      call: (c) => c.textToVideo({ prompt: 'A fox', promptExtend: false, watermark: false, seed: 0, audio: false }),
      body: {
        model: 'wan2.6-t2v',
        input: { prompt: 'A fox' },
        parameters: { prompt_extend: false, watermark: false, seed: 0, audio: false },
      },
    },
    {
      name: 'options given as undefined are not sent',
      call: (c) => c.textToVideo({ prompt: 'A fox', negativePrompt: undefined, seed: undefined, size: undefined, model: undefined }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: {} },
    },
    {
      name: 'shotType single and the duration bounds',
      call: (c) => c.textToVideo({ prompt: 'A fox', shotType: 'single', duration: 2 }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { shot_type: 'single', duration: 2 } },
    },
    {
      name: 'the longest duration, 15 s',
      call: (c) => c.textToVideo({ prompt: 'A fox', duration: 15 }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { duration: 15 } },
    },
    {
      name: 'size is sent as is',
      call: (c) => c.textToVideo({ prompt: 'A fox', size: '1248*1632' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { size: '1248*1632' } },
    },
    {
      name: 'size with a matching resolution and aspectRatio sends size alone',
      call: (c) => c.textToVideo({ prompt: 'A fox', size: '720*1280', resolution: '720P', aspectRatio: '9:16' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { size: '720*1280' } },
    },
    {
      name: 'resolution alone takes the default ratio 16:9',
      call: (c) => c.textToVideo({ prompt: 'A fox', resolution: '720P' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { size: '1280*720' } },
    },
    {
      name: 'resolution 1080P alone is the default size',
      call: (c) => c.textToVideo({ prompt: 'A fox', resolution: '1080P' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { size: '1920*1080' } },
    },
    {
      name: 'aspectRatio alone takes the default resolution 1080P',
      call: (c) => c.textToVideo({ prompt: 'A fox', aspectRatio: '9:16' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { size: '1080*1920' } },
    },
    {
      name: 'aspectRatio 1:1 alone',
      call: (c) => c.textToVideo({ prompt: 'A fox', aspectRatio: '1:1' }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: { size: '1440*1440' } },
    },
    {
      name: 'extraInput and extraParameters are merged last and win over SDK fields',
      call: (c) =>
        c.textToVideo({
          prompt: 'A fox',
          negativePrompt: 'blur',
          duration: 5,
          size: '1280*720',
          extraInput: { prompt: 'A fox, overridden', style: 'anime' },
          extraParameters: { duration: 7, size: '1920*1080', fps: 24 },
        }),
      body: {
        model: 'wan2.6-t2v',
        input: { prompt: 'A fox, overridden', negative_prompt: 'blur', style: 'anime' },
        parameters: { size: '1920*1080', duration: 7, fps: 24 },
      },
    },
    {
      name: 'empty extra objects add nothing',
      call: (c) => c.textToVideo({ prompt: 'A fox', extraInput: {}, extraParameters: {} }),
      body: { model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: {} },
    },
  ];

  it.each(cases)('$name', async ({ call, body }) => {
    expect(await bodyOf(call)).toEqual(body);
  });

  describe('resolution × aspectRatio → the exact size of WAN26_SIZES', () => {
    const sizes = modelCaps['wan2.6-t2v'].sizes;
    const combos = (Object.keys(sizes) as Resolution[]).flatMap((resolution) =>
      (Object.keys(sizes[resolution] ?? {}) as AspectRatio[]).map((aspectRatio) => ({
        resolution,
        aspectRatio,
        size: sizes[resolution]?.[aspectRatio],
      })),
    );

    it('covers all 10 combinations of the table', () => {
      expect(combos).toHaveLength(10);
      expect(combos.map(({ size }) => size)).toEqual([
        '1280*720', '720*1280', '960*960', '1088*832', '832*1088',
        '1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632',
      ]);
    });

    it.each(combos)('$resolution + $aspectRatio → $size', async ({ resolution, aspectRatio, size }) => {
      // The table of wan2.6-t2v holds only its own resolutions and ratios.
      const shape = { resolution, aspectRatio } as { resolution: '720P' | '1080P'; aspectRatio: '16:9' };
      expect(await bodyOf((c) => c.textToVideo({ prompt: 'A fox', ...shape }))).toEqual({
        model: 'wan2.6-t2v',
        input: { prompt: 'A fox' },
        parameters: { size },
      });
    });
  });
});

describe('imageToVideo (wan2.6-i2v)', () => {
  const cases: readonly BodyCase[] = [
    {
      name: 'an image alone sends img_url and empty parameters',
      call: (c) => c.imageToVideo({ image: IMAGE }),
      body: { model: 'wan2.6-i2v', input: { img_url: IMAGE }, parameters: {} },
    },
    {
      name: 'an explicit model is sent as is',
      call: (c) => c.imageToVideo({ model: 'wan2.6-i2v', image: IMAGE, prompt: 'She smiles' }),
      body: { model: 'wan2.6-i2v', input: { prompt: 'She smiles', img_url: IMAGE }, parameters: {} },
    },
    {
      name: 'every option maps to its snake_case wire field, resolution included',
      call: (c) =>
        c.imageToVideo({
          image: IMAGE,
          prompt: 'She smiles',
          negativePrompt: 'blur',
          audioUrl: AUDIO,
          resolution: '720P',
          duration: 8,
          promptExtend: false,
          shotType: 'single',
          watermark: true,
          seed: 2147483647,
          audio: true,
        }),
      body: {
        model: 'wan2.6-i2v',
        input: { prompt: 'She smiles', negative_prompt: 'blur', img_url: IMAGE, audio_url: AUDIO },
        parameters: {
          resolution: '720P', duration: 8, prompt_extend: false, shot_type: 'single', watermark: true, seed: 2147483647, audio: true,
        },
      },
    },
    {
      name: 'resolution 1080P is sent as resolution, never as size',
      call: (c) => c.imageToVideo({ image: IMAGE, resolution: '1080P' }),
      body: { model: 'wan2.6-i2v', input: { img_url: IMAGE }, parameters: { resolution: '1080P' } },
    },
    {
      name: 'a data:image URI is sent as is',
      call: (c) => c.imageToVideo({ image: DATA_IMAGE }),
      body: { model: 'wan2.6-i2v', input: { img_url: DATA_IMAGE }, parameters: {} },
    },
    {
      name: 'an oss:// image is sent as is',
      call: (c) => c.imageToVideo({ image: 'oss://dashscope-instant/abc/2026/alice.png' }),
      body: { model: 'wan2.6-i2v', input: { img_url: 'oss://dashscope-instant/abc/2026/alice.png' }, parameters: {} },
    },
    {
      name: 'extraInput and extraParameters win',
      call: (c) =>
        c.imageToVideo({
          image: IMAGE,
          resolution: '720P',
          extraInput: { img_url: 'https://cdn.example.com/other.png' },
          extraParameters: { resolution: '1080P' },
        }),
      body: { model: 'wan2.6-i2v', input: { img_url: 'https://cdn.example.com/other.png' }, parameters: { resolution: '1080P' } },
    },
  ];

  it.each(cases)('$name', async ({ call, body }) => {
    expect(await bodyOf(call)).toEqual(body);
  });
});

describe('referenceToVideo, wan2.6 shape (reference_urls, size)', () => {
  const cases: readonly BodyCase[] = [
    {
      name: 'wan2.6-r2v minimal: prompt and reference_urls in order',
      call: (c) => c.referenceToVideo({ prompt: 'character1 greets character2', references: [IMAGE, VIDEO] }),
      body: {
        model: 'wan2.6-r2v',
        input: { prompt: 'character1 greets character2', reference_urls: [IMAGE, VIDEO] },
        parameters: {},
      },
    },
    {
      name: 'explicit { url, type } references are sent as plain URLs',
      call: (c) =>
        c.referenceToVideo({
          model: 'wan2.6-r2v',
          prompt: 'character1 dances',
          references: [{ url: 'https://cdn.example.com/ref?id=7', type: 'video' }, { url: IMAGE, type: 'image' }],
        }),
      body: {
        model: 'wan2.6-r2v',
        input: { prompt: 'character1 dances', reference_urls: ['https://cdn.example.com/ref?id=7', IMAGE] },
        parameters: {},
      },
    },
    {
      name: 'wan2.6-r2v: every option maps to its wire field',
      call: (c) =>
        c.referenceToVideo({
          model: 'wan2.6-r2v',
          prompt: 'character1 runs',
          references: [VIDEO],
          negativePrompt: 'blur',
          duration: 10,
          size: '960*960',
          shotType: 'multi',
          watermark: false,
          seed: 7,
        }),
      body: {
        model: 'wan2.6-r2v',
        input: { prompt: 'character1 runs', negative_prompt: 'blur', reference_urls: [VIDEO] },
        parameters: { size: '960*960', duration: 10, shot_type: 'multi', watermark: false, seed: 7 },
      },
    },
    {
      name: 'wan2.6-r2v: resolution + aspectRatio → size',
      call: (c) => c.referenceToVideo({ prompt: 'character1 runs', references: [VIDEO], resolution: '720P', aspectRatio: '4:3' }),
      body: { model: 'wan2.6-r2v', input: { prompt: 'character1 runs', reference_urls: [VIDEO] }, parameters: { size: '1088*832' } },
    },
    {
      name: 'wan2.6-r2v: aspectRatio alone → 1080P size',
      call: (c) => c.referenceToVideo({ prompt: 'character1 runs', references: [VIDEO], aspectRatio: '3:4' }),
      body: { model: 'wan2.6-r2v', input: { prompt: 'character1 runs', reference_urls: [VIDEO] }, parameters: { size: '1248*1632' } },
    },
    {
      name: 'wan2.6-r2v: four videos plus images are accepted',
      call: (c) =>
        c.referenceToVideo({
          prompt: 'character1 to character6 meet',
          references: [1, 2, 3, 4].map((n) => `https://cdn.example.com/v${n}.mov`).concat([IMAGE, DATA_IMAGE]),
        }),
      body: {
        model: 'wan2.6-r2v',
        input: {
          prompt: 'character1 to character6 meet',
          reference_urls: [1, 2, 3, 4].map((n) => `https://cdn.example.com/v${n}.mov`).concat([IMAGE, DATA_IMAGE]),
        },
        parameters: {},
      },
    },
    {
      name: 'wan2.6-r2v-flash minimal',
      call: (c) => c.referenceToVideo({ model: 'wan2.6-r2v-flash', prompt: 'character1 sings', references: [VIDEO] }),
      body: { model: 'wan2.6-r2v-flash', input: { prompt: 'character1 sings', reference_urls: [VIDEO] }, parameters: {} },
    },
    {
      name: 'wan2.6-r2v-flash takes audio and the other wan2.6 options',
      call: (c) =>
        c.referenceToVideo({
          model: 'wan2.6-r2v-flash',
          prompt: 'character1 sings',
          references: [VIDEO, IMAGE],
          negativePrompt: 'noise',
          duration: 4,
          resolution: '1080P',
          aspectRatio: '1:1',
          shotType: 'single',
          watermark: true,
          seed: 1,
          audio: true,
        }),
      body: {
        model: 'wan2.6-r2v-flash',
        input: { prompt: 'character1 sings', negative_prompt: 'noise', reference_urls: [VIDEO, IMAGE] },
        parameters: { size: '1440*1440', duration: 4, shot_type: 'single', watermark: true, seed: 1, audio: true },
      },
    },
    {
      name: 'wan2.6-r2v: extraInput and extraParameters win (promptExtend goes this way)',
      call: (c) =>
        c.referenceToVideo({
          prompt: 'character1 runs',
          references: [VIDEO],
          size: '1280*720',
          extraInput: { reference_urls: ['https://cdn.example.com/x.mp4'] },
          extraParameters: { prompt_extend: false, size: '720*1280' },
        }),
      body: {
        model: 'wan2.6-r2v',
        input: { prompt: 'character1 runs', reference_urls: ['https://cdn.example.com/x.mp4'] },
        parameters: { size: '720*1280', prompt_extend: false },
      },
    },
  ];

  it.each(cases)('$name', async ({ call, body }) => {
    expect(await bodyOf(call)).toEqual(body);
  });
});

describe('referenceToVideo, wan2.7-r2v shape (media[], resolution + ratio)', () => {
  const cases: readonly BodyCase[] = [
    {
      name: 'references become media items typed reference_image / reference_video, in order',
      call: (c) =>
        c.referenceToVideo({
          model: 'wan2.7-r2v',
          prompt: 'character1 walks with character2',
          references: [IMAGE, VIDEO, { url: 'https://cdn.example.com/ref?id=9', type: 'video' }],
        }),
      body: {
        model: 'wan2.7-r2v',
        input: {
          prompt: 'character1 walks with character2',
          media: [
            { type: 'reference_image', url: IMAGE },
            { type: 'reference_video', url: VIDEO },
            { type: 'reference_video', url: 'https://cdn.example.com/ref?id=9' },
          ],
        },
        parameters: {},
      },
    },
    {
      name: 'resolution + aspectRatio pass through as resolution + ratio',
      call: (c) =>
        c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1 waves', references: [IMAGE], resolution: '720P', aspectRatio: '9:16' }),
      body: {
        model: 'wan2.7-r2v',
        input: { prompt: 'character1 waves', media: [{ type: 'reference_image', url: IMAGE }] },
        parameters: { resolution: '720P', ratio: '9:16' },
      },
    },
    {
      name: 'a size maps to its resolution and ratio, never sent as size',
      call: (c) => c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1 waves', references: [IMAGE], size: '1632*1248' }),
      body: {
        model: 'wan2.7-r2v',
        input: { prompt: 'character1 waves', media: [{ type: 'reference_image', url: IMAGE }] },
        parameters: { resolution: '1080P', ratio: '4:3' },
      },
    },
    {
      name: 'a 720P size maps too',
      call: (c) => c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1 waves', references: [IMAGE], size: '720*1280' }),
      body: {
        model: 'wan2.7-r2v',
        input: { prompt: 'character1 waves', media: [{ type: 'reference_image', url: IMAGE }] },
        parameters: { resolution: '720P', ratio: '9:16' },
      },
    },
    {
      name: 'resolution alone is sent alone (no default ratio is invented)',
      call: (c) => c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1 waves', references: [IMAGE], resolution: '1080P' }),
      body: {
        model: 'wan2.7-r2v',
        input: { prompt: 'character1 waves', media: [{ type: 'reference_image', url: IMAGE }] },
        parameters: { resolution: '1080P' },
      },
    },
    {
      name: 'aspectRatio alone is sent as ratio alone',
      call: (c) => c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1 waves', references: [IMAGE], aspectRatio: '1:1' }),
      body: {
        model: 'wan2.7-r2v',
        input: { prompt: 'character1 waves', media: [{ type: 'reference_image', url: IMAGE }] },
        parameters: { ratio: '1:1' },
      },
    },
    {
      name: 'every other option maps to its wire field; duration up to 15 with image references',
      call: (c) =>
        c.referenceToVideo({
          model: 'wan2.7-r2v',
          prompt: 'character1 waves',
          references: [IMAGE],
          negativePrompt: 'blur',
          duration: 15,
          watermark: true,
          seed: 99,
        }),
      body: {
        model: 'wan2.7-r2v',
        input: { prompt: 'character1 waves', negative_prompt: 'blur', media: [{ type: 'reference_image', url: IMAGE }] },
        parameters: { duration: 15, watermark: true, seed: 99 },
      },
    },
    {
      name: 'extraInput and extraParameters win (shot_type goes this way)',
      call: (c) =>
        c.referenceToVideo({
          model: 'wan2.7-r2v',
          prompt: 'character1 waves',
          references: [VIDEO],
          aspectRatio: '16:9',
          extraInput: { media: [{ type: 'first_frame', url: IMAGE }] },
          extraParameters: { ratio: '9:16', shot_type: 'multi' },
        }),
      body: {
        model: 'wan2.7-r2v',
        input: { prompt: 'character1 waves', media: [{ type: 'first_frame', url: IMAGE }] },
        parameters: { ratio: '9:16', shot_type: 'multi' },
      },
    },
  ];

  it.each(cases)('$name', async ({ call, body }) => {
    expect(await bodyOf(call)).toEqual(body);
  });
});

describe('default models', () => {
  it('are wan2.6-t2v, wan2.6-i2v and wan2.6-r2v, and wan2.7-videoedit for the new editVideo', () => {
    expect(DEFAULT_MODELS).toEqual({ textToVideo: 'wan2.6-t2v', imageToVideo: 'wan2.6-i2v', referenceToVideo: 'wan2.6-r2v', editVideo: 'wan2.7-videoedit', animateCharacter: 'wan2.2-animate-move', speechToVideo: 'wan2.2-s2v', lipSync: 'videoretalk' });
  });

  it('referenceToVideo without a model uses the wan2.6 shape', async () => {
    const body = await bodyOf((c) => c.referenceToVideo({ prompt: 'character1 waves', references: [IMAGE] }));
    expect(body).toEqual({ model: 'wan2.6-r2v', input: { prompt: 'character1 waves', reference_urls: [IMAGE] }, parameters: {} });
  });

  it('defaultModels picks the model, and its wire shape, when a request names none', async () => {
    const client = quietClient({ defaultModels: { referenceToVideo: 'wan2.7-r2v' } });
    const body = await bodyOf((c) => c.referenceToVideo({ prompt: 'character1 waves', references: [IMAGE], size: '1280*720' }), client);
    expect(body).toEqual({
      model: 'wan2.7-r2v',
      input: { prompt: 'character1 waves', media: [{ type: 'reference_image', url: IMAGE }] },
      parameters: { resolution: '720P', ratio: '16:9' },
    });
  });

  it('defaultModels set to flash sends the flash model', async () => {
    const client = quietClient({ defaultModels: { referenceToVideo: 'wan2.6-r2v-flash' } });
    // A request without `model` is typed as the SDK default's (wan2.6-r2v, silent); the client's default decides at run time.
    const request = { prompt: 'character1 sings', references: [VIDEO], audio: true } as unknown as ReferenceToVideoRequest;
    const body = await bodyOf((c) => c.referenceToVideo(request), client);
    expect(body).toEqual({
      model: 'wan2.6-r2v-flash',
      input: { prompt: 'character1 sings', reference_urls: [VIDEO] },
      parameters: { audio: true },
    });
  });

  it('an explicit model wins over defaultModels', async () => {
    const client = quietClient({ defaultModels: { referenceToVideo: 'wan2.7-r2v' } });
    const body = await bodyOf(
      (c) => c.referenceToVideo({ model: 'wan2.6-r2v', prompt: 'character1 waves', references: [IMAGE], size: '1280*720' }),
      client,
    );
    expect(body).toEqual({
      model: 'wan2.6-r2v',
      input: { prompt: 'character1 waves', reference_urls: [IMAGE] },
      parameters: { size: '1280*720' },
    });
  });

  it('an undefined entry of defaultModels keeps the default', async () => {
    const client = quietClient({ defaultModels: { textToVideo: undefined, referenceToVideo: 'wan2.7-r2v' } });
    const body = await bodyOf((c) => c.textToVideo({ prompt: 'A fox' }), client);
    expect(body).toEqual({ model: 'wan2.6-t2v', input: { prompt: 'A fox' }, parameters: {} });
  });
});

describe('submit headers and URL', () => {
  async function headersOf(call: (client: ModelStudioClient) => VideoTask, client: ModelStudioClient = quietClient()) {
    const request = await submitOf(call(client), requests);
    expect(request.method).toBe('POST');
    return request.headers;
  }

  const modes: ReadonlyArray<{ name: string; call: (client: ModelStudioClient) => VideoTask }> = [
    { name: 'textToVideo', call: (c) => c.textToVideo({ prompt: 'A fox' }) },
    { name: 'imageToVideo', call: (c) => c.imageToVideo({ image: IMAGE }) },
    { name: 'referenceToVideo wan2.6-r2v', call: (c) => c.referenceToVideo({ prompt: 'character1', references: [VIDEO] }) },
    { name: 'referenceToVideo wan2.6-r2v-flash', call: (c) => c.referenceToVideo({ model: 'wan2.6-r2v-flash', prompt: 'character1', references: [VIDEO] }) },
    { name: 'referenceToVideo wan2.7-r2v', call: (c) => c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1', references: [VIDEO] }) },
  ];

  it.each(modes)('$name: POST to the submit path with key, JSON, async and user agent', async ({ call }) => {
    const request = await submitOf(call(quietClient()), requests);
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${BASE_URL}/api/v1/services/aigc/video-generation/video-synthesis`);
    const { headers } = request;
    expect(headers['authorization']).toBe(`Bearer ${TEST_KEY}`);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-dashscope-async']).toBe('enable');
    expect(headers['user-agent']).toMatch(/^modelstudio-video\//);
    expect(headers['user-agent']).toBe(`modelstudio-video/${VERSION}`);
    expect(headers).not.toHaveProperty('x-dashscope-workspace');
    expect(headers).not.toHaveProperty('x-dashscope-ossresourceresolve');
  });

  it('sends X-DashScope-WorkSpace when the workspace option is set', async () => {
    const headers = await headersOf((c) => c.textToVideo({ prompt: 'A fox' }), quietClient({ workspace: 'ws-1234' }));
    expect(headers['x-dashscope-workspace']).toBe('ws-1234');
  });

  it('sends no workspace header for a blank workspace option', async () => {
    const headers = await headersOf((c) => c.textToVideo({ prompt: 'A fox' }), quietClient({ workspace: '   ' }));
    expect(headers).not.toHaveProperty('x-dashscope-workspace');
  });

  it('posts to a custom baseUrl, without its trailing slashes', async () => {
    const base = 'https://ws-1.ap-southeast-1.maas.aliyuncs.com';
    const url = `${base}/api/v1/services/aigc/video-generation/video-synthesis`;
    acceptSubmits(server, url);
    const request = await submitOf(quietClient({ baseUrl: `${base}//` }).textToVideo({ prompt: 'A fox' }), requests);
    expect(request.url).toBe(url);
  });

  const ossCases: ReadonlyArray<{ name: string; call: (client: ModelStudioClient) => VideoTask }> = [
    { name: 'an oss:// image', call: (c) => c.imageToVideo({ image: 'oss://dashscope-instant/u/alice.png' }) },
    { name: 'an oss:// audioUrl (t2v)', call: (c) => c.textToVideo({ prompt: 'A fox', audioUrl: 'oss://dashscope-instant/u/drums.mp3' }) },
    { name: 'an oss:// audioUrl (i2v)', call: (c) => c.imageToVideo({ image: IMAGE, audioUrl: 'oss://dashscope-instant/u/drums.wav' }) },
    {
      name: 'an oss:// reference among https ones (wan2.6)',
      call: (c) => c.referenceToVideo({ prompt: 'character1', references: [IMAGE, 'oss://dashscope-instant/u/bob.mp4'] }),
    },
    {
      name: 'an oss:// reference (wan2.7 media)',
      call: (c) => c.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1', references: ['oss://dashscope-instant/u/bob.mp4'] }),
    },
  ];

  it.each(ossCases)('sends X-DashScope-OssResourceResolve for $name', async ({ call }) => {
    const headers = await headersOf(call);
    expect(headers['x-dashscope-ossresourceresolve']).toBe('enable');
  });

  it('sends no OssResourceResolve header for data: and https:// inputs', async () => {
    const headers = await headersOf((c) => c.referenceToVideo({ prompt: 'character1', references: [IMAGE, DATA_IMAGE, VIDEO] }));
    expect(headers).not.toHaveProperty('x-dashscope-ossresourceresolve');
  });
});

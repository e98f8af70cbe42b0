/**
 * Every model of docs/protocol.md §9 in every mode it serves: the exact documented body and submit
 * path that reach the simulator, which checks them with its own per-family rules and runs the task
 * to SUCCEEDED with the usage fields of the model's generation. A last test checks that the table
 * covers every model × mode of the caps, so a new caps entry without a case fails here.
 */
import { describe, expect, it } from 'vitest';
import { modelCaps, modesOf, type ModelId, type ModelStudioClient, type VideoMode, type VideoTask } from 'modelstudio-video';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';
import { settle } from '../helpers/settle.ts';

useFakeClock();

const IMAGE = 'https://cdn.example.com/frames/first.png';
const LAST = 'https://cdn.example.com/frames/last.png';
const VIDEO = 'https://cdn.example.com/clips/input.mp4';
const AUDIO = 'https://cdn.example.com/audio/voice.mp3';
const VIDEO_SYNTHESIS = '/api/v1/services/aigc/video-generation/video-synthesis';
const IMAGE2VIDEO = '/api/v1/services/aigc/image2video/video-synthesis';

interface Case {
  readonly model: ModelId;
  readonly mode: VideoMode;
  readonly call: (client: ModelStudioClient) => VideoTask;
  readonly input: Record<string, unknown>;
  readonly parameters: Record<string, unknown>;
  readonly path?: string;
  /** Usage fields the generation reports (a subset). */
  readonly usage: Record<string, unknown>;
}

const WAN26_USAGE = { video_count: 1, SR: 720 };
const WAN27_USAGE = { video_count: 1, fps: 24 };

/** A flat text-to-video case at 720P 16:9. */
function flatT2v(model: ModelId, usage: Record<string, unknown>, duration = 5): Case {
  return {
    model,
    mode: 'textToVideo',
    call: (c) => c.textToVideo({ model: model as 'wan2.6-t2v', prompt: 'A red fox in snow', negativePrompt: 'blur', resolution: '720P', aspectRatio: '16:9', duration, seed: 7 }),
    input: { prompt: 'A red fox in snow', negative_prompt: 'blur' },
    parameters: { size: '1280*720', duration, seed: 7 },
    usage,
  };
}

/** A flat image-to-video case at 720P. */
function flatI2v(model: ModelId, usage: Record<string, unknown>, duration = 5): Case {
  return {
    model,
    mode: 'imageToVideo',
    call: (c) => c.imageToVideo({ model: model as 'wan2.6-i2v', image: IMAGE, prompt: 'She smiles', resolution: '720P', duration, promptExtend: false }),
    input: { prompt: 'She smiles', img_url: IMAGE },
    parameters: { resolution: '720P', duration, prompt_extend: false },
    usage,
  };
}

function keyframes(model: ModelId, usage: Record<string, unknown>): Case {
  return {
    model,
    mode: 'imageToVideo',
    call: (c) => c.imageToVideo({ model: model as 'wan2.2-kf2v-flash', image: IMAGE, lastFrame: LAST, prompt: 'The bud opens', resolution: '720P', watermark: false }),
    input: { first_frame_url: IMAGE, last_frame_url: LAST, prompt: 'The bud opens' },
    parameters: { resolution: '720P', watermark: false },
    path: IMAGE2VIDEO,
    usage,
  };
}

function wan27T2v(model: ModelId): Case {
  return {
    model,
    mode: 'textToVideo',
    call: (c) => c.textToVideo({ model: model as 'wan2.7-t2v', prompt: 'A neon city in rain', resolution: '1080P', aspectRatio: '9:16', duration: 12, audioUrl: AUDIO }),
    input: { prompt: 'A neon city in rain', audio_url: AUDIO },
    parameters: { resolution: '1080P', ratio: '9:16', duration: 12 },
    usage: { ...WAN27_USAGE, SR: 1080, ratio: '9:16', output_video_duration: 12 },
  };
}

function wan27I2v(model: ModelId): Case {
  return {
    model,
    mode: 'imageToVideo',
    call: (c) => c.imageToVideo({ model: model as 'wan2.7-i2v', image: IMAGE, lastFrame: LAST, prompt: 'The bud opens', resolution: '720P' }),
    input: { prompt: 'The bud opens', media: [{ type: 'first_frame', url: IMAGE }, { type: 'last_frame', url: LAST }] },
    parameters: { resolution: '720P' },
    usage: { ...WAN27_USAGE, SR: 720 },
  };
}

function wan27R2v(model: ModelId): Case {
  return {
    model,
    mode: 'referenceToVideo',
    call: (c) =>
      c.referenceToVideo({
        model: model as 'wan2.7-r2v',
        prompt: 'character1 sings to character2',
        references: [{ url: IMAGE, voice: AUDIO }, VIDEO],
        firstFrame: LAST,
        resolution: '720P',
        aspectRatio: '1:1',
        duration: 10,
      }),
    input: {
      prompt: 'character1 sings to character2',
      media: [
        { type: 'first_frame', url: LAST },
        { type: 'reference_image', url: IMAGE, reference_voice: AUDIO },
        { type: 'reference_video', url: VIDEO },
      ],
    },
    parameters: { resolution: '720P', ratio: '1:1', duration: 10 },
    usage: { ...WAN27_USAGE, SR: 720, input_video_duration: 5, output_video_duration: 10 },
  };
}

/** The four modes of a wan3.0 model. */
function wan30(model: ModelId): Case[] {
  const usage = { video_count: 1, fps: 30 };
  return [
    {
      model,
      mode: 'textToVideo',
      call: (c) => c.textToVideo({ model: model as 'wan3.0-video', prompt: 'A whale breaches', resolution: '480P', aspectRatio: 'adaptive', duration: -1, audio: true }),
      input: { prompt: 'A whale breaches' },
      parameters: { resolution: '480P', ratio: 'adaptive', duration: -1, audio: true },
      usage: { ...usage, SR: 480 },
    },
    {
      model,
      mode: 'imageToVideo',
      call: (c) => c.imageToVideo({ model: model as 'wan3.0-video', image: IMAGE, lastFrame: LAST, duration: 30 }),
      input: { media: [{ type: 'first_frame', url: IMAGE }, { type: 'last_frame', url: LAST }] },
      parameters: { duration: 30 },
      usage: { ...usage, SR: 1080, output_video_duration: 30 },
    },
    {
      model,
      mode: 'referenceToVideo',
      call: (c) => c.referenceToVideo({ model: model as 'wan3.0-video', prompt: 'character1 speaks', references: [IMAGE, VIDEO, { url: AUDIO, type: 'audio' }] }),
      input: {
        prompt: 'character1 speaks',
        media: [{ type: 'reference_image', url: IMAGE }, { type: 'reference_video', url: VIDEO }, { type: 'reference_audio', url: AUDIO }],
      },
      parameters: {},
      usage: { ...usage, input_video_duration: 5 },
    },
    {
      model,
      mode: 'editVideo',
      call: (c) => c.editVideo({ model: model as 'wan3.0-video', video: VIDEO, prompt: 'Make it night', references: [IMAGE], resolution: '720P' }),
      input: { prompt: 'Make it night', media: [{ type: 'file', url: VIDEO }, { type: 'reference_image', url: IMAGE }] },
      parameters: { resolution: '720P' },
      usage: { ...usage, SR: 720, input_video_duration: 5 },
    },
  ];
}

function vace(model: ModelId): Case {
  return {
    model,
    mode: 'editVideo',
    call: (c) => c.editVideo({ model: model as 'wan2.1-vace-plus', function: 'video_outpainting', video: VIDEO, expandRatio: 1.5, prompt: 'A wider beach' }),
    input: { function: 'video_outpainting', prompt: 'A wider beach', video_url: VIDEO },
    parameters: { top_scale: 1.5, bottom_scale: 1.5, left_scale: 1.5, right_scale: 1.5 },
    usage: { video_count: 1, video_duration: 5 },
  };
}

const FLAT_26_T2V = { ...WAN26_USAGE, size: '1280*720', output_video_duration: 5 };
const WAN21_USAGE = { video_count: 1, video_duration: 5 };

/** HappyHorse's three generation models of one version (docs/protocol.md §10): the media family. */
function happyHorseCases(version: 'happyhorse-1.1' | 'happyhorse-1.0'): Case[] {
  return [
    {
      model: `${version}-t2v`,
      mode: 'textToVideo',
      call: (c) => c.textToVideo({ model: `${version}-t2v`, prompt: 'A horse gallops along the shore', resolution: '720P', aspectRatio: '21:9', duration: 8, seed: 3 }),
      input: { prompt: 'A horse gallops along the shore' },
      parameters: { resolution: '720P', ratio: '21:9', duration: 8, seed: 3 },
      usage: { video_count: 1, SR: 720, ratio: '21:9' },
    },
    {
      model: `${version}-i2v`,
      mode: 'imageToVideo',
      call: (c) => c.imageToVideo({ model: `${version}-i2v`, image: IMAGE, prompt: 'The horse turns its head', duration: 3, watermark: false }),
      input: { prompt: 'The horse turns its head', media: [{ type: 'first_frame', url: IMAGE }] },
      parameters: { duration: 3, watermark: false },
      usage: { video_count: 1, SR: 1080 },
    },
    {
      model: `${version}-r2v`,
      mode: 'referenceToVideo',
      call: (c) =>
        c.referenceToVideo({ model: `${version}-r2v`, prompt: '[Image 1] rides [Image 2] across a field', references: [IMAGE, LAST], aspectRatio: '4:5', duration: 15 }),
      input: {
        prompt: '[Image 1] rides [Image 2] across a field',
        media: [{ type: 'reference_image', url: IMAGE }, { type: 'reference_image', url: LAST }],
      },
      parameters: { ratio: '4:5', duration: 15 },
      usage: { video_count: 1, SR: 1080, ratio: '4:5' },
    },
  ];
}

/** A Kling model's text and image modes (docs/protocol.md §10.5): the kling family. */
function klingCases(model: 'kling/kling-v3-video-generation' | 'kling/kling-v3-omni-video-generation'): Case[] {
  return [
    {
      model,
      mode: 'textToVideo',
      call: (c) =>
        c.textToVideo({
          model,
          prompt: 'A market at dusk',
          shots: [{ prompt: 'Lanterns light up', duration: 4 }, { prompt: 'The crowd turns to the stage', duration: 6 }],
          aspectRatio: '9:16',
          audio: true,
        }),
      input: {
        prompt: 'A market at dusk',
        multi_shot: true,
        shot_type: 'customize',
        multi_prompt: [{ index: 1, prompt: 'Lanterns light up', duration: 4 }, { index: 2, prompt: 'The crowd turns to the stage', duration: 6 }],
      },
      parameters: { aspect_ratio: '9:16', duration: 10, audio: true },
      usage: { video_count: 1, output_video_duration: 10 },
    },
    {
      model,
      mode: 'imageToVideo',
      call: (c) => c.imageToVideo({ model, image: IMAGE, lastFrame: LAST, prompt: 'The bud opens', resolution: '1080P', duration: 7, watermark: true }),
      input: { prompt: 'The bud opens', media: [{ type: 'first_frame', url: IMAGE }, { type: 'last_frame', url: LAST }] },
      parameters: { mode: 'pro', duration: 7, watermark: true },
      usage: { video_count: 1, output_video_duration: 7 },
    },
  ];
}

const cases: readonly Case[] = [
  flatT2v('wan2.6-t2v', FLAT_26_T2V),
  flatI2v('wan2.6-i2v', WAN26_USAGE),
  {
    model: 'wan2.6-r2v',
    mode: 'referenceToVideo',
    call: (c) => c.referenceToVideo({ prompt: 'character1 meets character2', references: [IMAGE, VIDEO], size: '1280*720', shotType: 'multi' }),
    input: { prompt: 'character1 meets character2', reference_urls: [IMAGE, VIDEO] },
    parameters: { size: '1280*720', shot_type: 'multi' },
    usage: { ...WAN26_USAGE, input_video_duration: 5, duration: 10 },
  },
  {
    model: 'wan2.6-r2v-flash',
    mode: 'referenceToVideo',
    call: (c) => c.referenceToVideo({ model: 'wan2.6-r2v-flash', prompt: 'character1 sings', references: [IMAGE], audio: true, resolution: '720P', aspectRatio: '1:1' }),
    input: { prompt: 'character1 sings', reference_urls: [IMAGE] },
    parameters: { size: '960*960', audio: true },
    usage: WAN26_USAGE,
  },
  wan27R2v('wan2.7-r2v'),
  wan27T2v('wan2.7-t2v'),
  wan27I2v('wan2.7-i2v'),
  {
    model: 'wan2.7-videoedit',
    mode: 'editVideo',
    call: (c) => c.editVideo({ video: VIDEO, prompt: 'make it snow', references: [IMAGE], audioSetting: 'origin', duration: 0, aspectRatio: '16:9' }),
    input: { prompt: 'make it snow', media: [{ type: 'video', url: VIDEO }, { type: 'reference_image', url: IMAGE }] },
    parameters: { ratio: '16:9', duration: 0, audio_setting: 'origin' },
    usage: { ...WAN27_USAGE, input_video_duration: 5 },
  },
  wan27T2v('wan2.7-t2v-2026-04-25'),
  wan27I2v('wan2.7-i2v-2026-04-25'),
  wan27T2v('wan2.7-t2v-2026-06-12'),
  wan27R2v('wan2.7-r2v-2026-06-12'),
  ...wan30('wan3.0-video'),
  ...wan30('wan3.0-video-prime'),
  {
    model: 'wan2.6-i2v-flash',
    mode: 'imageToVideo',
    call: (c) => c.imageToVideo({ model: 'wan2.6-i2v-flash', image: IMAGE, audio: false, resolution: '720P' }),
    input: { img_url: IMAGE },
    parameters: { resolution: '720P', audio: false },
    usage: { ...WAN26_USAGE, audio: false },
  },
  flatT2v('wan2.6-t2v-us', FLAT_26_T2V),
  flatI2v('wan2.6-i2v-us', WAN26_USAGE),
  flatT2v('wan2.5-t2v-preview', { video_count: 1, SR: 720, duration: 10 }, 10),
  flatI2v('wan2.5-i2v-preview', { video_count: 1, SR: 720, duration: 5 }),
  {
    model: 'wan2.2-t2v-plus',
    mode: 'textToVideo',
    call: (c) => c.textToVideo({ model: 'wan2.2-t2v-plus', prompt: 'A lighthouse', resolution: '480P', aspectRatio: '9:16' }),
    input: { prompt: 'A lighthouse' },
    parameters: { size: '480*832' },
    usage: { video_count: 1, SR: 480, duration: 5 },
  },
  {
    model: 'wan2.2-i2v-plus',
    mode: 'imageToVideo',
    call: (c) => c.imageToVideo({ model: 'wan2.2-i2v-plus', image: IMAGE, resolution: '480P' }),
    input: { img_url: IMAGE },
    parameters: { resolution: '480P' },
    usage: { video_count: 1, SR: 480, duration: 5 },
  },
  flatI2v('wan2.2-i2v-flash', { video_count: 1, SR: 720, duration: 5 }),
  keyframes('wan2.2-kf2v-flash', { video_count: 1, SR: 720, duration: 5 }),
  keyframes('wan2.1-kf2v-plus', WAN21_USAGE),
  flatT2v('wan2.1-t2v-turbo', WAN21_USAGE),
  flatT2v('wan2.1-t2v-plus', WAN21_USAGE),
  flatI2v('wan2.1-i2v-turbo', { ...WAN21_USAGE, video_duration: 4 }, 4),
  flatI2v('wan2.1-i2v-plus', WAN21_USAGE),
  flatT2v('wanx2.1-t2v-turbo', WAN21_USAGE),
  flatT2v('wanx2.1-t2v-plus', WAN21_USAGE),
  flatI2v('wanx2.1-i2v-turbo', { ...WAN21_USAGE, video_duration: 3 }, 3),
  flatI2v('wanx2.1-i2v-plus', WAN21_USAGE),
  vace('wan2.1-vace-plus'),
  vace('wanx2.1-vace-plus'),
  ...happyHorseCases('happyhorse-1.1'),
  ...happyHorseCases('happyhorse-1.0'),
  {
    model: 'happyhorse-1.0-video-edit',
    mode: 'editVideo',
    call: (c) =>
      c.editVideo({
        model: 'happyhorse-1.0-video-edit',
        video: VIDEO,
        references: [IMAGE],
        prompt: 'Make it snow, keep [Image 1] as the coat',
        audioSetting: 'origin',
        resolution: '720P',
        watermark: false,
      }),
    input: {
      prompt: 'Make it snow, keep [Image 1] as the coat',
      media: [{ type: 'video', url: VIDEO }, { type: 'reference_image', url: IMAGE }],
    },
    parameters: { resolution: '720P', watermark: false, audio_setting: 'origin' },
    usage: { video_count: 1, SR: 720 },
  },
  {
    model: 'wan2.2-animate-move',
    mode: 'animateCharacter',
    call: (c) => c.animateCharacter({ image: IMAGE, video: VIDEO, quality: 'pro', watermark: true }),
    input: { image_url: IMAGE, video_url: VIDEO, watermark: true },
    parameters: { mode: 'wan-pro' },
    path: IMAGE2VIDEO,
    usage: { video_duration: 5, video_count: 1, video_ratio: '16:9' },
  },
  {
    model: 'wan2.2-animate-mix',
    mode: 'animateCharacter',
    call: (c) => c.animateCharacter({ model: 'wan2.2-animate-mix', image: IMAGE, video: VIDEO }),
    input: { image_url: IMAGE, video_url: VIDEO },
    parameters: { mode: 'wan-std' },
    path: IMAGE2VIDEO,
    usage: { video_duration: 5, video_count: 1 },
  },
  {
    model: 'wan2.2-s2v',
    mode: 'speechToVideo',
    call: (c) => c.speechToVideo({ image: IMAGE, drivingAudio: AUDIO, resolution: '720P' }),
    input: { image_url: IMAGE, audio_url: AUDIO },
    parameters: { resolution: '720P' },
    path: IMAGE2VIDEO,
    usage: { video_duration: 20, video_count: 1 },
  },
  {
    model: 'videoretalk',
    mode: 'lipSync',
    call: (c) => c.lipSync({ video: VIDEO, drivingAudio: AUDIO, faceImage: IMAGE, extendVideo: true }),
    input: { video_url: VIDEO, audio_url: AUDIO, ref_image_url: IMAGE },
    parameters: { video_extension: true },
    path: IMAGE2VIDEO,
    usage: { video_duration: 120, video_count: 1 },
  },
  ...klingCases('kling/kling-v3-video-generation'),
  ...klingCases('kling/kling-v3-omni-video-generation'),
  {
    model: 'kling/kling-v3-omni-video-generation',
    mode: 'referenceToVideo',
    call: (c) =>
      c.referenceToVideo({ model: 'kling/kling-v3-omni-video-generation', prompt: 'The two friends share an umbrella', references: [IMAGE, LAST], aspectRatio: '1:1', resolution: '720P' }),
    input: { prompt: 'The two friends share an umbrella', media: [{ type: 'refer', url: IMAGE }, { type: 'refer', url: LAST }] },
    parameters: { mode: 'std', aspect_ratio: '1:1' },
    usage: { video_count: 1 },
  },
  {
    model: 'kling/kling-v3-omni-video-generation',
    mode: 'editVideo',
    call: (c) => c.editVideo({ model: 'kling/kling-v3-omni-video-generation', video: VIDEO, references: [IMAGE], prompt: 'Dress her in <<<image_1>>>', watermark: false }),
    input: { prompt: 'Dress her in <<<image_1>>>', media: [{ type: 'base', url: VIDEO }, { type: 'refer', url: IMAGE }] },
    parameters: { watermark: false },
    usage: { video_count: 1 },
  },
];

describe('every model × mode submits its documented body, and the simulator runs it to SUCCEEDED', () => {
  it.each(cases.map((entry) => [`${entry.model} ${entry.mode}`, entry] as const))('%s', async (_name, entry) => {
    // A region of the model's own, so that the simulator serves only that region's names.
    const region = modelCaps[entry.model].regions[0];
    const { sim, client } = simulatedClient({ region });
    const { value: result, error } = await settle(entry.call(client), 900_000);
    expect(error).toBeUndefined();
    const task = sim.tasks.get(result?.taskId ?? '');
    expect(task?.path).toBe(entry.path ?? VIDEO_SYNTHESIS);
    expect(task?.body).toEqual({ model: entry.model, input: entry.input, parameters: entry.parameters });
    expect(result?.status).toBe('SUCCEEDED');
    expect(result?.usage?.raw).toMatchObject(entry.usage);
    expect(result?.usage?.outputSeconds).toBeGreaterThan(0);
  });

  it('covers every model × mode of the caps table', () => {
    const covered = new Set(cases.map((entry) => `${entry.model} ${entry.mode}`));
    const all = (Object.keys(modelCaps) as ModelId[]).flatMap((model) => modesOf(model).map((mode) => `${model} ${mode}`));
    expect([...covered].sort()).toEqual([...all].sort());
    expect(covered.size).toBe(cases.length);
  });
});

/**
 * The OpenClaw provider's capabilities, checked the way OpenClaw's own provider tests check theirs
 * (`expectExplicitVideoGenerationCapabilities`, copied below since OpenClaw does not publish its
 * test helpers), then against the caps table: every model the client's region serves, each with
 * its OpenClaw modes and every limit and allowed value of the caps.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelCaps, modesOf, type ModelCaps, type ModelId, type Region } from 'modelstudio-video';
import {
  createOpenClawVideoProvider, UNLIMITED_INPUTS, type OpenClawVideoGenerationProvider, type OpenClawVideoMode,
  type OpenClawVideoModeCapabilities,
} from 'modelstudio-video/openclaw';

function provider(region: Region): OpenClawVideoGenerationProvider {
  return createOpenClawVideoProvider({ clientOptions: { apiKey: 'sk-test', region } });
}

/** OpenClaw's `listSupportedVideoGenerationModes`. */
function listSupportedVideoGenerationModes(p: Pick<OpenClawVideoGenerationProvider, 'capabilities'>): OpenClawVideoMode[] {
  const modes: OpenClawVideoMode[] = ['generate'];
  if (p.capabilities.imageToVideo?.enabled) modes.push('imageToVideo');
  if (p.capabilities.videoToVideo?.enabled) modes.push('videoToVideo');
  return modes;
}

function hasPositiveModeLimit(value: number | undefined, valuesByModel: Readonly<Record<string, number>> | undefined): boolean {
  return (value ?? 0) > 0 || Object.values(valuesByModel ?? {}).some((modelValue) => Number.isFinite(modelValue) && modelValue > 0);
}

/** OpenClaw's `expectExplicitVideoGenerationCapabilities` (src/plugin-sdk/test-helpers/provider-media-capability-assertions.ts). */
function expectExplicitVideoGenerationCapabilities(p: Pick<OpenClawVideoGenerationProvider, 'id' | 'capabilities'>): void {
  expect(p.capabilities.generate, `${p.id} missing generate capabilities`).toBeDefined();
  expect(p.capabilities.imageToVideo, `${p.id} missing imageToVideo capabilities`).toBeDefined();
  expect(p.capabilities.videoToVideo, `${p.id} missing videoToVideo capabilities`).toBeDefined();
  const supportedModes = listSupportedVideoGenerationModes(p);
  const { imageToVideo, videoToVideo } = p.capabilities;
  if (imageToVideo?.enabled) {
    expect(hasPositiveModeLimit(imageToVideo.maxInputImages, imageToVideo.maxInputImagesByModel), `${p.id} imageToVideo.enabled requires maxInputImages`).toBe(true);
    expect(supportedModes).toContain('imageToVideo');
  }
  if (videoToVideo?.enabled) {
    expect(hasPositiveModeLimit(videoToVideo.maxInputVideos, videoToVideo.maxInputVideosByModel), `${p.id} videoToVideo.enabled requires maxInputVideos`).toBe(true);
    expect(supportedModes).toContain('videoToVideo');
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const FLAT_SIZES = ['1280x720', '720x1280', '960x960', '1088x832', '832x1088', '1920x1080', '1080x1920', '1440x1440', '1632x1248', '1248x1632'];
const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];

describe('OpenClaw capabilities', () => {
  const intl = provider('intl');

  it('declares explicit mode capabilities, as OpenClaw requires of video providers', () => {
    expectExplicitVideoGenerationCapabilities(intl);
    expect(intl.capabilities.imageToVideo?.enabled).toBe(true);
    expect(intl.capabilities.videoToVideo?.enabled).toBe(true);
    for (const [model, entry] of Object.entries(intl.catalogByModel)) {
      expectExplicitVideoGenerationCapabilities({ id: `${intl.id}/${model}`, capabilities: { generate: {}, ...entry.capabilities } });
      expect(entry.modes.length, model).toBeGreaterThan(0);
      for (const mode of entry.modes) {
        const block = mode === 'generate' ? entry.capabilities.generate : entry.capabilities[mode];
        expect(block, `${model} ${mode}`).toBeDefined();
      }
      expect(intl.resolveModelCapabilities({ model })).toBe(entry.capabilities);
    }
  });

  it('offers every model of the caps table that the region serves in one of its modes, and only those', () => {
    // Character animation, talking heads and lip sync are not among OpenClaw's modes.
    const openClawModes = new Set(['textToVideo', 'imageToVideo', 'referenceToVideo', 'editVideo']);
    for (const region of ['intl', 'cn', 'us'] as const) {
      const served = (Object.keys(modelCaps) as ModelId[]).filter(
        (model) => (modelCaps[model] as ModelCaps).regions.includes(region) && modesOf(model).some((mode) => openClawModes.has(mode)),
      );
      const p = provider(region);
      expect(p.models).toEqual(served);
      expect(Object.keys(p.catalogByModel)).toEqual(served);
    }
    expect(intl.models.length).toBeGreaterThanOrEqual(27); // OpenClaw's built-in Alibaba provider lists 5
    expect(provider('cn').models).toContain('wanx2.1-t2v-turbo');
    expect(provider('us').defaultModel).toBe('wan2.6-t2v-us');
    expect(provider('cn').models).not.toContain('wan2.2-animate-move');
    expect(provider('cn').models).not.toContain('videoretalk');
    expect(intl.defaultModel).toBe('wan2.6-t2v');
    expect(intl.defaultTimeoutMs).toBe(30 * 60_000);
  });

  it('maps each model to the OpenClaw modes of the SDK modes it serves', () => {
    const modes = Object.fromEntries(Object.entries(intl.catalogByModel).map(([model, entry]) => [model, entry.modes.join('/')]));
    expect(modes).toMatchObject({
      'wan2.6-t2v': 'generate',
      'wan2.6-i2v': 'imageToVideo',
      'wan2.6-r2v': 'imageToVideo/videoToVideo',
      'wan2.7-i2v': 'imageToVideo/videoToVideo', // the continuation (first_clip) takes a video
      'wan2.7-videoedit': 'videoToVideo',
      'wan3.0-video': 'generate/imageToVideo/videoToVideo',
      'wan2.1-vace-plus': 'imageToVideo/videoToVideo', // image_reference needs no video
      'wan2.2-kf2v-flash': 'imageToVideo',
    });
    for (const model of intl.models as ModelId[]) {
      if (modesOf(model).includes('textToVideo')) expect(intl.catalogByModel[model]?.modes).toContain('generate');
    }
  });

  it('wan2.6-t2v: every duration, size, ratio, resolution and control of its caps', () => {
    const { capabilities } = intl.catalogByModel['wan2.6-t2v'] ?? {};
    expect(capabilities?.generate).toEqual({
      maxVideos: 1,
      maxInputImages: 0,
      maxInputVideos: 0,
      maxInputAudios: 1,
      maxDurationSeconds: 15,
      supportedDurationSeconds: range(2, 15),
      sizes: FLAT_SIZES,
      aspectRatios: RATIOS,
      resolutions: ['720P', '1080P'],
      supportsSize: true,
      supportsAspectRatio: true,
      supportsResolution: true,
      supportsAudio: true,
      supportsWatermark: true,
      providerOptions: { maxCost: 'number', negativePrompt: 'string', promptExtend: 'boolean', seed: 'number', shotType: 'string' },
    });
    expect(capabilities?.imageToVideo).toEqual({ enabled: false });
    expect(capabilities?.videoToVideo).toEqual({ enabled: false });
  });

  it('wan2.7-i2v: first + last frame as images, the clip to continue as a video, driving audio', () => {
    const { imageToVideo, videoToVideo } = intl.catalogByModel['wan2.7-i2v']?.capabilities ?? {};
    expect(imageToVideo).toMatchObject({
      enabled: true, maxInputImages: 2, maxInputVideos: 0, maxInputAudios: 1, maxDurationSeconds: 15,
      supportsSize: false, supportsAspectRatio: false, supportsResolution: true, resolutions: ['720P', '1080P'], supportsAudio: false,
    });
    // first_clip (+ last_frame); no driving audio with a clip.
    expect(videoToVideo).toMatchObject({ enabled: true, maxInputImages: 1, maxInputVideos: 1, maxInputAudios: 0 });
  });

  it('reference models: per-kind counts, and the shorter maximum once a reference is a video', () => {
    const r27 = intl.catalogByModel['wan2.7-r2v']?.capabilities;
    expect(r27?.imageToVideo).toMatchObject({ maxInputImages: 6, maxInputVideos: 0, maxDurationSeconds: 15 }); // 5 references + the first frame
    expect(r27?.videoToVideo).toMatchObject({ maxInputVideos: 5, maxDurationSeconds: 10, supportedDurationSeconds: range(2, 10) });
    const r26 = intl.catalogByModel['wan2.6-r2v']?.capabilities;
    expect(r26?.videoToVideo).toMatchObject({ maxInputVideos: 4, maxInputImages: UNLIMITED_INPUTS, maxDurationSeconds: 10, supportsSize: true });
    const w30 = intl.catalogByModel['wan3.0-video']?.capabilities;
    expect(w30?.generate).toMatchObject({ maxDurationSeconds: 30, supportedDurationSeconds: range(2, 30), aspectRatios: ['adaptive', ...RATIOS], resolutions: ['480P', '720P', '1080P'] });
    expect(w30?.imageToVideo).toMatchObject({ maxInputImages: 10, maxInputAudios: 5 });
    expect(w30?.videoToVideo).toMatchObject({ maxInputVideos: 6, maxInputImages: 10, maxInputAudios: 5 }); // the edited file + 5 reference videos
    expect(intl.catalogByModel['wan2.7-videoedit']?.capabilities.videoToVideo).toMatchObject({
      maxInputVideos: 1, maxInputImages: 4, maxDurationSeconds: 10, providerOptions: { audioSetting: 'string' },
    });
    expect(intl.catalogByModel['wan2.1-vace-plus']?.capabilities.videoToVideo?.providerOptions).toMatchObject({
      function: 'string', maskImage: 'string', maskFrameId: 'number', strength: 'number', expandRatio: 'number', objOrBg: 'string',
    });
  });

  it('durations served as a list, and resolutions served by region', () => {
    expect(intl.catalogByModel['wan2.5-t2v-preview']?.capabilities.generate?.supportedDurationSeconds).toEqual([5, 10]);
    expect(intl.catalogByModel['wan2.2-t2v-plus']?.capabilities.generate?.supportedDurationSeconds).toEqual([5]);
    expect(intl.catalogByModel['wan2.2-i2v-flash']?.capabilities.imageToVideo?.resolutions).toEqual(['480P', '720P']);
    expect(provider('cn').catalogByModel['wan2.2-i2v-flash']?.capabilities.imageToVideo?.resolutions).toEqual(['480P', '720P', '1080P']);
    expect(intl.catalogByModel['wan2.2-t2v-plus']?.capabilities.generate?.sizes).toEqual(['832x480', '480x832', '624x624', ...FLAT_SIZES.slice(5)]);
  });

  it('the provider block is the union of the models, with their own limits by model', () => {
    for (const mode of ['generate', 'imageToVideo', 'videoToVideo'] as const) {
      const union = intl.capabilities[mode] as OpenClawVideoModeCapabilities;
      // OpenClaw merges a model's providerOptions into the provider's: each model declares its own, the provider none.
      expect(union.providerOptions).toBeUndefined();
      const models = Object.entries(intl.catalogByModel).filter(([, entry]) => entry.modes.includes(mode));
      expect(Object.keys(union.maxInputImagesByModel ?? {})).toEqual(models.map(([model]) => model));
      for (const [model, entry] of models) {
        const block = (mode === 'generate' ? entry.capabilities.generate : entry.capabilities[mode]) as OpenClawVideoModeCapabilities;
        expect(union.maxInputImagesByModel?.[model]).toBe(block.maxInputImages);
        expect(union.maxInputVideosByModel?.[model]).toBe(block.maxInputVideos);
        expect(union.maxInputAudiosByModel?.[model]).toBe(block.maxInputAudios);
        expect(union.supportedDurationSecondsByModel?.[model]).toEqual(block.supportedDurationSeconds);
        expect(union.maxDurationSeconds).toBeGreaterThanOrEqual(block.maxDurationSeconds ?? 0);
        for (const size of block.sizes ?? []) expect(union.sizes).toContain(size);
        expect(block.providerOptions).toHaveProperty('maxCost', 'number');
        // Sizes in OpenClaw's WxH form, so that its nearest-size matching can read them.
        for (const size of block.sizes ?? []) expect(size).toMatch(/^\d+x\d+$/);
        expect(block.maxDurationSeconds).toBe(Math.max(...(block.supportedDurationSeconds ?? [])));
      }
    }
  });

  it("the README's example block is what wan2.7-t2v declares in intl", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /wan2\.7-t2v in intl:\n\n```json\n([\s\S]+?)\n```/.exec(readme)?.[1];
    expect(block, 'the README shows the block').toBeDefined();
    expect(JSON.parse(block ?? 'null')).toEqual(intl.catalogByModel['wan2.7-t2v']);
  });

  it('a later dated snapshot gets its base model capabilities', () => {
    expect(intl.resolveModelCapabilities({ model: 'wan2.7-t2v-2026-12-01' })).toEqual(intl.catalogByModel['wan2.7-t2v']?.capabilities);
    expect(intl.resolveModelCapabilities({ model: 'not-a-model' })).toBeUndefined();
  });

  it('without a key it still lists its models and says it is not configured', () => {
    const p = createOpenClawVideoProvider({ clientOptions: { env: {}, region: 'cn' } });
    expect(p.isConfigured()).toBe(false);
    expect(p.models).toContain('wanx2.1-t2v-plus');
    expect(intl.isConfigured()).toBe(true);
  });
});

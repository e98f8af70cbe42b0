/**
 * `client.models.list` (issue 24, point 5): the lineup of the caps table, filtered by mode (name or
 * short name) and region (the client's by default), with each model's modes, durations, regional
 * resolutions, inputs, sound, limits, price in the region's currency and whether its facts are
 * confirmed. Nothing is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ModelStudioClient, VIDEO_MODES, ValidationError, modelCaps, modelLineup, type ListedModel, type ModelId,
} from 'modelstudio-video';
import { TEST_KEY, useMsw } from '../helpers/msw.ts';

const { requests } = useMsw();

const intl = new ModelStudioClient({ apiKey: TEST_KEY, region: 'intl' });
const cn = new ModelStudioClient({ apiKey: TEST_KEY, region: 'cn' });
const us = new ModelStudioClient({ apiKey: TEST_KEY, region: 'us' });

/** The Wan models of a listing, by id: the partner and HappyHorse models have tests of their own. */
function wan(models: readonly ListedModel[]): string[] {
  return models.map((model) => model.id).filter((id) => id.startsWith('wan'));
}

function find(models: readonly ListedModel[], id: ModelId): ListedModel {
  const found = models.find((model) => model.id === id);
  if (!found) throw new Error(`${id} is not listed (listed: ${models.map((model) => model.id).join(', ')})`);
  return found;
}

afterEach(() => {
  // The lineup is read from the package's tables: nothing ever leaves.
  expect(requests).toHaveLength(0);
});

describe('client.models.list: which models', () => {
  it('a mode by its name or its short name, in the client region', () => {
    expect(wan(intl.models.list({ mode: 'edit' }))).toEqual(['wan2.7-videoedit', 'wan3.0-video', 'wan3.0-video-prime', 'wan2.1-vace-plus']);
    expect(intl.models.list({ mode: 'editVideo' })).toEqual(intl.models.list({ mode: 'edit' }));
    expect(wan(cn.models.list({ mode: 'edit' }))).toEqual(['wan2.7-videoedit', 'wan3.0-video', 'wan3.0-video-prime', 'wanx2.1-vace-plus']);
    expect(wan(us.models.list({ mode: 't2v' }))).toEqual(['wan3.0-video', 'wan3.0-video-prime', 'wan2.6-t2v-us']);
    expect(wan(intl.models.list({ mode: 'i2v' }))).toEqual([
      'wan2.6-i2v', 'wan2.7-i2v', 'wan2.7-i2v-2026-04-25', 'wan3.0-video', 'wan3.0-video-prime', 'wan2.6-i2v-flash', 'wan2.5-i2v-preview',
      'wan2.2-i2v-plus', 'wan2.2-i2v-flash', 'wan2.2-kf2v-flash', 'wan2.1-kf2v-plus', 'wan2.1-i2v-turbo', 'wan2.1-i2v-plus',
    ]);
    for (const model of intl.models.list({ mode: 'r2v' })) {
      expect(model.modes.map((mode) => mode.mode), model.id).toContain('referenceToVideo');
      expect(model.regions, model.id).toContain('intl');
    }
  });

  it('a region other than the client\'s, by key or by the service\'s region id; every mode without one', () => {
    expect(wan(intl.models.list({ mode: 'edit', region: 'cn' }))).toEqual(wan(cn.models.list({ mode: 'edit' })));
    expect(intl.models.list({ region: 'us-east-1' })).toEqual(us.models.list());
    const all = intl.models.list();
    expect(all.map((model) => model.id)).toEqual(Object.keys(modelCaps).filter((id) => modelCaps[id as ModelId].regions.some((region) => region === 'intl')));
    expect(all.map((model) => model.id)).toContain('wan2.1-t2v-turbo');
    expect(all.map((model) => model.id)).not.toContain('wanx2.1-t2v-turbo');
    expect(find(all, 'wan3.0-video').modes.map((mode) => mode.mode)).toEqual(['textToVideo', 'imageToVideo', 'referenceToVideo', 'editVideo']);
  });

  it('a client of no known region (a proxy) lists every region\'s models, unpriced, unless given a region', () => {
    const proxy = new ModelStudioClient({ apiKey: TEST_KEY, baseUrl: 'https://proxy.example.com' });
    const all = proxy.models.list({ mode: 't2v' });
    expect(wan(all)).toContain('wan2.1-t2v-turbo');
    expect(wan(all)).toContain('wanx2.1-t2v-turbo');
    expect(wan(all)).toContain('wan2.6-t2v-us');
    expect(all.filter((model) => model.price !== undefined)).toEqual([]);
    expect(find(all, 'wan2.2-t2v-plus').resolutions).toEqual(['480P', '1080P']);
    expect(find(proxy.models.list({ mode: 't2v', region: 'cn' }), 'wan2.6-t2v').price?.currency).toBe('CNY');
  });

  it('an unknown mode or region is a ValidationError naming the allowed ones', () => {
    // @ts-expect-error: not a mode
    expect(() => intl.models.list({ mode: 'x2v' })).toThrow(ValidationError);
    // @ts-expect-error: not a mode
    expect(() => intl.models.list({ mode: 'x2v' })).toThrow(
      `Invalid lineup options (1 problem):\n- mode "x2v" is not a mode (allowed: t2v, i2v, r2v, edit, animate, s2v, lipsync, ${VIDEO_MODES.join(', ')})`,
    );
    // @ts-expect-error: not a region
    expect(() => intl.models.list({ region: 'mars' })).toThrow('region "mars" is not a region (allowed: intl (ap-southeast-1), cn (cn-beijing), us (us-east-1)');
  });
});

describe('client.models.list: what each model takes', () => {
  it('wan2.6-t2v in intl: every field, priced in USD', () => {
    const inputs = { frames: [], references: undefined, video: [], audio: ['audioUrl'] };
    expect(find(intl.models.list({ mode: 't2v' }), 'wan2.6-t2v')).toEqual({
      id: 'wan2.6-t2v',
      family: 'flat',
      sameModelAs: undefined,
      modes: [
        {
          mode: 'textToVideo',
          options: ['prompt', 'negativePrompt', 'duration', 'size', 'resolution', 'aspectRatio', 'promptExtend', 'watermark', 'seed', 'audioUrl', 'shotType', 'audio'],
          required: ['prompt'],
          inputs,
        },
      ],
      durations: { min: 2, max: 15, default: 5, allowed: '2–15' },
      resolutions: ['720P', '1080P'],
      defaultResolution: '1080P',
      aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
      defaultAspectRatio: undefined,
      inputs,
      sound: 'optional',
      regions: ['cn', 'intl'],
      limits: { submitsPerSecond: 5, concurrentTasks: 5, published: true },
      confirmed: true,
      unconfirmed: undefined,
      price: {
        currency: 'USD',
        perSecond: { '720P': 0.1, '1080P': 0.15 },
        perSecondWithAudio: undefined,
        billsInputVideo: true,
        asOf: '2026-05',
        source: 'converted from the Singapore pricing page by secondary sources',
      },
    });
  });

  it('wan2.6-t2v in cn: priced in CNY from the official page', () => {
    expect(find(cn.models.list(), 'wan2.6-t2v').price).toEqual({
      currency: 'CNY',
      perSecond: { '720P': 0.6, '1080P': 1.0 },
      perSecondWithAudio: undefined,
      billsInputVideo: true,
      asOf: '2026-05',
      source: 'Model Studio pricing page, Beijing (official)',
    });
  });

  it('wan2.7-i2v: frames, a clip and driving audio, silent, unconfirmed in part; served but unpriced in us', () => {
    const model = find(intl.models.list({ mode: 'i2v' }), 'wan2.7-i2v');
    const inputs = { frames: ['image', 'lastFrame'], references: undefined, video: ['continueFrom'], audio: ['drivingAudio'] };
    expect(model.modes).toEqual([
      {
        mode: 'imageToVideo',
        options: ['image', 'lastFrame', 'continueFrom', 'drivingAudio', 'prompt', 'negativePrompt', 'duration', 'resolution', 'promptExtend', 'watermark', 'seed'],
        required: [],
        combinations: [
          ['image'], ['image', 'drivingAudio'], ['image', 'lastFrame'], ['image', 'lastFrame', 'drivingAudio'], ['continueFrom'], ['continueFrom', 'lastFrame'],
        ],
        inputs,
      },
    ]);
    expect(model).toMatchObject({
      family: 'media',
      durations: { allowed: '2–15' },
      resolutions: ['720P', '1080P'],
      aspectRatios: [],
      inputs,
      sound: 'none',
      regions: ['cn', 'intl', 'us'],
      confirmed: false,
      unconfirmed: 'first + last frame + driving audio together (secondary sources)',
      price: { currency: 'USD', perSecond: { '720P': 0.1, '1080P': 0.15 } },
    });
    expect(find(us.models.list(), 'wan2.7-i2v').price).toBeUndefined();
  });

  it('wan2.2-i2v-flash: 480P and 720P in intl (unpriced there), up to 1080P in cn at CNY rates', () => {
    const inIntl = find(intl.models.list(), 'wan2.2-i2v-flash');
    expect(inIntl.resolutions).toEqual(['480P', '720P']);
    expect(inIntl.defaultResolution).toBe('720P');
    expect(inIntl.price).toBeUndefined();
    const inCn = find(cn.models.list(), 'wan2.2-i2v-flash');
    expect(inCn.resolutions).toEqual(['480P', '720P', '1080P']);
    expect(inCn.price?.perSecond).toEqual({ '480P': 0.1, '720P': 0.2, '1080P': 0.48 });
    expect(inCn.limits).toEqual({ submitsPerSecond: 2, concurrentTasks: 2, published: true });
  });

  it("wan3.0-video: each mode's own inputs, the special duration, unpublished limits; prime unpriced in intl", () => {
    const model = find(intl.models.list(), 'wan3.0-video');
    const references = { kinds: ['image', 'video', 'audio'], maxImages: 10, maxVideos: 5, maxAudios: 5, voice: false };
    expect(model.modes.map((mode) => [mode.mode, mode.inputs])).toEqual([
      ['textToVideo', { frames: [], references: undefined, video: [], audio: [] }],
      ['imageToVideo', { frames: ['image', 'lastFrame'], references: undefined, video: [], audio: [] }],
      ['referenceToVideo', { frames: [], references, video: [], audio: [] }],
      ['editVideo', { frames: [], references, video: ['video'], audio: [] }],
    ]);
    expect(model.inputs).toEqual({ frames: ['image', 'lastFrame'], references, video: ['video'], audio: [] });
    expect(model.durations).toEqual({ min: 2, max: 30, default: 5, special: [{ value: -1, meaning: 'the model picks' }], allowed: '-1 (the model picks) or 2–30' });
    expect(model.aspectRatios).toEqual(['adaptive', '16:9', '9:16', '1:1', '4:3', '3:4']);
    expect(model.defaultAspectRatio).toBe('adaptive');
    expect(model.sound).toBe('optional');
    expect(model.limits).toEqual({ submitsPerSecond: 2, concurrentTasks: 2, published: false });
    expect(model.price?.perSecond).toEqual({ '480P': 0.05, '720P': 0.1, '1080P': 0.2 });
    expect(find(intl.models.list(), 'wan3.0-video-prime').price).toBeUndefined();
  });

  it("HappyHorse: sound always, 480P of 1.1 in cn only, nine ratios but none on i2v, [Image N] tags, the edit unpriced", () => {
    const t2v = find(cn.models.list({ mode: 't2v' }), 'happyhorse-1.1-t2v');
    expect(t2v).toMatchObject({ sound: 'always', resolutions: ['480P', '720P', '1080P'], durations: { allowed: '3–15' }, regions: ['cn', 'intl', 'us', 'eu', 'jp'] });
    expect(t2v.aspectRatios).toEqual(['16:9', '9:16', '1:1', '4:3', '3:4', '4:5', '5:4', '9:21', '21:9']);
    expect(t2v.limits).toEqual({ submitsPerSecond: 2, concurrentTasks: 2, published: false });
    expect(find(intl.models.list({ mode: 't2v' }), 'happyhorse-1.1-t2v').resolutions).toEqual(['720P', '1080P']);
    expect(find(intl.models.list({ mode: 'i2v' }), 'happyhorse-1.1-i2v').aspectRatios).toEqual([]);
    expect(find(intl.models.list({ mode: 'r2v' }), 'happyhorse-1.1-r2v').inputs.references).toEqual({
      kinds: ['image'], maxImages: 9, maxVideos: 0, voice: false, promptTags: 'image-n',
    });
    const edit = find(intl.models.list({ mode: 'edit' }), 'happyhorse-1.0-video-edit');
    expect(edit.inputs).toEqual({ frames: [], references: { kinds: ['image'], maxImages: 5, maxVideos: 0, voice: false }, video: ['video'], audio: [] });
    expect(edit.price).toBeUndefined();
    expect(edit.sound).toBe('always');
  });

  it('the limits of the region listed, the price with sound where sound costs more', () => {
    expect(find(intl.models.list(), 'wan2.1-kf2v-plus').limits).toEqual({ submitsPerSecond: 1, concurrentTasks: 2, published: true });
    expect(find(cn.models.list(), 'wan2.1-kf2v-plus').limits).toEqual({ submitsPerSecond: 2, concurrentTasks: 2, published: true });
    expect(find(intl.models.list(), 'wan2.6-i2v-flash').price).toMatchObject({
      perSecond: { '720P': 0.025, '1080P': 0.0375 },
      perSecondWithAudio: { '720P': 0.05, '1080P': 0.075 },
    });
  });

  it("the client's prices option is what it lists", () => {
    const priced = new ModelStudioClient({
      apiKey: TEST_KEY,
      region: 'intl',
      prices: { 'wan2.2-flash': { intl: { currency: 'USD', perSecond: { '480P': 0.01, '720P': 0.02, '1080P': 0.05 }, asOf: '2026-12', source: 'our contract' } } },
    });
    // 1080P is priced but not served in intl: it is left out.
    expect(find(priced.models.list(), 'wan2.2-i2v-flash').price).toEqual({
      currency: 'USD', perSecond: { '480P': 0.01, '720P': 0.02 }, perSecondWithAudio: undefined, billsInputVideo: false, asOf: '2026-12', source: 'our contract',
    });
  });

  it('modelLineup is the same lineup without prices', () => {
    const { price: _price, ...unpriced } = find(cn.models.list({ mode: 'r2v' }), 'wan2.7-r2v');
    // Every count and switch of the caps' references, a field added later (description) included.
    expect(find(cn.models.list({ mode: 'r2v' }), 'wan2.7-r2v').inputs.references).toEqual({
      kinds: ['image', 'video'], max: 5, maxVideos: 5, voice: true, description: true, maxDurationWithVideo: 10,
    });
    expect(modelLineup({ mode: 'r2v', region: 'cn' }).find((model) => model.id === 'wan2.7-r2v')).toEqual(unpriced);
  });
});

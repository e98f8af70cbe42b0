/**
 * The mapping of the AI SDK's call options, case by case: `resolution` ("WxH") and `aspectRatio`
 * to each kind of model's output options, and the other settings.
 */
import { describe, expect, it } from 'vitest';
import type { Experimental_VideoModelV4CallOptions } from '@ai-sdk/provider';
import { capsEntryFor, type ModelId } from '../../src/models/caps.ts';
import type { Region } from '../../src/core/regions.ts';
import { mapCallOptions } from '../../src/ai-sdk/call-options.ts';

function call(options: Partial<Experimental_VideoModelV4CallOptions>): Experimental_VideoModelV4CallOptions {
  return {
    prompt: 'A fox',
    n: 1,
    aspectRatio: undefined,
    resolution: undefined,
    duration: undefined,
    fps: undefined,
    seed: undefined,
    image: undefined,
    frameImages: undefined,
    inputReferences: undefined,
    generateAudio: undefined,
    providerOptions: {},
    ...options,
  };
}

function map(model: ModelId, options: Partial<Experimental_VideoModelV4CallOptions>, region: Region = 'intl') {
  return mapCallOptions({ model, entry: capsEntryFor(model) as ModelId, region }, call(options));
}

const IMAGE = { type: 'url', url: 'https://example.com/a.png' } as const;

describe('resolution and aspectRatio', () => {
  const cases: [string, ModelId, Partial<Experimental_VideoModelV4CallOptions>, Record<string, unknown>, RegExp | undefined][] = [
    ['a size model: the exact size', 'wan2.6-t2v', { resolution: '720x1280' }, { size: '720*1280' }, undefined],
    ['a size model: 480P where it serves it', 'wan2.5-t2v-preview', { resolution: '832x480' }, { size: '832*480' }, undefined],
    ['a size model: the nearest size of the same ratio', 'wan2.6-t2v', { resolution: '3840x2160' }, { size: '1920*1080' }, /sending 1920x1080 \(1080P 16:9\), the nearest/],
    ['VACE (a size, no ratio option)', 'wan2.1-vace-plus', { resolution: '1280x720' }, { size: '1280*720' }, undefined],
    ['wan2.7-t2v: resolution + ratio', 'wan2.7-t2v', { resolution: '720x1280' }, { resolution: '720P', aspectRatio: '9:16' }, undefined],
    ['wan3.0: resolution + ratio', 'wan3.0-video', { resolution: '1920x1080' }, { resolution: '1080P', aspectRatio: '16:9' }, undefined],
    ['wan3.0: a ratio at a resolution with no table size', 'wan3.0-video', { resolution: '640x480' }, { resolution: '480P', aspectRatio: '4:3' }, /sending 480P at 4:3, the nearest/],
    ['wan3.0: adaptive keeps the ratio open, the resolution from the size', 'wan3.0-video', { resolution: '1280x720', aspectRatio: 'adaptive' }, { resolution: '720P', aspectRatio: 'adaptive' }, undefined],
    ['wan3.0: aspectRatio alone', 'wan3.0-video', { aspectRatio: 'adaptive' }, { aspectRatio: 'adaptive' }, undefined],
    ['an i2v model: the resolution whose sizes contain it', 'wan2.6-i2v', { image: IMAGE, resolution: '1080x1920' }, { resolution: '1080P' }, undefined],
    ['an i2v model: the nearest by pixels', 'wan2.6-i2v', { image: IMAGE, resolution: '640x360' }, { resolution: '720P' }, /sending resolution 720P \(nearest by pixels: /],
    ['wan2.7-i2v: resolution only (its ratio follows the input)', 'wan2.7-i2v', { image: IMAGE, resolution: '1280x720' }, { resolution: '720P' }, undefined],
    ['wan2.2-i2v-flash in intl, which serves 480P and 720P', 'wan2.2-i2v-flash', { image: IMAGE, resolution: '1920x1080' }, { resolution: '720P' }, /sending resolution 720P/],
  ];
  for (const [what, model, options, expected, warning] of cases) {
    it(`${what} (${model} ${options.resolution ?? ''} ${options.aspectRatio ?? ''})`, () => {
      const mapped = map(model, options);
      const shape = Object.fromEntries(Object.entries(mapped.request).filter(([key]) => ['size', 'resolution', 'aspectRatio'].includes(key)));
      expect(shape).toEqual(expected);
      const details = mapped.warnings.filter((item) => item.type === 'compatibility').map((item) => ('details' in item ? item.details : ''));
      if (warning) expect(details).toEqual([expect.stringMatching(warning)]);
      else expect(details).toEqual([]);
    });
  }

  it('adaptive on a model without it is a warning, and the service default applies', () => {
    const mapped = map('wan2.6-t2v', { aspectRatio: 'adaptive' });
    expect(mapped.request).not.toHaveProperty('aspectRatio');
    expect(mapped.warnings).toEqual([{ type: 'unsupported', feature: 'aspectRatio', details: expect.stringContaining('no adaptive ratio') }]);
  });

  it('a ratio alone goes to the schema as is (it maps 9:16 to the default resolution size)', () => {
    expect(map('wan2.6-t2v', { aspectRatio: '9:16' }).request).toMatchObject({ aspectRatio: '9:16' });
  });

  it('not a size at all: refused', () => {
    expect(() => map('wan2.6-t2v', { resolution: 'big' as never })).toThrow(/"big" is not a size: give \{width\}x\{height\}/);
  });
});

describe('other options', () => {
  it('frames: the first frame is `firstFrame` for wan2.7-r2v; inline data becomes bytes with a name and type', () => {
    const mapped = map('wan2.7-r2v', {
      image: { type: 'file', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
      inputReferences: [{ type: 'url', url: 'https://example.com/me.mp4' }],
    });
    expect(mapped.mode).toBe('referenceToVideo');
    expect(mapped.request).toMatchObject({
      model: 'wan2.7-r2v',
      firstFrame: { data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), fileName: 'first-frame.png', mimeType: 'image/png' },
      references: ['https://example.com/me.mp4'],
    });
  });

  it('references in providerOptions come after inputReferences, with a voice each (wan2.7-r2v)', () => {
    const mapped = map('wan2.7-r2v', {
      inputReferences: [{ type: 'url', url: 'https://example.com/me.mp4' }],
      providerOptions: { modelstudio: { references: [{ url: 'https://example.com/dog.png', voice: 'https://example.com/woof.mp3' }] } },
    });
    expect(mapped.request.references).toEqual(['https://example.com/me.mp4', { url: 'https://example.com/dog.png', voice: 'https://example.com/woof.mp3' }]);
  });

  it('a reference URL of unknown kind needs a mediaType', () => {
    expect(() => map('wan2.6-r2v', { inputReferences: [{ type: 'url', url: 'https://example.com/me' }] })).toThrow(/pass it as \{ data: url, mediaType: 'image\/png' \}/);
    expect(map('wan2.6-r2v', { inputReferences: [{ type: 'url', url: 'https://example.com/me', mediaType: 'video/mp4' }] }).request.references).toEqual([
      { url: 'https://example.com/me', type: 'video' },
    ]);
  });

  it('n > 1, fps, a webhook URL and custom headers are warnings; the AI SDK’s own headers are not', () => {
    const mapped = mapCallOptions(
      { model: 'wan2.6-t2v', entry: 'wan2.6-t2v', region: 'intl' },
      { ...call({ n: 2, fps: 30, headers: { 'user-agent': 'ai/7', 'idempotency-key': 'aisdk_vid_123', 'x-mine': '1' } }), webhookUrl: 'https://example.com/hook' },
    );
    expect(mapped.warnings.map((warning) => ('feature' in warning ? warning.feature : warning.type))).toEqual(['n', 'fps', 'webhookUrl', 'headers']);
    expect(JSON.stringify(mapped.warnings)).toContain('ignored: x-mine');
  });

  it('upload and maxCost are how the call runs, not request options; bad values are refused', () => {
    const mapped = map('wan2.6-t2v', { providerOptions: { modelstudio: { upload: 'storage', maxCost: 2, watermark: true } } });
    expect(mapped).toMatchObject({ upload: 'storage', maxCost: 2, request: { watermark: true } });
    expect(mapped.request).not.toHaveProperty('upload');
    expect(() => map('wan2.6-t2v', { providerOptions: { modelstudio: { upload: 'ftp', maxCost: -1 } } })).toThrow(
      /providerOptions\.modelstudio\.upload must be 'auto', 'storage' or 'inline'[\s\S]*maxCost must be a number of at least 0/,
    );
  });

  it('one setting given two ways is refused: generateAudio and audio, resolution and size', () => {
    expect(() => map('wan2.6-t2v', { generateAudio: true, providerOptions: { modelstudio: { audio: false } } })).toThrow(/and generateAudio are the same switch/);
    expect(() => map('wan2.6-t2v', { resolution: '1280x720', providerOptions: { modelstudio: { size: '1920*1080' } } })).toThrow(/both set the output shape/);
    expect(map('wan2.6-t2v', { providerOptions: { modelstudio: { resolution: '720P', aspectRatio: '1:1' } } }).request).toMatchObject({ resolution: '720P', aspectRatio: '1:1' });
  });
});

/**
 * HappyHorse (docs/protocol.md §10) beyond its bodies in lineup-bodies: what is accepted at the
 * edges (a Chinese prompt of 2500 characters, every image named), what is left to the service's
 * defaults (watermark, sound), its prices, and wan2.7-r2v's reference descriptions.
 */
import { describe, expect, it } from 'vitest';
import { ModelStudioClient, modelCaps } from 'modelstudio-video';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';
import { settle } from '../helpers/settle.ts';

useFakeClock();

const IMAGE = 'https://cdn.example.com/horse.png';
const RIDER = 'https://cdn.example.com/rider.png';
const VOICE = 'https://cdn.example.com/voice.mp3';

describe('HappyHorse', () => {
  it('takes a Chinese prompt of 2500 characters whole, and sends neither watermark nor sound unless asked', async () => {
    const { sim, client } = simulatedClient({ region: 'cn' });
    const prompt = '马'.repeat(2500);
    const { value, error } = await settle(client.textToVideo({ model: 'happyhorse-1.1-t2v', prompt }), 900_000);
    expect(error).toBeUndefined();
    const body = sim.tasks.get(value?.taskId ?? '')?.body;
    expect(body).toEqual({ model: 'happyhorse-1.1-t2v', input: { prompt }, parameters: {} });
    // The service watermarks unless told not to, and every HappyHorse video has sound.
    expect(modelCaps['happyhorse-1.1-t2v'].watermarkByDefault).toBe(true);
    expect(modelCaps['happyhorse-1.1-t2v'].sound).toBe('always');
  });

  it('takes a prompt that names every image it is given, in any case and spacing', async () => {
    const { sim, client } = simulatedClient({ region: 'intl' });
    const prompt = '[Image 1] rides [image2] into [IMAGE 2]';
    const { value, error } = await settle(client.referenceToVideo({ model: 'happyhorse-1.0-r2v', prompt, references: [RIDER, IMAGE] }), 900_000);
    expect(error).toBeUndefined();
    expect(sim.tasks.get(value?.taskId ?? '')?.body).toMatchObject({ input: { prompt } });
  });

  it('is priced per second by version, resolution and region; the edit model has no known price', () => {
    const cn = new ModelStudioClient({ apiKey: 'k', region: 'cn', env: {} });
    const intl = new ModelStudioClient({ apiKey: 'k', region: 'intl', env: {} });
    expect(cn.estimateCost('textToVideo', { model: 'happyhorse-1.1-t2v', prompt: 'x' })).toMatchObject({ amount: 6, currency: 'CNY' });
    expect(cn.estimateCost('textToVideo', { model: 'happyhorse-1.0-t2v', prompt: 'x', duration: 10 })).toMatchObject({ amount: 16, currency: 'CNY' });
    expect(cn.estimateCost('textToVideo', { model: 'happyhorse-1.1-t2v', prompt: 'x', resolution: '480P' })).toMatchObject({ amount: 2.25, currency: 'CNY' });
    expect(intl.estimateCost('imageToVideo', { model: 'happyhorse-1.1-i2v', image: IMAGE, resolution: '720P', duration: 10 })).toMatchObject({ amount: 1.4, currency: 'USD' });
    const edit = intl.estimateCost('editVideo', { model: 'happyhorse-1.0-video-edit', prompt: 'snow', video: IMAGE.replace('.png', '.mp4') });
    expect(edit.amount).toBeUndefined();
    expect(edit.reason).toBe('no intl price is known for happyhorse-1.0-video-edit; pass it in the prices option');
  });
});

describe('wan2.7-r2v reference descriptions', () => {
  it('go on the wire as reference_description, beside the voice', async () => {
    const { sim, client } = simulatedClient({ region: 'cn' });
    const references = [{ url: RIDER, voice: VOICE, description: 'a young rider in a red coat' }, { url: IMAGE, description: 'a grey horse' }];
    const { value, error } = await settle(client.referenceToVideo({ model: 'wan2.7-r2v', prompt: 'character1 rides character2', references }), 900_000);
    expect(error).toBeUndefined();
    expect(sim.tasks.get(value?.taskId ?? '')?.body).toMatchObject({
      input: {
        media: [
          { type: 'reference_image', url: RIDER, reference_voice: VOICE, reference_description: 'a young rider in a red coat' },
          { type: 'reference_image', url: IMAGE, reference_description: 'a grey horse' },
        ],
      },
    });
  });
});

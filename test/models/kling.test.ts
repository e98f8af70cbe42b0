/**
 * Kling beyond its bodies in lineup-bodies (docs/protocol.md §10.5): the watermarked copy the
 * result carries beside the video, and a multi-shot video's length.
 */
import { describe, expect, it } from 'vitest';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';
import { settle } from '../helpers/settle.ts';

useFakeClock();

describe('Kling', () => {
  it('a result carries the watermarked copy beside the video; a model without one has none', async () => {
    const { sim, client } = simulatedClient({ region: 'cn' });
    const { value, error } = await settle(client.textToVideo({ model: 'kling/kling-v3-video-generation', prompt: 'A market at dusk' }), 900_000);
    expect(error).toBeUndefined();
    const answer = await sim.fetch(`${sim.baseUrl}/api/v1/tasks/${value?.taskId ?? ''}`, { headers: { authorization: `Bearer ${sim.apiKey}` } });
    const output = ((await answer.json()) as { output: { video_url: string; watermark_video_url: string } }).output;
    expect(value?.videos[0]?.url).toBe(output.video_url);
    expect(value?.watermarkedVideo?.url).toBe(output.watermark_video_url);
    expect(value?.watermarkedVideo?.url).not.toBe(output.video_url);
    const { value: wan } = await settle(client.textToVideo({ prompt: 'A fox' }), 900_000);
    expect(wan?.watermarkedVideo).toBeUndefined();
  });

  it('a multi-shot video lasts as long as its shots, and is billed so by the simulator', async () => {
    const { sim, client } = simulatedClient({ region: 'cn' });
    const shots = [{ prompt: 'Dawn', duration: 3 }, { prompt: 'Noon', duration: 4 }, { prompt: 'Dusk', duration: 5 }];
    const { value } = await settle(client.textToVideo({ model: 'kling/kling-v3-video-generation', prompt: 'A day in a town', shots }), 900_000);
    expect(sim.tasks.get(value?.taskId ?? '')?.body.parameters).toEqual({ duration: 12 });
    expect(value?.usage?.outputSeconds).toBe(12);
  });
});

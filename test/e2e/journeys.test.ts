/**
 * Whole journeys of the SDK against the simulator: what the SDK sends for every model and option
 * must be accepted by the simulator's own checks (written from docs/protocol.md, not from the SDK's
 * schemas), and the service's outcomes must reach the caller as typed results and errors.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  ModelStudioClient, TaskFailedError, type ModelStudioError, type VideoResult, type VideoTask,
} from 'modelstudio-video';
import type { Simulator, SimulatorOptions } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';
import { settle } from '../helpers/settle.ts';

let sim: Simulator;
useFakeClock();

function client(options: SimulatorOptions = {}) {
  const made = simulatedClient(options);
  sim = made.sim;
  return made.client;
}

async function run(task: VideoTask): Promise<{ result?: VideoResult | undefined; error?: ModelStudioError | undefined }> {
  const { value, error } = await settle(task, 600_000);
  return { result: value, error };
}

const IMAGE = 'https://example.com/people/alice.png';
const VIDEO = 'https://example.com/people/bob.mp4';
const PNG_DATA = `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\n fake but well-formed base64')}`;

describe('every model, with every option it documents, is accepted and succeeds', () => {
  const journeys: [string, (c: ModelStudioClient) => VideoTask, Record<string, unknown>][] = [
    [
      'wan2.6-t2v',
      (c) =>
        c.textToVideo({
          prompt: 'A fox', negativePrompt: 'blur', audioUrl: 'https://example.com/a.mp3', duration: 10, resolution: '720P',
          aspectRatio: '9:16', promptExtend: false, shotType: 'multi', watermark: true, seed: 7, audio: true,
        }),
      { size: '720*1280', duration: 10, prompt_extend: false, shot_type: 'multi', watermark: true, seed: 7, audio: true },
    ],
    [
      'wan2.6-i2v',
      (c) => c.imageToVideo({ image: PNG_DATA, prompt: 'She smiles', resolution: '720P', duration: 3, shotType: 'single', audio: false }),
      { resolution: '720P', duration: 3, shot_type: 'single', audio: false },
    ],
    [
      'wan2.6-r2v',
      (c) => c.referenceToVideo({ prompt: 'character1 meets character2', references: [IMAGE, VIDEO], size: '1280*720', duration: 10, seed: 1 }),
      { size: '1280*720', duration: 10, seed: 1 },
    ],
    [
      'wan2.6-r2v-flash',
      (c) => c.referenceToVideo({ model: 'wan2.6-r2v-flash', prompt: 'character1 sings', references: [VIDEO], audio: true, aspectRatio: '1:1' }),
      { size: '1440*1440', audio: true },
    ],
    [
      'wan2.7-r2v',
      (c) =>
        c.referenceToVideo({
          model: 'wan2.7-r2v', prompt: 'character1 dances', references: [{ url: IMAGE, type: 'image' }, VIDEO],
          resolution: '720P', aspectRatio: '4:3', duration: 10, watermark: false,
        }),
      { resolution: '720P', ratio: '4:3', duration: 10, watermark: false },
    ],
  ];

  it.each(journeys)('%s', async (model, start, parameters) => {
    const c = client();
    const { result, error } = await run(start(c));
    expect(error).toBeUndefined();
    expect(result?.model).toBe(model);
    expect(result?.videos).toHaveLength(1);
    const [task] = sim.tasks.all();
    expect(task?.model).toBe(model);
    expect(task?.body.parameters).toEqual(parameters);
    const stream = await result?.videos[0].fetchVideo();
    expect(stream).toBeDefined();
  });
});

describe('what only surfaces after submit reaches the caller as TaskFailedError', () => {
  it('a prompt that moderation flags', async () => {
    const { error } = await run(client({ moderationWords: ['forbidden-scene'] }).textToVideo({ prompt: 'a forbidden-scene here' }));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ code: 'DataInspectionFailed' });
  });

  it('a duration the service does not support, though within the caps range', async () => {
    const { error } = await run(client({ supportedDurations: { 'wan2.6-t2v': [5, 10, 15] } }).textToVideo({ prompt: 'a fox', duration: 7 }));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error?.message).toMatch(/InvalidParameter: The duration is not supported: 7\. Supported: 5, 10, 15/);
  });

  it('the wan2.6 shape forced onto wan2.7 through extraInput', async () => {
    const c = client();
    const { error } = await run(
      c.referenceToVideo({
        model: 'wan2.7-r2v',
        prompt: 'character1 waves',
        references: [VIDEO],
        extraInput: { media: undefined, reference_urls: [VIDEO] },
      }),
    );
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error?.message).toContain('Field required: input.media');
  });
});

describe('across clients', () => {
  it('a task submitted by one client is resumed by another that only has its id', async () => {
    const first = client();
    const task = first.textToVideo({ prompt: 'hand over' });
    await vi.advanceTimersByTimeAsync(3_000);
    const id = task.taskId as string;
    const second = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch });
    const { result } = await run(second.tasks.wait(id));
    expect(result?.taskId).toBe(id);
    expect(sim.tasks.size).toBe(1);
  });
});

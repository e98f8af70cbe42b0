/**
 * The provider under the real `ai` package (7.x), against the in-process simulator:
 * experimental_generateVideo (our task handle, and the AI SDK's own start/status polling),
 * experimental_startVideo + experimental_getVideoStatus across "processes", the three kinds of
 * input (text, first + last frame, references), cost and usage in providerMetadata, and what ends
 * a task early (UNKNOWN, FAILED).
 */
import { describe, expect, it } from 'vitest';
import { experimental_generateVideo, experimental_getVideoStatus, experimental_startVideo } from 'ai';
import { TaskFailedError, TaskNotFoundError, type TaskCost, type VideoUsage } from 'modelstudio-video';
import { createModelStudio, type ModelStudioVideoOperation } from 'modelstudio-video/ai-sdk';
import { videoOfTask } from 'modelstudio-video/testing';
import { PNG, bodyOf, mediaOf, rig } from './setup.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATA_PNG = /^data:image\/png;base64,iVBORw0KGgo/;

describe('experimental_generateVideo', () => {
  it('text to video (wan2.6-t2v, 1280x720, 5 s): the video bytes, the exact size sent, and providerMetadata with taskId, usage and cost (0.5 USD in intl)', async () => {
    const { provider, download, task } = rig();
    const result = await experimental_generateVideo({
      model: provider.video('wan2.6-t2v'),
      prompt: 'A red fox trotting through fresh snow at dawn',
      resolution: '1280x720',
      duration: 5,
      seed: 7,
      download,
    });

    expect(result.video.mediaType).toBe('video/mp4');
    // The simulator's video of the size and length sent: 1280x720, 5 s.
    expect(result.video.uint8Array).toEqual(videoOfTask(task()));
    expect(result.warnings).toEqual([]);
    expect(bodyOf(task())).toMatchObject({
      input: { prompt: 'A red fox trotting through fresh snow at dawn' },
      parameters: { size: '1280*720', duration: 5, seed: 7 },
    });

    const metadata = result.providerMetadata.modelstudio as Record<string, unknown>;
    expect(metadata).toMatchObject({ taskId: task().taskId, model: 'wan2.6-t2v', mode: 'textToVideo', status: 'SUCCEEDED' });
    expect(metadata.usage as unknown as VideoUsage).toMatchObject({ duration: 5, outputSeconds: 5, sr: 720, raw: { duration: 5, SR: 720 } });
    expect(metadata.cost as unknown as TaskCost).toMatchObject({ amount: 0.5, currency: 'USD', seconds: 5, perSecond: 0.1 });
    expect(metadata.estimatedCost).toMatchObject({ amount: 0.5, currency: 'USD', region: 'intl' });
    expect(metadata.actualPrompt).toEqual(expect.stringContaining('A red fox'));
    expect(metadata.videos).toEqual([{ taskId: task().taskId, url: expect.stringContaining(`/videos/${task().taskId}.mp4`), expiresAt: expect.any(String) }]);
  });

  it('with poll: the AI SDK drives doStart + doStatus, and the metadata merges the estimate (start) with the cost (status)', async () => {
    const { provider, download, task } = rig();
    const result = await experimental_generateVideo({
      model: provider.video('wan2.6-t2v'),
      prompt: 'Koi in a pond',
      resolution: '1280x720',
      duration: 5,
      download,
      poll: { intervalMs: 20, timeoutMs: 10_000 },
    });
    expect(result.video.uint8Array).toEqual(videoOfTask(task()));
    expect(result.providerMetadata.modelstudio).toMatchObject({
      taskId: task().taskId,
      mode: 'textToVideo',
      status: 'SUCCEEDED',
      estimatedCost: { amount: 0.5 },
      cost: { amount: 0.5, currency: 'USD' },
    });
  });

  it('n: 2 makes two tasks (maxVideosPerCall is 1), and providerMetadata.modelstudio.videos keeps both task ids', async () => {
    const { provider, download, sim } = rig();
    const result = await experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A lighthouse', n: 2, download });
    expect(result.videos).toHaveLength(2);
    const ids = sim.tasks.all().map((task) => task.taskId);
    expect(ids).toHaveLength(2);
    expect((result.providerMetadata.modelstudio?.videos as { taskId: string }[]).map((video) => video.taskId).sort()).toEqual([...ids].sort());
  });

  it('first + last frame on wan2.7-i2v: inline PNG bytes reach the simulator as media first_frame + last_frame data: URIs', async () => {
    const { provider, download, task } = rig();
    const result = await experimental_generateVideo({
      model: provider.video('wan2.7-i2v'),
      prompt: 'The lighthouse beam sweeps through the dusk',
      frameImages: [
        { image: PNG, frameType: 'first_frame' },
        { image: PNG, frameType: 'last_frame' },
      ],
      resolution: '1280x720',
      duration: 5,
      download,
    });
    expect(result.video.mediaType).toBe('video/mp4');
    expect(task().path).toBe('/api/v1/services/aigc/video-generation/video-synthesis');
    expect(mediaOf(task())).toEqual([
      { type: 'first_frame', url: expect.stringMatching(DATA_PNG) },
      { type: 'last_frame', url: expect.stringMatching(DATA_PNG) },
    ]);
    expect(bodyOf(task()).parameters).toMatchObject({ resolution: '720P', duration: 5 });
    expect(bodyOf(task()).parameters).not.toHaveProperty('ratio');
  });

  it('references on wan2.6-r2v: URLs with their kind from the extension or the mediaType, as reference_urls', async () => {
    const { provider, download, task } = rig();
    await experimental_generateVideo({
      model: provider.video('wan2.6-r2v'),
      prompt: 'character1 walks character2 along a beach at sunset',
      inputReferences: ['https://example.com/people/me.mp4', { data: 'https://example.com/pets/dog', mediaType: 'image/png' }],
      resolution: '1280x720',
      download,
    });
    expect(bodyOf(task())).toMatchObject({
      input: { reference_urls: ['https://example.com/people/me.mp4', 'https://example.com/pets/dog'] },
      parameters: { size: '1280*720' },
    });
  });

  it('a task that fails on the service rejects with our TaskFailedError carrying its code, in both flows', async () => {
    const { provider, download } = rig();
    const call = { model: provider.video('wan2.6-t2v'), prompt: 'moderation-trigger in the snow', download };
    const direct = await experimental_generateVideo(call).catch((error: unknown) => error);
    expect(direct).toBeInstanceOf(TaskFailedError);
    expect(direct).toMatchObject({ code: 'DataInspectionFailed', taskId: expect.stringMatching(UUID) });
    const polled = await experimental_generateVideo({ ...call, poll: { intervalMs: 20 } }).catch((error: unknown) => error);
    expect(polled).toBeInstanceOf(TaskFailedError);
    expect(polled).toMatchObject({ code: 'DataInspectionFailed', message: expect.stringContaining('DataInspectionFailed') });
  });
});

describe('experimental_startVideo + experimental_getVideoStatus', () => {
  it('the operation is JSON { taskId, model }: another provider (another process) checks it until completed, with usage and cost', async () => {
    // Speed 100: the task runs for about 0.4 s, so the first check sees it unfinished.
    const { sim, provider, task } = rig({ sim: { speed: 100 } });
    const started = await experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A paper boat', resolution: '1280x720', duration: 5 });
    expect(started.operation).toEqual({ taskId: task().taskId, model: 'wan2.6-t2v' });
    expect(started.providerMetadata?.modelstudio).toMatchObject({ taskId: task().taskId, status: 'PENDING', estimatedCost: { amount: 0.5 } });
    // The start returned as soon as the task existed: nothing polls it in this process.
    expect(sim.stats.requests.query).toBe(0);

    const saved = JSON.stringify(started.operation);
    const elsewhere = createModelStudio({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, region: 'intl' });
    const operation = JSON.parse(saved) as ModelStudioVideoOperation;
    const first = await experimental_getVideoStatus(elsewhere.video('wan2.6-t2v'), { operation: { ...operation } });
    expect(first).toMatchObject({ status: 'pending', providerMetadata: { modelstudio: { taskId: operation.taskId, status: expect.stringMatching(/PENDING|RUNNING/) } } });

    let status = first;
    for (let round = 0; status.status === 'pending' && round < 100; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await experimental_getVideoStatus(elsewhere.video('wan2.6-t2v'), { operation: { ...operation } });
    }
    expect(status).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: expect.stringContaining(`/videos/${operation.taskId}.mp4`), mediaType: 'video/mp4' }],
      providerMetadata: { modelstudio: { taskId: operation.taskId, usage: { duration: 5 }, cost: { amount: 0.5, currency: 'USD' } } },
    });
  });

  it('an UNKNOWN task id is a TaskNotFoundError at once, not a wait until the poll timeout', async () => {
    const { provider } = rig();
    const started = performance.now();
    const error = await experimental_getVideoStatus(provider.video('wan2.6-t2v'), {
      operation: { taskId: '00000000-0000-0000-0000-000000000000', model: 'wan2.6-t2v' },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskNotFoundError);
    expect(error).toMatchObject({ code: 'UNKNOWN', taskId: '00000000-0000-0000-0000-000000000000' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('an operation that is not { taskId, model } is an invalid argument, and nothing is queried', async () => {
    const { sim, provider } = rig();
    await expect(experimental_getVideoStatus(provider.video('wan2.6-t2v'), { operation: 'abc' })).rejects.toMatchObject({
      parameter: 'operation',
      issues: [{ path: 'operation', message: expect.stringContaining('must be { taskId, model }') }],
    });
    expect(sim.stats.requests.query).toBe(0);
  });
});

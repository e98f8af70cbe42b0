/**
 * The provider and task-completion events, under the real `ai` package: the simulator posts each
 * task's completion event to a receiver of `modelstudio-video/events`, and the provider's client
 * (given `events: receiver`) polls so slowly (every 30 s) that only the event can end a call within
 * the test's time. The AI SDK's `webhook` option is served by that receiver; without `events` the
 * AI SDK warns and polls.
 */
import { describe, expect, it } from 'vitest';
import { experimental_generateVideo, experimental_startVideo } from 'ai';
import { TaskFailedError } from 'modelstudio-video';
import { createTaskEventReceiver } from 'modelstudio-video/events';
import { videoOfTask } from 'modelstudio-video/testing';
import { rig } from './setup.ts';

const SECRET = 'ai-sdk-events-secret';

/**
 * A simulator posting its events to a receiver, and a provider whose client listens to it and polls
 * every 30 s. Speed 200: a task runs for about 0.2 s, so its event never comes before the submit's
 * answer (such an event goes to onTaskEvent, and only the slow fallback poll would end the task).
 */
function eventRig(options: { loss?: number; speed?: number } = {}) {
  const receiver = createTaskEventReceiver({ secret: SECRET });
  const delivered: string[] = [];
  receiver.subscribe((event) => void delivered.push(event.taskId));
  const setup = rig({
    sim: { speed: options.speed ?? 200, eventTarget: { url: 'http://receiver.test/events', secret: SECRET, loss: options.loss ?? 0, fetch: (input, init) => receiver.handle(new Request(input, init)) } },
    client: { events: receiver, polling: { initialIntervalMs: 30_000, maxIntervalMs: 30_000 } },
  });
  return { ...setup, receiver, delivered };
}

/** A `webhook` factory that records whether the AI SDK or the provider called it. */
function recordingWebhook() {
  const calls: string[] = [];
  const webhook = () => {
    calls.push('called');
    return Promise.resolve({ url: 'https://example.com/hook', received: new Promise<never>(() => undefined) });
  };
  return { webhook, calls };
}

describe('the provider with a client given events', () => {
  it('experimental_generateVideo (doGenerate) ends when the completion event arrives, with one status query, although the client polls every 30 s', async () => {
    const { provider, download, task, sim, delivered } = eventRig();
    const started = performance.now();
    const result = await experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A fox', resolution: '1280x720', duration: 5, download });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.video.uint8Array).toEqual(videoOfTask(task()));
    expect(delivered).toEqual([task().taskId]);
    expect(sim.stats.requests.query).toBe(1);
  });

  it('the AI SDK’s webhook option: handleWebhookOption serves it with the receiver, the user’s factory is not called, no warning, and the call ends on the event', async () => {
    const { provider, download, task, sim, delivered } = eventRig();
    const { webhook, calls } = recordingWebhook();
    const model = provider.video('wan2.6-t2v');
    expect(model.handleWebhookOption).toBeTypeOf('function');
    const started = performance.now();
    const result = await experimental_generateVideo({ model, prompt: 'Koi in a pond', resolution: '1280x720', duration: 5, download, webhook, poll: { timeoutMs: 20_000 } });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(calls).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.video.uint8Array).toEqual(videoOfTask(task()));
    expect(delivered).toEqual([task().taskId]);
    // The handle's query woken by the event, then the AI SDK's doStatus.
    expect(sim.stats.requests.query).toBe(2);
    expect(result.providerMetadata.modelstudio).toMatchObject({ taskId: task().taskId, status: 'SUCCEEDED', estimatedCost: { amount: 0.5 }, cost: { amount: 0.5 } });
  });

  it('with webhook, a forged SUCCEEDED event for the running task costs one query and ends nothing: the real event ends the call', async () => {
    // Speed 50: the task runs for about 0.8 s, so the forged event comes while it runs.
    const { provider, download, sim, receiver } = eventRig({ speed: 50 });
    const { webhook } = recordingWebhook();
    const call = experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A paper boat', resolution: '1280x720', download, webhook, poll: { timeoutMs: 20_000 } });
    while (sim.tasks.all().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const taskId = sim.tasks.all()[0]?.taskId ?? '';
    const forged = await receiver.handle(new Request('http://receiver.test/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-modelstudio-event-secret': SECRET },
      body: JSON.stringify({ specversion: '1.0', id: 'forged-1', source: 'forged', type: 'forged', data: { task_id: taskId, task_status: 'SUCCEEDED' } }),
    }));
    expect(forged.status).toBe(202);
    const result = await call;
    expect(result.providerMetadata.modelstudio).toMatchObject({ taskId, status: 'SUCCEEDED' });
    // The forged event's query (the task still ran), the real event's, and the AI SDK's doStatus.
    expect(sim.stats.requests.query).toBe(3);
    expect(sim.events.sent).toBe(1);
  });

  it('with webhook and n: 2, each task’s event ends its own wait', async () => {
    const { provider, download, sim, delivered } = eventRig();
    const { webhook } = recordingWebhook();
    const result = await experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A lighthouse', n: 2, download, webhook, poll: { timeoutMs: 20_000 } });
    expect(result.videos).toHaveLength(2);
    const ids = sim.tasks.all().map((task) => task.taskId).sort();
    expect([...delivered].sort()).toEqual(ids);
    expect((result.providerMetadata.modelstudio?.videos as { taskId: string }[]).map((video) => video.taskId).sort()).toEqual(ids);
  });

  it('with webhook, a task that fails rejects with our TaskFailedError carrying its code', async () => {
    // Speed 20: a refused task fails about 150 ms after its submit, after the handle follows it.
    const { provider, download } = eventRig({ speed: 20 });
    const { webhook } = recordingWebhook();
    const error = await experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'moderation-trigger in the snow', download, webhook, poll: { timeoutMs: 20_000 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ code: 'DataInspectionFailed' });
  });

  it('with webhook and the event lost, the AI SDK’s timeout ends the call: the event is what ends it early', async () => {
    const { provider, download } = eventRig({ loss: 1 });
    const { webhook } = recordingWebhook();
    await expect(experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A paper boat', download, webhook, poll: { timeoutMs: 1_500 } })).rejects.toThrow(/timed out after 1500ms/);
  });
});

describe('the provider without events', () => {
  it('has no handleWebhookOption: the AI SDK never calls the webhook factory, warns (unsupported webhook) and polls doStatus', async () => {
    const { provider, download, task } = rig();
    const { webhook, calls } = recordingWebhook();
    const model = provider.video('wan2.6-t2v');
    expect(model.handleWebhookOption).toBeUndefined();
    const result = await experimental_generateVideo({ model, prompt: 'A fox', download, webhook, poll: { intervalMs: 20, timeoutMs: 10_000 } });
    expect(calls).toEqual([]);
    expect(result.video.uint8Array).toEqual(videoOfTask(task()));
    expect(result.warnings).toContainEqual({ type: 'unsupported', feature: 'webhook', details: expect.stringContaining('Falling back to polling') });
  });

  it('experimental_startVideo with a webhookUrl: a warning that Model Studio cannot call it, naming EventBridge and the receiver', async () => {
    const { provider } = rig();
    const started = await experimental_startVideo({ model: provider.video('wan2.6-t2v'), prompt: 'Koi', webhookUrl: 'https://example.com/hook' });
    expect(started.warnings).toContainEqual({ type: 'unsupported', feature: 'webhookUrl', details: expect.stringMatching(/EventBridge.*modelstudio-video\/events/) });
  });
});

/**
 * The simulator's task-completion events (issue 27, item 5): one CloudEvents 1.0 POST per ended
 * task, in the shape of docs/protocol.md §10.6, with seeded delay, loss, duplication and reordering,
 * and retried deliveries. Most cases run on fake timers with a recording fetch (the simulator's own
 * outgoing call); one runs the simulator server against a real node:http receiver.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulator, startSimulatorServer, type Simulator, type SimulatorEventTarget, type SimulatorOptions } from 'modelstudio-video/testing';

type Wire = Record<string, unknown>;

const START = Date.parse('2026-01-09T03:07:28.590Z');
const SUBMIT = '/api/v1/services/aigc/video-generation/video-synthesis';
const TARGET = 'https://receiver.test/events';
/** Every task: 1 s pending, 5 s running, unless the prompt names another run time (`run:<ms>`). */
const timing = (body: Readonly<Wire>) => {
  const prompt = String((body.input as Wire | undefined)?.prompt ?? '');
  const run = /run:(\d+)/.exec(prompt)?.[1];
  return { pendingMs: 1_000, runningMs: run ? Number(run) : 5_000 };
};
const END_MS = 6_000;

interface Post {
  readonly url: string;
  readonly headers: Headers;
  readonly body: Wire;
  /** Timer time at arrival, from the start. */
  readonly at: number;
}

/** A fetch that records every post and answers `status` (or the next of `statuses`). */
function recorder(...statuses: number[]) {
  const posts: Post[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    posts.push({ url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) as Wire, at: Date.now() - START });
    const status = statuses.length > 1 ? (statuses.shift() as number) : (statuses[0] ?? 204);
    return new Response(null, { status });
  };
  return { posts, fetch };
}

function simulator(target: Partial<SimulatorEventTarget>, options: SimulatorOptions = {}): Simulator {
  return createSimulator({ limits: false, timing, ...options, eventTarget: { url: TARGET, ...target } });
}

async function submit(sim: Simulator, prompt = 'A lighthouse in a storm'): Promise<string> {
  const response = await sim.handle(
    new Request(`${sim.baseUrl}${SUBMIT}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
      body: JSON.stringify({ model: 'wan2.6-t2v', input: { prompt }, parameters: { duration: 5 } }),
    }),
  );
  const body = (await response.json()) as { output: { task_id: string } };
  expect(response.status).toBe(200);
  return body.output.task_id;
}

const dataOf = (post: Post) => post.body.data as Wire;

describe('simulator task-completion events, on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('posts one CloudEvents 1.0 event per ended task, none before the end', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch });
    const first = await submit(sim);
    const second = await submit(sim);
    await vi.advanceTimersByTimeAsync(END_MS - 1);
    expect(posts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toHaveLength(2);
    const post = posts.find((candidate) => dataOf(candidate).task_id === first) as Post;
    expect(post.url).toBe(TARGET);
    expect(post.headers.get('content-type')).toBe('application/cloudevents+json; charset=utf-8');
    expect(post.headers.has('x-modelstudio-event-secret')).toBe(false);
    const task = sim.tasks.get(first);
    expect(post.body).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: 'acs.dashscope',
      type: 'dashscope:System:TaskCompleted',
      subject: `acs:dashscope:ap-southeast-1:${String(post.body.aliyunaccountid)}:task/${first}`,
      time: new Date(START + END_MS).toISOString(),
      datacontenttype: 'application/json',
      data: { task_id: first, task_status: 'SUCCEEDED', model: 'wan2.6-t2v', request_id: task?.requestId, end_time: '2026-01-09 11:07:34.590' },
      aliyunaccountid: expect.stringMatching(/^\d+$/),
      aliyunregionid: 'ap-southeast-1',
      aliyunpublishtime: new Date(START + END_MS).toISOString(),
      aliyuneventbusname: 'default',
    });
    expect(dataOf(posts.find((candidate) => candidate !== post) as Post).task_id).toBe(second);
    expect(posts[0]?.body.id).not.toBe(posts[1]?.body.id);
    expect(sim.events).toMatchObject({ events: 2, sent: 2, lost: 0, duplicated: 0, failed: 0, pending: 0 });
  });

  it('names the region of the region option in subject and aliyunregionid', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch }, { region: 'cn' });
    await submit(sim);
    await vi.advanceTimersByTimeAsync(END_MS);
    expect(posts[0]?.body.aliyunregionid).toBe('cn-beijing');
    expect(String(posts[0]?.body.subject)).toMatch(/^acs:dashscope:cn-beijing:/);
  });

  it('sends CANCELED at once on a cancel, and nothing at the old end time', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch });
    const taskId = await submit(sim);
    await vi.advanceTimersByTimeAsync(500);
    const canceled = await sim.handle(new Request(`${sim.baseUrl}/api/v1/tasks/${taskId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}` } }));
    expect(canceled.status).toBe(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts.map(dataOf)).toEqual([expect.objectContaining({ task_id: taskId, task_status: 'CANCELED', end_time: '2026-01-09 11:07:29.090' })]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toHaveLength(1);
  });

  it('sends FAILED for a prompt that moderation flags', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch }, { moderationWords: ['forbidden'] });
    const taskId = await submit(sim, 'something forbidden');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts.map(dataOf)).toEqual([expect.objectContaining({ task_id: taskId, task_status: 'FAILED' })]);
  });

  it('sends the events that sim.clock.advance makes due', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch });
    await submit(sim);
    sim.clock.advance(END_MS);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toHaveLength(1);
  });

  it('loss 1 sends none, and counts them lost', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch, loss: 1 });
    await submit(sim);
    await submit(sim);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toEqual([]);
    expect(sim.events).toMatchObject({ events: 2, lost: 2, sent: 0 });
  });

  it('duplicate 1 sends each event twice with the same id', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch, duplicate: 1 });
    const first = await submit(sim);
    const second = await submit(sim);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toHaveLength(4);
    for (const taskId of [first, second]) {
      const ids = posts.filter((post) => dataOf(post).task_id === taskId).map((post) => post.body.id);
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(ids[1]);
    }
    expect(sim.events).toMatchObject({ events: 2, sent: 4, duplicated: 2 });
  });

  it('honours delayMs, fixed and as a range', async () => {
    const fixed = recorder();
    const sim = simulator({ fetch: fixed.fetch, delayMs: 3_000 });
    await submit(sim);
    await vi.advanceTimersByTimeAsync(END_MS + 2_999);
    expect(fixed.posts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fixed.posts.map((post) => post.at)).toEqual([END_MS + 3_000]);

    const ranged = recorder();
    const other = simulator({ fetch: ranged.fetch, delayMs: [1_000, 2_000] });
    const start = Date.now() - START;
    for (let index = 0; index < 5; index += 1) await submit(other);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ranged.posts).toHaveLength(5);
    for (const post of ranged.posts) {
      expect(post.at - start - END_MS).toBeGreaterThanOrEqual(1_000);
      expect(post.at - start - END_MS).toBeLessThanOrEqual(2_000);
    }
  });

  it('reorder lets a later-ending task arrive first, deterministically by seed', async () => {
    /** The task ids in arrival order, for a seed: task a ends 100 ms before task b. */
    const run = async (seed: number, reorder: boolean | number) => {
      const { posts, fetch } = recorder();
      const sim = simulator({ fetch, reorder }, { seed });
      const a = await submit(sim, 'run:5000');
      const b = await submit(sim, 'run:5100');
      await vi.advanceTimersByTimeAsync(60_000);
      return posts.map((post) => (dataOf(post).task_id === a ? 'a' : dataOf(post).task_id === b ? 'b' : '?')).join('');
    };
    const orders: string[] = [];
    for (let seed = 1; seed <= 10; seed += 1) orders.push(await run(seed, 2_000));
    expect(orders).toContain('ba');
    expect(orders).toContain('ab');
    // The same seed, the same order.
    const seed = orders.indexOf('ba') + 1;
    expect(await run(seed, 2_000)).toBe('ba');
    expect(await run(seed, false)).toBe('ab');
  });

  it('retries a receiver answering 500 with backoff, then counts the delivery failed', async () => {
    const { posts, fetch } = recorder(500);
    const sim = simulator({ fetch, retries: 3, retryDelayMs: 1_000 });
    await submit(sim);
    await vi.advanceTimersByTimeAsync(END_MS);
    expect(posts).toHaveLength(1);
    expect(sim.events).toMatchObject({ failed: 0, pending: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts.map((post) => post.at)).toEqual([END_MS, END_MS + 1_000, END_MS + 3_000, END_MS + 7_000]);
    expect(new Set(posts.map((post) => post.body.id)).size).toBe(1);
    expect(sim.events).toMatchObject({ sent: 0, retried: 3, failed: 1, pending: 0 });
  });

  it('a receiver that recovers gets the event on a retry; a throwing fetch never reaches the simulator', async () => {
    const { posts, fetch } = recorder(503, 200);
    const sim = simulator({ fetch });
    await submit(sim);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toHaveLength(2);
    expect(sim.events).toMatchObject({ sent: 1, retried: 1, failed: 0 });

    const down = simulator({ fetch: () => Promise.reject(new TypeError('fetch failed')), retries: 1 });
    await submit(down);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(down.events).toMatchObject({ sent: 0, retried: 1, failed: 1 });
  });

  it('sends the secret header only when configured, under the chosen name', async () => {
    const plain = recorder();
    await submit(simulator({ fetch: plain.fetch }));
    const secret = recorder();
    await submit(simulator({ fetch: secret.fetch, secret: 's3cret' }));
    const named = recorder();
    await submit(simulator({ fetch: named.fetch, secret: 'other', secretHeader: 'x-hook-token' }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect([...(plain.posts[0]?.headers.keys() ?? [])]).toEqual(['content-type']);
    expect(secret.posts[0]?.headers.get('x-modelstudio-event-secret')).toBe('s3cret');
    expect(named.posts[0]?.headers.get('x-hook-token')).toBe('other');
    expect(named.posts[0]?.headers.has('x-modelstudio-event-secret')).toBe(false);
  });

  it('close() drops pending deliveries', async () => {
    const { posts, fetch } = recorder();
    const sim = simulator({ fetch, delayMs: 1_000 });
    await submit(sim);
    await vi.advanceTimersByTimeAsync(END_MS);
    sim.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toEqual([]);
  });

  it('without eventTarget, sends nothing and counts zero', async () => {
    const sim = createSimulator({ limits: false, timing });
    await submit(sim);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sim.events).toMatchObject({ events: 0, sent: 0 });
  });
});

describe('simulator server task-completion events, over real HTTP', () => {
  it('startSimulatorServer passes eventTarget through: a node:http receiver gets the event', async () => {
    const received: { headers: IncomingHttpHeaders; body: Wire }[] = [];
    const receiver = createServer((request, response) => {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (text += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(text) as Wire });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    const server = await startSimulatorServer({ limits: false, timing: { pendingMs: 10, runningMs: 40 }, eventTarget: { url, secret: 'local' } });
    try {
      const response = await fetch(`${server.baseUrl}${SUBMIT}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
        body: JSON.stringify({ model: 'wan2.6-t2v', input: { prompt: 'A fox' } }),
      });
      const { output } = (await response.json()) as { output: { task_id: string } };
      await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5_000 });
      expect(received[0]?.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(received[0]?.headers['x-modelstudio-event-secret']).toBe('local');
      expect(received[0]?.body.data).toMatchObject({ task_id: output.task_id, task_status: 'SUCCEEDED' });
      // The receiver records the event before it answers: the simulator counts it once the answer is back.
      await vi.waitFor(() => expect(server.simulator.events).toMatchObject({ sent: 1, pending: 0 }), { timeout: 5_000 });
    } finally {
      await server.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('simulate --event-url, --event-loss', () => {
  it('takes an http(s) URL and a probability from 0 to 1, and refuses others', async () => {
    const { eventUrlArgument, probabilityArgument } = await import('../../src/cli/serve.ts');
    expect(eventUrlArgument('http://127.0.0.1:3000/events')).toBe('http://127.0.0.1:3000/events');
    expect(() => eventUrlArgument('ftp://host/events')).toThrow(/http or https URL/);
    expect(() => eventUrlArgument('not a url')).toThrow(/http or https URL/);
    expect(probabilityArgument('0.2')).toBe(0.2);
    expect(probabilityArgument('1')).toBe(1);
    for (const bad of ['', '-0.1', '1.5', 'half']) expect(() => probabilityArgument(bad)).toThrow(/probability from 0 to 1/);
  });
});

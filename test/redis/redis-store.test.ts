import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { ModelStudioClient } from 'modelstudio-video';
import { createRedisLimitStore, type RedisLimitStore } from 'modelstudio-video/redis';
import { createSimulator, startSimulatorServer, type Simulator } from 'modelstudio-video/testing';
import { maxOverlap } from '../helpers/overlap.ts';
import { simulatedClient } from '../helpers/simulated-client.ts';

const redisUrl = inject('redisUrl');
const HOLDER = fileURLToPath(new URL('./fixtures/hold-slots.ts', import.meta.url));

/** Starts a worker process that submits 5 tasks on the shared store and holds them until killed; resolves their ids. */
async function startHolder(server: { readonly baseUrl: string; readonly apiKey: string }, prefix: string, leaseMs: number) {
  const child = spawn(process.execPath, ['--conditions=modelstudio-video-source', HOLDER], {
    env: { ...process.env, REDIS_URL: redisUrl, PREFIX: prefix, BASE_URL: server.baseUrl, API_KEY: server.apiKey, LEASE_MS: String(leaseMs), TASKS: '5' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${String(code)}`)));
  });
  expect(line).toMatch(/^held( [\w-]+){5}$/);
  return { child, held: line.split(' ').slice(1) };
}

/** Stores made by a test, closed after it. */
const opened: RedisLimitStore[] = [];
function store(prefix: string): RedisLimitStore {
  const made = createRedisLimitStore({ url: redisUrl, prefix });
  opened.push(made);
  return made;
}
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.splice(0).map((made) => made.close()));
});

let admin: Redis;
beforeAll(() => {
  if (redisUrl) admin = new Redis(redisUrl);
});
afterAll(async () => {
  await admin?.quit();
});

describe.skipIf(!redisUrl)('createRedisLimitStore against a real redis-server', () => {
  it('a submit window is shared: of 12 admits from two processes in one instant, exactly 5 pass and the rest are told how long to wait', async () => {
    const prefix = randomUUID();
    const [a, b] = [store(prefix), store(prefix)];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => (index % 2 ? a : b).admit('submits:wan2.6-t2v', 5, 1000)));
    expect(answers.filter((wait) => wait === 0)).toHaveLength(5);
    for (const wait of answers.filter((value) => value > 0)) expect(wait).toBeGreaterThan(900);
    for (const wait of answers.filter((value) => value > 0)) expect(wait).toBeLessThanOrEqual(1000);
    // Another prefix (another account) has its own window.
    expect(await store(randomUUID()).admit('submits:wan2.6-t2v', 5, 1000)).toBe(0);
  });

  it('task slots are leases: the sixth waits until one is released, the release is announced to the other process, force counts over the limit', async () => {
    const prefix = randomUUID();
    const [a, b] = [store(prefix), store(prefix)];
    for (let index = 0; index < 5; index += 1) expect(await a.acquire('tasks:wan2.6-t2v', `a${index}`, 5, 60_000)).toBe(0);
    const wait = await b.acquire('tasks:wan2.6-t2v', 'b0', 5, 60_000);
    expect(wait).toBeGreaterThan(59_000);
    const heard = new Promise<string>((resolve) => b.onRelease?.((key) => resolve(key)));
    // The subscriber connects asynchronously; give it a moment before releasing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await a.release('tasks:wan2.6-t2v', 'a0');
    expect(await heard).toBe('tasks:wan2.6-t2v');
    expect(await b.acquire('tasks:wan2.6-t2v', 'b0', 5, 60_000)).toBe(0);
    expect(await b.acquire('tasks:wan2.6-t2v', 'b1', 5, 60_000)).toBeGreaterThan(0);
    expect(await b.acquire('tasks:wan2.6-t2v', 'resumed', 5, 60_000, true)).toBe(0);
    expect(await admin.zcard(`{${prefix}}:tasks:wan2.6-t2v`)).toBe(6);
    // What every sharer follows, for the poll budget: 6 leases here, 1 of another model, none of a third.
    expect(await a.acquire('tasks:wan2.6-i2v', 'i0', 5, 60_000)).toBe(0);
    expect(await b.held?.(['tasks:wan2.6-t2v', 'tasks:wan2.6-i2v', 'tasks:wan2.7-r2v'])).toBe(7);
  });

  it('a lease expires unless renewed, and renewing takes back one that expired', async () => {
    const prefix = randomUUID();
    const s = store(prefix);
    expect(await s.acquire('tasks:m', 'kept', 2, 300)).toBe(0);
    expect(await s.acquire('tasks:m', 'dropped', 2, 300)).toBe(0);
    expect(await s.acquire('tasks:m', 'third', 2, 300)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await s.renew([{ key: 'tasks:m', leaseId: 'kept' }], 300);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // 'dropped' expired at 300 ms; 'kept' lives until 450 ms.
    expect(await s.acquire('tasks:m', 'third', 2, 300)).toBe(0);
    expect(await s.acquire('tasks:m', 'fourth', 2, 300)).toBeGreaterThan(0);
    // 'kept' and 'third' both expire now; renewing 'kept' takes it back, so one of two slots is free.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await s.renew([{ key: 'tasks:m', leaseId: 'kept' }], 300);
    expect(await s.acquire('tasks:m', 'fifth', 2, 300)).toBe(0);
    expect(await s.acquire('tasks:m', 'sixth', 2, 300)).toBeGreaterThan(0);
  });

  it('rename moves a lease to its task\'s id in one step; onto a lease held already, it frees one slot and says so', async () => {
    const prefix = randomUUID();
    const [a, b] = [store(prefix), store(prefix)];
    const slots = `{${prefix}}:tasks:m`;
    expect(await a.acquire('tasks:m', 'pre-submit', 2, 60_000)).toBe(0);
    await a.rename?.('tasks:m', 'pre-submit', 'task-1', 60_000);
    expect(await admin.zrange(slots, '0', '-1')).toEqual(['task-1']);
    // Another process already follows task-2 (it resumed it); this one's answer names the same task.
    expect(await b.acquire('tasks:m', 'task-2', 2, 60_000, true)).toBe(0);
    expect(await a.acquire('tasks:m', 'other-pre-submit', 2, 60_000, true)).toBe(0);
    const heard = new Promise<string>((resolve) => b.onRelease?.((key) => resolve(key)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await a.rename?.('tasks:m', 'other-pre-submit', 'task-2', 60_000);
    expect(await heard).toBe('tasks:m');
    expect((await admin.zrange(slots, '0', '-1')).sort()).toEqual(['task-1', 'task-2']);
  });

  it("uses Redis's clock: a process whose clock is an hour ahead shares the same window", async () => {
    const prefix = randomUUID();
    const [a, b] = [store(prefix), store(prefix)];
    expect(await a.admit('queries', 2, 1000)).toBe(0);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
    expect(await b.admit('queries', 2, 1000)).toBe(0);
    expect(await b.admit('queries', 2, 1000)).toBeGreaterThan(0);
    expect(await a.admit('queries', 2, 1000)).toBeGreaterThan(0);
  });

  it('fails clearly when Redis cannot be reached, and a task fails before anything is sent', async () => {
    // A connection that fails commands at once instead of queueing them while it reconnects.
    const connection = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, retryStrategy: () => null, lazyConnect: true });
    connection.on('error', () => undefined);
    const dead = createRedisLimitStore({ client: connection, prefix: randomUUID() });
    const { sim, client } = simulatedClient({}, { rateLimits: { store: dead } });
    const error = await client.textToVideo({ prompt: 'never sent' }).catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/The rate limit store failed \(.+\); nothing was sent\./);
    expect(sim.stats.requests.submit).toBe(0);
    connection.disconnect();
  });
});

describe.skipIf(!redisUrl)('clients in several processes sharing one Redis store', () => {
  /** Clients that each stand for a process: own poller, own limiter, one shared store or none. */
  function clients(sim: Simulator, count: number, shared: boolean) {
    const prefix = randomUUID();
    return Array.from(
      { length: count },
      () =>
        new ModelStudioClient({
          apiKey: sim.apiKey,
          baseUrl: sim.baseUrl,
          fetch: sim.fetch,
          rateLimits: shared ? { store: store(prefix) } : {},
          polling: { initialIntervalMs: 100, maxIntervalMs: 200 },
          maxRetries: 0,
        }),
    );
  }

  it('3 clients, 30 tasks of one model: with the shared store zero 429s and never more than 5 running; with their own limiters, 429s', async () => {
    const timing = { pendingMs: 100, runningMs: 400 };
    const shared = createSimulator({ timing });
    const results = await Promise.allSettled(
      clients(shared, 3, true).flatMap((client, c) => Array.from({ length: 10 }, (_, index) => client.textToVideo({ prompt: `p${c}-${index}` }))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(shared.tasks.size).toBe(30);
    expect(shared.stats.throttled).toEqual({});
    expect(maxOverlap(shared)).toBeLessThanOrEqual(5);

    // Each with its own count, the three send 15 submits at once to an account that takes 5.
    const separate = createSimulator({ timing });
    const stop = AbortSignal.timeout(1_000);
    await Promise.allSettled(
      clients(separate, 3, false).flatMap((client, c) => Array.from({ length: 10 }, (_, index) => client.textToVideo({ prompt: `p${c}-${index}` }, { signal: stop }))),
    );
    expect(Object.values(separate.stats.throttled).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 60_000);

  it('a process killed while holding 5 slots frees them when its leases expire, not before and not never', async () => {
    const leaseMs = 1_500;
    const prefix = randomUUID();
    // Tasks end on the service after 300 ms; the dead worker never learns it, so only expiry frees its slots.
    const server = await startSimulatorServer({ timing: { pendingMs: 100, runningMs: 200 } });
    try {
      const { child, held } = await startHolder(server, prefix, leaseMs);
      expect(held).toHaveLength(5);
      // Let one renewal pass, so the leases are known to outlive their first term while it lives.
      await new Promise((resolve) => setTimeout(resolve, leaseMs * 0.8));
      child.kill('SIGKILL');
      const killedAt = Date.now();
      expect(await admin.zcard(`{${prefix}}:tasks:wan2.6-t2v`)).toBe(5);

      const client = new ModelStudioClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, rateLimits: { store: store(prefix), leaseMs }, polling: { initialIntervalMs: 100 } });
      const task = client.textToVideo({ prompt: 'after the crash' });
      await task.whenSubmitted();
      const waited = Date.now() - killedAt;
      // The last renewal came at most a third of a lease before the kill.
      expect(waited).toBeGreaterThan(leaseMs / 3);
      expect(waited).toBeLessThan(leaseMs + 1_500);
      await task;
      expect(server.simulator.tasks.size).toBe(6);
      expect(server.simulator.stats.throttled).toEqual({});
    } finally {
      await server.close();
    }
  }, 30_000);

  it('a worker that resumes a killed worker\'s tasks by id takes over their slots: still 5 held, and the next submit goes when a resumed task ends, not when the dead leases expire', async () => {
    const leaseMs = 6_000;
    const prefix = randomUUID();
    const server = await startSimulatorServer({ timing: { pendingMs: 100, runningMs: 900 } });
    try {
      const { child, held } = await startHolder(server, prefix, leaseMs);
      const slots = `{${prefix}}:tasks:wan2.6-t2v`;
      // The slots are named after their tasks, as whoever resumes them will name them, one store
      // call after each answer. (A crash inside that call leaves the old name: counted twice until it expires.)
      const named = held.map((id) => `task-${id}`).sort();
      await vi.waitFor(async () => expect((await admin.zrange(slots, '0', '-1')).sort()).toEqual(named), { timeout: 2_000 });
      child.kill('SIGKILL');

      const client = new ModelStudioClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, rateLimits: { store: store(prefix), leaseMs }, polling: { initialIntervalMs: 100 } });
      const resumed = held.map((taskId) => client.tasks.wait({ taskId, model: 'wan2.6-t2v' }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await admin.zcard(slots)).toBe(5);
      const resumedAt = Date.now();
      const next = client.textToVideo({ prompt: 'after the takeover' });
      await next.whenSubmitted();
      // The tasks end about a second after they began; the dead leases would hold the slots for 6 s.
      expect(Date.now() - resumedAt).toBeLessThan(leaseMs / 2);
      await Promise.all([...resumed, next]);
      expect(server.simulator.tasks.size).toBe(6);
      expect(server.simulator.stats.throttled).toEqual({});
      expect(await admin.zcard(slots)).toBe(0);
    } finally {
      await server.close();
    }
  }, 30_000);
});

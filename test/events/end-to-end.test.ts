/**
 * Events end to end over real HTTP: the simulator server posts each task's completion event to a
 * node:http server running the receiver, and a client given that receiver ends its tasks when the
 * events come, not at its (here slow) polls; with the events lost, polling still finishes them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelStudioClient } from 'modelstudio-video';
import { createTaskEventReceiver } from 'modelstudio-video/events';
import { startSimulatorServer, type SimulatorServer } from 'modelstudio-video/testing';

const SECRET = 'shared-secret-for-the-target-header';
const open: (Server | SimulatorServer)[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => ('simulator' in server ? server.close() : new Promise((resolve) => server.close(resolve)))));
});

async function receiverServer() {
  const receiver = createTaskEventReceiver({ secret: SECRET });
  const server = createServer((req, res) => void receiver.handleNode(req, res));
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { receiver, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events` };
}

/** Tasks of about 1.5 s (speed 30); the client's first poll only after 30 s. */
async function setUp(loss: number) {
  const { receiver, url } = await receiverServer();
  const sim = await startSimulatorServer({ speed: 30, eventTarget: { url, secret: SECRET, loss } });
  open.push(sim);
  const client = new ModelStudioClient({
    apiKey: sim.apiKey, baseUrl: sim.baseUrl, region: 'intl', events: receiver,
    polling: { initialIntervalMs: 30_000, maxIntervalMs: 30_000 },
  });
  return { sim, client };
}

describe('completion events over HTTP', () => {
  it('three tasks end within moments of their events, with about one query each', async () => {
    const { sim, client } = await setUp(0);
    const started = Date.now();
    const results = await Promise.all(['A fox', 'A koi pond', 'A train'].map((prompt) => client.textToVideo({ prompt })));
    const elapsed = Date.now() - started;
    expect(results.map((result) => result.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    // Without the events the first poll alone would come 30 s in.
    expect(elapsed).toBeLessThan(10_000);
    // The simulator counts an event sent once the receiver has answered, a moment after delivering it.
    await vi.waitFor(() => expect(sim.simulator.events.sent).toBe(3));
    expect(sim.simulator.stats.requests.query).toBeLessThanOrEqual(3 * 2);
  }, 30_000);

  it('with every event lost, polling still finishes the task (the fallback)', async () => {
    const { sim, client } = await setUp(1);
    // The client's fallback polls start at the task kind's earliest plausible end: 1.5 s here, as learned.
    const result = await client.textToVideo({ prompt: 'A fox' }, { polling: { expectedRunTimeMs: 1_500, maxIntervalMs: 3_000 } });
    expect(result.status).toBe('SUCCEEDED');
    expect(sim.simulator.events.sent).toBe(0);
    expect(sim.simulator.events.lost).toBe(1);
  }, 30_000);
});

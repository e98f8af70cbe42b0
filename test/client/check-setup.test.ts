/**
 * `client.checkSetup()` and `checkSetup()` against the in-process simulator: every request that
 * leaves is recorded as the simulator receives it, so that each test can say what was sent (a GET
 * of the task list without the key, the task list with it, and with `live` one submit), and that
 * nothing billed is sent without `live`.
 */
import { describe, expect, it } from 'vitest';
import {
  ModelStudioClient, checkSetup, type ModelStudioClientOptions, type SetupCheck, type SetupCheckName, type SetupReport,
} from 'modelstudio-video';
import { createSimulator, type Simulator, type SimulatorOptions } from 'modelstudio-video/testing';
import { freePort } from '../helpers/ports.ts';

/** A key long enough to be shown masked: the masked form may show its last 4 characters, never more. */
const OTHER_KEY = 'sk-0123456789abcdef0123456789abcdef';

/** A request as it left the SDK. */
interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly authorization: string | null;
  readonly body: unknown;
}

/** A simulator whose fetch records each request before the simulator answers it. */
function recordedSimulator(options: SimulatorOptions = {}): { sim: Simulator; sent: Sent[]; fetch: typeof globalThis.fetch } {
  const sim = createSimulator({ speed: 50, ...options });
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = request.method === 'POST' ? await request.clone().text() : '';
    sent.push({ method: request.method, url: new URL(request.url), authorization: request.headers.get('authorization'), body: text ? JSON.parse(text) : undefined });
    return sim.handle(request);
  };
  return { sim, sent, fetch };
}

/** Client options on the simulator: its key, host and fetch, no environment, quick polls. */
function simulatorOptions(fetch: typeof globalThis.fetch, sim: Simulator, extra: Partial<ModelStudioClientOptions> = {}): ModelStudioClientOptions {
  return { apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch, region: 'intl', env: {}, polling: { initialIntervalMs: 50, maxIntervalMs: 100 }, ...extra };
}

function check(report: SetupReport, name: SetupCheckName): SetupCheck {
  const found = report.checks.find((entry) => entry.name === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(report.checks)}`);
  return found;
}

/** The report never holds the key; `shown` parts (a masked form) are allowed. */
function expectNoKey(report: SetupReport, key: string): void {
  const text = JSON.stringify(report);
  expect(text).not.toContain(key);
  // No run of 8 characters of the key beyond its prefix either: a masked form shows 4.
  for (let at = 3; at + 8 <= key.length; at += 1) expect(text).not.toContain(key.slice(at, at + 8));
}


const ORDER: readonly SetupCheckName[] = ['apiKey', 'region', 'baseUrl', 'workspace', 'host', 'keyAccepted', 'models'];

describe('client.checkSetup', () => {
  it('all ok: two free GETs of the task list, the first without the key; nothing billed', async () => {
    const { sim, sent, fetch } = recordedSimulator();
    const report = await new ModelStudioClient(simulatorOptions(fetch, sim)).checkSetup();
    expect(report.checks.map((entry) => entry.name)).toEqual(ORDER);
    expect(report.checks.filter((entry) => entry.status !== 'ok'), JSON.stringify(report.checks)).toEqual([]);
    expect(report).toMatchObject({ ok: true, keySource: 'option', region: 'intl', baseUrl: sim.baseUrl, workspaceId: undefined });
    expect(report.models).toContain('wan2.6-t2v');
    expect(report.models).not.toContain('wan2.6-t2v-us');
    expect(check(report, 'models').detail).toMatch(/^intl serves \d+ models of the SDK: t2v \d+, i2v \d+/);
    expect(check(report, 'apiKey').detail).toBe('from the apiKey option');
    // What left: the probe without the key, then the list with it; each one task a page, both GETs.
    expect(sent.map((request) => [request.method, request.url.pathname, request.url.searchParams.get('page_size'), request.authorization])).toEqual([
      ['GET', '/api/v1/tasks', '1', null],
      ['GET', '/api/v1/tasks', '1', `Bearer ${sim.apiKey}`],
    ]);
    expect(sim.stats.requests.submit).toBe(0);
    expect(sim.tasks.size).toBe(0);
  });

  it('says which variable the key came from, and a stale variable that shadows another key; never the key', async () => {
    const { sim, fetch } = recordedSimulator();
    const env = { MODELSTUDIO_API_KEY: sim.apiKey, DASHSCOPE_API_KEY: OTHER_KEY, MODELSTUDIO_BASE_URL: sim.baseUrl, MODELSTUDIO_REGION: 'intl' };
    const report = await checkSetup({ env, fetch });
    expect(report.ok).toBe(true);
    expect(report.keySource).toBe('MODELSTUDIO_API_KEY');
    expect(check(report, 'apiKey').detail).toBe('from MODELSTUDIO_API_KEY; DASHSCOPE_API_KEY holds another key, not used');
    expect(check(report, 'region').detail).toBe('intl (ap-southeast-1, Singapore), from MODELSTUDIO_REGION');
    expectNoKey(report, OTHER_KEY);
    expect(JSON.stringify(report)).not.toContain(sim.apiKey);
  });

  it('a wrong key: the service\'s 401, a problem that names the region\'s console and the other regions\' hosts; the key masked at most', async () => {
    const { sim, sent, fetch } = recordedSimulator();
    // The simulator answers any host; this one is Singapore's, as a real setup's would be.
    const report = await checkSetup({ apiKey: OTHER_KEY, fetch, env: {} });
    expect(report.ok).toBe(false);
    expect(check(report, 'apiKey').detail).toBe('from the apiKey option (sk-…cdef)');
    const key = check(report, 'keyAccepted');
    expect(key).toMatchObject({ status: 'problem', errorType: 'AuthenticationError' });
    expect(key.detail).toMatch(/^dashscope-intl\.aliyuncs\.com refused the key \(HTTP 401 InvalidApiKey, request id [\w-]+\): a wrong key, or a key of another region$/);
    expect(key.fix).toBe(
      "Use a key created in the Model Studio console of intl (ap-southeast-1, Singapore); a key of another region works only on that region's hosts, so set " +
        'MODELSTUDIO_REGION to its region: cn https://dashscope.aliyuncs.com, us https://dashscope-us.aliyuncs.com, or a workspace host for eu, jp, hk.',
    );
    expect(check(report, 'host').status).toBe('ok');
    expect(sent.map((request) => request.url.origin)).toEqual(['https://dashscope-intl.aliyuncs.com', 'https://dashscope-intl.aliyuncs.com']);
    expect(sent[1]?.authorization).toBe(`Bearer ${OTHER_KEY}`);
    expect(sim.stats.requests.submit).toBe(0);
    expectNoKey(report, OTHER_KEY);
  });

  it('a wrong key on a host of no known region (the simulator): use the key that host accepts', async () => {
    const { sim, fetch } = recordedSimulator();
    const report = await checkSetup(simulatorOptions(fetch, sim, { apiKey: 'sk-not-the-simulators' }));
    expect(check(report, 'keyAccepted')).toMatchObject({
      status: 'problem',
      fix: 'Use the key that dashscope.simulator.invalid accepts (for the simulator: the MODELSTUDIO_API_KEY it prints).',
    });
  });

  it('no key: a problem of the report rather than the constructor\'s error; the free checks still run, the key check is skipped', async () => {
    const { sim, sent, fetch } = recordedSimulator();
    expect(() => new ModelStudioClient({ baseUrl: sim.baseUrl, fetch, env: {} })).toThrow(/No API key/);
    const report = await checkSetup({ baseUrl: sim.baseUrl, fetch, region: 'intl', env: {} });
    expect(report.keySource).toBeUndefined();
    expect(check(report, 'apiKey')).toEqual({
      name: 'apiKey',
      status: 'problem',
      detail: 'no API key: MODELSTUDIO_API_KEY, DASHSCOPE_API_KEY, QWEN_API_KEY are unset or empty, and no apiKey option is given',
      fix: 'Set MODELSTUDIO_API_KEY to a key created in the Model Studio console of intl (ap-southeast-1, Singapore).',
      errorType: 'AuthenticationError',
    });
    expect(check(report, 'host').status).toBe('ok');
    expect(check(report, 'keyAccepted')).toMatchObject({ status: 'skipped', detail: 'not checked: there is no key to send' });
    expect(check(report, 'models').status).toBe('ok');
    expect(sent.map((request) => request.authorization)).toEqual([null]);
  });

  it('an unreachable host (a closed port): a ConnectionError problem with its fix, and the key is never sent', async () => {
    const port = await freePort();
    const report = await checkSetup({ apiKey: 'sk-simulator', baseUrl: `http://127.0.0.1:${port}`, region: 'intl', env: {} });
    expect(check(report, 'host')).toEqual({
      name: 'host',
      status: 'problem',
      detail: `127.0.0.1:${port} does not answer: the connection was refused (ECONNREFUSED): nothing listens there`,
      fix: `Start the server at http://127.0.0.1:${port} (for the simulator: modelstudio-video simulate), or correct the baseUrl option.`,
      errorType: 'ConnectionError',
    });
    expect(check(report, 'keyAccepted')).toMatchObject({ status: 'skipped', detail: 'not checked: the host does not answer' });
    expect(report.ok).toBe(false);
  });

  it('a host that does not answer in time: a problem after timeoutMs, not a hang', async () => {
    const { sim, fetch } = recordedSimulator({ faults: [{ routes: ['list'], kind: 'latency', latencyMs: 5_000 }] });
    const started = Date.now();
    const report = await checkSetup(simulatorOptions(fetch, sim), { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(check(report, 'host')).toMatchObject({ status: 'problem', detail: 'dashscope.simulator.invalid gave no answer within 0.2 s', errorType: 'ConnectionError' });
  });

  it('a base URL with a path: a problem naming the URL to use; the key is not sent to the wrong path', async () => {
    const { sim, sent, fetch } = recordedSimulator();
    const report = await checkSetup({ apiKey: sim.apiKey, fetch, env: { MODELSTUDIO_BASE_URL: 'https://dashscope-intl.aliyuncs.com/api/v1' } });
    expect(check(report, 'baseUrl')).toEqual({
      name: 'baseUrl',
      status: 'problem',
      detail: 'https://dashscope-intl.aliyuncs.com/api/v1, from MODELSTUDIO_BASE_URL, has the path /api/v1: the SDK adds /api/v1/... itself, so every request would miss',
      fix: 'Set MODELSTUDIO_BASE_URL to https://dashscope-intl.aliyuncs.com, without the path.',
      errorType: 'ValidationError',
    });
    expect(check(report, 'keyAccepted')).toMatchObject({ status: 'skipped', detail: 'not checked: the base URL must be fixed first' });
    expect(check(report, 'region').status).toBe('skipped');
    // The probe only, without the key, at the doubled path the client would use.
    expect(sent.map((request) => [request.url.pathname, request.authorization])).toEqual([['/api/v1/api/v1/tasks', null]]);
  });

  it("a proxy's path that is not the service's root: the task list's 404 is a host problem", async () => {
    const { sim, fetch } = recordedSimulator();
    const report = await checkSetup({ apiKey: sim.apiKey, fetch, region: 'intl', baseUrl: 'https://proxy.example.com/video', env: {} });
    expect(check(report, 'baseUrl')).toMatchObject({ status: 'ok', detail: 'https://proxy.example.com/video, from the baseUrl option: a host of no known region (a proxy or the simulator)' });
    expect(check(report, 'host')).toMatchObject({ status: 'problem', errorType: 'NotFoundError' });
    expect(check(report, 'host').detail).toMatch(/^proxy\.example\.com answers, but has no task list at \/video\/api\/v1\/tasks \(HTTP 404 InvalidURL/);
    expect(check(report, 'keyAccepted').status).toBe('skipped');
  });

  it('a base URL of one region with another region: a problem, and the fix names both ways out', async () => {
    const { fetch } = recordedSimulator();
    const report = await checkSetup({ apiKey: 'sk-simulator', fetch, env: { MODELSTUDIO_BASE_URL: 'https://dashscope.aliyuncs.com', MODELSTUDIO_REGION: 'intl' } });
    expect(check(report, 'baseUrl')).toEqual({
      name: 'baseUrl',
      status: 'problem',
      detail:
        'https://dashscope.aliyuncs.com, from MODELSTUDIO_BASE_URL, is a host of cn (cn-beijing, Beijing), but the region is intl: requests would go to Beijing ' +
        'checked against the models and prices of Singapore, and a key works in one region only',
      fix: 'Set MODELSTUDIO_REGION to cn, or unset MODELSTUDIO_BASE_URL to use the host of intl.',
      errorType: 'ValidationError',
    });
    expect(report.ok).toBe(false);
  });

  it('a workspace id that the base URL overrides, and a workspace host of another region', async () => {
    const { fetch } = recordedSimulator();
    const report = await checkSetup({
      apiKey: 'sk-simulator', fetch, env: { MODELSTUDIO_WORKSPACE_ID: 'ws-1', MODELSTUDIO_BASE_URL: 'https://ws-1.cn-beijing.maas.aliyuncs.com', MODELSTUDIO_REGION: 'intl' },
    });
    expect(check(report, 'baseUrl')).toMatchObject({ status: 'problem', fix: 'Set MODELSTUDIO_REGION to cn, or unset MODELSTUDIO_BASE_URL to use the host of intl.' });
    expect(check(report, 'workspace')).toEqual({
      name: 'workspace',
      status: 'problem',
      detail: 'ws-1, from MODELSTUDIO_WORKSPACE_ID, is not used: MODELSTUDIO_BASE_URL wins over it, and its host would be https://ws-1.ap-southeast-1.maas.aliyuncs.com',
      fix: 'Unset MODELSTUDIO_BASE_URL to use the workspace host, or unset MODELSTUDIO_WORKSPACE_ID.',
      errorType: 'ValidationError',
    });
  });

  it('settings the client refuses are problems of their check: an unknown region, a region with no shared host', async () => {
    const { fetch } = recordedSimulator();
    const unknown = await checkSetup({ apiKey: 'sk-simulator', fetch, env: { MODELSTUDIO_REGION: 'mars' } });
    expect(check(unknown, 'region')).toMatchObject({ status: 'problem', fix: 'Set MODELSTUDIO_REGION to one of intl, cn, us, eu, jp, hk.', errorType: 'ValidationError' });
    expect(check(unknown, 'host').status).toBe('skipped');
    const frankfurt = await checkSetup({ apiKey: 'sk-simulator', fetch, env: { MODELSTUDIO_REGION: 'eu' } });
    expect(check(frankfurt, 'region')).toMatchObject({ status: 'ok', detail: 'eu (eu-central-1, Frankfurt), from MODELSTUDIO_REGION' });
    expect(check(frankfurt, 'workspace')).toMatchObject({
      status: 'problem',
      fix: 'Set MODELSTUDIO_WORKSPACE_ID to the id of your workspace in eu (eu-central-1, Frankfurt), as the Model Studio console shows it, or set MODELSTUDIO_BASE_URL.',
    });
  });

  it('a host of no known region and no region named: a problem, and the models are not checked', async () => {
    const { sim, fetch } = recordedSimulator();
    const report = await checkSetup(simulatorOptions(fetch, sim, { region: undefined }));
    expect(check(report, 'region')).toMatchObject({ status: 'problem', fix: 'Set MODELSTUDIO_REGION to the region that host serves (intl, cn, us, eu, jp, hk).' });
    expect(check(report, 'models').status).toBe('skipped');
  });
});

describe('client.checkSetup({ live: true })', () => {
  it('sends exactly one task, the cheapest of the region at its lowest resolution and shortest duration, after confirm; reports run time and cost', async () => {
    const { sim, sent, fetch } = recordedSimulator();
    const client = new ModelStudioClient(simulatorOptions(fetch, sim));
    const asked: unknown[] = [];
    const report = await client.checkSetup({ live: true, confirm: (plan) => (asked.push(plan), true) });
    expect(asked).toHaveLength(1);
    expect(report.ok).toBe(true);
    const submits = sent.filter((request) => request.method === 'POST');
    expect(submits).toHaveLength(1);
    expect(submits[0]?.url.pathname).toBe('/api/v1/services/aigc/video-generation/video-synthesis');
    expect(submits[0]?.body).toEqual({
      model: 'wan2.2-t2v-plus',
      input: { prompt: 'A calm sea under a clear blue sky' },
      parameters: expect.objectContaining({ size: expect.any(String), duration: 5 }),
    });
    expect(sim.tasks.size).toBe(1);
    expect(sim.stats.billed.tasks).toHaveLength(1);
    const live = report.live;
    expect(live).toMatchObject({ model: 'wan2.2-t2v-plus', resolution: '480P', duration: 5, status: 'SUCCEEDED', estimate: { amount: 0.1, currency: 'USD' } });
    expect(live?.cost).toMatchObject({ amount: 0.1, currency: 'USD', seconds: 5 });
    expect(live?.runTimeMs).toBeGreaterThan(0);
    expect(live?.taskId).toBe(sim.tasks.all()[0]?.taskId);
    expect(check(report, 'live').detail).toMatch(/^task [\w-]+ \(wan2\.2-t2v-plus, 480P, 5 s, text to video: 0\.1 USD estimated\) SUCCEEDED in \d+\.\d s, cost 0\.1 USD \(5 s billed\)$/);

    // No text-to-video task of the region costs less, by the same price table, at its lowest resolution and shortest duration.
    for (const model of client.models.list({ mode: 't2v' })) {
      const resolution = [...model.resolutions].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))[0];
      const duration = model.durations.only ? Math.min(...model.durations.only) : model.durations.min;
      const request: unknown = { model: model.id, prompt: 'x', resolution, duration, ...(model.sound === 'optional' && { audio: false }) };
      const amount = client.estimateCost('textToVideo', request).amount;
      if (amount !== undefined) expect(amount, model.id).toBeGreaterThanOrEqual(0.1);
    }
  });

  it('in cn the cheapest is another model, priced in CNY', async () => {
    const { sim, fetch } = recordedSimulator();
    const report = await new ModelStudioClient(simulatorOptions(fetch, sim, { region: 'cn' })).checkSetup({ live: true });
    expect(report.live).toMatchObject({ model: 'wan3.0-video', resolution: '480P', duration: 2, request: { audio: false }, estimate: { amount: 0.6, currency: 'CNY' }, status: 'SUCCEEDED' });
    expect(sim.tasks.all().map((task) => task.model)).toEqual(['wan3.0-video']);
  });

  it('declined: nothing is sent, and the live check is skipped', async () => {
    const { sim, sent, fetch } = recordedSimulator();
    const report = await new ModelStudioClient(simulatorOptions(fetch, sim)).checkSetup({ live: true, confirm: () => false });
    expect(check(report, 'live')).toEqual({ name: 'live', status: 'skipped', detail: 'declined: wan2.2-t2v-plus, 480P, 5 s, text to video: 0.1 USD was not sent' });
    expect(report.ok).toBe(true);
    expect(sent.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(sim.tasks.size).toBe(0);
  });

  it('not sent when another check found a problem, nor where no price is known', async () => {
    const { sim, sent, fetch } = recordedSimulator();
    let asked = false;
    const refused = await checkSetup(simulatorOptions(fetch, sim, { apiKey: 'sk-wrong' }), { live: true, confirm: () => (asked = true) });
    expect(check(refused, 'live')).toEqual({ name: 'live', status: 'skipped', detail: 'not sent: fix keyAccepted first' });
    const virginia = await checkSetup(simulatorOptions(fetch, sim, { region: 'us' }), { live: true, confirm: () => (asked = true) });
    expect(check(virginia, 'live')).toMatchObject({ status: 'skipped', detail: 'not sent: no text-to-video model of us has a known price, so the cheapest task cannot be told' });
    expect(asked).toBe(false);
    expect(sent.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('a task the service fails: a problem with the service\'s reason; a failed task costs nothing', async () => {
    const { sim, fetch } = recordedSimulator({ moderationWords: ['calm sea'] });
    const report = await new ModelStudioClient(simulatorOptions(fetch, sim)).checkSetup({ live: true });
    expect(check(report, 'live')).toMatchObject({ status: 'problem', errorType: 'TaskFailedError' });
    expect(check(report, 'live').detail).toMatch(/^task [\w-]+ FAILED: .*DataInspectionFailed/);
    expect(report.live?.status).toBe('FAILED');
    expect(sim.stats.billed.tasks).toEqual([]);
  });
});

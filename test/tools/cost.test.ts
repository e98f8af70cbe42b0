/**
 * Cost in the video tools, against the in-process simulator under fake timers with an intl client
 * (USD): each result's `estimatedCost` and `cost`, and the tool set's limits (`maxCostPerCall`,
 * `maxCostTotal`) refusing calls before anything is sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelStudioClient, ValidationError, type ModelStudioClientOptions } from 'modelstudio-video';
import { createSimulator, type Simulator } from 'modelstudio-video/testing';
import { createVideoTools, findVideoTool, type VideoTool, type VideoToolResult, type VideoToolsOptions } from 'modelstudio-video/tools';
import { settle, settleAll } from '../helpers/settle.ts';
import { useFakeClock } from '../helpers/simulated-client.ts';

const API_KEY = 'sk-tools-cost-0123456789';
const VIDEO = 'https://example.com/people/bob.mp4';

let sim: Simulator;
let seen: VideoToolResult[];

useFakeClock();
beforeEach(() => {
  sim = createSimulator({ apiKey: API_KEY });
  seen = [];
});
afterEach(() => {
  for (const result of seen) expect(JSON.stringify(result)).not.toContain(API_KEY);
});

function client(options: Partial<ModelStudioClientOptions> = {}): ModelStudioClient {
  return new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, region: 'intl', ...options });
}

function tools(options: VideoToolsOptions = {}, clientOptions: Partial<ModelStudioClientOptions> = {}) {
  const list = createVideoTools(client(clientOptions), options);
  return (name: string): VideoTool => {
    const tool = list.find((candidate) => candidate.name === name);
    if (!tool) throw new Error(`no tool ${name}`);
    return tool;
  };
}

async function call(tool: VideoTool, args: unknown, ms = 600_000): Promise<VideoToolResult> {
  const { value, error } = await settle(tool.execute(args), ms);
  if (error) throw error;
  const result = value as VideoToolResult;
  seen.push(result);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  return result;
}

/** wan2.6-t2v in intl: 0.1 USD/s at 720P, 0.15 at 1080P. */
const fox = (resolution: '720P' | '1080P', duration: number) => ({ prompt: 'A red fox trotting through fresh snow', resolution, duration });

describe('estimatedCost and cost in results', () => {
  it('a finished task: the estimate and the cost agree (wan2.6-t2v, 720P, 5 s: 0.5 USD), and get_video_task prices it too', async () => {
    const get = tools();
    const result = await call(get('text_to_video'), fox('720P', 5));
    expect(result).toMatchObject({
      ok: true,
      status: 'SUCCEEDED',
      estimatedCost: { amount: 0.5, low: 0.5, high: 0.5, currency: 'USD', basis: expect.stringContaining('5 s × 0.1 USD/s at 720P') },
      cost: { amount: 0.5, currency: 'USD', seconds: 5 },
    });
    if (!result.ok || result.status !== 'SUCCEEDED') return;
    expect(result.cost?.amount).toBe(result.estimatedCost?.amount);
    // get_video_task knows the model of a task its tool set started, so it prices it.
    const lookup = await call(get('get_video_task'), { task_id: result.taskId }, 0);
    expect(lookup).toMatchObject({ ok: true, status: 'SUCCEEDED', model: 'wan2.6-t2v', cost: { amount: 0.5, currency: 'USD', seconds: 5 } });
    expect(lookup).not.toHaveProperty('estimatedCost');
  });

  it('a pending result carries the estimate; a task started elsewhere is looked up without a cost', async () => {
    const get = tools({ wait: false });
    const pending = await call(get('text_to_video'), fox('1080P', 10), 0);
    expect(pending).toMatchObject({ ok: true, status: 'PENDING', estimatedCost: { amount: 1.5, currency: 'USD' } });
    // Started by another client: the query does not name the model, so nothing can be priced.
    const other = client().textToVideo(fox('720P', 5));
    const { taskId } = await other.whenSubmitted();
    await vi.advanceTimersByTimeAsync(600_000);
    const lookup = await call(get('get_video_task'), { task_id: taskId }, 0);
    expect(lookup).toMatchObject({ ok: true, status: 'SUCCEEDED' });
    expect(lookup).not.toHaveProperty('cost');
    expect(lookup).not.toHaveProperty('model');
  });

  it('an estimate that depends on an input video given as a URL is a range; amount is its upper bound', async () => {
    const result = await call(tools({ wait: false })('reference_to_video'), { model: 'wan2.6-r2v', prompt: 'character1 waves', references: [VIDEO], resolution: '720P', duration: 5 }, 0);
    expect(result).toMatchObject({ ok: true, estimatedCost: { amount: expect.any(Number), low: expect.any(Number), high: expect.any(Number), currency: 'USD' } });
    const { amount, low, high, basis } = (result as { estimatedCost: { amount: number; low: number; high: number; basis: string } }).estimatedCost;
    // 5 s of output plus the reference video, whose length only the service learns.
    expect(low).toBeLessThan(high);
    expect(amount).toBe(high);
    expect(basis).toContain('(with input video)');
  });

  it('a task that fails on the service costs nothing', async () => {
    const result = await call(tools()('text_to_video'), { prompt: 'a moderation-trigger scene', resolution: '720P', duration: 5 });
    expect(result).toMatchObject({ ok: false, status: 'FAILED', estimatedCost: { amount: 0.5 }, cost: { amount: 0, currency: 'USD', seconds: 0 } });
  });

  it('invalid arguments carry no estimate', async () => {
    const result = await call(tools()('text_to_video'), fox('720P', 20), 0);
    expect(result).toMatchObject({ ok: false, error: { type: 'ValidationError' } });
    expect(result).not.toHaveProperty('estimatedCost');
  });
});

describe('maxCostPerCall', () => {
  it('refuses a call estimated over it with a BudgetError result, sending nothing; a cheaper call goes through', async () => {
    const get = tools({ maxCostPerCall: 0.6 });
    const refused = await call(get('text_to_video'), fox('1080P', 5), 0);
    expect(refused).toEqual({
      ok: false,
      error: {
        type: 'BudgetError',
        message: expect.stringMatching(/^This call is estimated at 0\.75 USD \(5 s × 0\.15 USD\/s at 1080P; .*\), above the limit of 0\.6 USD per call; nothing was sent\.$/),
        estimate: 0.75,
        limit: 0.6,
        currency: 'USD',
      },
      estimatedCost: { amount: 0.75, low: 0.75, high: 0.75, currency: 'USD', basis: expect.any(String) },
      next: expect.stringContaining('a lower resolution, a shorter duration or a cheaper model'),
    });
    expect(sim.stats.requests.submit).toBe(0);
    expect(Object.values(sim.stats.requests).reduce((sum, count) => sum + count, 0)).toBe(0);

    const cheaper = await call(get('text_to_video'), fox('720P', 5));
    expect(cheaper).toMatchObject({ ok: true, status: 'SUCCEEDED', cost: { amount: 0.5 } });
    expect(sim.stats.requests.submit).toBe(1);
  });

  it('refuses a call that cannot be priced while a limit is set', async () => {
    // A price table that has no 720P rate for wan2.6 in intl.
    const prices = { 'wan2.6': { intl: { currency: 'USD', perSecond: { '1080P': 0.15 }, asOf: '2026-05', source: 'test' } } } as const;
    const refused = await call(tools({ maxCostPerCall: 5 }, { prices })('text_to_video'), fox('720P', 5), 0);
    expect(refused).toMatchObject({
      ok: false,
      error: { type: 'BudgetError', message: expect.stringMatching(/^This call cannot be priced \(no intl price is known for wan2\.6-t2v at 720P\)/), estimate: null, limit: 5 },
      estimatedCost: { amount: null, reason: expect.stringContaining('no intl price') },
      next: expect.stringContaining('another model'),
    });
    expect(sim.stats.requests.submit).toBe(0);
  });
});

describe('maxCostTotal', () => {
  it('allows calls until the next one would take the estimates over it, then says what is left', async () => {
    const get = tools({ maxCostTotal: 1.2, wait: false });
    const t2v = get('text_to_video');
    expect(await call(t2v, fox('720P', 5), 0)).toMatchObject({ ok: true, status: 'PENDING' });
    expect(await call(t2v, fox('720P', 5), 0)).toMatchObject({ ok: true, status: 'PENDING' });
    const third = await call(t2v, fox('720P', 5), 0);
    expect(third).toMatchObject({
      ok: false,
      error: {
        type: 'BudgetError',
        message: 'This call is estimated at 0.5 USD; with 1 USD estimated for the calls already started, the total would be 1.5 USD, above the limit of 1.2 USD for all calls (0.2 USD left); nothing was sent.',
        estimate: 0.5,
        limit: 1.2,
        currency: 'USD',
      },
      next: expect.stringContaining('0.2 USD of the budget is left'),
    });
    expect(sim.stats.requests.submit).toBe(2);
    // The limits are shared by the tool set: another mode tool counts against the same total.
    const i2v = await call(get('image_to_video'), { image: 'https://example.com/a.png', prompt: 'She smiles', resolution: '720P', duration: 5 }, 0);
    expect(i2v).toMatchObject({ ok: false, error: { type: 'BudgetError' } });
    // What is left fits exactly: 2 s at 720P is 0.2 USD.
    expect(await call(t2v, fox('720P', 2), 0)).toMatchObject({ ok: true, estimatedCost: { amount: 0.2 } });
    const spent = await call(t2v, fox('720P', 2), 0);
    expect(spent).toMatchObject({ ok: false, error: { type: 'BudgetError' }, next: expect.stringContaining('The budget for video is spent') });
    expect(sim.stats.requests.submit).toBe(3);
  });

  it('counts calls made at the same time: only those that fit start', async () => {
    const t2v = tools({ maxCostTotal: 1.2 })('text_to_video');
    const outcomes = await settleAll([1, 2, 3].map(() => t2v.execute(fox('720P', 5))), 600_000);
    const results = outcomes.map((outcome) => outcome.value as VideoToolResult);
    seen.push(...results);
    expect(results.filter((result) => result.ok)).toHaveLength(2);
    expect(results.filter((result) => !result.ok && result.error.type === 'BudgetError')).toHaveLength(1);
    expect(sim.stats.requests.submit).toBe(2);
  });

  it('takes back the estimate of a call that created no task', async () => {
    sim.faults.add({ kind: 'error', routes: ['submit'], status: 400, code: 'InvalidParameter', times: 1 });
    const t2v = tools({ maxCostTotal: 0.5, wait: false })('text_to_video');
    const failed = await call(t2v, fox('720P', 5), 10_000);
    expect(failed).toMatchObject({ ok: false, error: { type: 'BadRequestError' }, estimatedCost: { amount: 0.5 } });
    expect(failed).not.toHaveProperty('taskId');
    // Nothing was created, so the whole budget is still there.
    expect(await call(t2v, fox('720P', 5), 0)).toMatchObject({ ok: true, status: 'PENDING' });
  });
});

describe('the options and the descriptions', () => {
  it('states the limits in each mode tool description, in the currency of the region', () => {
    const withLimits = createVideoTools(client(), { maxCostPerCall: 1, maxCostTotal: 5 });
    for (const tool of withLimits.slice(0, 4)) {
      expect(tool.description).toContain('Cost limits: 1 USD per call, 5 USD for all calls together (estimated before sending); a call over them is refused, nothing sent.');
    }
    expect(findVideoTool(withLimits, 'get_video_task').description).not.toContain('Cost limit');
    expect(findVideoTool(createVideoTools(client()), 'text_to_video').description).not.toContain('Cost limit');
    const cn = createVideoTools(new ModelStudioClient({ apiKey: 'sk-x', region: 'cn' }), { maxCostTotal: 20 });
    expect(findVideoTool(cn, 'text_to_video').description).toContain('Cost limit: 20 CNY for all calls together (estimated before sending); a call over it is refused, nothing sent.');
  });

  it('refuses limits that are not positive numbers, and limits without a region to price in', () => {
    const invalid = (options: VideoToolsOptions, clientOptions: Partial<ModelStudioClientOptions> = {}) => {
      try {
        createVideoTools(client(clientOptions), options);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((issue) => `${issue.path}: ${issue.message}`);
      }
      throw new Error('no error');
    };
    expect(invalid({ maxCostPerCall: 0, maxCostTotal: Number.NaN })).toEqual([
      expect.stringMatching(/^maxCostPerCall: must be a positive number, in the currency of the client's region .*, got 0$/),
      expect.stringMatching(/^maxCostTotal: must be a positive number/),
    ]);
    expect(invalid({ maxCostTotal: '5' as unknown as number })).toEqual([expect.stringMatching(/^maxCostTotal: must be a positive number.*got "5"$/)]);
    expect(invalid({ maxCostPerCall: -1, maxWaitMs: 0 })).toHaveLength(2);
    // The simulator's host has no region: no prices, so no limit can be kept.
    expect(invalid({ maxCostPerCall: 1 }, { region: undefined })).toEqual([expect.stringMatching(/^maxCostPerCall: needs prices, .*region 'intl', 'cn' or 'us'/)]);
  });
});

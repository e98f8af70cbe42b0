/**
 * Cost (docs/protocol.md §9.4): estimates before sending for every model × resolution in each
 * region that serves it, against the price table; ranges where the bill depends on what is unknown
 * before the run; budgets that refuse before any request; the actual cost of each task from its
 * usage; and a batch of 200 mixed requests whose actual total equals what the simulator billed.
 */
import { describe, expect, it } from 'vitest';
import {
  BudgetError, ModelStudioClient, ValidationError, modelCaps, modelPrices, modesOf, takesOption,
  type ModelCaps, type ModelId, type PriceEntry, type Region, type Resolution, type VideoMode,
} from 'modelstudio-video';
import { sampleVideoBytes } from 'modelstudio-video/testing';
import { settleAll } from '../helpers/settle.ts';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';
import { TEST_KEY, useMsw } from '../helpers/msw.ts';

// No handler: any request that leaves fails the test, and `requests` counts it.
const { requests } = useMsw();

const IMAGE = 'https://cdn.example.com/a.png';
const VIDEO = 'https://cdn.example.com/b.mp4';

function client(region: Region) {
  return new ModelStudioClient({ apiKey: TEST_KEY, region });
}

/** The table's entry for a model in a region, read the way a reader of the README would. */
function tableEntry(model: ModelId, region: Region): PriceEntry | undefined {
  return modelPrices[model]?.[region] ?? modelPrices[(modelCaps[model] as ModelCaps).priceKey]?.[region];
}

/** A minimal valid request of `model` in `mode` at `resolution`, with only what the mode requires. */
function minimalRequest(model: ModelId, mode: VideoMode, resolution: Resolution): Record<string, unknown> {
  const caps: ModelCaps = modelCaps[model];
  const request: Record<string, unknown> = { model };
  const required = caps.modes[mode]?.required ?? [];
  if (required.includes('prompt') || caps.family === 'vace') request.prompt = 'A lighthouse in a storm';
  if (required.includes('image') || mode === 'imageToVideo') request.image = IMAGE;
  if (required.includes('lastFrame')) request.lastFrame = IMAGE;
  if (required.includes('references')) request.references = [IMAGE];
  if (required.includes('video')) request.video = VIDEO;
  if (required.includes('drivingAudio')) request.drivingAudio = 'https://cdn.example.com/speech.mp3';
  // video_edit takes a size; video_extension keeps its input's (docs/protocol.md §9.1).
  if (caps.family === 'vace') Object.assign(request, { function: 'video_edit', video: VIDEO, maskImage: IMAGE });
  if (takesOption(model, mode, 'resolution')) request.resolution = resolution;
  else if (takesOption(model, mode, 'size')) request.size = Object.values(caps.sizes?.[resolution] ?? {})[0];
  // An edit with duration 0 lasts as long as its input: give one, so the output part is known.
  if (mode === 'editVideo' && caps.duration.special?.some((entry) => entry.value === 0)) request.duration = 5;
  return request;
}

function estimate(c: ModelStudioClient, mode: VideoMode, request: Record<string, unknown>) {
  return c.estimateCost(mode, request as never);
}

describe('estimates of every model × resolution, in each region that serves it, against the table', () => {
  const rows = (Object.keys(modelCaps) as ModelId[]).flatMap((model) =>
    (['cn', 'intl'] as const)
      .filter((region) => (modelCaps[model] as ModelCaps).regions.includes(region))
      .flatMap((region) => {
        const caps: ModelCaps = modelCaps[model];
        // A region may serve fewer resolutions (intl wan2.2-i2v-flash: 480P and 720P).
        const resolutions = caps.resolutionsByRegion?.[region] ?? caps.resolutions;
        return resolutions.map((resolution) => ({ model, region, resolution, mode: modesOf(model)[0] as VideoMode }));
      }),
  );

  it('covers every model served in cn or intl at each of its resolutions there', () => {
    expect(rows.length).toBeGreaterThan(60);
    const served = (Object.keys(modelCaps) as ModelId[]).filter((model) => (modelCaps[model] as ModelCaps).regions.some((region) => region !== 'us'));
    expect(new Set(rows.map((row) => row.model)).size).toBe(served.length);
  });

  it.each(rows.map((row) => [`${row.model} ${row.region} ${row.resolution}`, row] as const))('%s', (_name, { model, region, resolution, mode }) => {
    const caps: ModelCaps = modelCaps[model];
    const request = minimalRequest(model, mode, resolution);
    const result = estimate(client(region), mode, request);
    const entry = tableEntry(model, region);
    const rate = entry && ((entry.perSecondWithAudio?.[resolution]) ?? entry.perSecond[resolution]);
    expect(result.model).toBe(model);
    expect(result.region).toBe(region);
    if (rate === undefined || entry === undefined) {
      expect(result.amount).toBeUndefined();
      expect(result.reason).toMatch(/no (cn|intl) price is known/);
      return;
    }
    const output = typeof request.duration === 'number' ? request.duration : caps.duration.default;
    // An input video given as a URL has a length known only between its caps' bounds.
    const video = request.video === undefined ? undefined : caps.video;
    const billedInput = entry.billsInputVideo && video ? [video.minSeconds, video.maxSeconds] : [0, 0];
    const [low, high] = billedInput.map((seconds) => Math.round(rate * (output + seconds) * 1e6) / 1e6);
    expect(result).toMatchObject({ currency: region === 'cn' ? 'CNY' : 'USD', perSecond: rate, low, high, amount: high, asOf: entry.asOf });
    expect(result.basis).toContain(entry.source);
  });

  it('no price is known in us: the estimate says so instead of guessing', () => {
    const result = estimate(client('us'), 'textToVideo', { model: 'wan2.6-t2v-us', prompt: 'A fox' });
    expect(result.amount).toBeUndefined();
    expect(result.reason).toBe('no us price is known for wan2.6-t2v-us; pass it in the prices option');
  });
});

describe('estimates as the README shows them', () => {
  it('wan2.6-t2v, intl, 1080P, 10 s: 10 s × 0.15 USD = 1.5 USD (row wan2.6 / intl / 1080P)', () => {
    expect(estimate(client('intl'), 'textToVideo', { prompt: 'A fox', resolution: '1080P', duration: 10 })).toMatchObject({
      currency: 'USD', amount: 1.5, low: 1.5, high: 1.5, perSecond: 0.15, seconds: 10, model: 'wan2.6-t2v', region: 'intl', asOf: '2026-05',
    });
  });

  it('wan2.2-kf2v-flash, cn, 480P (5 s fixed): 5 s × 0.10 CNY = 0.5 CNY (row wan2.2-flash / cn / 480P)', () => {
    const result = estimate(client('cn'), 'imageToVideo', { model: 'wan2.2-kf2v-flash', image: IMAGE, lastFrame: IMAGE, resolution: '480P' });
    expect(result).toMatchObject({ currency: 'CNY', amount: 0.5, perSecond: 0.1, seconds: 5 });
  });

  it('wan2.7-r2v, cn, 720P, 5 s with a 3 s local reference video: (5 + 3) s × 0.6 CNY = 4.8 CNY (row wan2.7-r2v / cn / 720P)', () => {
    const reference = { data: sampleVideoBytes(), fileName: 'walk.mp4', mimeType: 'video/mp4' };
    const result = estimate(client('cn'), 'referenceToVideo', { model: 'wan2.7-r2v', prompt: 'character1 walks', references: [reference], resolution: '720P', duration: 5 });
    expect(result).toMatchObject({ currency: 'CNY', amount: 4.8, low: 4.8, high: 4.8, seconds: 8, secondsLow: 8 });
  });

  it('wan2.7-r2v counts at most 5 s of input: four reference videos by URL bound it at 5 + 5 s', () => {
    const result = estimate(client('intl'), 'referenceToVideo', { model: 'wan2.7-r2v', prompt: 'c1', references: [VIDEO, VIDEO], resolution: '1080P', duration: 5 });
    expect(result).toMatchObject({ seconds: 10, secondsLow: 7, low: 1.05, high: 1.5, amount: 1.5 });
  });

  it("wan3.0's duration -1 (the model picks) is a range over 2–30 s", () => {
    const result = estimate(client('intl'), 'textToVideo', { model: 'wan3.0-video', prompt: 'A whale', resolution: '720P', duration: -1 });
    expect(result).toMatchObject({ secondsLow: 2, seconds: 30, low: 0.2, high: 3, amount: 3 });
  });

  it('the flash models price sound: on by default, half without', () => {
    const withSound = estimate(client('cn'), 'imageToVideo', { model: 'wan2.6-i2v-flash', image: IMAGE, resolution: '1080P' });
    const silent = estimate(client('cn'), 'imageToVideo', { model: 'wan2.6-i2v-flash', image: IMAGE, resolution: '1080P', audio: false });
    expect(withSound).toMatchObject({ amount: 2.5, perSecond: 0.5 });
    expect(silent).toMatchObject({ amount: 1.25, perSecond: 0.25 });
    expect(withSound.basis).toContain('with sound (the default)');
  });

  it('applies the service defaults as the submit would: wan2.6-t2v with no options is 5 s at 1080P', () => {
    expect(estimate(client('cn'), 'textToVideo', { prompt: 'A fox' })).toMatchObject({ amount: 5, seconds: 5, perSecond: 1 });
  });

  it('the prices option is merged over the table (a contract price)', () => {
    const contract = new ModelStudioClient({
      apiKey: TEST_KEY,
      region: 'intl',
      prices: { 'wan2.6': { intl: { currency: 'USD', perSecond: { '1080P': 0.1 }, asOf: '2026-11-01', source: 'our contract' } } },
    });
    expect(estimate(contract, 'textToVideo', { prompt: 'A fox', duration: 10 })).toMatchObject({ amount: 1, perSecond: 0.1, asOf: '2026-11-01' });
    // Other keys keep the table's prices.
    expect(estimate(contract, 'textToVideo', { model: 'wan2.7-t2v', prompt: 'A fox', duration: 10 }).amount).toBe(1.5);
  });

  it('validates like the mode method: the same ValidationError, nothing sent', async () => {
    expect(() => estimate(client('intl'), 'textToVideo', { prompt: 'A fox', duration: 16 })).toThrow(ValidationError);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toHaveLength(0);
  });

  it('a client of no known region has no prices, and says how to give it one', () => {
    const proxy = new ModelStudioClient({ apiKey: TEST_KEY, baseUrl: 'https://proxy.example.com' });
    expect(estimate(proxy, 'textToVideo', { prompt: 'A fox' }).reason).toBe('the region is unknown (a custom baseUrl): pass the region option to price it');
    const named = new ModelStudioClient({ apiKey: TEST_KEY, baseUrl: 'https://proxy.example.com', env: { MODELSTUDIO_REGION: 'cn' } });
    expect(estimate(named, 'textToVideo', { prompt: 'A fox' }).amount).toBe(5);
  });
});

describe('budgets refuse before anything is sent', () => {
  async function nothingSent(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toHaveLength(0);
  }

  it('maxCost per call: over it, a BudgetError at once with the estimate and the limit', async () => {
    let thrown: unknown;
    try {
      client('intl').textToVideo({ prompt: 'A fox', resolution: '1080P', duration: 10 }, { maxCost: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BudgetError);
    expect(thrown).toMatchObject({ name: 'BudgetError', estimate: 1.5, limit: 1, currency: 'USD' });
    expect((thrown as BudgetError).message).toMatch(/^This request is estimated at 1\.5 USD, above maxCost 1 \(10 s × 0\.15 USD\/s at 1080P; .+\); nothing was sent\. A lower resolution or a shorter duration costs less\.$/);
    await nothingSent();
  });

  it('maxCost per call with no known price refuses too', async () => {
    expect(() => client('us').textToVideo({ model: 'wan2.6-t2v-us', prompt: 'A fox' }, { maxCost: 100 })).toThrow(
      'This request cannot be priced (no us price is known for wan2.6-t2v-us; pass it in the prices option), so maxCost 100 cannot be kept; nothing was sent.',
    );
    await nothingSent();
  });

  it('the upper bound is what counts: wan3.0 with duration -1 up to 3 USD is refused at 2', async () => {
    expect(() => client('intl').textToVideo({ model: 'wan3.0-video', prompt: 'A whale', resolution: '720P', duration: -1 }, { maxCost: 2 })).toThrow(BudgetError);
    await nothingSent();
  });

  it('a batch over maxCost is refused whole, naming the total', async () => {
    const batch = () =>
      client('intl').batch(Array.from({ length: 12 }, () => ({ mode: 'textToVideo' as const, request: { prompt: 'A fox', resolution: '720P' as const } })), { maxCost: 5 });
    expect(batch).toThrow('The batch is estimated at 6 USD, above maxCost 5 (the sum of 12 estimates); nothing was sent.');
    await nothingSent();
  });
});

describe('actual cost from usage, end to end against the simulator', () => {
  useFakeClock();

  it('result.cost equals the estimate for a known request, and is what the simulator billed', async () => {
    const { sim, client: c } = simulatedClient({}, { region: 'cn' });
    const task = c.textToVideo({ prompt: 'A fox', resolution: '720P', duration: 10 });
    const [outcome] = await settleAll([task], 600_000);
    expect(outcome?.value?.cost).toMatchObject({ currency: 'CNY', amount: 6, seconds: 10, perSecond: 0.6 });
    expect(task.estimatedCost?.amount).toBe(6);
    expect(sim.stats.billed).toMatchObject({ seconds: 10, tasks: [{ model: 'wan2.6-t2v', seconds: 10 }] });
  });

  it('failed and canceled tasks report amount 0, and the simulator bills nothing', async () => {
    const { sim, client: c } = simulatedClient({}, { region: 'intl' });
    const failing = c.textToVideo({ prompt: 'A moderation-trigger scene' });
    const canceled = c.textToVideo({ prompt: 'A fox' });
    const { taskId } = await canceled.whenSubmitted();
    await canceled.cancel();
    await settleAll([failing, canceled], 600_000);
    const failedSnapshot = await c.tasks.get(failing.taskId ?? '', { model: 'wan2.6-t2v' });
    const canceledSnapshot = await c.tasks.get(taskId, { model: 'wan2.6-t2v' });
    expect(failedSnapshot).toMatchObject({ status: 'FAILED', cost: { amount: 0, currency: 'USD' } });
    expect(canceledSnapshot).toMatchObject({ status: 'CANCELED', cost: { amount: 0, currency: 'USD' } });
    expect(sim.stats.billed.seconds).toBe(0);
  });

  it('a batch of 200 mixed requests reports an actual total equal to what the simulator billed', async () => {
    const { sim, client: c } = simulatedClient({ speed: 4 }, { region: 'intl' });
    const make = (index: number) => {
      const pick = index % 10;
      const prompt = index % 23 === 0 ? 'A moderation-trigger scene' : `Scene ${index}`;
      switch (pick) {
        case 0: return { mode: 'textToVideo' as const, request: { prompt, resolution: '720P' as const, duration: 2 + (index % 14) } };
        case 1: return { mode: 'imageToVideo' as const, request: { model: 'wan2.6-i2v-flash' as const, image: IMAGE, audio: index % 2 === 0, resolution: '1080P' as const } };
        case 2: return { mode: 'referenceToVideo' as const, request: { prompt: `character1 ${prompt}`, references: [IMAGE, VIDEO], size: '1280*720' } };
        case 3: return { mode: 'referenceToVideo' as const, request: { model: 'wan2.7-r2v' as const, prompt: `character1 ${prompt}`, references: [VIDEO, VIDEO], resolution: '1080P' as const, duration: 4 } };
        case 4: return { mode: 'editVideo' as const, request: { video: VIDEO, prompt, resolution: '720P' as const, duration: 6 } };
        case 5: return { mode: 'textToVideo' as const, request: { model: 'wan2.5-t2v-preview' as const, prompt, resolution: '480P' as const, duration: 10 } };
        case 6: return { mode: 'textToVideo' as const, request: { model: 'wan2.2-t2v-plus' as const, prompt, resolution: '1080P' as const } };
        case 7: return { mode: 'textToVideo' as const, request: { model: 'wan2.1-t2v-turbo' as const, prompt, size: '832*480' } };
        case 8: return { mode: 'textToVideo' as const, request: { model: 'wan3.0-video' as const, prompt, resolution: '720P' as const, duration: 12 } };
        default: return { mode: 'imageToVideo' as const, request: { model: 'wan2.7-i2v' as const, image: IMAGE, lastFrame: IMAGE, resolution: '720P' as const } };
      }
    };
    const requestsOfBatch = Array.from({ length: 200 }, (_, index) => make(index));
    const batch = c.batch(requestsOfBatch);
    const [items] = await settleAll([batch.results()], 6 * 3_600_000);
    const all = items?.value ?? [];
    expect(all).toHaveLength(200);
    const succeeded = all.filter((item) => item.status === 'succeeded');
    expect(succeeded.length).toBeGreaterThan(180);
    expect(all.filter((item) => item.status === 'failed')).toHaveLength(200 - succeeded.length);

    // What the simulator billed, priced from its usage with the public table alone.
    const billed = sim.stats.billed;
    expect(billed.tasks).toHaveLength(succeeded.length);
    const priced = billed.tasks.map(({ model, seconds, usage }) => {
      const entry = tableEntry(model as ModelId, 'intl') as PriceEntry;
      const resolution = (typeof usage.SR === 'number' ? `${usage.SR}P` : usage.video_ratio === '832*480' ? '480P' : '720P') as Resolution;
      const rate = usage.audio === false ? entry.perSecond[resolution] : (entry.perSecondWithAudio?.[resolution] ?? entry.perSecond[resolution]);
      return seconds * (rate ?? Number.NaN);
    });
    const simulatorTotal = Math.round(priced.reduce((total, amount) => total + amount, 0) * 1e6) / 1e6;
    const sdkTotal = Math.round(succeeded.reduce((total, item) => total + (item.status === 'succeeded' ? (item.result.cost?.amount ?? Number.NaN) : 0), 0) * 1e6) / 1e6;
    expect(sdkTotal).toBe(simulatorTotal);
    expect(batch.progress.actualCost).toBe(simulatorTotal);
    expect(batch.progress.currency).toBe('USD');
    // Every estimate was an upper bound of its cost.
    for (const item of succeeded) {
      if (item.status !== 'succeeded') continue;
      expect(item.result.cost?.amount ?? 0).toBeLessThanOrEqual(c.estimateCost(requestsOfBatch[item.index]?.mode as never, requestsOfBatch[item.index]?.request as never).amount ?? 0);
    }
    expect(simulatorTotal).toBeGreaterThan(0);
  });

  it("onBudget: 'stop' submits in order and skips what would push the running total of estimates over", async () => {
    const { sim, client: c } = simulatedClient({}, { region: 'intl' });
    // 0.5 USD each (720P, 5 s): 7 fit in 3.6 USD; the other 5 are skipped, unsent.
    const batch = c.batch(Array.from({ length: 12 }, () => ({ mode: 'textToVideo' as const, request: { prompt: 'A fox', resolution: '720P' as const } })), {
      maxCost: 3.6,
      onBudget: 'stop',
    });
    const [items] = await settleAll([batch.results()], 3_600_000);
    const all = items?.value ?? [];
    expect(all.filter((item) => item.status === 'succeeded')).toHaveLength(7);
    const skipped = all.filter((item) => item.status === 'skipped');
    expect(skipped.map((item) => item.index)).toEqual([7, 8, 9, 10, 11]);
    expect(skipped[0]?.status === 'skipped' && skipped[0].error).toBeInstanceOf(BudgetError);
    expect(skipped[0]?.status === 'skipped' && skipped[0].error.message).toBe(
      'Request 7 was not sent: its estimate of 0.5 USD would take the batch to 4, above maxCost 3.6.',
    );
    expect(sim.stats.requests.submit).toBe(7);
    expect(batch.progress).toMatchObject({ estimatedCost: 3.5, actualCost: 3.5, currency: 'USD' });
  });
});

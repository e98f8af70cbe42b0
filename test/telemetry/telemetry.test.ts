import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metrics, trace, SpanStatusCode } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskFailedError, type ModelStudioClientOptions } from 'modelstudio-video';
import type { FaultRule, Simulator } from 'modelstudio-video/testing';
import { simulatedClient, useFakeClock } from '../helpers/simulated-client.ts';

/** Collects on demand: no export interval to race the fake timers. */
class ManualReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let spans: InMemorySpanExporter;
let reader: ManualReader;
let sim: Simulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelstudio-otel-'));
  // The API's one-time load is real module loading: let it happen before the fake timers. It
  // happens only once something registered with the API.
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  const warm = simulatedClient({ speed: 1000 }, { polling: { initialIntervalMs: 20 } });
  await warm.client.textToVideo({ prompt: 'warm up' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  trace.disable();
  metrics.disable();
  spans = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
  reader = new ManualReader();
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});
afterEach(() => {
  trace.disable();
  metrics.disable();
});
// Registered after the providers' hooks: it starts after they are set, and ends before they are disabled.
useFakeClock();

function client(faults: FaultRule[] = [], options: Partial<ModelStudioClientOptions> = {}) {
  const made = simulatedClient({ faults }, options);
  sim = made.sim;
  return made.client;
}

async function settle<T>(promise: PromiseLike<T>): Promise<PromiseSettledResult<T>> {
  const outcome = Promise.allSettled([promise]);
  await vi.advanceTimersByTimeAsync(600_000);
  return (await outcome)[0] as PromiseSettledResult<T>;
}

async function collect(): Promise<ResourceMetrics> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics;
}

/** The data points of one metric, as `[attributes, value]`. */
function points(resource: ResourceMetrics, name: string): Array<{ attributes: Record<string, unknown>; value: unknown }> {
  const metric = resource.scopeMetrics.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []).map((point) => ({ attributes: point.attributes, value: point.value }));
}

function named(name: string): ReadableSpan[] {
  return spans.getFinishedSpans().filter((span) => span.name === name);
}

function only(name: string): ReadableSpan {
  const found = named(name);
  expect(found).toHaveLength(1);
  return found[0] as ReadableSpan;
}

/** Everything exported, as text: for the API key check. */
function exported(resource: ResourceMetrics): string {
  const plain = spans.getFinishedSpans().map((span) => ({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    status: span.status,
    links: span.links,
  }));
  return JSON.stringify(plain) + JSON.stringify(resource);
}

describe('OpenTelemetry', () => {
  it('traces a successful task: task span with submit, polls and a download as children, and its metrics', async () => {
    const videos = client();
    const outcome = await settle(videos.textToVideo({ prompt: 'a fox in snow', duration: 5 }));
    expect(outcome.status).toBe('fulfilled');
    const result = (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof videos.textToVideo>>>).value;
    const inFlightDuring = points(await collect(), 'modelstudio.video.tasks.in_flight');
    const downloaded = await result.videos[0].download(join(dir, 'fox.mp4'));

    const task = only('modelstudio.video.task');
    expect(task.attributes).toMatchObject({
      'modelstudio.model': 'wan2.6-t2v',
      'modelstudio.mode': 'textToVideo',
      'modelstudio.task_id': result.taskId,
      'modelstudio.status': 'SUCCEEDED',
      'modelstudio.usage.billed_seconds': 5,
    });
    expect(task.status.code).toBe(SpanStatusCode.UNSET);
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const submit = only('modelstudio.video.submit');
    expect(parentOf(submit)).toBe(task.spanContext().spanId);
    expect(submit.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'server.address': new URL(sim.baseUrl).hostname,
      'modelstudio.task_id': result.taskId,
      'modelstudio.retries': 0,
    });
    const created = sim.tasks.all();
    expect(created).toHaveLength(1);
    expect(submit.attributes['modelstudio.request_id']).toBe(created[0]?.requestId);
    const polls = named('modelstudio.video.poll');
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(parentOf(poll)).toBe(task.spanContext().spanId);
    expect(polls.at(-1)?.attributes).toMatchObject({ 'http.request.method': 'GET', 'modelstudio.task_id': result.taskId, 'modelstudio.status': 'SUCCEEDED' });
    // The download comes after the task span ended, and still belongs to its trace.
    const download = only('modelstudio.video.download');
    expect(parentOf(download)).toBe(task.spanContext().spanId);
    expect(download.spanContext().traceId).toBe(task.spanContext().traceId);
    expect(download.attributes['modelstudio.download.bytes']).toBe(downloaded.bytes);

    const resource = await collect();
    expect(inFlightDuring).toEqual([{ attributes: { 'modelstudio.model': 'wan2.6-t2v' }, value: 0 }]);
    const runTime = points(resource, 'modelstudio.video.task.duration');
    expect(runTime).toHaveLength(1);
    expect(runTime[0]?.attributes).toEqual({ 'modelstudio.model': 'wan2.6-t2v', 'modelstudio.status': 'SUCCEEDED' });
    expect(runTime[0]?.value).toMatchObject({ count: 1 });
    expect(points(resource, 'modelstudio.video.queue.wait')[0]?.value).toMatchObject({ count: 1 });
    expect(exported(resource)).not.toContain(sim.apiKey);
  });

  it('counts a task in flight while it runs', async () => {
    const task = client().textToVideo({ prompt: 'a slow fox' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(points(await collect(), 'modelstudio.video.tasks.in_flight')).toEqual([{ attributes: { 'modelstudio.model': 'wan2.6-t2v' }, value: 1 }]);
    await settle(task);
    expect(points(await collect(), 'modelstudio.video.tasks.in_flight')[0]?.value).toBe(0);
  });

  it('records a failed task with its error class and code, and status ERROR', async () => {
    const outcome = await settle(client().textToVideo({ prompt: 'a moderation-trigger scene' }));
    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(TaskFailedError);
    const task = only('modelstudio.video.task');
    expect(task.status.code).toBe(SpanStatusCode.ERROR);
    expect(task.attributes).toMatchObject({
      'error.type': 'TaskFailedError',
      'modelstudio.error.code': 'DataInspectionFailed',
      'modelstudio.status': 'FAILED',
    });
    const resource = await collect();
    expect(points(resource, 'modelstudio.video.task.duration')[0]?.attributes).toMatchObject({ 'modelstudio.status': 'FAILED' });
    expect(exported(resource)).not.toContain(sim.apiKey);
  });

  it('records each retry of a throttled submit as a span event and counts the 429', async () => {
    const outcome = await settle(client([{ kind: 'throttle', routes: ['submit'], times: 1 }]).textToVideo({ prompt: 'a patient fox' }));
    expect(outcome.status).toBe('fulfilled');
    const submit = only('modelstudio.video.submit');
    expect(submit.events.map((event) => [event.name, event.attributes])).toEqual([['retry', { 'modelstudio.attempt': 2, 'http.response.status_code': 429 }]]);
    expect(submit.attributes['modelstudio.retries']).toBe(1);
    const resource = await collect();
    expect(points(resource, 'modelstudio.video.http.throttled')).toEqual([
      { attributes: { 'http.request.method': 'POST', 'http.response.status_code': 429 }, value: 1 },
    ]);
    expect(exported(resource)).not.toContain(sim.apiKey);
  });

  it('counts a submit whose answer was lost and the look-up that recovered it', async () => {
    const outcome = await settle(client([{ kind: 'lose-response', routes: ['submit'], times: 1 }]).textToVideo({ prompt: 'a lost fox' }));
    expect(outcome.status).toBe('fulfilled');
    const submit = only('modelstudio.video.submit');
    expect(submit.events.map((event) => event.name)).toEqual(['outcome_unknown', 'recovered']);
    const resource = await collect();
    expect(points(resource, 'modelstudio.video.submit.unknown_outcome')).toEqual([{ attributes: { 'modelstudio.model': 'wan2.6-t2v' }, value: 1 }]);
    expect(points(resource, 'modelstudio.video.submit.recovered')).toEqual([{ attributes: { 'modelstudio.model': 'wan2.6-t2v' }, value: 1 }]);
    expect(only('modelstudio.video.task').attributes['modelstudio.status']).toBe('SUCCEEDED');
    expect(exported(resource)).not.toContain(sim.apiKey);
  });

  it('works, recording nothing, with the API but no registered provider', async () => {
    trace.disable();
    metrics.disable();
    const outcome = await settle(client().textToVideo({ prompt: 'an unobserved fox' }));
    expect(outcome.status).toBe('fulfilled');
    expect(spans.getFinishedSpans()).toEqual([]);
  });

  it('never reports with `telemetry: false`', async () => {
    const outcome = await settle(client([], { telemetry: false }).textToVideo({ prompt: 'a private fox' }));
    expect(outcome.status).toBe('fulfilled');
    expect(spans.getFinishedSpans()).toEqual([]);
    expect(points(await collect(), 'modelstudio.video.tasks.in_flight')).toEqual([]);
  });
});

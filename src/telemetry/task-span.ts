/**
 * OpenTelemetry spans and metrics of one task: the one place their names are listed (README,
 * "OpenTelemetry", shows the same tables). Active only when `@opentelemetry/api` is installed (an
 * optional peer dependency), something registered with it, and the client's `telemetry` option is
 * not `false`; without a registered provider the API hands out no-op tracers and meters.
 *
 * Spans (tracer `modelstudio-video`):
 *
 * | Span | Parent | Attributes |
 * | --- | --- | --- |
 * | `modelstudio.video.task` | the caller's active span | `modelstudio.model`, `modelstudio.mode`, `modelstudio.task_id`, `modelstudio.status`, `modelstudio.request_id`, `modelstudio.usage.billed_seconds`, `error.type`, `modelstudio.error.code` |
 * | `modelstudio.video.upload` | task | `error.type` |
 * | `modelstudio.video.submit` | task | `http.request.method`, `server.address`, `http.response.status_code`, `modelstudio.task_id`, `modelstudio.request_id`, `modelstudio.retries`, `error.type`, `modelstudio.error.code`; events `retry` (`modelstudio.attempt`, `http.response.status_code`), `outcome_unknown`, `recovered` |
 * | `modelstudio.video.poll` | task | `http.request.method`, `server.address`, `modelstudio.task_id`, `modelstudio.status`, `modelstudio.request_id`, `error.type`, `modelstudio.error.code` |
 * | `modelstudio.video.download` | task (also after it ended) | `modelstudio.task_id`, `modelstudio.download.bytes`, `error.type` |
 *
 * An error sets `error.type` (its class), `modelstudio.error.code` and status `ERROR`, except an
 * `AbortError` (the caller stopped waiting), which leaves the status unset. The download span is
 * a child, not a link, so that one trace holds the whole call.
 *
 * Metrics (meter `modelstudio-video`): `modelstudio.video.tasks.in_flight` (UpDownCounter,
 * `modelstudio.model`), `modelstudio.video.queue.wait` (histogram, s, `modelstudio.model`),
 * `modelstudio.video.task.duration` (histogram, s, `modelstudio.model`, `modelstudio.status`),
 * `modelstudio.video.http.throttled` (counter of 429 answers, `http.request.method`),
 * `modelstudio.video.submit.unknown_outcome` and `modelstudio.video.submit.recovered` (counters,
 * `modelstudio.model`). No header, hence no API key, is ever recorded.
 *
 * @module
 */
import type { Attributes, Context, Counter, Histogram, Span, Tracer, UpDownCounter } from '@opentelemetry/api';
import { VERSION } from '../core/version.ts';
import type { Otel } from './load.ts';

/** A client's tracer and metric instruments. */
export interface Instruments {
  readonly otel: Otel;
  readonly tracer: Tracer;
  readonly serverAddress: string;
  readonly inFlight: UpDownCounter;
  readonly queueWait: Histogram;
  readonly runTime: Histogram;
  readonly throttled: Counter;
  readonly unknownOutcome: Counter;
  readonly recovered: Counter;
  /** Starts a task's span. */
  task(model: string | undefined, mode: string | undefined, startedAt: number): TaskTrace;
}

/** Creates a client's instruments: per client, not per process, as the global meter provider may be registered after the first load. */
export function createInstruments(otel: Otel, serverAddress: string): Instruments {
  const meter = otel.metrics.getMeter('modelstudio-video', VERSION);
  const instruments: Instruments = {
    otel,
    tracer: otel.trace.getTracer('modelstudio-video', VERSION),
    serverAddress,
    inFlight: meter.createUpDownCounter('modelstudio.video.tasks.in_flight', { description: 'Tasks followed by a handle now.' }),
    queueWait: meter.createHistogram('modelstudio.video.queue.wait', { unit: 's', description: 'From `queued` to the submit leaving.' }),
    runTime: meter.createHistogram('modelstudio.video.task.duration', { unit: 's', description: 'From the submit (or resume) to the end of a task seen to end.' }),
    throttled: meter.createCounter('modelstudio.video.http.throttled', { description: 'HTTP 429 answers received, retries included.' }),
    unknownOutcome: meter.createCounter('modelstudio.video.submit.unknown_outcome', { description: 'Submits whose answer was lost.' }),
    recovered: meter.createCounter('modelstudio.video.submit.recovered', { description: 'Lost submits whose task a look-up found.' }),
    task: (model, mode, startedAt) => new TaskSpan(instruments, model, mode, startedAt),
  };
  return instruments;
}

/** The statuses a task ends with. */
const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

/** The error attributes of the semantic conventions: the class in `error.type`, plus the service's code. */
function errorAttributes(error: unknown): Attributes {
  if (!(error instanceof Error)) return { 'error.type': '_OTHER' };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    'error.type': error.name,
    ...(typeof code === 'string' && { 'modelstudio.error.code': code }),
    ...(typeof status === 'number' && { 'http.response.status_code': status }),
  };
}

/** What a task handle reports to its telemetry; free of OpenTelemetry types, as it shows in the handle's declarations. */
export interface TaskTrace {
  upload(): (error?: unknown) => void;
  queued(): void;
  submitStarted(): void;
  retry(status: number | undefined): void;
  outcomeUnknown(): void;
  recovered(taskId: string): void;
  submitEnded(receipt: { readonly taskId: string; readonly requestId: string | undefined } | undefined, error?: unknown): void;
  submitted(taskId: string, requestId: string | undefined): void;
  poll(): (status: string | undefined, requestId: string | undefined, error?: unknown) => void;
  readonly download: () => (bytes: number | undefined, error?: unknown) => void;
  end(status: string | undefined, billedSeconds: number | undefined, error?: unknown): void;
}

/** The spans and metrics of one task handle. */
class TaskSpan implements TaskTrace {
  readonly #in: Instruments;
  readonly #span: Span;
  readonly #context: Context;
  readonly #model: Attributes;
  #queuedAt: number | undefined;
  #submittedAt: number | undefined;
  #submit: Span | undefined;
  #retries = 0;
  #taskId: string | undefined;
  #ended = false;

  constructor(instruments: Instruments, model: string | undefined, mode: string | undefined, startedAt: number) {
    this.#in = instruments;
    this.#model = model === undefined ? {} : { 'modelstudio.model': model };
    const { otel } = instruments;
    this.#span = instruments.tracer.startSpan('modelstudio.video.task', { startTime: startedAt, attributes: { ...this.#model, ...(mode && { 'modelstudio.mode': mode }) } });
    this.#context = otel.trace.setSpan(otel.context.active(), this.#span);
    instruments.inFlight.add(1, this.#model);
  }

  #child(name: string, attributes: Attributes = {}): Span {
    return this.#in.tracer.startSpan(name, { attributes }, this.#context);
  }

  #end(span: Span, error?: unknown, attributes: Attributes = {}): void {
    span.setAttributes(error === undefined ? attributes : { ...attributes, ...errorAttributes(error) });
    if (error !== undefined && !(error instanceof Error && error.name === 'AbortError')) {
      span.setStatus({ code: this.#in.otel.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    }
    span.end();
  }

  /** Starts the upload of local inputs; the returned function ends it. */
  upload(): (error?: unknown) => void {
    const span = this.#child('modelstudio.video.upload');
    return (error) => this.#end(span, error);
  }

  /** The task joined the local queue. */
  queued(): void {
    this.#queuedAt = Date.now();
  }

  /** The submit leaves: its span starts and the queue wait is recorded. */
  submitStarted(): void {
    if (this.#queuedAt !== undefined) this.#in.queueWait.record((Date.now() - this.#queuedAt) / 1000, this.#model);
    this.#submit = this.#child('modelstudio.video.submit', { 'http.request.method': 'POST', 'server.address': this.#in.serverAddress });
  }

  /** A retry of the submit is scheduled, by the transport (after `status`) or by the handle after a 429. */
  retry(status: number | undefined): void {
    this.#retries += 1;
    this.#submit?.addEvent('retry', { 'modelstudio.attempt': this.#retries + 1, ...(status !== undefined && { 'http.response.status_code': status }) });
  }

  /** The submit's answer was lost. */
  outcomeUnknown(): void {
    this.#submit?.addEvent('outcome_unknown');
    this.#in.unknownOutcome.add(1, this.#model);
  }

  /** A look-up found the task a lost submit created. */
  recovered(taskId: string): void {
    this.#submit?.addEvent('recovered', { 'modelstudio.task_id': taskId });
    this.#in.recovered.add(1, this.#model);
  }

  /** The submit ended: with the task's id, or with an error. */
  submitEnded(receipt: { readonly taskId: string; readonly requestId: string | undefined } | undefined, error?: unknown): void {
    const span = this.#submit;
    this.#submit = undefined;
    if (receipt) this.submitted(receipt.taskId, receipt.requestId);
    if (!span) return;
    const ids: Attributes = receipt
      ? { 'http.response.status_code': 200, 'modelstudio.task_id': receipt.taskId, ...(receipt.requestId && { 'modelstudio.request_id': receipt.requestId }) }
      : {};
    this.#end(span, error, { ...ids, 'modelstudio.retries': this.#retries });
  }

  /** The task exists (submitted, or resumed by id): its run time starts. */
  submitted(taskId: string, requestId: string | undefined): void {
    this.#taskId = taskId;
    this.#submittedAt = Date.now();
    this.#span.setAttributes({ 'modelstudio.task_id': taskId, ...(requestId && { 'modelstudio.request_id': requestId }) });
  }

  /** A status query starts; the returned function ends its span with the answer's status or the error. */
  poll(): (status: string | undefined, requestId: string | undefined, error?: unknown) => void {
    const span = this.#child('modelstudio.video.poll', {
      'http.request.method': 'GET',
      'server.address': this.#in.serverAddress,
      ...(this.#taskId && { 'modelstudio.task_id': this.#taskId }),
    });
    return (status, requestId, error) => this.#end(span, error, { ...(status && { 'modelstudio.status': status }), ...(requestId && { 'modelstudio.request_id': requestId }) });
  }

  /**
   * A download of a result video starts. Its span is a child of the task span even when the task
   * span has ended, as downloads come after the result: one trace holds the whole call.
   */
  readonly download = (): ((bytes: number | undefined, error?: unknown) => void) => {
    const span = this.#child('modelstudio.video.download', this.#taskId ? { 'modelstudio.task_id': this.#taskId } : {});
    return (bytes, error) => this.#end(span, error, bytes === undefined ? {} : { 'modelstudio.download.bytes': bytes });
  };

  /** The handle settled: with the task's last status, its billed seconds, and the error if it failed. */
  end(status: string | undefined, billedSeconds: number | undefined, error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    // A submit cut short by a failure before it answered ends with the same error.
    if (this.#submit) this.submitEnded(undefined, error);
    const statusAttribute: Attributes = status ? { 'modelstudio.status': status } : {};
    // Only a task seen to end has a run time: a detached or timed-out one is still running.
    if (this.#submittedAt !== undefined && status && ENDED.has(status)) this.#in.runTime.record((Date.now() - this.#submittedAt) / 1000, { ...this.#model, ...statusAttribute });
    this.#in.inFlight.add(-1, this.#model);
    this.#end(this.#span, error, { ...statusAttribute, ...(billedSeconds !== undefined && { 'modelstudio.usage.billed_seconds': billedSeconds }) });
  }
}

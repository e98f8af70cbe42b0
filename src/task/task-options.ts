/**
 * What a task handle is given: the call's options ({@link TaskOptions}), the client's parts
 * ({@link TaskRuntime}), how it starts ({@link TaskStart}), and what it leaves to resume it by
 * ({@link VideoTaskJSON}).
 *
 * @module
 */
import type { Pricing } from '../cost/pricing.ts';
import type { Transport } from '../http/transport.ts';
import type { UnknownSubmitPolicy } from '../http/retry.ts';
import type { PreparedSubmit } from '../models/registry.ts';
import type { VideoMode } from '../models/caps.ts';
import type { TaskStatus } from './result.ts';
import type { DetachedSlots } from '../scheduling/detached-slots.ts';
import type { Poller, PollingOptions } from '../scheduling/poller.ts';
import type { ClientLimiter } from '../scheduling/rate-limiter.ts';
import type { Telemetry } from '../telemetry/telemetry.ts';
import type { ClaimedTasks, ResolvedRecovery } from './recover-submit.ts';
import type { Uploader, UploadMode } from './uploader.ts';

/** Per-call options of the mode methods and of `client.tasks.wait`. */
export interface TaskOptions {
  /**
   * Stops waiting. Before the submit leaves, nothing is sent; after, the task keeps running on the
   * service and the handle rejects with an `AbortError` carrying its `taskId`.
   */
  readonly signal?: AbortSignal | undefined;
  /** Polling overrides for this task; the client's `polling` applies to the rest. */
  readonly polling?: PollingOptions | undefined;
  /** Retries of each HTTP call for this task; the client's `maxRetries` by default. */
  readonly maxRetries?: number | undefined;
  /** How local inputs travel for this task; the client's `upload` by default. */
  readonly upload?: UploadMode | undefined;
  /**
   * The most this call may cost, in the currency of the client's region (USD in intl and us, CNY
   * in cn). Over it, or with no known price, the mode method throws a `BudgetError` at once and
   * sends nothing. Compared with the estimate's upper bound.
   * @default no limit
   */
  readonly maxCost?: number | undefined;
  /**
   * Called, and awaited, when the task's turn has come (a free slot, the submit rate) and just
   * before its submit is sent: the moment to record that a task may now exist, such as a job
   * queue writing into the job that its submit began. Throwing fails the task with nothing sent.
   * Not called for a task resumed by id, nor again when a 429 makes the submit wait and go again.
   */
  readonly beforeSubmit?: (() => void | Promise<void>) | undefined;
  /**
   * What to do when a submit's outcome is unknown and the look-up found no task it created; see
   * {@link UnknownSubmitPolicy}. A task that is found is always adopted, and several that match are
   * never guessed between.
   * @default the client's `onUnknownSubmit`, 'resubmit-if-answered'
   */
  readonly onUnknownSubmit?: UnknownSubmitPolicy | undefined;
  /**
   * One deadline for the whole call: milliseconds from now, or a `Date`. It bounds reading and
   * uploading the inputs, the wait for a slot, the submit, the wait for the task and the result's
   * `download()` / `fetchVideo()` together, on top of each request's `timeout` and
   * `polling.timeoutMs`. When it passes the handle rejects with a `TimeoutError` (`timeoutKind:
   * 'deadline'`) whose `phase` says what was running and whose `taskId` names the task, which keeps
   * running on the service. A submit on the wire is never cut: its answer is awaited first.
   * @default none
   */
  readonly deadline?: number | Date | undefined;
}

/** What a handle needs from its client. */
export interface TaskRuntime {
  /** The service's endpoints. */
  readonly transport: Transport;
  /** The shared poller of task statuses. */
  readonly poller: Poller;
  /** Fetches result videos (signed links: no API key). */
  readonly fetch: typeof globalThis.fetch;
  /** Keeps submits within the service's limits; absent when the client turned limits off. */
  readonly limiter: ClientLimiter | undefined;
  /** Turns local inputs into URLs before the submit. */
  readonly uploader: Uploader;
  /** The client's default for how local inputs travel. */
  readonly upload: UploadMode;
  /** The client's region and price table. */
  readonly pricing: Pricing;
  /** Tasks the client's handles follow or followed lately: never adopted by a look-up. */
  readonly claimed: ClaimedTasks;
  /** How a lost submit's task is looked for; `undefined` when the client does not look. */
  readonly recovery: ResolvedRecovery | undefined;
  /** The client's default for a lost submit that created no task found. */
  readonly onUnknownSubmit: UnknownSubmitPolicy;
  /** Slots of tasks whose handles detached. */
  readonly detached: DetachedSlots;
  /** Spans and metrics, when `@opentelemetry/api` is installed. */
  readonly telemetry: Telemetry;
}

/** How a handle starts: by submitting a new task, or by resuming one by id. */
export type TaskStart =
  | { readonly kind: 'submit'; readonly mode: VideoMode | undefined; readonly prepared: PreparedSubmit }
  | { readonly kind: 'resume'; readonly taskId: string; readonly model?: string | undefined; readonly mode?: VideoMode | undefined };

/** Enough to resume a task in another process, and nothing secret. */
export interface VideoTaskJSON {
  /** The task id; absent until the submit succeeded. */
  readonly taskId: string | undefined;
  /** The model. */
  readonly model: string | undefined;
  /** The mode, when known. */
  readonly mode: VideoMode | undefined;
  /** The last status seen. */
  readonly status: TaskStatus | undefined;
  /** The submit's request id. */
  readonly requestId: string | undefined;
  /** When this handle was created, ISO 8601. */
  readonly createdAt: string;
}

/**
 * The DashScope video service, simulated: one fetch-standard handler (`Request` → `Response`)
 * holding the service's behaviour (docs/protocol.md §2–§8). Run it in process (`sim.fetch`), under msw
 * (`simulatorHandlers`) or as a real HTTP server (`startSimulatorServer`).
 *
 * @module
 */
import { REGION_IDS, type Region } from '../core/regions.ts';
import { systemClock, type SimulatorClock } from './clock.ts';
import { EventSender, type SimulatorEventStats, type SimulatorEventTarget } from './events.ts';
import { connectionFailure, FaultInjector, type FaultKind, type FaultRule, type SimulatorRoute } from './faults.ts';
import { seededRandom } from './random.ts';
// The service's side of the per-second limits: the same sliding window the client's limiter uses,
// from scheduling/ (it holds no model knowledge, so it cannot carry the SDK's caps into the rules).
import { RateWindow } from '../scheduling/rate-window.ts';
import { billedSeconds, cancelTask, listTasks, taskAnswer, usageOf } from './routes/task-routes.ts';
import { UploadStore } from './routes/upload-routes.ts';
import { serveVideo } from './routes/video-route.ts';
import { SUBMIT_PATHS } from './rulebook/endpoints.ts';
import { QUERIES_PER_SECOND, limitsOf as serviceLimitsOf } from './rulebook/limits.ts';
import { MODEL_RULES } from './rulebook/models.ts';
import { INVALID_API_KEY, NO_API_KEY, RATE_QUOTA, SYNCHRONOUS_CALL, allocationQuota, type Refusal } from './rulebook/refusals.ts';
import { checkSubmit } from './submit-checks.ts';
import { TaskStore, statusAt, type SimulatedTask, type TaskTiming } from './task-store.ts';
import { json, newId, serviceError } from './wire.ts';

/** The service's limits (docs/protocol.md §6, §9.3), enforced with 429s. */
export interface SimulatorLimits {
  /**
   * Submits per second per model, for every model.
   * @default each model's published limit (5 for wan2.5–2.7, 2 for wan2.1/2.2, 1 for intl wan2.1-kf2v-plus), 5 where unpublished
   */
  readonly submitsPerSecond?: number;
  /**
   * Unfinished (pending or running) tasks per model, for every model.
   * @default each model's published limit (5 for wan2.5–2.7, 2 for wan2.1/2.2, 1 for animate/s2v), 5 where unpublished
   */
  readonly runningTasks?: number;
  /**
   * Task queries (one task or the list) per second per account.
   * @default 20
   */
  readonly queriesPerSecond?: number;
}

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  /**
   * The API key the simulated service accepts.
   * @default 'sk-simulator'
   */
  readonly apiKey?: string | undefined;
  /**
   * The origin that `sim.fetch` and `simulatorHandlers` answer for; a real server uses its own.
   * `.invalid` never resolves, so a request that escapes the simulator fails at once.
   * @default 'https://dashscope.simulator.invalid'
   */
  readonly baseUrl?: string | undefined;
  /**
   * The region whose model names it serves: a name of another region gets `404 ModelNotFound`
   * (`wanx2.1-t2v-turbo` only in cn, `wan2.6-t2v-us` only in us), and the per-model limits of that
   * region apply.
   * @default every name of every region
   */
  readonly region?: Region | undefined;
  /**
   * The clock that ages tasks.
   * @default systemClock(), which follows Date.now() and so fake timers
   */
  readonly clock?: SimulatorClock | undefined;
  /**
   * Divides every task's phase durations: 10 makes a 60 s task take 6 s.
   * @default 1
   */
  readonly speed?: number | undefined;
  /**
   * Phase durations of each task, fixed or computed from the submit body.
   * @default 2 s pending, then 20 s + 4 s per second of video at 1080P (× 0.75 at 720P, × 0.5 at 480P) running
   */
  readonly timing?: Partial<TaskTiming> | ((body: Readonly<Record<string, unknown>>) => Partial<TaskTiming>) | undefined;
  /**
   * The service's limits; `false` turns them off.
   * @default each model's published limits, and 20 queries per second
   */
  readonly limits?: SimulatorLimits | false | undefined;
  /**
   * Words that make content moderation fail a task with `DataInspectionFailed`.
   * @default ['moderation-trigger']
   */
  readonly moderationWords?: readonly string[] | undefined;
  /**
   * Stricter duration lists per model: a duration outside it fails the task after submit, as the
   * service does (older docs list only 5, 10 and 15 s).
   * @default none: the rulebook's ranges (docs/protocol.md §3, §9)
   */
  readonly supportedDurations?: Partial<Record<string, readonly number[]>> | undefined;
  /**
   * What to do with a field the model does not document (docs/protocol.md §3: "depending on the
   * model, unknown parameters are either ignored or rejected"): `'ignore'` accepts the submit as
   * the service does for most models, `'refuse'` answers 400 `InvalidParameter` naming the fields.
   * The Python SDK's own input keys (`extend_prompt`, `function`) are always tolerated (§8).
   * @default 'ignore'
   */
  readonly undocumentedFields?: 'ignore' | 'refuse' | undefined;
  /**
   * Fault rules; more can be added with `sim.faults.add`.
   * @default none
   */
  readonly faults?: readonly FaultRule[] | undefined;
  /**
   * Seed of the random source behind fault rates and event loss, duplication and delays.
   * @default 1
   */
  readonly seed?: number | undefined;
  /**
   * Where to POST a task-completion event (CloudEvents 1.0, docs/protocol.md §10.6) when a task
   * ends, with optional delay, loss, duplication and reordering; `sim.events` counts them.
   * @default none: no events
   */
  readonly eventTarget?: SimulatorEventTarget | undefined;
}

/** A task the simulated service billed: it succeeded (failed and canceled tasks are free). */
export interface BilledTask {
  /** The task id. */
  readonly taskId: string;
  /** The model name as sent. */
  readonly model: string;
  /** Seconds billed: its `usage.duration` (wan2.1: `video_duration`). */
  readonly seconds: number;
  /** Its `usage` as the query answers it. */
  readonly usage: Readonly<Record<string, unknown>>;
}

/** What the simulated service billed so far. */
export interface SimulatorBilling {
  /** Seconds billed, added up. */
  readonly seconds: number;
  /** Each billed task. */
  readonly tasks: readonly BilledTask[];
}

/** Counters of what the simulator saw and did. */
export interface SimulatorStats {
  /** What it billed so far: tasks that succeeded by now, by the simulator's clock. */
  readonly billed: SimulatorBilling;
  /** Requests by route (`unknown` for paths it does not serve). */
  readonly requests: Record<SimulatorRoute | 'unknown', number>;
  /** 429s from the service's own limits, by code. */
  readonly throttled: Record<string, number>;
  /** Faults fired, by kind. */
  readonly faults: Readonly<Record<FaultKind, number>>;
}

/** A running simulator. */
export interface Simulator {
  /** Answers one request like the service would; rejects like `fetch` when a fault drops it. */
  handle(request: Request): Promise<Response>;
  /** A `fetch` bound to {@link Simulator.handle}: pass it as the client's `fetch` option. */
  readonly fetch: typeof globalThis.fetch;
  /** The origin it answers for in process. */
  readonly baseUrl: string;
  /** The API key it accepts. */
  readonly apiKey: string;
  /** The tasks created so far. */
  readonly tasks: TaskStore;
  /** Uploaded objects. */
  readonly uploads: UploadStore;
  /** The clock; `clock.advance(ms)` ages every task. */
  readonly clock: SimulatorClock;
  /** Fault rules: `faults.add(rule)`, `faults.clear()`. */
  readonly faults: Pick<FaultInjector, 'add' | 'clear'>;
  /** Counters. */
  readonly stats: SimulatorStats;
  /** Counters of the task-completion events sent to `eventTarget` (all zero without one). */
  readonly events: SimulatorEventStats;
  /** Stops answering: later requests fail like a refused connection. */
  close(): void;
}

/** Run time grows with the output's pixels: 1080P is the reference, lower resolutions are quicker. */
const RESOLUTION_FACTORS: Readonly<Record<string, number>> = { '480P': 0.5, '720P': 0.75, '1080P': 1 };
const SIZE_FACTORS: Readonly<Record<string, number>> = { 480: 0.5, 720: 0.75, 1080: 1 };

function defaultTiming(body: Readonly<Record<string, unknown>>): TaskTiming {
  const parameters = (body.parameters ?? {}) as Record<string, unknown>;
  // wan3.0's -1 (the model picks) and videoedit's 0 (the input's length) make about 5 s.
  const duration = typeof parameters.duration === 'number' && parameters.duration > 0 ? parameters.duration : 5;
  const size = typeof parameters.size === 'string' ? Math.min(...parameters.size.split('*').map(Number)) : undefined;
  const factor = (typeof parameters.resolution === 'string' ? RESOLUTION_FACTORS[parameters.resolution] : size !== undefined ? SIZE_FACTORS[size] : undefined) ?? 1;
  return { pendingMs: 2_000, runningMs: 20_000 + 4_000 * duration * factor };
}

function route(method: string, path: string): { route: SimulatorRoute; taskId?: string } | undefined {
  if (method === 'POST' && SUBMIT_PATHS.includes(path)) return { route: 'submit' };
  if (method === 'GET' && path === '/api/v1/tasks') return { route: 'list' };
  if (method === 'GET' && path === '/api/v1/uploads') return { route: 'upload-policy' };
  if (method === 'POST' && path === '/oss-upload') return { route: 'upload' };
  const task = /^\/api\/v1\/tasks\/([^/]+)(\/cancel)?$/.exec(path);
  if (task?.[1] && method === (task[2] ? 'POST' : 'GET')) return { route: task[2] ? 'cancel' : 'query', taskId: decodeURIComponent(task[1]) };
  const video = /^\/videos\/([^/]+)\.mp4$/.exec(path);
  if (video?.[1] && (method === 'GET' || method === 'HEAD')) return { route: 'video', taskId: decodeURIComponent(video[1]) };
  return undefined;
}

/**
 * Creates a simulator of the DashScope video service.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createSimulator } from 'modelstudio-video/testing';
 *
 * const sim = createSimulator({ speed: 20 });
 * const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch });
 * const result = await client.textToVideo({ prompt: 'A lighthouse in a storm' });
 * console.log(result.videos[0].url, sim.tasks.size);
 * ```
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const apiKey = options.apiKey ?? 'sk-simulator';
  const baseUrl = (options.baseUrl ?? 'https://dashscope.simulator.invalid').replace(/\/+$/, '');
  const baseClock = options.clock ?? systemClock();
  // Events need to know when the clock jumps: `sim.clock.advance` also sends the events now due.
  const clock: SimulatorClock = {
    now: () => baseClock.now(),
    advance: (ms) => {
      baseClock.advance(ms);
      events?.sweep();
    },
  };
  const speed = options.speed ?? 1;
  const now = () => clock.now();
  const tasks = new TaskStore(now);
  const uploads = new UploadStore(now);
  const injector = new FaultInjector(seededRandom(options.seed ?? 1), options.faults);
  // A second stream from the same seed, so that turning events on leaves the fault draws as they were.
  const events = options.eventTarget && new EventSender(options.eventTarget, seededRandom((options.seed ?? 1) ^ 0x5bd1e995), now, REGION_IDS[options.region ?? 'intl']);
  const limits = options.limits === false ? undefined : { queriesPerSecond: QUERIES_PER_SECOND, ...options.limits };
  const limitsOf = (model: string) => {
    const published = serviceLimitsOf(model, options.region);
    return {
      submitsPerSecond: limits?.submitsPerSecond ?? published.submitsPerSecond,
      runningTasks: limits?.runningTasks ?? published.concurrentTasks,
    };
  };
  const submitWindows = new Map<string, RateWindow>();
  const queryWindow = limits && new RateWindow(limits.queriesPerSecond);
  const moderationWords = options.moderationWords ?? ['moderation-trigger'];
  const stats = {
    requests: { submit: 0, query: 0, cancel: 0, list: 0, 'upload-policy': 0, upload: 0, video: 0, unknown: 0 },
    throttled: {} as Record<string, number>,
    faults: injector.counts,
    get billed(): SimulatorBilling {
      const billed = tasks
        .all()
        .filter((task) => tasks.live(task.taskId) && statusAt(task, now()) === 'SUCCEEDED')
        .map((task) => ({ taskId: task.taskId, model: task.model, seconds: billedSeconds(task), usage: usageOf(task) }));
      return { seconds: Math.round(billed.reduce((total, task) => total + task.seconds, 0) * 1e6) / 1e6, tasks: billed };
    },
  };
  let closed = false;

  const timingOf = (body: Readonly<Record<string, unknown>>): TaskTiming => {
    const custom = typeof options.timing === 'function' ? options.timing(body) : options.timing;
    const timing = { ...defaultTiming(body), ...custom };
    return { pendingMs: timing.pendingMs / speed, runningMs: timing.runningMs / speed, suspendedMs: (timing.suspendedMs ?? 0) / speed };
  };

  const refuse = ({ status, code, message }: Refusal): Response => serviceError(status, code, message);

  const throttle = (refusal: Refusal): Response => {
    stats.throttled[refusal.code] = (stats.throttled[refusal.code] ?? 0) + 1;
    return refuse(refusal);
  };

  const authorized = (request: Request): Response | undefined => {
    const header = request.headers.get('authorization');
    if (!header) return refuse(NO_API_KEY);
    const [scheme, token] = header.split(/\s+/, 2);
    return scheme?.toLowerCase() === 'bearer' && token === apiKey ? undefined : refuse(INVALID_API_KEY);
  };

  async function submit(request: Request, path: string): Promise<Response> {
    if (request.headers.get('x-dashscope-async') !== 'enable') {
      return refuse(SYNCHRONOUS_CALL);
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return serviceError(400, 'InvalidParameter', 'The request body is not valid JSON');
    }
    const verdict = checkSubmit(body, {
      path,
      region: options.region,
      ossResolve: request.headers.get('x-dashscope-ossresourceresolve') === 'enable',
      hasUpload: (key) => uploads.get(key) !== undefined,
      moderationWords,
      supportedDurations: options.supportedDurations ?? {},
      undocumentedFields: options.undocumentedFields ?? 'ignore',
    });
    if (!verdict.ok) return refuse(verdict.refusal);
    if (limits) {
      const { submitsPerSecond, runningTasks } = limitsOf(verdict.model);
      const window = submitWindows.get(verdict.model) ?? new RateWindow(submitsPerSecond);
      submitWindows.set(verdict.model, window);
      if (tasks.unfinished(verdict.model) >= runningTasks) {
        return throttle(allocationQuota(verdict.model, runningTasks));
      }
      if (!window.admit(now())) return throttle(RATE_QUOTA);
    }
    const record = body as Record<string, unknown>;
    const headers = Object.fromEntries([...request.headers].filter(([name]) => name !== 'authorization'));
    const task: SimulatedTask = {
      taskId: newId(),
      model: verdict.model,
      path,
      body: structuredClone(record),
      headers,
      requestId: newId(),
      createdAt: now(),
      timing: verdict.failure ? { pendingMs: timingOf(record).pendingMs, runningMs: 1_000 / speed } : timingOf(record),
      failure: verdict.failure,
      uploads: new Map(
        verdict.inputUrls
          .filter((url) => url.startsWith('oss://'))
          .map((url) => [url, uploads.get(url.slice('oss://'.length))?.bytes ?? new Uint8Array()]),
      ),
      canceledAt: undefined,
    };
    tasks.add(task);
    events?.track(task);
    return json({ output: { task_id: task.taskId, task_status: 'PENDING' }, request_id: task.requestId });
  }

  async function answer(request: Request, matched: { route: SimulatorRoute; taskId?: string }, origin: string): Promise<Response> {
    const url = new URL(request.url);
    if (matched.route === 'video') return serveVideo(request, matched.taskId ?? '', now(), (id) => tasks.get(id));
    if (matched.route === 'upload') return uploads.upload(request);
    const denied = authorized(request);
    if (denied) return denied;
    if ((matched.route === 'query' || matched.route === 'list') && queryWindow && !queryWindow.admit(now())) {
      return throttle(RATE_QUOTA);
    }
    switch (matched.route) {
      case 'submit':
        return submit(request, url.pathname);
      case 'query':
        return taskAnswer(tasks, matched.taskId ?? '', now(), origin);
      case 'cancel':
        return cancelTask(tasks, matched.taskId ?? '', now());
      case 'list':
        return listTasks(tasks, url.searchParams, now());
      default:
        return uploads.policy(url.searchParams, origin);
    }
  }

  async function handle(request: Request): Promise<Response> {
    if (closed) throw connectionFailure('ECONNREFUSED');
    const url = new URL(request.url);
    const matched = route(request.method, url.pathname);
    if (!matched) {
      stats.requests.unknown += 1;
      return serviceError(404, 'InvalidURL', `Requested URL not found: ${request.method} ${url.pathname}`);
    }
    const faults = injector.draw(matched.route);
    // A refused connection never reached the server: it is not counted as a request.
    if (faults.some((fault) => fault.kind === 'refuse')) throw connectionFailure('ECONNREFUSED');
    stats.requests[matched.route] += 1;
    let loseResponse = false;
    for (const fault of faults) {
      switch (fault.kind) {
        case 'latency':
          await new Promise((resolve) => setTimeout(resolve, injector.latency(fault)));
          break;
        case 'drop':
          throw connectionFailure('ECONNRESET');
        case 'error':
          return serviceError(fault.status ?? 500, fault.code ?? 'InternalError', 'An internal error has occurred, please try again later. (injected)');
        case 'throttle':
          return serviceError(429, fault.code ?? 'Throttling', 'Requests throttling triggered. (injected)', {
            'retry-after': String(fault.retryAfterSeconds ?? 1),
          });
        case 'lose-response':
          loseResponse = true;
          break;
      }
    }
    const response = await answer(request, matched, url.origin);
    // A cancel ends a task now; a hand-moved clock may have ended others.
    events?.sweep();
    if (loseResponse) throw connectionFailure('ECONNRESET');
    return response;
  }

  return {
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    baseUrl,
    apiKey,
    tasks,
    uploads,
    clock,
    faults: injector,
    stats,
    events: events?.stats ?? { events: 0, sent: 0, lost: 0, duplicated: 0, retried: 0, failed: 0, pending: 0 },
    close: () => {
      closed = true;
      events?.stop();
    },
  };
}

/**
 * The model names the simulator serves, from its own rulebook (written from docs/protocol.md, not
 * from the SDK's caps): every region's, and dated snapshots of these are served as their base model.
 */
export const SIMULATED_MODELS: readonly string[] = Object.keys(MODEL_RULES);

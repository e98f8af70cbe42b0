/**
 * The DashScope video service, simulated: one fetch-standard handler (`Request` → `Response`)
 * holding the service's behaviour (PROTOCOL.md §2–§8). Run it in process (`sim.fetch`), under msw
 * (`simulatorHandlers`) or as a real HTTP server (`startSimulatorServer`).
 *
 * @module
 */
import { modelCaps, type ModelId } from '../models/caps.ts';
import { systemClock, type SimulatorClock } from './clock.ts';
import { connectionFailure, FaultInjector, type FaultKind, type FaultRule, type SimulatorRoute } from './faults.ts';
import { seededRandom } from './random.ts';
import { RateWindow } from '../transport/rate-window.ts';
import { cancelTask, listTasks, taskAnswer } from './routes/task-routes.ts';
import { UploadStore } from './routes/upload-routes.ts';
import { serveVideo } from './routes/video-route.ts';
import { checkSubmit } from './submit-checks.ts';
import { TaskStore, type SimulatedTask, type TaskTiming } from './task-store.ts';
import { json, newId, serviceError } from './wire.ts';

/** The service's limits (PROTOCOL.md §6), enforced with 429s. */
export interface SimulatorLimits {
  /**
   * Submits per second per model.
   * @default 5
   */
  readonly submitsPerSecond?: number;
  /**
   * Unfinished (pending or running) tasks per model.
   * @default 5
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
   * @default 2 s pending, then 20 s + 4 s per second of video running
   */
  readonly timing?: Partial<TaskTiming> | ((body: Readonly<Record<string, unknown>>) => Partial<TaskTiming>) | undefined;
  /**
   * The service's limits; `false` turns them off.
   * @default { submitsPerSecond: 5, runningTasks: 5, queriesPerSecond: 20 }
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
   * @default none: the caps' ranges
   */
  readonly supportedDurations?: Partial<Record<ModelId, readonly number[]>> | undefined;
  /**
   * Fault rules; more can be added with `sim.faults.add`.
   * @default none
   */
  readonly faults?: readonly FaultRule[] | undefined;
  /**
   * Seed of the random source behind fault rates.
   * @default 1
   */
  readonly seed?: number | undefined;
}

/** Counters of what the simulator saw and did. */
export interface SimulatorStats {
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
  /** Stops answering: later requests fail like a refused connection. */
  close(): void;
}

const SUBMIT_PATH = '/api/v1/services/aigc/video-generation/video-synthesis';

function defaultTiming(body: Readonly<Record<string, unknown>>): TaskTiming {
  const parameters = (body.parameters ?? {}) as Record<string, unknown>;
  const duration = typeof parameters.duration === 'number' ? parameters.duration : 5;
  return { pendingMs: 2_000, runningMs: 20_000 + 4_000 * duration };
}

function route(method: string, path: string): { route: SimulatorRoute; taskId?: string } | undefined {
  if (method === 'POST' && path === SUBMIT_PATH) return { route: 'submit' };
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
  const clock = options.clock ?? systemClock();
  const speed = options.speed ?? 1;
  const now = () => clock.now();
  const tasks = new TaskStore(now);
  const uploads = new UploadStore(now);
  const injector = new FaultInjector(seededRandom(options.seed ?? 1), options.faults);
  const limits = options.limits === false ? undefined : { submitsPerSecond: 5, runningTasks: 5, queriesPerSecond: 20, ...options.limits };
  const submitWindows = new Map<string, RateWindow>();
  const queryWindow = limits && new RateWindow(limits.queriesPerSecond);
  const moderationWords = options.moderationWords ?? ['moderation-trigger'];
  const stats = {
    requests: { submit: 0, query: 0, cancel: 0, list: 0, 'upload-policy': 0, upload: 0, video: 0, unknown: 0 },
    throttled: {} as Record<string, number>,
    faults: injector.counts,
  };
  let closed = false;

  const timingOf = (body: Readonly<Record<string, unknown>>): TaskTiming => {
    const custom = typeof options.timing === 'function' ? options.timing(body) : options.timing;
    const timing = { ...defaultTiming(body), ...custom };
    return { pendingMs: timing.pendingMs / speed, runningMs: timing.runningMs / speed };
  };

  const throttle = (code: string, message: string): Response => {
    stats.throttled[code] = (stats.throttled[code] ?? 0) + 1;
    return serviceError(429, code, message);
  };

  const authorized = (request: Request): Response | undefined => {
    const header = request.headers.get('authorization');
    if (!header) return serviceError(401, 'InvalidApiKey', 'No API-key provided.');
    const [scheme, token] = header.split(/\s+/, 2);
    return scheme?.toLowerCase() === 'bearer' && token === apiKey ? undefined : serviceError(401, 'InvalidApiKey', 'Invalid API-key provided.');
  };

  async function submit(request: Request): Promise<Response> {
    if (request.headers.get('x-dashscope-async') !== 'enable') {
      return serviceError(403, 'AccessDenied', 'current user api does not support synchronous calls');
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return serviceError(400, 'InvalidParameter', 'The request body is not valid JSON');
    }
    const verdict = checkSubmit(body, {
      ossResolve: request.headers.get('x-dashscope-ossresourceresolve') === 'enable',
      hasUpload: (key) => uploads.get(key) !== undefined,
      moderationWords,
      supportedDurations: options.supportedDurations ?? {},
    });
    if (!verdict.ok) return serviceError(verdict.refusal.status, verdict.refusal.code, verdict.refusal.message);
    if (limits) {
      const window = submitWindows.get(verdict.model) ?? new RateWindow(limits.submitsPerSecond);
      submitWindows.set(verdict.model, window);
      if (tasks.unfinished(verdict.model) >= limits.runningTasks) {
        return throttle('Throttling.AllocationQuota', `Too many tasks in progress for ${verdict.model}: at most ${limits.runningTasks} at once.`);
      }
      if (!window.admit(now())) return throttle('Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
    }
    const record = body as Record<string, unknown>;
    const headers = Object.fromEntries([...request.headers].filter(([name]) => name !== 'authorization'));
    const task: SimulatedTask = {
      taskId: newId(),
      model: verdict.model,
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
    return json({ output: { task_id: task.taskId, task_status: 'PENDING' }, request_id: task.requestId });
  }

  async function answer(request: Request, matched: { route: SimulatorRoute; taskId?: string }, origin: string): Promise<Response> {
    const url = new URL(request.url);
    if (matched.route === 'video') return serveVideo(request, matched.taskId ?? '', now(), (id) => tasks.get(id) !== undefined);
    if (matched.route === 'upload') return uploads.upload(request);
    const denied = authorized(request);
    if (denied) return denied;
    if ((matched.route === 'query' || matched.route === 'list') && queryWindow && !queryWindow.admit(now())) {
      return throttle('Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
    }
    switch (matched.route) {
      case 'submit':
        return submit(request);
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
    close: () => {
      closed = true;
    },
  };
}

/** The models the simulator serves, from the caps table. */
export const SIMULATED_MODELS = Object.keys(modelCaps) as ModelId[];

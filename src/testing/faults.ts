/**
 * Fault injection: latency, dropped and refused connections, 5xx answers, 429 with `Retry-After`,
 * and submits that land but whose answer is lost (the case where a naive retry pays twice).
 *
 * @module
 */

/** The simulator's routes, as fault rules name them. */
export type SimulatorRoute = 'submit' | 'query' | 'cancel' | 'list' | 'upload-policy' | 'upload' | 'video';

/**
 * What a fault does:
 * - `latency`: waits `latencyMs` before handling the request normally;
 * - `refuse`: fails like a refused connection, before the server saw anything (code `ECONNREFUSED`);
 * - `drop`: the connection drops before the request is processed (code `ECONNRESET`);
 * - `error`: answers `status` (default 500) with the service's error body, without processing;
 * - `throttle`: answers 429 `Throttling` with `Retry-After: retryAfterSeconds`, without processing;
 * - `lose-response`: processes the request (a submit creates its task), then drops the connection.
 *
 * Over a real socket (`startSimulatorServer`), `refuse` can only close the accepted connection,
 * which a client sees like `drop`.
 */
export type FaultKind = 'latency' | 'refuse' | 'drop' | 'error' | 'throttle' | 'lose-response';

/** One fault rule. */
export interface FaultRule {
  /** What happens. */
  readonly kind: FaultKind;
  /**
   * The routes it applies to.
   * @default every route
   */
  readonly routes?: readonly SimulatorRoute[] | undefined;
  /**
   * Probability per matching request, drawn from the simulator's seeded random source.
   * @default 1
   */
  readonly rate?: number | undefined;
  /**
   * How many times it may fire in all; unlimited when absent.
   */
  readonly times?: number | undefined;
  /**
   * For `latency`: a fixed delay, or a `[min, max]` range drawn uniformly.
   * @default 1000
   */
  readonly latencyMs?: number | readonly [number, number] | undefined;
  /**
   * For `error`: the HTTP status.
   * @default 500
   */
  readonly status?: number | undefined;
  /**
   * For `error` and `throttle`: the service error code.
   * @default 'InternalError' for error, 'Throttling' for throttle
   */
  readonly code?: string | undefined;
  /**
   * For `throttle`: the `Retry-After` header, in seconds.
   * @default 1
   */
  readonly retryAfterSeconds?: number | undefined;
}

/** A rule with its own firing count. */
interface ActiveRule {
  readonly rule: FaultRule;
  fired: number;
}

/** The faults that fired on one request, in rule order. */
export type FiredFault = FaultRule;

/** Holds the rules and decides which fire on a request. */
export class FaultInjector {
  readonly #random: () => number;
  #rules: ActiveRule[] = [];
  /** How many times each kind fired. */
  readonly counts: Record<FaultKind, number> = { latency: 0, refuse: 0, drop: 0, error: 0, throttle: 0, 'lose-response': 0 };

  constructor(random: () => number, rules: readonly FaultRule[] = []) {
    this.#random = random;
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule. */
  add(rule: FaultRule): void {
    this.#rules.push({ rule, fired: 0 });
  }

  /** Removes every rule (the counts stay). */
  clear(): void {
    this.#rules = [];
  }

  /** The rules that fire on a request to `route`. */
  draw(route: SimulatorRoute): FiredFault[] {
    const fired: FiredFault[] = [];
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.routes && !rule.routes.includes(route)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (this.#random() >= (rule.rate ?? 1)) continue;
      active.fired += 1;
      this.counts[rule.kind] += 1;
      fired.push(rule);
    }
    return fired;
  }

  /** A latency rule's delay for this request. */
  latency(rule: FaultRule): number {
    const latency = rule.latencyMs ?? 1000;
    if (typeof latency === 'number') return latency;
    const [min, max] = latency;
    return min + this.#random() * (max - min);
  }
}

/** The error a fetch raises when a connection fails, with the socket code that says when. */
export function connectionFailure(code: 'ECONNREFUSED' | 'ECONNRESET'): TypeError {
  const cause = Object.assign(new Error(code === 'ECONNREFUSED' ? 'connect ECONNREFUSED (simulated)' : 'socket hang up (simulated)'), { code });
  return new TypeError('fetch failed', { cause });
}

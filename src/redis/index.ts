/**
 * `modelstudio-video/redis`: the account's limits shared by every process on one Redis, so that
 * workers on many machines together keep to 5 running tasks and 5 submits a second per model and
 * 20 queries a second (docs/protocol.md §6). Built on ioredis, an optional peer dependency that
 * only this entry loads.
 *
 * @module
 */
import { ModelStudioError } from '../core/errors.ts';
import type { RateLimitStore, SlotLease } from '../scheduling/rate-limit-store.ts';
import { ACQUIRE, ADMIT, HELD, RELEASE, RENAME, RENEW } from './scripts.ts';

/**
 * What the store needs of a Redis connection; an ioredis `Redis` or `Cluster` is one. Commands
 * go through `call`, so any client with that shape works.
 */
export interface RedisConnection {
  /** Sends one command. */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** A second connection to the same server, for subscribing. */
  duplicate(): RedisConnection;
  /** Subscribes this connection to channels. */
  subscribe(...channels: string[]): Promise<unknown>;
  /** Listens for `message` (channel, message) and `error` (an `Error`) events. */
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Closes the connection once pending commands are answered. */
  quit(): Promise<unknown>;
  /** Closes the connection at once. */
  disconnect(): void;
}

/** Options of {@link createRedisLimitStore}: a connection, or the URL to open one. */
export type RedisLimitStoreOptions = (
  | {
      /** A connection the application owns (and closes); the store opens a second one from it for release notices. */
      readonly client: RedisConnection;
      /** Not with `client`. */
      readonly url?: undefined;
    }
  | {
      /** `redis://[user:password@]host:port[/db]` (or `rediss://`): the store opens its connection and `close()` closes it. */
      readonly url: string;
      /** Not with `url`. */
      readonly client?: undefined;
    }
) & {
  /**
   * Prefix of every key and of the notice channel. Processes share limits when they share it: use
   * one prefix per Model Studio account (per API key) when several accounts use one Redis. It is
   * wrapped in a hash tag, so a Redis Cluster keeps all of it on one node, as the scripts need.
   * @default 'modelstudio-video'
   */
  readonly prefix?: string | undefined;
};

/** A {@link RateLimitStore} on Redis. */
export interface RedisLimitStore extends RateLimitStore {
  /** Closes the store's own connections (the notice subscriber, and the main one when it came from `url`). */
  close(): Promise<void>;
}

let memberCounter = 0;
/** Window members unique across processes: a random part per process, a counter within it. */
const memberPrefix = Math.random().toString(36).slice(2, 10);

async function openConnection(url: string): Promise<RedisConnection> {
  let Redis: new (url: string) => RedisConnection;
  try {
    // Typed by what the store needs: ioredis's Redis is checked to fit RedisConnection here.
    ({ Redis } = await import('ioredis'));
  } catch (error) {
    throw new ModelStudioError('modelstudio-video/redis needs ioredis, an optional peer dependency: npm install ioredis', { cause: error });
  }
  const redis = new Redis(url);
  // Errors reach the caller through the failed command; unheard, ioredis would print each reconnect.
  redis.on('error', () => undefined);
  return redis;
}

/** Quits politely, or drops the connection when the server does not answer within a second. */
async function shut(redis: RedisConnection): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([redis.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
  clearTimeout(timer);
  redis.disconnect();
}

/**
 * A rate-limit store on Redis, shared by every client and process that uses the same prefix.
 * Each operation is one Lua script (atomic, on Redis's clock); task slots are leases that expire
 * when their process stops renewing them (`rateLimits.leaseMs`); a released slot is announced on a
 * channel so that waiters elsewhere submit at once.
 *
 * @example
 * ```ts
 * import { ModelStudioClient } from 'modelstudio-video';
 * import { createRedisLimitStore } from 'modelstudio-video/redis';
 *
 * const store = createRedisLimitStore({ url: 'redis://127.0.0.1:6379' });
 * const client = new ModelStudioClient({ rateLimits: { store } });
 * // every process with this store keeps to the account's limits together
 * await client.textToVideo({ prompt: 'A lantern drifting down a river at night' });
 * await store.close();
 * ```
 */
export function createRedisLimitStore(options: RedisLimitStoreOptions): RedisLimitStore {
  if ((options.client === undefined) === (options.url === undefined)) {
    throw new ModelStudioError('createRedisLimitStore takes one of { client } (a connection) or { url }.');
  }
  const prefix = `{${options.prefix ?? 'modelstudio-video'}}`;
  const channel = `${prefix}:released`;
  const connection: Promise<RedisConnection> = options.client ? Promise.resolve(options.client) : openConnection(options.url);
  // Without this, a missing peer dependency would reject unobserved until the first operation.
  connection.catch(() => undefined);
  const shas = new Map<string, Promise<string>>();
  const listeners = new Set<(key: string) => void>();
  let subscriber: Promise<RedisConnection> | undefined;

  /** Runs a script by its hash, loading it first and again after the server lost its script cache. */
  async function run(script: string, keys: readonly string[], args: readonly (string | number)[]): Promise<number> {
    const redis = await connection;
    for (let attempt = 0; ; attempt += 1) {
      let sha = shas.get(script);
      if (!sha) {
        sha = redis.call('SCRIPT', 'LOAD', script) as Promise<string>;
        shas.set(script, sha);
      }
      try {
        return Number(await redis.call('EVALSHA', await sha, keys.length, ...keys, ...args));
      } catch (error) {
        shas.delete(script);
        if (attempt > 0 || !String(error).includes('NOSCRIPT')) throw error;
      }
    }
  }

  const key = (name: string) => `${prefix}:${name}`;

  return {
    async admit(name, limit, windowMs) {
      memberCounter += 1;
      return run(ADMIT, [key(name)], [limit, windowMs, `${memberPrefix}-${memberCounter}`]);
    },
    async acquire(name, leaseId, limit, leaseMs, force = false) {
      return run(ACQUIRE, [key(name)], [Number.isFinite(limit) ? limit : -1, Math.ceil(leaseMs), leaseId, force ? 1 : 0]);
    },
    async renew(leases: readonly SlotLease[], leaseMs) {
      if (leases.length === 0) return;
      await run(RENEW, leases.map((lease) => key(lease.key)), [Math.ceil(leaseMs), ...leases.map((lease) => lease.leaseId)]);
    },
    async held(names) {
      return names.length === 0 ? 0 : run(HELD, names.map(key), []);
    },
    async release(name, leaseId) {
      await run(RELEASE, [key(name)], [leaseId, channel, name]);
    },
    async rename(name, from, to, leaseMs) {
      await run(RENAME, [key(name)], [from, to, Math.ceil(leaseMs), channel, name]);
    },
    onRelease(listener) {
      listeners.add(listener);
      subscriber ??= connection.then(async (redis) => {
        const sub = redis.duplicate();
        sub.on('error', () => undefined);
        sub.on('message', (from, name) => {
          if (from === channel && typeof name === 'string') for (const notify of listeners) notify(name);
        });
        await sub.subscribe(channel);
        return sub;
      });
      // Notices only speed waiters up; without them waiters still retry on their own.
      subscriber.catch(() => undefined);
      return () => listeners.delete(listener);
    },
    async close() {
      const closing: Promise<unknown>[] = [];
      if (subscriber) closing.push(subscriber.then(shut));
      if (!options.client) closing.push(connection.then(shut));
      await Promise.allSettled(closing);
    },
  };
}

export type { RateLimitStore, SlotLease } from '../scheduling/rate-limit-store.ts';

// Shared state in Redis: cache groups as hashes with a TTL, counters by INCRBY in one pipeline, and pub/sub on one
// channel per topic (a second connection subscribes, as Redis requires). Messages carry the sender's id, so a
// process delivers its own messages locally once instead of twice.

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ConfigError } from '../../core/errors.ts';
import { MemoryBroadcast } from '../memory/shared-state.ts';
import type { Broadcast, SharedCache, SharedCounters, SharedState } from '../shared-state.ts';

export interface RedisSharedStateOptions {
  /** Prefix of every key and channel (default `lmrec:`), so several deployments can share one Redis. */
  prefix?: string;
}

class RedisCache implements SharedCache {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async get(group: string, field: string): Promise<string | null> {
    return this.#redis.hget(`${this.#prefix}cache:${group}`, field);
  }

  async set(group: string, field: string, value: string, ttlMs: number): Promise<void> {
    const key = `${this.#prefix}cache:${group}`;
    await this.#redis.multi().hset(key, field, value).pexpire(key, ttlMs).exec();
  }

  async drop(groups: readonly string[]): Promise<void> {
    if (groups.length) await this.#redis.del(...groups.map((group) => `${this.#prefix}cache:${group}`));
  }
}

class RedisCounters implements SharedCounters {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async add(increments: ReadonlyMap<string, number>, ttlMs: number): Promise<Map<string, number>> {
    const keys = [...increments.keys()];
    if (keys.length === 0) return new Map();
    const pipeline = this.#redis.pipeline();
    for (const key of keys) {
      const full = `${this.#prefix}count:${key}`;
      // The window's expiry is set once, by whoever creates the key (SET NX works on every Redis version).
      pipeline.set(full, '0', 'PX', ttlMs, 'NX');
      pipeline.incrby(full, increments.get(key)!);
    }
    const replies = (await pipeline.exec()) ?? [];
    const totals = new Map<string, number>();
    keys.forEach((key, index) => {
      const [error, value] = replies[index * 2 + 1] ?? [null, 0];
      if (error) throw error;
      totals.set(key, Number(value));
    });
    return totals;
  }
}

class RedisBroadcast implements Broadcast {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #origin = randomUUID();
  readonly #local = new MemoryBroadcast();
  readonly #channels = new Set<string>();

  constructor(publisher: Redis, subscriber: Redis, prefix: string) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    subscriber.on('message', (channel: string, text: string) => {
      let envelope: { origin: string; message: unknown };
      try {
        envelope = JSON.parse(text) as { origin: string; message: unknown };
      } catch {
        return;
      }
      if (envelope.origin === this.#origin) return;
      this.#local.deliver(channel.slice(this.#prefix.length + 'topic:'.length), envelope.message);
    });
  }

  async publish(topic: string, message: unknown): Promise<void> {
    this.#local.deliver(topic, message);
    await this.#publisher.publish(`${this.#prefix}topic:${topic}`, JSON.stringify({ origin: this.#origin, message }));
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    const channel = `${this.#prefix}topic:${topic}`;
    if (!this.#channels.has(channel)) {
      this.#channels.add(channel);
      this.#subscriber.subscribe(channel).catch(() => this.#channels.delete(channel));
    }
    return this.#local.subscribe(topic, handler);
  }

  /** Resolves once every channel subscribed so far is active on the server. */
  async ready(): Promise<void> {
    if (this.#channels.size) await this.#subscriber.subscribe(...this.#channels);
  }
}

export class RedisSharedState implements SharedState {
  readonly kind = 'redis';
  readonly cache: RedisCache;
  readonly counters: RedisCounters;
  readonly broadcast: RedisBroadcast;
  readonly location: string;
  readonly #client: Redis;
  readonly #subscriber: Redis;

  private constructor(client: Redis, subscriber: Redis, location: string, prefix: string) {
    this.#client = client;
    this.#subscriber = subscriber;
    this.location = location;
    this.cache = new RedisCache(client, prefix);
    this.counters = new RedisCounters(client, prefix);
    this.broadcast = new RedisBroadcast(client, subscriber, prefix);
  }

  /** Connects (failing fast with a clear error when Redis is not there). */
  static async open(url: string, options: RedisSharedStateOptions = {}): Promise<RedisSharedState> {
    const location = url.replace(/\/\/[^@/]*@/, '//');
    const connect = async (): Promise<Redis> => {
      const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 3000 });
      // Errors of a live connection surface on the commands that fail; reconnects are ioredis's job.
      redis.on('error', () => {});
      try {
        await redis.connect();
      } catch (error) {
        redis.disconnect();
        throw new ConfigError(`cannot connect to Redis at ${location}: ${(error as Error).message}`, {
          cause: error,
          context: { file: location },
        });
      }
      return redis;
    };
    const client = await connect();
    const subscriber = await connect().catch((error) => {
      client.disconnect();
      throw error;
    });
    return new RedisSharedState(client, subscriber, location, options.prefix ?? 'lmrec:');
  }

  /** Resolves when subscriptions made so far are active (tests and startup wait on it). */
  async ready(): Promise<void> {
    await this.broadcast.ready();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#subscriber.quit(), this.#client.quit()]);
  }
}

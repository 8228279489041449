// Shared state inside one process: what a single API process (the embedded default) needs, with no server.

import type { Broadcast, SharedCache, SharedCounters, SharedState } from '../shared-state.ts';

class MemoryCache implements SharedCache {
  readonly #groups = new Map<string, { expires: number; fields: Map<string, string> }>();

  async get(group: string, field: string): Promise<string | null> {
    const entry = this.#groups.get(group);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.#groups.delete(group);
      return null;
    }
    return entry.fields.get(field) ?? null;
  }

  async set(group: string, field: string, value: string, ttlMs: number): Promise<void> {
    let entry = this.#groups.get(group);
    if (!entry || entry.expires <= Date.now()) {
      entry = { expires: 0, fields: new Map() };
      this.#groups.set(group, entry);
    }
    entry.fields.set(field, value);
    entry.expires = Date.now() + ttlMs;
  }

  async drop(groups: readonly string[]): Promise<void> {
    for (const group of groups) this.#groups.delete(group);
  }
}

class MemoryCounters implements SharedCounters {
  readonly #counts = new Map<string, { expires: number; value: number }>();

  async add(increments: ReadonlyMap<string, number>, ttlMs: number): Promise<Map<string, number>> {
    const now = Date.now();
    const totals = new Map<string, number>();
    for (const [key, amount] of increments) {
      let entry = this.#counts.get(key);
      if (!entry || entry.expires <= now) {
        entry = { expires: now + ttlMs, value: 0 };
        this.#counts.set(key, entry);
      }
      entry.value += amount;
      totals.set(key, entry.value);
    }
    if (this.#counts.size > 100_000)
      for (const [key, entry] of this.#counts) if (entry.expires <= now) this.#counts.delete(key);
    return totals;
  }
}

export class MemoryBroadcast implements Broadcast {
  readonly #handlers = new Map<string, Set<(message: unknown) => void>>();

  async publish(topic: string, message: unknown): Promise<void> {
    this.deliver(topic, message);
  }

  /** Calls this process's handlers of `topic`; a throwing handler does not stop the others. */
  deliver(topic: string, message: unknown): void {
    for (const handler of this.#handlers.get(topic) ?? []) {
      try {
        handler(message);
      } catch {
        // A subscriber's failure is its own; the message still reaches the rest.
      }
    }
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    let set = this.#handlers.get(topic);
    if (!set) {
      set = new Set();
      this.#handlers.set(topic, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }
}

export class MemorySharedState implements SharedState {
  readonly kind = 'memory';
  readonly cache = new MemoryCache();
  readonly counters = new MemoryCounters();
  readonly broadcast = new MemoryBroadcast();

  async close(): Promise<void> {}
}

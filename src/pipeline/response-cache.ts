// Cached recommendation responses, in groups per (model version, user): an in-process tier answers the hot path
// without a round trip; with Redis, a shared tier lets processes reuse each other's lists. A user's feedback drops
// the user's group everywhere; a new model version starts new groups.

import type { SharedCache } from '../store/shared-state.ts';

export interface CachedList {
  /** The serialised response body. */
  body: string;
  /** The body's UTF-8 bytes, made once when the entry enters this process's tier (not sent to Redis): a hit is
   * written to the socket without encoding the string again. */
  bytes?: Buffer;
  /** Items per source in the list, for the served-per-source metric on hits. */
  sources: Array<[string, number]>;
  /** What an exposure log records: the list's request id, and per shown item its id, source and propensity. */
  exposure: { requestId: string; items: Array<[id: string, source: string, propensity: number]> };
}

export class ResponseCache {
  readonly #local = new Map<string, Map<string, { entry: CachedList; expires: number }>>();
  readonly #shared: SharedCache | null;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #entries = 0;
  /** Bumped by every invalidation of a user: a list computed across an invalidation is not stored. */
  readonly #generations = new Map<string, number>();
  hits = 0;
  misses = 0;

  constructor(options: {
    /** The shared tier (Redis), or null for one process. */
    shared: SharedCache | null;
    ttlMs: number;
    /** In-process entries at most; the oldest groups go first. */
    maxEntries: number;
  }) {
    this.#shared = options.shared;
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
  }

  /** The in-process entry, synchronously (the hot path). */
  getLocal(group: string, field: string): CachedList | undefined {
    const fields = this.#local.get(group);
    const found = fields?.get(field);
    if (!found) return undefined;
    if (found.expires <= Date.now()) {
      fields!.delete(field);
      this.#entries--;
      return undefined;
    }
    return found.entry;
  }

  /** The in-process entry, else the shared one (copied into this process). Counts hits and misses. */
  async get(group: string, field: string): Promise<CachedList | undefined> {
    const local = this.getLocal(group, field);
    if (local) {
      this.hits++;
      return local;
    }
    if (this.#shared) {
      const text = await this.#shared.get(group, field).catch(() => null);
      if (text) {
        const entry = JSON.parse(text) as CachedList;
        delete entry.bytes;
        this.#setLocal(group, field, entry);
        this.hits++;
        return entry;
      }
    }
    this.misses++;
    return undefined;
  }

  generation(user: string): number {
    return this.#generations.get(user) ?? 0;
  }

  /** Stores a list unless the user was invalidated since `generation` was read. */
  async set(options: {
    group: string;
    field: string;
    user: string;
    generation: number;
    entry: CachedList;
  }): Promise<void> {
    if (this.generation(options.user) !== options.generation) return;
    this.#setLocal(options.group, options.field, options.entry);
    if (this.#shared) {
      const { bytes: _bytes, ...shared } = options.entry;
      await this.#shared.set(options.group, options.field, JSON.stringify(shared), this.#ttlMs).catch(() => {});
      // An invalidation that arrived while we wrote wins.
      if (this.generation(options.user) !== options.generation)
        await this.#shared.drop([options.group]).catch(() => {});
    }
  }

  #setLocal(group: string, field: string, entry: CachedList): void {
    let fields = this.#local.get(group);
    if (!fields) {
      fields = new Map();
      this.#local.set(group, fields);
    }
    if (!fields.has(field)) this.#entries++;
    entry.bytes ??= Buffer.from(entry.body, 'utf8');
    fields.set(field, { entry, expires: Date.now() + this.#ttlMs });
    while (this.#entries > this.#maxEntries) {
      const oldest = this.#local.keys().next().value;
      if (oldest === undefined) break;
      this.#entries -= this.#local.get(oldest)!.size;
      this.#local.delete(oldest);
    }
  }

  /** Drops in-process groups (and bumps the users' generations); `shared` also drops them in Redis. */
  async invalidate(options: { users: readonly string[]; groups: readonly string[]; shared: boolean }): Promise<void> {
    for (const user of options.users) this.#generations.set(user, this.generation(user) + 1);
    if (this.#generations.size > 1_000_000) this.#generations.clear();
    for (const group of options.groups) {
      const fields = this.#local.get(group);
      if (fields) {
        this.#entries -= fields.size;
        this.#local.delete(group);
      }
    }
    if (options.shared && this.#shared && options.groups.length) await this.#shared.drop(options.groups);
  }

  clearLocal(): void {
    this.#local.clear();
    this.#entries = 0;
  }

  get size(): number {
    return this.#entries;
  }
}

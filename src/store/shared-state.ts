// The shared-state port for several API processes: a cache of precomputed lists, counters for rate limits, and a
// broadcast channel (model updates, invalidations). In-process memory serves one process; Redis serves many.

/** String values in groups (e.g. every cached list of one user), so a whole group is dropped at once. */
export interface SharedCache {
  get(group: string, field: string): Promise<string | null>;
  /** Stores a value; the group expires `ttlMs` after its last write. */
  set(group: string, field: string, value: string, ttlMs: number): Promise<void>;
  drop(groups: readonly string[]): Promise<void>;
}

/** Counters shared by every process, e.g. requests per API key and window. */
export interface SharedCounters {
  /** Adds the increments and resolves to each key's total after adding; keys expire `ttlMs` after creation. */
  add(increments: ReadonlyMap<string, number>, ttlMs: number): Promise<Map<string, number>>;
}

/** Publish/subscribe across processes; every subscriber, in this process too, gets each message once. */
export interface Broadcast {
  publish(topic: string, message: unknown): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(topic: string, handler: (message: unknown) => void): () => void;
}

export interface SharedState {
  /** `memory` or `redis`. */
  readonly kind: string;
  readonly cache: SharedCache;
  readonly counters: SharedCounters;
  readonly broadcast: Broadcast;
  close(): Promise<void>;
}

// The persistence ports of the gateway. src/llm depends on core only, so it cannot name the Store; the Store's `kv`
// (KeyValueRepository) has exactly the KeyValuePort shape, and the CLI and server pass it in. In-memory by default.

/** Small JSON values under a namespace, with optional expiry. */
export interface KeyValuePort {
  get<T = unknown>(namespace: string, key: string): Promise<T | null>;
  set(namespace: string, key: string, value: unknown, options?: { ttlMs?: number }): Promise<void>;
  /** Entries of a namespace whose key starts with `prefix`, in key order. */
  entries<T = unknown>(namespace: string, prefix?: string): Promise<Array<{ key: string; value: T }>>;
}

/** Stores generated files (images, audio); the Store's `blobs.put` has this shape. */
export interface BlobSink {
  put(name: string, data: Uint8Array, meta?: Record<string, unknown>): Promise<{ name: string; version: number }>;
}

/** A process-local KeyValuePort: the default when no store is wired, and the one tests use. */
export class MemoryKeyValue implements KeyValuePort {
  readonly #data = new Map<string, Map<string, { value: string; expiresAt: number | null }>>();

  async get<T = unknown>(namespace: string, key: string): Promise<T | null> {
    const entry = this.#data.get(namespace)?.get(key);
    if (!entry || (entry.expiresAt !== null && entry.expiresAt <= Date.now())) return null;
    return JSON.parse(entry.value) as T;
  }

  async set(namespace: string, key: string, value: unknown, options: { ttlMs?: number } = {}): Promise<void> {
    let space = this.#data.get(namespace);
    if (!space) this.#data.set(namespace, (space = new Map()));
    // Stored as JSON text, like the SQLite table, so callers never share mutable objects with the store.
    space.set(key, { value: JSON.stringify(value), expiresAt: options.ttlMs ? Date.now() + options.ttlMs : null });
  }

  async entries<T = unknown>(namespace: string, prefix = ''): Promise<Array<{ key: string; value: T }>> {
    const now = Date.now();
    const space = this.#data.get(namespace) ?? new Map();
    return [...space.entries()]
      .filter(([key, entry]) => key.startsWith(prefix) && (entry.expiresAt === null || entry.expiresAt > now))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => ({ key, value: JSON.parse(entry.value) as T }));
  }
}

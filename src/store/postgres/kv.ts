// Namespaced JSON key-value pairs with optional expiry, in PostgreSQL.

import type { KeyValueRepository } from '../store.ts';
import type { PostgresContext } from './context.ts';

export class PostgresKeyValue implements KeyValueRepository {
  readonly #context: PostgresContext;

  constructor(context: PostgresContext) {
    this.#context = context;
  }

  async get<T = unknown>(namespace: string, key: string): Promise<T | null> {
    const [row] = await this.#context.rows<{ value: T }>(
      'SELECT value FROM kv WHERE namespace = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3)',
      [namespace, key, Date.now()],
    );
    return row ? row.value : null;
  }

  async set(namespace: string, key: string, value: unknown, options: { ttlMs?: number } = {}): Promise<void> {
    const expires = options.ttlMs ? Date.now() + options.ttlMs : null;
    await this.#context.write((session) =>
      session.run(
        `INSERT INTO kv (namespace, key, value, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [namespace, key, JSON.stringify(value ?? null), expires],
      ),
    );
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    const removed = await this.#context.write((session) =>
      session.run('DELETE FROM kv WHERE namespace = $1 AND key = $2', [namespace, key]),
    );
    return removed > 0;
  }

  async entries<T = unknown>(namespace: string, prefix = ''): Promise<Array<{ key: string; value: T }>> {
    return this.#context.rows<{ key: string; value: T }>(
      `SELECT key, value FROM kv WHERE namespace = $1 AND starts_with(key, $2)
       AND (expires_at IS NULL OR expires_at > $3) ORDER BY key COLLATE "C"`,
      [namespace, prefix, Date.now()],
    );
  }
}

// Namespaced JSON key-value pairs with optional expiry, in SQLite.

import type { KeyValueRepository } from '../store.ts';
import type { SqliteContext } from './context.ts';

export class SqliteKeyValue implements KeyValueRepository {
  readonly #context: SqliteContext;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  async get<T = unknown>(namespace: string, key: string): Promise<T | null> {
    const row = this.#context
      .statement('SELECT value, expires_at FROM kv WHERE namespace = ? AND key = ?')
      .get(namespace, key) as { value: string; expires_at: number | null } | undefined;
    if (!row || (row.expires_at !== null && row.expires_at <= Date.now())) return null;
    return JSON.parse(row.value) as T;
  }

  async set(namespace: string, key: string, value: unknown, options: { ttlMs?: number } = {}): Promise<void> {
    const expires = options.ttlMs ? Date.now() + options.ttlMs : null;
    await this.#context.write(() =>
      this.#context
        .statement(
          `INSERT INTO kv (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        )
        .run(namespace, key, JSON.stringify(value), expires),
    );
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    const result = await this.#context.write(() =>
      this.#context.statement('DELETE FROM kv WHERE namespace = ? AND key = ?').run(namespace, key),
    );
    return Number(result.changes) > 0;
  }

  async entries<T = unknown>(namespace: string, prefix = ''): Promise<Array<{ key: string; value: T }>> {
    const rows = this.#context
      .statement(
        `SELECT key, value FROM kv WHERE namespace = ? AND substr(key, 1, length(?)) = ?
         AND (expires_at IS NULL OR expires_at > ?) ORDER BY key`,
      )
      .all(namespace, prefix, prefix, Date.now()) as Array<{ key: string; value: string }>;
    return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as T }));
  }
}

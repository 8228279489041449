// Users in SQLite.

import type { User } from '../../core/types.ts';
import type { ListOptions, Page, UserRepository } from '../store.ts';
import { parseJson, type SqliteContext } from './context.ts';

interface UserRow {
  key: number;
  id: string;
  attributes_json: string;
}

export class SqliteUsers implements UserRepository {
  readonly #context: SqliteContext;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  async upsert(users: readonly User[]): Promise<number> {
    const context = this.#context;
    return context.write(() => {
      const statement = context.statement(
        `INSERT INTO users (id, attributes_json) VALUES (?, ?)
         ON CONFLICT(id) DO UPDATE SET attributes_json = excluded.attributes_json RETURNING key`,
      );
      for (const user of users) {
        const row = statement.get(user.id, JSON.stringify(user.attributes ?? {})) as { key: number };
        context.userKeys.set(user.id, row.key);
      }
      return users.length;
    });
  }

  async get(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows = this.#context
      .statement('SELECT key, id, attributes_json FROM users WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as unknown as UserRow[];
    const byId = new Map(rows.map((row) => [row.id, { id: row.id, attributes: parseJson(row.attributes_json, {}) }]));
    return ids.flatMap((id) => {
      const user = byId.get(id);
      return user ? [user] : [];
    });
  }

  async list(options: ListOptions): Promise<Page<User>> {
    const after = options.cursor ? Number(options.cursor) : 0;
    const rows = this.#context
      .statement('SELECT key, id, attributes_json FROM users WHERE key > ? ORDER BY key LIMIT ?')
      .all(after, options.limit + 1) as unknown as UserRow[];
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    return {
      rows: page.map((row) => ({ id: row.id, attributes: parseJson(row.attributes_json, {}) })),
      nextCursor: more ? String(page[page.length - 1].key) : null,
    };
  }

  async remove(ids: readonly string[]): Promise<number> {
    const context = this.#context;
    return context.write(() => {
      let removed = 0;
      for (const id of ids) {
        const row = context.statement('SELECT key FROM users WHERE id = ?').get(id) as { key: number } | undefined;
        if (!row) continue;
        context.statement('DELETE FROM feedback WHERE user_key = ?').run(row.key);
        context.statement('DELETE FROM social_edges WHERE from_key = ? OR to_key = ?').run(row.key, row.key);
        context.statement('DELETE FROM users WHERE key = ?').run(row.key);
        context.userKeys.delete(id);
        removed++;
      }
      return removed;
    });
  }
}

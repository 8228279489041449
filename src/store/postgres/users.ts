// Users in PostgreSQL, staged through COPY like items.

import { InvalidInputError } from '../../core/errors.ts';
import type { User } from '../../core/types.ts';
import type { ListOptions, Page, UserRepository } from '../store.ts';
import type { PostgresContext } from './context.ts';

interface UserRow {
  key: number;
  id: string;
  attributes: Record<string, unknown>;
}

export class PostgresUsers implements UserRepository {
  readonly #context: PostgresContext;

  constructor(context: PostgresContext) {
    this.#context = context;
  }

  async upsert(users: readonly User[]): Promise<number> {
    if (users.length === 0) return 0;
    users.forEach((user, index) => {
      if (typeof user.id !== 'string' || user.id === '') {
        throw new InvalidInputError(`users[${index}].id must be a non-empty string`, {
          context: { field: `users[${index}].id` },
        });
      }
    });
    return this.#context.write(async (session) => {
      const stage = await session.stage('lmrec_user_stage', 'ord integer, id text, attributes jsonb');
      await session.copy(
        stage,
        ['ord', 'id', 'attributes'],
        users.map((user, ord) => [ord, user.id, JSON.stringify(user.attributes ?? {})]),
      );
      await session.run(
        `INSERT INTO users (id, attributes) SELECT DISTINCT ON (id) id, attributes FROM ${stage} ORDER BY id, ord DESC
         ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes`,
      );
      return users.length;
    });
  }

  async get(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows = await this.#context.rows<UserRow>('SELECT key, id, attributes FROM users WHERE id = ANY($1::text[])', [
      ids,
    ]);
    const byId = new Map(rows.map((row) => [row.id, { id: row.id, attributes: row.attributes ?? {} }]));
    return ids.flatMap((id) => {
      const user = byId.get(id);
      return user ? [user] : [];
    });
  }

  async list(options: ListOptions): Promise<Page<User>> {
    const rows = await this.#context.rows<UserRow>(
      'SELECT key, id, attributes FROM users WHERE key > $1 ORDER BY key LIMIT $2',
      [options.cursor ? Number(options.cursor) : 0, options.limit + 1],
    );
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    return {
      rows: page.map((row) => ({ id: row.id, attributes: row.attributes ?? {} })),
      nextCursor: more ? String(page[page.length - 1].key) : null,
    };
  }

  async remove(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.#context.write(async (session) => {
      const keys = 'SELECT key FROM users WHERE id = ANY($1::text[])';
      await session.run(`DELETE FROM feedback WHERE user_key IN (${keys})`, [ids]);
      await session.run(`DELETE FROM social_edges WHERE from_key IN (${keys}) OR to_key IN (${keys})`, [ids]);
      return session.run('DELETE FROM users WHERE id = ANY($1::text[])', [ids]);
    });
  }
}

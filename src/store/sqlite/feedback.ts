// Feedback in SQLite: validated batched writes with idempotency keys, per-user reads, and a keyset scan.

import { InvalidInputError } from '../../core/errors.ts';
import type { Feedback, FeedbackClass, FeedbackType } from '../../core/types.ts';
import { normalizeFeedback } from '../feedback-input.ts';
import type {
  FeedbackInput,
  FeedbackQuery,
  FeedbackRepository,
  FeedbackScanOptions,
  FeedbackWriteOptions,
  FeedbackWriteResult,
} from '../store.ts';
import type { SqliteContext } from './context.ts';

export class SqliteFeedback implements FeedbackRepository {
  readonly #context: SqliteContext;
  #types: Map<string, { key: number; type: FeedbackType }> | null = null;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  typeTable(): Map<string, { key: number; type: FeedbackType }> {
    if (!this.#types) {
      const rows = this.#context.statement('SELECT key, name, class, weight FROM feedback_types').all() as Array<{
        key: number;
        name: string;
        class: FeedbackClass;
        weight: number;
      }>;
      this.#types = new Map(
        rows.map((row) => [row.name, { key: row.key, type: { name: row.name, class: row.class, weight: row.weight } }]),
      );
    }
    return this.#types;
  }

  forgetTypes(): void {
    this.#types = null;
  }

  async types(): Promise<FeedbackType[]> {
    return [...this.typeTable().values()].map((entry) => entry.type);
  }

  /** The key of a user or item, creating the row when `create` is set; -1 when missing. */
  entityKey(table: 'users' | 'items', id: string, create: boolean): number {
    const context = this.#context;
    const cache = table === 'users' ? context.userKeys : context.itemKeys;
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    let row = context.statement(`SELECT key FROM ${table} WHERE id = ?`).get(id) as { key: number } | undefined;
    if (!row && create) {
      row = context.statement(`INSERT INTO ${table} (id) VALUES (?) RETURNING key`).get(id) as { key: number };
      if (table === 'items') {
        context
          .statement('INSERT INTO item_fts (rowid, title, body, unigrams, bigrams) VALUES (?, ?, ?, ?, ?)')
          .run(row.key, '', '', '', '');
      }
    }
    if (!row) return -1;
    cache.set(id, row.key);
    return row.key;
  }

  async add(events: readonly FeedbackInput[], options: FeedbackWriteOptions = {}): Promise<FeedbackWriteResult> {
    const types = this.typeTable();
    const known = new Set(types.keys());
    const normalized = events.map((event, index) => normalizeFeedback(event, `events[${index}]`, known));
    const mode = options.mode ?? 'accumulate';
    const create = options.createMissing ?? true;
    const context = this.#context;
    return context.write(() => {
      let stored = 0;
      let duplicates = 0;
      const insert = context.statement(
        `INSERT INTO feedback (user_key, item_key, type_key, value, ts, context_json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(user_key, item_key, type_key, ts) DO NOTHING RETURNING key`,
      );
      const seenKey = context.statement('SELECT 1 FROM idempotency_keys WHERE key = ?');
      const rememberKey = context.statement('INSERT INTO idempotency_keys (key, feedback_key) VALUES (?, ?)');
      const clear = context.statement('DELETE FROM feedback WHERE user_key = ? AND item_key = ? AND type_key = ?');
      normalized.forEach((event, index) => {
        if (event.idempotencyKey && seenKey.get(event.idempotencyKey)) {
          duplicates++;
          return;
        }
        const userKey = this.entityKey('users', event.userId, create);
        const itemKey = this.entityKey('items', event.itemId, create);
        if (userKey < 0 || itemKey < 0) {
          const field = userKey < 0 ? 'userId' : 'itemId';
          throw new InvalidInputError(
            `events[${index}].${field} is not a known ${field === 'userId' ? 'user' : 'item'}`,
            {
              context: { field: `events[${index}].${field}` },
            },
          );
        }
        const typeKey = types.get(event.type)!.key;
        if (mode === 'overwrite') clear.run(userKey, itemKey, typeKey);
        const row = insert.get(userKey, itemKey, typeKey, event.value, event.timestamp, event.context) as
          | { key: number }
          | undefined;
        if (!row) {
          duplicates++;
          return;
        }
        if (event.idempotencyKey) rememberKey.run(event.idempotencyKey, row.key);
        stored++;
      });
      return { stored, duplicates };
    });
  }

  async forUser(userId: string, query: FeedbackQuery = {}): Promise<Feedback[]> {
    const where = ['f.user_key = (SELECT key FROM users WHERE id = ?)'];
    const params: (string | number)[] = [userId];
    if (query.since !== undefined) {
      where.push('f.ts >= ?');
      params.push(query.since);
    }
    if (query.types?.length) {
      where.push('t.name IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.types));
    }
    params.push(query.limit ?? 1000);
    const rows = this.#context
      .statement(
        `SELECT i.id AS itemId, t.name AS type, f.value AS value, f.ts AS timestamp, f.context_json AS context
         FROM feedback f JOIN items i ON i.key = f.item_key JOIN feedback_types t ON t.key = f.type_key
         WHERE ${where.join(' AND ')} ORDER BY f.ts DESC, f.key DESC LIMIT ?`,
      )
      .all(...params) as Array<{
      itemId: string;
      type: string;
      value: number;
      timestamp: number;
      context: string | null;
    }>;
    return rows.map(({ context, ...row }) =>
      context ? { userId, ...row, context: JSON.parse(context) } : { userId, ...row },
    );
  }

  async *scan(options: FeedbackScanOptions = {}): AsyncIterable<Feedback[]> {
    const batchSize = options.batchSize ?? 50_000;
    const withContext = options.withContext ?? false;
    const statement = this.#context.statement(
      `SELECT f.key AS key, ${withContext ? 'f.context_json AS context, ' : ''}u.id AS userId, i.id AS itemId, t.name AS type, f.value AS value, f.ts AS timestamp
       FROM feedback f JOIN users u ON u.key = f.user_key JOIN items i ON i.key = f.item_key
       JOIN feedback_types t ON t.key = f.type_key
       WHERE f.key > ? AND f.ts >= ? ORDER BY f.key LIMIT ?`,
    );
    let after = 0;
    for (;;) {
      const rows = statement.all(after, options.since ?? 0, batchSize) as unknown as Array<
        Feedback & { key: number; context?: unknown }
      >;
      if (rows.length === 0) return;
      after = rows[rows.length - 1].key;
      yield rows.map(({ key: _key, context, ...event }) =>
        typeof context === 'string' ? { ...event, context: JSON.parse(context) as Record<string, unknown> } : event,
      );
      if (rows.length < batchSize) return;
    }
  }
}

// Feedback in SQLite: validated batched writes with idempotency keys, per-user reads, and a keyset scan.

import { InvalidInputError } from '../../core/errors.ts';
import type { Feedback, FeedbackClass, FeedbackType } from '../../core/types.ts';
import { type NormalizedFeedback, normalizeFeedback } from '../feedback-input.ts';
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
      // run() rather than RETURNING: about 40% faster per row on bulk imports; the new key is lastInsertRowid.
      const insert = context.statement(
        `INSERT INTO feedback (user_key, item_key, type_key, value, ts, context_json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(user_key, item_key, type_key, ts) DO NOTHING`,
      );
      const insertWithKey = context.statement(
        `INSERT INTO feedback (key, user_key, item_key, type_key, value, ts, context_json) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(user_key, item_key, type_key, ts) DO NOTHING`,
      );
      const seenKey = context.statement('SELECT 1 FROM idempotency_keys WHERE key = ?');
      const rememberKey = context.statement('INSERT INTO idempotency_keys (key, feedback_key) VALUES (?, ?)');
      const clear = context.statement('DELETE FROM feedback WHERE user_key = ? AND item_key = ? AND type_key = ?');
      const keysOf = (event: NormalizedFeedback, index: number): { userKey: number; itemKey: number } => {
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
        return { userKey, itemKey };
      };
      /** Inserts one event, under `key` when given (else the next rowid). */
      const write = (event: NormalizedFeedback, userKey: number, itemKey: number, key?: number): void => {
        const typeKey = types.get(event.type)!.key;
        if (mode === 'overwrite') clear.run(userKey, itemKey, typeKey);
        const result =
          key === undefined
            ? insert.run(userKey, itemKey, typeKey, event.value, event.timestamp, event.context)
            : insertWithKey.run(key, userKey, itemKey, typeKey, event.value, event.timestamp, event.context);
        if (Number(result.changes) === 0) {
          duplicates++;
          return;
        }
        if (event.idempotencyKey) rememberKey.run(event.idempotencyKey, result.lastInsertRowid);
        stored++;
      };
      if (mode === 'accumulate' && normalized.some((event) => event.idempotencyKey)) {
        return this.#accumulateKeyed(normalized, create);
      }
      if (normalized.some((event) => event.idempotencyKey)) {
        // Keys are checked and remembered event by event, so a key repeated within the batch counts once.
        normalized.forEach((event, index) => {
          if (event.idempotencyKey && seenKey.get(event.idempotencyKey)) {
            duplicates++;
            return;
          }
          const { userKey, itemKey } = keysOf(event, index);
          write(event, userKey, itemKey);
        });
        return { stored, duplicates };
      }
      // Bulk path: insert in (user, item) order. Time-ordered logs touch the user-keyed indexes at random, and
      // sorting a batch makes neighbouring inserts share B-tree pages (about 2x fewer CPU seconds on a time-ordered
      // 2M-row import with 50k-event batches). Each event still gets the row key of its place in the batch, so
      // scans keep the given order; the sort is stable, so in overwrite mode the later of two events still wins.
      const base = Number(
        (context.statement('SELECT COALESCE(MAX(key), 0) AS top FROM feedback').get() as { top: number }).top,
      );
      const keyed = normalized.map((event, index) => ({ event, index, ...keysOf(event, index) }));
      keyed.sort((a, b) => a.userKey - b.userKey || a.itemKey - b.itemKey);
      for (const { event, index, userKey, itemKey } of keyed) write(event, userKey, itemKey, base + 1 + index);
      return { stored, duplicates };
    });
  }

  /** The user and item keys of an event (created when allowed), or an error naming the missing one. */
  #keys(event: NormalizedFeedback, index: number, create: boolean): { userKey: number; itemKey: number } {
    const userKey = this.entityKey('users', event.userId, create);
    const itemKey = this.entityKey('items', event.itemId, create);
    if (userKey < 0 || itemKey < 0) {
      const field = userKey < 0 ? 'userId' : 'itemId';
      throw new InvalidInputError(`events[${index}].${field} is not a known ${field === 'userId' ? 'user' : 'item'}`, {
        context: { field: `events[${index}].${field}` },
      });
    }
    return { userKey, itemKey };
  }

  /**
   * Accumulate mode with idempotency keys (the API's path): every event a new row, written with three statements
   * per batch (not three per event): known idempotency keys
   * read at once, the rows inserted from one JSON array (a repeated (user, item, type, time) is skipped), and the
   * new rows' keys remembered at once. The caller holds the write path, so nothing interleaves.
   */
  #accumulateKeyed(normalized: NormalizedFeedback[], create: boolean): FeedbackWriteResult {
    const context = this.#context;
    const types = this.typeTable();
    const keys = normalized.flatMap((event) => (event.idempotencyKey ? [event.idempotencyKey] : []));
    const storedKeys = new Set(
      keys.length
        ? (
            context
              .statement('SELECT key FROM idempotency_keys WHERE key IN (SELECT value FROM json_each(?))')
              .all(JSON.stringify(keys)) as Array<{ key: string }>
          ).map((row) => row.key)
        : [],
    );
    const batchKeys = new Set<string>();
    const rows: Array<[number, number, number, number, number, string | null]> = [];
    const owners: NormalizedFeedback[] = [];
    let duplicates = 0;
    normalized.forEach((event, index) => {
      const key = event.idempotencyKey;
      if (key) {
        if (storedKeys.has(key) || batchKeys.has(key)) {
          duplicates++;
          return;
        }
        batchKeys.add(key);
      }
      const { userKey, itemKey } = this.#keys(event, index, create);
      rows.push([userKey, itemKey, types.get(event.type)!.key, event.value, event.timestamp, event.context]);
      owners.push(event);
    });
    if (rows.length === 0) return { stored: 0, duplicates };
    // "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
    const inserted = context
      .statement(
        `INSERT INTO feedback (user_key, item_key, type_key, value, ts, context_json)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?) WHERE true
         ON CONFLICT(user_key, item_key, type_key, ts) DO NOTHING
         RETURNING key, user_key, item_key, type_key, ts`,
      )
      .all(JSON.stringify(rows)) as Array<{
      key: number;
      user_key: number;
      item_key: number;
      type_key: number;
      ts: number;
    }>;
    const byEvent = new Map(
      inserted.map((row) => [`${row.user_key}|${row.item_key}|${row.type_key}|${row.ts}`, row.key]),
    );
    const remembered: Array<[string, number]> = [];
    let stored = 0;
    rows.forEach((row, index) => {
      const identity = `${row[0]}|${row[1]}|${row[2]}|${row[4]}`;
      const feedbackKey = byEvent.get(identity);
      if (feedbackKey === undefined) {
        duplicates++;
        return;
      }
      byEvent.delete(identity);
      stored++;
      const key = owners[index].idempotencyKey;
      if (key) remembered.push([key, feedbackKey]);
    });
    if (remembered.length) {
      context
        .statement('INSERT INTO idempotency_keys (key, feedback_key) SELECT value->>0, value->>1 FROM json_each(?)')
        .run(JSON.stringify(remembered));
    }
    return { stored, duplicates };
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
    // Integer columns as arrays, ids looked up in memory: several times faster than joining users and items
    // and returning row objects (the Dataset build reads every event through here).
    const since = options.since;
    const withContext = options.withContext ?? false;
    const statement = this.#context.statement(
      `SELECT key, user_key, item_key, type_key, value, ts${withContext ? ', context_json' : ''} FROM feedback WHERE key > ?${since === undefined ? '' : ' AND ts >= ?'} ORDER BY key LIMIT ?`,
    );
    statement.setReturnArrays(true);
    const page = (after: number) =>
      (since === undefined
        ? statement.all(after, batchSize)
        : statement.all(after, since, batchSize)) as unknown as number[][];
    const users = new KeyNames(this.#context, 'users');
    const items = new KeyNames(this.#context, 'items');
    const types = new Map([...this.typeTable().values()].map((entry) => [entry.key, entry.type.name]));
    let after = 0;
    for (;;) {
      const rows = page(after);
      if (rows.length === 0) return;
      const batch: Feedback[] = new Array(rows.length);
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k];
        const event: Feedback = {
          userId: users.name(row[1]),
          itemId: items.name(row[2]),
          type: types.get(row[3]) ?? this.#typeName(row[3], types),
          value: row[4],
          timestamp: row[5],
        };
        const context = row[6] as unknown;
        if (withContext && typeof context === 'string') event.context = JSON.parse(context) as Record<string, unknown>;
        batch[k] = event;
      }
      after = rows[rows.length - 1][0];
      yield batch;
      if (rows.length < batchSize) return;
    }
  }

  /** A type defined after the scan began. */
  #typeName(key: number, types: Map<number, string>): string {
    this.forgetTypes();
    for (const entry of this.typeTable().values()) types.set(entry.key, entry.type.name);
    return types.get(key) ?? String(key);
  }
}

/** Row key → external id of users or items, loaded once per scan; rows added meanwhile are fetched one by one. */
class KeyNames {
  readonly #names: string[] = [];
  readonly #context: SqliteContext;
  readonly #table: 'users' | 'items';

  constructor(context: SqliteContext, table: 'users' | 'items') {
    this.#context = context;
    this.#table = table;
    const statement = context.statement(`SELECT key, id FROM ${table}`);
    statement.setReturnArrays(true);
    for (const [key, id] of statement.all() as unknown as Array<[number, string]>) this.#names[key] = id;
  }

  name(key: number): string {
    const known = this.#names[key];
    if (known !== undefined) return known;
    const row = this.#context.statement(`SELECT id FROM ${this.#table} WHERE key = ?`).get(key) as
      | { id: string }
      | undefined;
    const id = row?.id ?? '';
    this.#names[key] = id;
    return id;
  }
}

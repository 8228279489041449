// Shared state of one SQLite connection: cached statements, id → key caches, and the write path.

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Mutex } from '../../core/mutex.ts';

export class SqliteContext {
  readonly db: DatabaseSync;
  readonly location: string;
  readonly #lock: Mutex;
  /** True inside `Store.transaction`: writes join the open transaction instead of opening their own. */
  readonly inTransaction: boolean;
  readonly #statements: Map<string, StatementSync>;
  readonly userKeys: Map<string, number>;
  readonly itemKeys: Map<string, number>;

  constructor(options: {
    db: DatabaseSync;
    location: string;
    lock: Mutex;
    inTransaction: boolean;
    statements?: Map<string, StatementSync>;
    userKeys?: Map<string, number>;
    itemKeys?: Map<string, number>;
  }) {
    this.db = options.db;
    this.location = options.location;
    this.#lock = options.lock;
    this.inTransaction = options.inTransaction;
    this.#statements = options.statements ?? new Map();
    this.userKeys = options.userKeys ?? new Map();
    this.itemKeys = options.itemKeys ?? new Map();
  }

  /** A view of this connection for code running inside an open transaction. */
  forTransaction(): SqliteContext {
    return new SqliteContext({
      db: this.db,
      location: this.location,
      lock: this.#lock,
      inTransaction: true,
      statements: this.#statements,
      userKeys: this.userKeys,
      itemKeys: this.itemKeys,
    });
  }

  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` atomically: in its own transaction under the write lock, or inside the open one. */
  async write<T>(work: () => T): Promise<T> {
    if (this.inTransaction) return work();
    return this.#lock.run(() => this.atomically(work));
  }

  /** BEGIN IMMEDIATE … COMMIT around `work`, rolling back (and forgetting cached keys) on error. */
  atomically<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  rollback(): void {
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
    // Keys cached during the failed transaction may point at rows that no longer exist.
    this.userKeys.clear();
    this.itemKeys.clear();
  }

  get lock(): Mutex {
    return this.#lock;
  }
}

/** Parses a JSON column, falling back when it is empty. */
export function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** Splits `values` into chunks of at most `size`. */
export function* chunks<T>(values: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < values.length; start += size) yield values.slice(start, start + size);
}

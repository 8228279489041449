// The embedded Store: one node:sqlite connection in WAL mode, writes serialised through one lock.

import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { FormatError, InvalidInputError } from '../../core/errors.ts';
import { Mutex } from '../../core/mutex.ts';
import { defaultFeedbackTypes, type FeedbackType } from '../../core/types.ts';
import type { Store, StoreCounts } from '../store.ts';
import { VectorIndexCache } from '../vector-index.ts';
import { SqliteBlobs } from './blobs.ts';
import { SqliteContext } from './context.ts';
import { SqliteFeedback } from './feedback.ts';
import { SqliteItems } from './items.ts';
import { SqliteKeyValue } from './kv.ts';
import { migrate } from './migrations.ts';
import { SqliteSearch } from './search.ts';
import { SqliteSocial } from './social.ts';
import { SqliteUsers } from './users.ts';
import { SqliteVectors } from './vectors.ts';

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly location: string;
  readonly items: SqliteItems;
  readonly users: SqliteUsers;
  readonly feedback: SqliteFeedback;
  readonly social: SqliteSocial;
  readonly search: SqliteSearch;
  readonly blobs: SqliteBlobs;
  readonly kv: SqliteKeyValue;
  readonly vectors: SqliteVectors;
  readonly #context: SqliteContext;
  readonly #root: boolean;
  readonly #vectorIndexes: VectorIndexCache;
  #savepoints = 0;

  private constructor(context: SqliteContext, root: boolean, vectorIndexes: VectorIndexCache = new VectorIndexCache()) {
    this.#context = context;
    this.#root = root;
    this.#vectorIndexes = vectorIndexes;
    this.location = context.location;
    this.items = new SqliteItems(context);
    this.users = new SqliteUsers(context);
    this.feedback = new SqliteFeedback(context);
    this.social = new SqliteSocial(context, this.feedback);
    this.search = new SqliteSearch(context);
    this.blobs = new SqliteBlobs(context);
    this.kv = new SqliteKeyValue(context);
    this.vectors = new SqliteVectors(context, vectorIndexes);
  }

  /** Opens (creating when missing) the database at `location`, or `:memory:`, and migrates it. */
  static open(location: string, options: { readOnly?: boolean; cacheSizeKb?: number } = {}): SqliteStore {
    if (location !== ':memory:') {
      const dir = path.dirname(path.resolve(location));
      if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
    }
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(location, { readOnly: options.readOnly ?? false, timeout: 10_000 });
      db.exec('PRAGMA journal_mode = WAL');
    } catch (error) {
      throw new FormatError(`${location} is not an lmrec SQLite database (${(error as Error).message})`, {
        cause: error,
        context: { file: location },
      });
    }
    db.exec('PRAGMA synchronous = NORMAL');
    // Page cache in KiB (default 64 MiB). A small cache makes long transactions spill to the WAL early (tests).
    const cacheSizeKb = Math.max(64, Math.floor(options.cacheSizeKb ?? 65_536));
    db.exec(`PRAGMA cache_size = -${cacheSizeKb}`);
    db.exec('PRAGMA temp_store = MEMORY');
    migrate(db, location);
    const context = new SqliteContext({ db, location, lock: new Mutex(), inTransaction: false });
    const store = new SqliteStore(context, true);
    if (!options.readOnly && store.feedback.typeTable().size === 0) store.#writeTypes(defaultFeedbackTypes);
    return store;
  }

  async counts(): Promise<StoreCounts> {
    const count = (table: string) =>
      Number((this.#context.statement(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
    return {
      users: count('users'),
      items: count('items'),
      interactions: count('feedback'),
      socialEdges: count('social_edges'),
    };
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const context = this.#context;
    if (context.inTransaction) {
      // Nested: a savepoint inside the open transaction.
      const name = `sp${++this.#savepoints}`;
      context.db.exec(`SAVEPOINT ${name}`);
      try {
        const result = await work(this);
        context.db.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        context.db.exec(`ROLLBACK TO ${name}`);
        context.db.exec(`RELEASE ${name}`);
        // Keys cached inside the savepoint may name rows that are gone again.
        context.userKeys.clear();
        context.itemKeys.clear();
        throw error;
      }
    }
    const release = await context.lock.acquire();
    try {
      context.db.exec('BEGIN IMMEDIATE');
      const inner = new SqliteStore(context.forTransaction(), false, this.#vectorIndexes);
      try {
        const result = await work(inner);
        context.db.exec('COMMIT');
        // Types defined inside the transaction were cached by the inner view only.
        this.feedback.forgetTypes();
        return result;
      } catch (error) {
        context.rollback();
        this.feedback.forgetTypes();
        throw error;
      }
    } finally {
      release();
    }
  }

  async defineFeedbackTypes(types: readonly FeedbackType[]): Promise<void> {
    for (const type of types) {
      if (!['positive', 'exposure', 'negative'].includes(type.class)) {
        throw new InvalidInputError(`feedback type ${type.name}: class must be positive, exposure or negative`, {
          context: { field: 'class' },
        });
      }
    }
    await this.#context.write(() => this.#writeTypes(types));
  }

  #writeTypes(types: readonly FeedbackType[]): void {
    const statement = this.#context.statement(
      `INSERT INTO feedback_types (name, class, weight) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET class = excluded.class, weight = excluded.weight`,
    );
    for (const type of types) statement.run(type.name, type.class, type.weight);
    this.feedback.forgetTypes();
  }

  async close(): Promise<void> {
    if (!this.#root) return;
    await this.#context.lock.run(() => {
      if (this.#context.db.isOpen) {
        try {
          this.#context.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
        } catch {
          // A read-only or busy database keeps its WAL; it is replayed at the next open.
        }
        this.#context.db.close();
      }
    });
  }
}

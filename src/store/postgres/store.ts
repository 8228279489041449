// The PostgreSQL Store: a connection pool on one schema, migrated at open; COPY-staged bulk writes; pgvector for
// nearest-neighbour search when the server has it. Several API processes can share one store.

import { ConfigError, InvalidInputError } from '../../core/errors.ts';
import { defaultFeedbackTypes, type FeedbackType } from '../../core/types.ts';
import type { Store, StoreCounts } from '../store.ts';
import { VectorIndexCache } from '../vector-index.ts';
import { PostgresBlobs } from './blobs.ts';
import { PostgresContext, type PostgresSession } from './context.ts';
import { PostgresFeedback } from './feedback.ts';
import { PostgresItems } from './items.ts';
import { PostgresKeyValue } from './kv.ts';
import { parsePostgresLocation } from './location.ts';
import { migrate, setUpPgvector } from './migrations.ts';
import { PostgresSearch } from './search.ts';
import { PostgresSocial } from './social.ts';
import { PostgresUsers } from './users.ts';
import { PostgresVectors } from './vectors.ts';

export interface PostgresOpenOptions {
  /** `auto` uses pgvector when the server has it; `in-process` always searches vectors in this process. */
  vectorSearch?: 'auto' | 'in-process';
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

interface Shared {
  types: { table: Map<string, { key: number; type: FeedbackType }> | null };
  vectorIndexes: VectorIndexCache;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly location: string;
  readonly items: PostgresItems;
  readonly users: PostgresUsers;
  readonly feedback: PostgresFeedback;
  readonly social: PostgresSocial;
  readonly search: PostgresSearch;
  readonly blobs: PostgresBlobs;
  readonly kv: PostgresKeyValue;
  readonly vectors: PostgresVectors;
  readonly #context: PostgresContext;
  readonly #shared: Shared;
  readonly #root: boolean;
  #savepoints = 0;
  #closed = false;

  private constructor(context: PostgresContext, shared: Shared, root: boolean) {
    this.#context = context;
    this.#shared = shared;
    this.#root = root;
    this.location = context.location;
    this.items = new PostgresItems(context);
    this.users = new PostgresUsers(context);
    this.feedback = new PostgresFeedback(context, shared.types);
    this.social = new PostgresSocial(context);
    this.search = new PostgresSearch(context);
    this.blobs = new PostgresBlobs(context);
    this.kv = new PostgresKeyValue(context);
    this.vectors = new PostgresVectors(context, shared.vectorIndexes);
  }

  /** Connects, creates and migrates the schema (`?schema=` in the URL, default `lmrec`). */
  static async open(location: string, options: PostgresOpenOptions = {}): Promise<PostgresStore> {
    const parsed = parsePostgresLocation(location);
    const pool = PostgresContext.createPool(parsed.connectionString, parsed.schema, options.poolSize ?? 10);
    // An idle client's error (server restart) must not crash the process; the pool replaces the client.
    pool.on('error', () => {});
    const context = new PostgresContext({ pool, schema: parsed.schema, location: parsed.display });
    try {
      await migrate(context);
    } catch (error) {
      await pool.end();
      if ((error as { code?: string }).code === 'ECONNREFUSED' || (error as Error).message?.includes('connect')) {
        throw new ConfigError(`cannot connect to PostgreSQL at ${parsed.display}: ${(error as Error).message}`, {
          cause: error,
          context: { file: parsed.display },
        });
      }
      throw error;
    }
    context.pgvector = await setUpPgvector(context, options.vectorSearch ?? 'auto');
    const store = new PostgresStore(context, { types: { table: null }, vectorIndexes: new VectorIndexCache() }, true);
    if (context.pgvector) await store.vectors.backfill();
    if ((await store.feedback.typeTable()).size === 0) await store.defineFeedbackTypes(defaultFeedbackTypes);
    return store;
  }

  /** Whether nearest-neighbour queries run in the database (pgvector) rather than in this process. */
  get usesPgvector(): boolean {
    return this.#context.pgvector;
  }

  get schema(): string {
    return this.#context.schema;
  }

  async counts(): Promise<StoreCounts> {
    const [row] = await this.#context.rows<StoreCounts>(
      `SELECT (SELECT count(*) FROM users)::integer AS users, (SELECT count(*) FROM items)::integer AS items,
         (SELECT count(*) FROM feedback)::integer AS interactions,
         (SELECT count(*) FROM social_edges)::integer AS "socialEdges"`,
    );
    return row;
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const session = this.#context.session;
    if (session) return this.#savepoint(session, work);
    try {
      return await this.#context.withTransaction((opened) =>
        work(new PostgresStore(this.#context.forTransaction(opened), this.#shared, false)),
      );
    } catch (error) {
      // Types defined inside the rolled-back transaction are gone again.
      this.#shared.types.table = null;
      throw error;
    }
  }

  async #savepoint<T>(session: PostgresSession, work: (store: Store) => Promise<T>): Promise<T> {
    const name = `lmrec_sp${++this.#savepoints}`;
    await session.run(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      await session.run(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await session.run(`ROLLBACK TO SAVEPOINT ${name}`);
      await session.run(`RELEASE SAVEPOINT ${name}`);
      throw error;
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
    await this.#context.write(async (session) => {
      for (const type of types) {
        await session.run(
          `INSERT INTO feedback_types (name, class, weight) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO UPDATE SET class = excluded.class, weight = excluded.weight`,
          [type.name, type.class, type.weight],
        );
      }
    });
    this.#shared.types.table = null;
  }

  /** Drops the whole schema: tests and `lmrec` tooling that made a throwaway store. Closes the store. */
  async dropSchema(): Promise<void> {
    await this.#context.rows(`DROP SCHEMA IF EXISTS "${this.#context.schema}" CASCADE`);
    await this.close();
  }

  async close(): Promise<void> {
    if (!this.#root || this.#closed) return;
    this.#closed = true;
    await this.#context.pool.end();
  }
}

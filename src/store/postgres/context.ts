// Shared state of one PostgreSQL store: the pool, the schema, and the write path (a transaction per write, or the
// caller's open transaction inside `Store.transaction`).

import pg from 'pg';
import { type CopyValue, copyRows } from './copy.ts';

/** int8 columns (keys, millisecond times) come back as numbers; every value we store fits in 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A connection to run statements on: the pool (autocommit reads) or a client inside a transaction. */
export class PostgresSession {
  readonly client: pg.PoolClient;

  constructor(client: pg.PoolClient) {
    this.client = client;
  }

  async rows<R>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.client.query(text, values)).rows as R[];
  }

  async run(text: string, values: unknown[] = []): Promise<number> {
    return (await this.client.query(text, values)).rowCount ?? 0;
  }

  async copy(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
    return copyRows({ client: this.client, table, columns, rows });
  }

  /**
   * An empty per-connection staging table, created once. Rows vanish at commit (ON COMMIT DELETE ROWS), and are
   * cleared here too: several writes in one transaction (a group commit) each start from an empty stage.
   */
  async stage(name: string, columns: string): Promise<string> {
    const made = stagedTables.get(this.client) ?? new Set<string>();
    if (!made.has(name)) {
      await this.client.query(`CREATE TEMP TABLE IF NOT EXISTS ${name} (${columns}) ON COMMIT DELETE ROWS`);
      made.add(name);
      stagedTables.set(this.client, made);
    } else {
      await this.client.query(`DELETE FROM pg_temp.${name}`);
    }
    return `pg_temp.${name}`;
  }

  /** Forgets staging tables made in a transaction that rolled back (their creation rolled back too). */
  forgetStaging(): void {
    stagedTables.delete(this.client);
  }
}

const stagedTables = new WeakMap<pg.PoolClient, Set<string>>();

export class PostgresContext {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly location: string;
  /** Set inside `Store.transaction`: every statement runs on this session. */
  readonly session: PostgresSession | null;
  /** True when the server has pgvector and the vectors table has its column. */
  pgvector: boolean;

  constructor(options: {
    pool: pg.Pool;
    schema: string;
    location: string;
    session?: PostgresSession | null;
    pgvector?: boolean;
  }) {
    this.pool = options.pool;
    this.schema = options.schema;
    this.location = options.location;
    this.session = options.session ?? null;
    this.pgvector = options.pgvector ?? false;
  }

  static createPool(connectionString: string, schema: string, max = 10): pg.Pool {
    // public stays on the path for extension types (pgvector's `vector` lives there).
    return new pg.Pool({ connectionString, max, options: `-c search_path=${schema},public`, types });
  }

  forTransaction(session: PostgresSession): PostgresContext {
    return new PostgresContext({
      pool: this.pool,
      schema: this.schema,
      location: this.location,
      session,
      pgvector: this.pgvector,
    });
  }

  get inTransaction(): boolean {
    return this.session !== null;
  }

  /** A read: on the open transaction when there is one, else on any pooled connection. */
  async rows<R>(text: string, values: unknown[] = []): Promise<R[]> {
    if (this.session) return this.session.rows<R>(text, values);
    return (await this.pool.query(text, values)).rows as R[];
  }

  /** Runs `work` atomically: in its own transaction, or inside the open one. */
  async write<T>(work: (session: PostgresSession) => Promise<T>): Promise<T> {
    if (this.session) return work(this.session);
    return this.withTransaction(work);
  }

  async withTransaction<T>(work: (session: PostgresSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const session = new PostgresSession(client);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      session.forgetStaging();
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

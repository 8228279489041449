// Vector collections in PostgreSQL. With pgvector, rows also carry an `embedding vector` column and the server answers
// nearest-neighbour queries (cosine distance, `<=>`); without it, an in-process exact index is built from the bytea
// rows and rebuilt when the namespace's revision moves, so writes by any process are seen.

import type { SearchHit, VectorEntry, VectorRepository } from '../store.ts';
import {
  bytesVector,
  checkDimension,
  checkEntries,
  inIdOrder,
  type VectorIndexCache,
  vectorBytes,
} from '../vector-index.ts';
import type { PostgresContext } from './context.ts';

const pgvectorText = (vector: Float32Array) => `[${Array.from(vector).join(',')}]`;

export class PostgresVectors implements VectorRepository {
  readonly #context: PostgresContext;
  readonly #indexes: VectorIndexCache;

  constructor(context: PostgresContext, indexes: VectorIndexCache) {
    this.#context = context;
    this.#indexes = indexes;
  }

  async put(namespace: string, entries: readonly VectorEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const pgvector = this.#context.pgvector;
    return this.#context.write(async (session) => {
      // Serialise writers of one namespace, so the dimension check and the revision bump agree.
      await session.run('SELECT pg_advisory_xact_lock(hashtext($1))', [`lmrec-vectors:${namespace}`]);
      const [existing] = await session.rows<{ dimension: number; empty: boolean }>(
        `SELECT dimension, NOT EXISTS (SELECT 1 FROM vectors WHERE namespace = $1) AS empty
         FROM vector_namespaces WHERE namespace = $1`,
        [namespace],
      );
      const dimension = checkEntries(entries, existing && !existing.empty ? existing.dimension : null);
      await session.run(
        `INSERT INTO vector_namespaces (namespace, dimension, revision) VALUES ($1, $2, 1)
         ON CONFLICT (namespace) DO UPDATE SET revision = vector_namespaces.revision + 1, dimension = excluded.dimension`,
        [namespace, dimension],
      );
      const stage = await session.stage(
        pgvector ? 'lmrec_vector_stage_pgv' : 'lmrec_vector_stage',
        pgvector ? 'ord integer, id text, data bytea, embedding text' : 'ord integer, id text, data bytea',
      );
      await session.copy(
        stage,
        pgvector ? ['ord', 'id', 'data', 'embedding'] : ['ord', 'id', 'data'],
        entries.map((entry, ord) =>
          pgvector
            ? [ord, entry.id, vectorBytes(entry.vector), pgvectorText(entry.vector)]
            : [ord, entry.id, vectorBytes(entry.vector)],
        ),
      );
      await session.run(
        pgvector
          ? `INSERT INTO vectors (namespace, id, data, embedding)
             SELECT DISTINCT ON (id) $1, id, data, embedding::vector FROM ${stage} ORDER BY id, ord DESC
             ON CONFLICT (namespace, id) DO UPDATE SET data = excluded.data, embedding = excluded.embedding`
          : `INSERT INTO vectors (namespace, id, data)
             SELECT DISTINCT ON (id) $1, id, data FROM ${stage} ORDER BY id, ord DESC
             ON CONFLICT (namespace, id) DO UPDATE SET data = excluded.data`,
        [namespace],
      );
      return entries.length;
    });
  }

  async get(namespace: string, ids: readonly string[]): Promise<VectorEntry[]> {
    if (ids.length === 0) return [];
    const rows = await this.#context.rows<{ id: string; data: Buffer }>(
      'SELECT id, data FROM vectors WHERE namespace = $1 AND id = ANY($2::text[])',
      [namespace, ids],
    );
    return inIdOrder(ids, new Map(rows.map((row) => [row.id, { id: row.id, vector: bytesVector(row.data) }])));
  }

  async nearest(
    namespace: string,
    vector: Float32Array,
    options: { k: number; exclude?: ReadonlySet<string> },
  ): Promise<SearchHit[]> {
    const [info] = await this.#context.rows<{ dimension: number; revision: number }>(
      'SELECT dimension, revision FROM vector_namespaces WHERE namespace = $1',
      [namespace],
    );
    if (!info) return [];
    if (this.#context.pgvector) {
      checkDimension(vector, info.dimension, 'vector');
      return this.#context.rows<SearchHit>(
        `SELECT id, 1 - (embedding <=> $2::vector) AS score FROM vectors
         WHERE namespace = $1 AND embedding IS NOT NULL AND NOT (id = ANY($4::text[]))
         ORDER BY embedding <=> $2::vector, id LIMIT $3`,
        [namespace, pgvectorText(vector), options.k, [...(options.exclude ?? [])]],
      );
    }
    const index = await this.#indexes.index({
      namespace,
      revision: info.revision,
      dimension: info.dimension,
      load: async () =>
        (
          await this.#context.rows<{ id: string; data: Buffer }>(
            'SELECT id, data FROM vectors WHERE namespace = $1 ORDER BY id',
            [namespace],
          )
        ).map((row) => ({ id: row.id, vector: bytesVector(row.data) })),
    });
    return index.nearest(vector, options.k, options.exclude);
  }

  async remove(namespace: string, ids?: readonly string[]): Promise<number> {
    return this.#context.write(async (session) => {
      const removed =
        ids === undefined
          ? await session.run('DELETE FROM vectors WHERE namespace = $1', [namespace])
          : await session.run('DELETE FROM vectors WHERE namespace = $1 AND id = ANY($2::text[])', [namespace, ids]);
      await session.run('UPDATE vector_namespaces SET revision = revision + 1 WHERE namespace = $1', [namespace]);
      this.#indexes.forget(namespace);
      return removed;
    });
  }

  /** Fills the pgvector column of rows written before the extension was there. */
  async backfill(): Promise<number> {
    let filled = 0;
    for (;;) {
      const rows = await this.#context.rows<{ namespace: string; id: string; data: Buffer }>(
        'SELECT namespace, id, data FROM vectors WHERE embedding IS NULL LIMIT 1000',
      );
      if (rows.length === 0) return filled;
      await this.#context.write(async (session) => {
        for (const row of rows) {
          await session.run('UPDATE vectors SET embedding = $3::vector WHERE namespace = $1 AND id = $2', [
            row.namespace,
            row.id,
            pgvectorText(bytesVector(row.data)),
          ]);
        }
      });
      filled += rows.length;
    }
  }
}

// Vector collections in SQLite: rows as little-endian float32 BLOBs, searched through an in-process exact index
// that is rebuilt when the namespace's revision moves (also after writes by another process).

import type { SearchHit, VectorEntry, VectorRepository } from '../store.ts';
import { bytesVector, checkEntries, inIdOrder, type VectorIndexCache, vectorBytes } from '../vector-index.ts';
import type { SqliteContext } from './context.ts';

export class SqliteVectors implements VectorRepository {
  readonly #context: SqliteContext;
  readonly #indexes: VectorIndexCache;

  constructor(context: SqliteContext, indexes: VectorIndexCache) {
    this.#context = context;
    this.#indexes = indexes;
  }

  #namespace(namespace: string): { dimension: number; revision: number } | null {
    return (
      (this.#context
        .statement('SELECT dimension, revision FROM vector_namespaces WHERE namespace = ?')
        .get(namespace) as { dimension: number; revision: number } | undefined) ?? null
    );
  }

  async put(namespace: string, entries: readonly VectorEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const context = this.#context;
    return context.write(() => {
      const empty = !context.statement('SELECT 1 FROM vectors WHERE namespace = ? LIMIT 1').get(namespace);
      const dimension = checkEntries(entries, empty ? null : (this.#namespace(namespace)?.dimension ?? null));
      // The revision only grows (also across a full removal), so a stale in-process index is always noticed.
      context
        .statement(
          `INSERT INTO vector_namespaces (namespace, dimension, revision) VALUES (?, ?, 1)
           ON CONFLICT(namespace) DO UPDATE SET revision = revision + 1, dimension = excluded.dimension`,
        )
        .run(namespace, dimension);
      const insert = context.statement(
        `INSERT INTO vectors (namespace, id, data) VALUES (?, ?, ?)
         ON CONFLICT(namespace, id) DO UPDATE SET data = excluded.data`,
      );
      for (const entry of entries) insert.run(namespace, entry.id, vectorBytes(entry.vector));
      return entries.length;
    });
  }

  async get(namespace: string, ids: readonly string[]): Promise<VectorEntry[]> {
    if (ids.length === 0) return [];
    const rows = this.#context
      .statement('SELECT id, data FROM vectors WHERE namespace = ? AND id IN (SELECT value FROM json_each(?))')
      .all(namespace, JSON.stringify(ids)) as Array<{ id: string; data: Uint8Array }>;
    return inIdOrder(ids, new Map(rows.map((row) => [row.id, { id: row.id, vector: bytesVector(row.data) }])));
  }

  async nearest(
    namespace: string,
    vector: Float32Array,
    options: { k: number; exclude?: ReadonlySet<string> },
  ): Promise<SearchHit[]> {
    const info = this.#namespace(namespace);
    if (!info) return [];
    const index = await this.#indexes.index({
      namespace,
      revision: info.revision,
      dimension: info.dimension,
      load: () =>
        (
          this.#context
            .statement('SELECT id, data FROM vectors WHERE namespace = ? ORDER BY id')
            .all(namespace) as Array<{ id: string; data: Uint8Array }>
        ).map((row) => ({ id: row.id, vector: bytesVector(row.data) })),
    });
    return index.nearest(vector, options.k, options.exclude);
  }

  async remove(namespace: string, ids?: readonly string[]): Promise<number> {
    const context = this.#context;
    return context.write(() => {
      let removed = 0;
      if (ids === undefined) {
        removed = Number(context.statement('DELETE FROM vectors WHERE namespace = ?').run(namespace).changes);
      } else {
        const statement = context.statement('DELETE FROM vectors WHERE namespace = ? AND id = ?');
        for (const id of ids) removed += Number(statement.run(namespace, id).changes);
      }
      context.statement('UPDATE vector_namespaces SET revision = revision + 1 WHERE namespace = ?').run(namespace);
      this.#indexes.forget(namespace);
      return removed;
    });
  }
}

// Versioned blobs (trained models) in SQLite.

import type { BlobInfo, BlobRepository } from '../store.ts';
import { parseJson, type SqliteContext } from './context.ts';

interface BlobRow {
  name: string;
  version: number;
  created_at: number;
  meta_json: string;
  size: number;
}

function toInfo(row: BlobRow): BlobInfo {
  return {
    name: row.name,
    version: row.version,
    createdAt: row.created_at,
    size: row.size,
    meta: parseJson(row.meta_json, {}),
  };
}

export class SqliteBlobs implements BlobRepository {
  readonly #context: SqliteContext;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  async put(name: string, data: Uint8Array, meta: Record<string, unknown> = {}): Promise<BlobInfo> {
    const context = this.#context;
    return context.write(() => {
      const row = context
        .statement(
          `INSERT INTO blobs (name, version, created_at, meta_json, data)
           VALUES (?, (SELECT COALESCE(MAX(version), 0) + 1 FROM blobs WHERE name = ?), ?, ?, ?)
           RETURNING name, version, created_at, meta_json, length(data) AS size`,
        )
        .get(name, name, Date.now(), JSON.stringify(meta), data) as unknown as BlobRow;
      return toInfo(row);
    });
  }

  async get(name: string, version?: number): Promise<{ info: BlobInfo; data: Uint8Array } | null> {
    const row = (
      version === undefined
        ? this.#context
            .statement(
              'SELECT name, version, created_at, meta_json, length(data) AS size, data FROM blobs WHERE name = ? ORDER BY version DESC LIMIT 1',
            )
            .get(name)
        : this.#context
            .statement(
              'SELECT name, version, created_at, meta_json, length(data) AS size, data FROM blobs WHERE name = ? AND version = ?',
            )
            .get(name, version)
    ) as (BlobRow & { data: Uint8Array }) | undefined;
    if (!row) return null;
    return { info: toInfo(row), data: row.data };
  }

  async list(name?: string): Promise<BlobInfo[]> {
    const rows = (name === undefined
      ? this.#context
          .statement(
            'SELECT name, version, created_at, meta_json, length(data) AS size FROM blobs ORDER BY name, version',
          )
          .all()
      : this.#context
          .statement(
            'SELECT name, version, created_at, meta_json, length(data) AS size FROM blobs WHERE name = ? ORDER BY version',
          )
          .all(name)) as unknown as BlobRow[];
    return rows.map(toInfo);
  }
}

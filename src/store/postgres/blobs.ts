// Versioned blobs (trained models) in PostgreSQL; an advisory lock per name makes concurrent puts number in turn.

import type { BlobInfo, BlobRepository } from '../store.ts';
import type { PostgresContext } from './context.ts';

interface BlobRow {
  name: string;
  version: number;
  created_at: number;
  meta: Record<string, unknown>;
  size: number;
}

const infoColumns = 'name, version, created_at, meta, octet_length(data) AS size';

function toInfo(row: BlobRow): BlobInfo {
  return { name: row.name, version: row.version, createdAt: row.created_at, size: row.size, meta: row.meta ?? {} };
}

export class PostgresBlobs implements BlobRepository {
  readonly #context: PostgresContext;

  constructor(context: PostgresContext) {
    this.#context = context;
  }

  async put(name: string, data: Uint8Array, meta: Record<string, unknown> = {}): Promise<BlobInfo> {
    return this.#context.write(async (session) => {
      await session.run('SELECT pg_advisory_xact_lock(hashtext($1))', [`lmrec-blob:${name}`]);
      const [row] = await session.rows<BlobRow>(
        `INSERT INTO blobs (name, version, created_at, meta, data)
         VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM blobs WHERE name = $1), $2, $3, $4)
         RETURNING ${infoColumns}`,
        [name, Date.now(), JSON.stringify(meta), Buffer.from(data.buffer, data.byteOffset, data.byteLength)],
      );
      return toInfo(row);
    });
  }

  async get(name: string, version?: number): Promise<{ info: BlobInfo; data: Uint8Array } | null> {
    const [row] = await this.#context.rows<BlobRow & { data: Buffer }>(
      version === undefined
        ? `SELECT ${infoColumns}, data FROM blobs WHERE name = $1 ORDER BY version DESC LIMIT 1`
        : `SELECT ${infoColumns}, data FROM blobs WHERE name = $1 AND version = $2`,
      version === undefined ? [name] : [name, version],
    );
    if (!row) return null;
    return { info: toInfo(row), data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
  }

  async list(name?: string): Promise<BlobInfo[]> {
    const rows = await this.#context.rows<BlobRow>(
      name === undefined
        ? `SELECT ${infoColumns} FROM blobs ORDER BY name, version`
        : `SELECT ${infoColumns} FROM blobs WHERE name = $1 ORDER BY version`,
      name === undefined ? [] : [name],
    );
    return rows.map(toInfo);
  }
}

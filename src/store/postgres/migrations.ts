// Versioned schema migrations for the PostgreSQL store, run once per step under an advisory lock so that several
// API processes starting together migrate exactly once. pgvector is set up beside the steps when the server has it.

import { FormatError } from '../../core/errors.ts';
import type { PostgresContext, PostgresSession } from './context.ts';

const steps: string[] = [
  // 1: the data model. Keys are bigserials; ids are the external strings. `search` is a tsvector built in JS
  // (words, CJK unigrams and bigrams, as the SQLite FTS5 index), so Chinese needs no server-side parser.
  `
  CREATE TABLE items (
    key bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    title text NOT NULL DEFAULT '',
    description text,
    text_json jsonb,
    categories jsonb NOT NULL DEFAULT '[]',
    category_keys text[] NOT NULL DEFAULT '{}',
    tags jsonb NOT NULL DEFAULT '[]',
    attributes jsonb NOT NULL DEFAULT '{}',
    price double precision,
    created_at bigint,
    available boolean NOT NULL DEFAULT true,
    language text,
    search tsvector NOT NULL DEFAULT ''
  );
  CREATE INDEX items_category_keys ON items USING gin (category_keys);
  CREATE INDEX items_search ON items USING gin (search);
  CREATE TABLE users (
    key bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    attributes jsonb NOT NULL DEFAULT '{}'
  );
  CREATE TABLE feedback_types (
    key serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    class text NOT NULL CHECK (class IN ('positive', 'exposure', 'negative')),
    weight double precision NOT NULL
  );
  CREATE TABLE feedback (
    key bigserial PRIMARY KEY,
    user_key bigint NOT NULL,
    item_key bigint NOT NULL,
    type_key integer NOT NULL,
    value double precision NOT NULL,
    ts bigint NOT NULL,
    context jsonb,
    UNIQUE (user_key, item_key, type_key, ts)
  );
  CREATE INDEX feedback_user_ts ON feedback (user_key, ts);
  CREATE INDEX feedback_item ON feedback (item_key);
  CREATE TABLE idempotency_keys (
    key text PRIMARY KEY,
    feedback_key bigint
  );
  CREATE TABLE social_edges (
    from_key bigint NOT NULL,
    to_key bigint NOT NULL,
    weight double precision NOT NULL DEFAULT 1,
    PRIMARY KEY (from_key, to_key)
  );
  CREATE TABLE blobs (
    name text NOT NULL,
    version integer NOT NULL,
    created_at bigint NOT NULL,
    meta jsonb NOT NULL DEFAULT '{}',
    data bytea NOT NULL,
    PRIMARY KEY (name, version)
  );
  CREATE TABLE kv (
    namespace text NOT NULL,
    key text NOT NULL,
    value jsonb NOT NULL,
    expires_at bigint,
    PRIMARY KEY (namespace, key)
  );
  CREATE TABLE vector_namespaces (
    namespace text PRIMARY KEY,
    dimension integer NOT NULL,
    revision bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE vectors (
    namespace text NOT NULL,
    id text NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (namespace, id)
  );
  `,
];

export const schemaVersion = steps.length;

/** Creates the schema when missing and applies pending steps; refuses a schema from a newer lmrec. */
export async function migrate(context: PostgresContext): Promise<void> {
  const schema = context.schema;
  await context.withTransaction(async (session) => {
    // One migrator per schema at a time; the others wait here and then find nothing to do.
    await session.run('SELECT pg_advisory_xact_lock(hashtext($1))', [`lmrec-migrate:${schema}`]);
    await session.run(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await session.run(`CREATE TABLE IF NOT EXISTS "${schema}".lmrec_schema (version integer NOT NULL)`);
    const [row] = await session.rows<{ version: number }>(`SELECT version FROM "${schema}".lmrec_schema`);
    const current = row?.version ?? 0;
    if (current > steps.length) {
      throw new FormatError(
        `${context.location} has schema version ${current}, newer than this lmrec supports (${steps.length}); upgrade lmrec`,
        { context: { file: context.location } },
      );
    }
    for (let version = current; version < steps.length; version++) await session.run(steps[version]);
    if (!row) await session.run(`INSERT INTO "${schema}".lmrec_schema (version) VALUES ($1)`, [steps.length]);
    else if (current < steps.length)
      await session.run(`UPDATE "${schema}".lmrec_schema SET version = $1`, [steps.length]);
  });
}

/**
 * Adds the pgvector column when the server has the extension (and we may create it). Returns whether pgvector serves
 * nearest-neighbour queries. `mode` `in-process` skips it (tests of the fallback, or a cautious operator).
 */
export async function setUpPgvector(context: PostgresContext, mode: 'auto' | 'in-process'): Promise<boolean> {
  if (mode === 'in-process') return false;
  const [available] = await context.rows<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS ok`,
  );
  if (!available?.ok) return false;
  try {
    await context.withTransaction(async (session: PostgresSession) => {
      await session.run('SELECT pg_advisory_xact_lock(hashtext($1))', [`lmrec-migrate:${context.schema}`]);
      await session.run('CREATE EXTENSION IF NOT EXISTS vector');
      await session.run('ALTER TABLE vectors ADD COLUMN IF NOT EXISTS embedding vector');
    });
    return true;
  } catch {
    // No permission to create the extension: the in-process index serves instead.
    return false;
  }
}

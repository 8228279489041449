// Versioned schema migrations for the embedded SQLite store. Each step runs once, in order, in a transaction.

import type { DatabaseSync } from 'node:sqlite';
import { FormatError } from '../../core/errors.ts';

const steps: string[] = [
  // 1: the data model, full-text index, blobs and key-value tables.
  `
  CREATE TABLE items (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    description TEXT,
    text_json TEXT,
    categories_json TEXT NOT NULL DEFAULT '[]',
    tags_json TEXT NOT NULL DEFAULT '[]',
    attributes_json TEXT NOT NULL DEFAULT '{}',
    price REAL,
    created_at INTEGER,
    available INTEGER NOT NULL DEFAULT 1,
    language TEXT
  );
  CREATE TABLE item_categories (
    category TEXT NOT NULL,
    item_key INTEGER NOT NULL,
    PRIMARY KEY (category, item_key)
  ) WITHOUT ROWID;
  CREATE INDEX item_categories_item ON item_categories(item_key);
  CREATE TABLE users (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    attributes_json TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE feedback_types (
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    class TEXT NOT NULL CHECK (class IN ('positive', 'exposure', 'negative')),
    weight REAL NOT NULL
  );
  CREATE TABLE feedback (
    key INTEGER PRIMARY KEY,
    user_key INTEGER NOT NULL,
    item_key INTEGER NOT NULL,
    type_key INTEGER NOT NULL,
    value REAL NOT NULL,
    ts INTEGER NOT NULL,
    context_json TEXT,
    UNIQUE (user_key, item_key, type_key, ts)
  );
  CREATE INDEX feedback_user_ts ON feedback(user_key, ts);
  CREATE INDEX feedback_item ON feedback(item_key);
  CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    feedback_key INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE social_edges (
    from_key INTEGER NOT NULL,
    to_key INTEGER NOT NULL,
    weight REAL NOT NULL DEFAULT 1,
    PRIMARY KEY (from_key, to_key)
  ) WITHOUT ROWID;
  CREATE VIRTUAL TABLE item_fts USING fts5(title, body, unigrams, bigrams, tokenize = 'unicode61 remove_diacritics 2');
  CREATE TABLE blobs (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    meta_json TEXT NOT NULL DEFAULT '{}',
    data BLOB NOT NULL,
    PRIMARY KEY (name, version)
  );
  CREATE TABLE kv (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (namespace, key)
  ) WITHOUT ROWID;
  `,
  // 2: vector collections (item embeddings); the revision tells readers when their in-process index is stale.
  `
  CREATE TABLE vector_namespaces (
    namespace TEXT PRIMARY KEY,
    dimension INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE TABLE vectors (
    namespace TEXT NOT NULL,
    id TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (namespace, id)
  ) WITHOUT ROWID;
  `,
];

export const schemaVersion = steps.length;

/** Brings the database to the current schema version; refuses a database from a newer lmrec. */
export function migrate(db: DatabaseSync, location: string): void {
  const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (current > steps.length) {
    throw new FormatError(
      `${location} has schema version ${current}, newer than this lmrec supports (${steps.length}); upgrade lmrec`,
      { context: { file: location } },
    );
  }
  for (let version = current; version < steps.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(steps[version]);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

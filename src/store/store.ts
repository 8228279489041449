// The Store port: what the engine needs from persistence. Adapters (sqlite, postgres) implement it;
// nothing here names a database type. Each repository is a small interface of its own.

import type { Feedback, FeedbackType, Item, SocialEdge, User } from '../core/types.ts';

/** One page of a listing; `nextCursor` is null on the last page. */
export interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

export interface ListOptions {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | null;
}

export interface ItemListOptions extends ListOptions {
  /** Only items whose category path contains this category (at any level). */
  category?: string;
  availableOnly?: boolean;
}

export interface ItemRepository {
  /** Inserts or replaces items by id; returns the number written. */
  upsert(items: readonly Item[]): Promise<number>;
  /** The items found, in the order of `ids`; unknown ids are left out. */
  get(ids: readonly string[]): Promise<Item[]>;
  list(options: ItemListOptions): Promise<Page<Item>>;
  /** Removes items and their feedback; returns how many items existed. */
  remove(ids: readonly string[]): Promise<number>;
}

export interface UserRepository {
  upsert(users: readonly User[]): Promise<number>;
  get(ids: readonly string[]): Promise<User[]>;
  list(options: ListOptions): Promise<Page<User>>;
  remove(ids: readonly string[]): Promise<number>;
}

/** A feedback event as written: value and timestamp are optional, and an idempotency key makes a retry safe. */
export interface FeedbackInput {
  userId: string;
  itemId: string;
  type: string;
  value?: number;
  timestamp?: number;
  idempotencyKey?: string;
  /** Free-form context: recommendation source, position, request id, propensity, variant. */
  context?: Record<string, unknown>;
}

export interface FeedbackWriteOptions {
  /** accumulate: every event is a new row (the default); overwrite: one row per (user, item, type), latest wins. */
  mode?: 'accumulate' | 'overwrite';
  /** Users and items that do not exist yet are created (default true); otherwise such events are rejected. */
  createMissing?: boolean;
}

export interface FeedbackWriteResult {
  /** Events written (new rows or overwritten values). */
  stored: number;
  /** Events skipped because their idempotency key or (user, item, type, time) was already stored. */
  duplicates: number;
}

export interface FeedbackQuery {
  limit?: number;
  types?: readonly string[];
  /** Only events at or after this time (ms). */
  since?: number;
}

export interface FeedbackScanOptions {
  batchSize?: number;
  /** Only events at or after this time (ms). */
  since?: number;
  /** Include each event's logged context (slower; off by default). */
  withContext?: boolean;
}

export interface FeedbackRepository {
  add(events: readonly FeedbackInput[], options?: FeedbackWriteOptions): Promise<FeedbackWriteResult>;
  /** A user's events, newest first, with their logged context. */
  forUser(userId: string, query?: FeedbackQuery): Promise<Feedback[]>;
  /** Every event in insertion order, in batches; the input of the columnar Dataset. Context only when asked for. */
  scan(options?: FeedbackScanOptions): AsyncIterable<Feedback[]>;
  /** Feedback types known to the store, with their weights and classes. */
  types(): Promise<FeedbackType[]>;
}

export interface SocialRepository {
  add(edges: readonly SocialEdge[]): Promise<number>;
  /** Outgoing edges of a user. */
  of(userId: string): Promise<SocialEdge[]>;
  scan(options?: { batchSize?: number }): AsyncIterable<SocialEdge[]>;
}

export interface SearchQuery {
  text: string;
  limit?: number;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  availableOnly?: boolean;
}

export interface SearchHit {
  id: string;
  /** Higher is better. */
  score: number;
}

/** Full-text search over item text; Chinese and English words of any length. */
export interface TextSearch {
  search(query: SearchQuery): Promise<SearchHit[]>;
}

export interface BlobInfo {
  name: string;
  version: number;
  createdAt: number;
  size: number;
  meta: Record<string, unknown>;
}

/** Versioned binary blobs: trained models, so every process serves the same version. */
export interface BlobRepository {
  /** Stores a new version and returns its info. */
  put(name: string, data: Uint8Array, meta?: Record<string, unknown>): Promise<BlobInfo>;
  /** The given version, or the latest when `version` is omitted; null when there is none. */
  get(name: string, version?: number): Promise<{ info: BlobInfo; data: Uint8Array } | null>;
  list(name?: string): Promise<BlobInfo[]>;
}

/** Small JSON values under a namespace: caches, API key hashes, settings, job checkpoints. */
export interface KeyValueRepository {
  get<T = unknown>(namespace: string, key: string): Promise<T | null>;
  set(namespace: string, key: string, value: unknown, options?: { ttlMs?: number }): Promise<void>;
  delete(namespace: string, key: string): Promise<boolean>;
  /** Entries of a namespace whose key starts with `prefix`. */
  entries<T = unknown>(namespace: string, prefix?: string): Promise<Array<{ key: string; value: T }>>;
}

/** A vector under an id, e.g. an item's text embedding. */
export interface VectorEntry {
  id: string;
  vector: Float32Array;
}

/**
 * Named collections of same-dimension vectors with nearest-neighbour search by cosine similarity: item embeddings for
 * hybrid search and content recall. pgvector answers when the server has it; otherwise an in-process index does.
 */
export interface VectorRepository {
  /** Inserts or replaces vectors; every vector of a namespace has the namespace's dimension. Returns the number written. */
  put(namespace: string, entries: readonly VectorEntry[]): Promise<number>;
  /** The stored vectors of `ids`, in their order; unknown ids are left out. */
  get(namespace: string, ids: readonly string[]): Promise<VectorEntry[]>;
  /** The `k` entries most similar to `vector` (cosine, higher is better), best first; `exclude` ids are skipped. */
  nearest(
    namespace: string,
    vector: Float32Array,
    options: { k: number; exclude?: ReadonlySet<string> },
  ): Promise<SearchHit[]>;
  /** Removes the given ids, or the whole namespace when `ids` is omitted; returns how many were removed. */
  remove(namespace: string, ids?: readonly string[]): Promise<number>;
}

export interface StoreCounts {
  users: number;
  items: number;
  interactions: number;
  socialEdges: number;
}

/** The whole store: repositories plus transactions. */
export interface Store {
  /** `sqlite`, `postgres`, … */
  readonly kind: string;
  /** Where it lives, for messages (a path or a URL without credentials). */
  readonly location: string;
  readonly items: ItemRepository;
  readonly users: UserRepository;
  readonly feedback: FeedbackRepository;
  readonly social: SocialRepository;
  readonly search: TextSearch;
  readonly blobs: BlobRepository;
  readonly kv: KeyValueRepository;
  readonly vectors: VectorRepository;
  counts(): Promise<StoreCounts>;
  /**
   * Runs `work` in one transaction: all of its writes land, or none do (also when the process is killed).
   * Writes from elsewhere wait until it ends.
   */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Registers feedback types (name, class, weight); existing names are updated. */
  defineFeedbackTypes(types: readonly FeedbackType[]): Promise<void>;
  close(): Promise<void>;
}

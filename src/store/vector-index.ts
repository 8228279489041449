// An exact in-process nearest-neighbour index over unit-normalised vectors in one contiguous Float32Array, used
// where the database has no vector search (SQLite, PostgreSQL without pgvector). Exact search is a dot product per row;
// at catalog sizes (≤ 10⁶ × 512) it is memory-bound and answers in milliseconds.

import { InvalidInputError } from '../core/errors.ts';
import type { SearchHit, VectorEntry } from './store.ts';

export class FlatVectorIndex {
  readonly dimension: number;
  readonly ids: readonly string[];
  /** Row-major, each row scaled to unit length (zero rows stay zero). */
  readonly matrix: Float32Array;

  constructor(dimension: number, entries: readonly VectorEntry[]) {
    this.dimension = dimension;
    this.ids = entries.map((entry) => entry.id);
    this.matrix = new Float32Array(entries.length * dimension);
    entries.forEach((entry, row) => {
      const norm = vectorNorm(entry.vector);
      const scale = norm > 0 ? 1 / norm : 0;
      const offset = row * dimension;
      for (let d = 0; d < dimension; d++) this.matrix[offset + d] = entry.vector[d] * scale;
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /** The `k` rows with the highest cosine similarity to `query`, best first (ties by insertion order). */
  nearest(query: Float32Array, k: number, exclude?: ReadonlySet<string>): SearchHit[] {
    checkDimension(query, this.dimension, 'vector');
    const norm = vectorNorm(query);
    if (norm === 0 || k <= 0) return [];
    const { matrix, dimension, ids } = this;
    // A bounded min-heap of (score, row) keeps the best k without sorting every row.
    const heapScores = new Float32Array(k);
    const heapRows = new Int32Array(k);
    let heapSize = 0;
    for (let row = 0; row < ids.length; row++) {
      let dot = 0;
      const offset = row * dimension;
      for (let d = 0; d < dimension; d++) dot += matrix[offset + d] * query[d];
      const score = dot / norm;
      if (heapSize === k && score <= heapScores[0]) continue;
      if (exclude?.has(ids[row])) continue;
      if (heapSize < k) {
        heapScores[heapSize] = score;
        heapRows[heapSize] = row;
        siftUp(heapScores, heapRows, heapSize++);
      } else {
        heapScores[0] = score;
        heapRows[0] = row;
        siftDown(heapScores, heapRows, heapSize);
      }
    }
    const hits: Array<SearchHit & { row: number }> = [];
    for (let h = 0; h < heapSize; h++) hits.push({ id: ids[heapRows[h]], score: heapScores[h], row: heapRows[h] });
    hits.sort((a, b) => b.score - a.score || a.row - b.row);
    return hits.map(({ id, score }) => ({ id, score }));
  }
}

export function vectorNorm(vector: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < vector.length; d++) sum += vector[d] * vector[d];
  return Math.sqrt(sum);
}

/** Rejects a vector of the wrong length or with non-finite values, naming `field`. */
export function checkDimension(vector: Float32Array, dimension: number, field: string): void {
  if (!(vector instanceof Float32Array)) {
    throw new InvalidInputError(`${field} must be a Float32Array`, { context: { field } });
  }
  if (vector.length !== dimension) {
    throw new InvalidInputError(`${field} has ${vector.length} dimensions, the namespace has ${dimension}`, {
      context: { field },
    });
  }
  for (let d = 0; d < vector.length; d++) {
    if (!Number.isFinite(vector[d])) {
      throw new InvalidInputError(`${field}[${d}] is not a finite number`, { context: { field } });
    }
  }
}

/** Checks a batch for `put`: one dimension across the batch and the namespace (when it has one). */
export function checkEntries(entries: readonly VectorEntry[], namespaceDimension: number | null): number {
  const dimension = namespaceDimension ?? entries[0]?.vector.length ?? 0;
  entries.forEach((entry, index) => {
    if (typeof entry.id !== 'string' || entry.id === '') {
      throw new InvalidInputError(`entries[${index}].id must be a non-empty string`, {
        context: { field: `entries[${index}].id` },
      });
    }
    checkDimension(entry.vector, dimension, `entries[${index}].vector`);
  });
  if (dimension === 0) throw new InvalidInputError('vectors must have at least one dimension', { context: {} });
  return dimension;
}

/** The bytes of a Float32Array (little-endian, as stored in BLOB/bytea columns). */
export function vectorBytes(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength));
}

export function bytesVector(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

function siftUp(scores: Float32Array, rows: Int32Array, index: number): void {
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (scores[parent] <= scores[index]) return;
    swap(scores, rows, parent, index);
    index = parent;
  }
}

function siftDown(scores: Float32Array, rows: Int32Array, size: number): void {
  let index = 0;
  for (;;) {
    const left = index * 2 + 1;
    const right = left + 1;
    let smallest = index;
    if (left < size && scores[left] < scores[smallest]) smallest = left;
    if (right < size && scores[right] < scores[smallest]) smallest = right;
    if (smallest === index) return;
    swap(scores, rows, smallest, index);
    index = smallest;
  }
}

function swap(scores: Float32Array, rows: Int32Array, a: number, b: number): void {
  const score = scores[a];
  scores[a] = scores[b];
  scores[b] = score;
  const row = rows[a];
  rows[a] = rows[b];
  rows[b] = row;
}

/** In-process indexes per namespace, rebuilt from the store when the namespace's revision has moved. */
export class VectorIndexCache {
  readonly #indexes = new Map<string, { revision: number; index: FlatVectorIndex }>();

  async index(options: {
    namespace: string;
    revision: number;
    dimension: number;
    /** Reads every vector of the namespace (called only when the cached index is stale). */
    load: () => Promise<VectorEntry[]> | VectorEntry[];
  }): Promise<FlatVectorIndex> {
    const cached = this.#indexes.get(options.namespace);
    if (cached && cached.revision === options.revision) return cached.index;
    const index = new FlatVectorIndex(options.dimension, await options.load());
    this.#indexes.set(options.namespace, { revision: options.revision, index });
    return index;
  }

  forget(namespace: string): void {
    this.#indexes.delete(namespace);
  }
}

/** The entries of `ids` found in `byId`, in the order of `ids`. */
export function inIdOrder<T>(ids: readonly string[], byId: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const id of ids) {
    const found = byId.get(id);
    if (found !== undefined) out.push(found);
  }
  return out;
}

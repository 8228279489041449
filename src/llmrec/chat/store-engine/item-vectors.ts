// Item vectors for the semantic half of hybrid search and for "similar to": one row per item in one Float32Array,
// searched by a brute-force dot product (a few milliseconds for tens of thousands of items), persisted as a blob
// per embedder and catalog fingerprint so that a slow encoder embeds the catalog once.

import { createHash } from 'node:crypto';
import type { Progress } from '../../../core/progress.ts';
import type { Item } from '../../../core/types.ts';
import type { Embedder } from '../../../llm/spec.ts';
import type { BlobRepository } from '../../../store/store.ts';

/** The text of an item that its vector encodes: names and kinds in both languages, not the whole description. */
export function itemVectorText(item: Item): string {
  const parts = [item.title, item.categories.join(' / '), item.tags.join(', ')];
  const text = item.text ?? {};
  for (const key of ['title_zh', 'category_zh']) if (text[key]) parts.push(text[key]);
  return parts.filter(Boolean).join('. ');
}

/** Identifies a catalog's texts: the stored vectors are reused only while it is unchanged. */
export function catalogFingerprint(items: readonly Item[]): string {
  const hash = createHash('sha256');
  for (const item of items) hash.update(`${item.id}\u0000${itemVectorText(item)}\u0001`);
  return hash.digest('hex').slice(0, 24);
}

export class ItemVectors {
  readonly embedderName: string;
  readonly dimension: number;
  readonly ids: readonly string[];
  readonly #rows: Float32Array;
  readonly #row = new Map<string, number>();

  constructor(options: { embedderName: string; dimension: number; ids: readonly string[]; rows: Float32Array }) {
    this.embedderName = options.embedderName;
    this.dimension = options.dimension;
    this.ids = options.ids;
    this.#rows = options.rows;
    for (const [row, id] of options.ids.entries()) this.#row.set(id, row);
  }

  /** Embeds every item in batches. */
  static async build(items: readonly Item[], embedder: Embedder, progress?: Progress): Promise<ItemVectors> {
    const rows = new Float32Array(items.length * embedder.dimension);
    progress?.start(`embedding ${items.length} items (${embedder.name})`, items.length);
    const batch = 64;
    for (let start = 0; start < items.length; start += batch) {
      const slice = items.slice(start, start + batch);
      const vectors = await embedder.embed(slice.map(itemVectorText));
      for (const [k, vector] of vectors.entries()) rows.set(vector, (start + k) * embedder.dimension);
      progress?.tick(slice.length);
    }
    progress?.done();
    return new ItemVectors({
      embedderName: embedder.name,
      dimension: embedder.dimension,
      ids: items.map((item) => item.id),
      rows,
    });
  }

  has(id: string): boolean {
    return this.#row.has(id);
  }

  vector(id: string): Float32Array | null {
    const row = this.#row.get(id);
    return row === undefined ? null : this.#rows.subarray(row * this.dimension, (row + 1) * this.dimension);
  }

  /** The `limit` items closest to `query` among those `accept` lets through, best first. */
  nearest(
    query: Float32Array,
    options: { limit: number; accept?: (id: string) => boolean },
  ): Array<{ id: string; score: number }> {
    const dimension = this.dimension;
    const rows = this.#rows;
    const hits: Array<{ id: string; score: number }> = [];
    let floor = Number.NEGATIVE_INFINITY;
    for (let row = 0; row < this.ids.length; row++) {
      const id = this.ids[row];
      if (options.accept && !options.accept(id)) continue;
      let score = 0;
      const offset = row * dimension;
      for (let d = 0; d < dimension; d++) score += rows[offset + d] * query[d];
      if (hits.length >= options.limit && score <= floor) continue;
      hits.push({ id, score });
      if (hits.length > options.limit * 4) {
        hits.sort((a, b) => b.score - a.score);
        hits.length = options.limit;
        floor = hits[hits.length - 1].score;
      }
    }
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, options.limit);
  }

  /** The blob layout: a 4-byte header length, the JSON header, padding to 4 bytes, then the rows. */
  encode(fingerprint: string): Uint8Array {
    const header = Buffer.from(
      JSON.stringify({ embedder: this.embedderName, dimension: this.dimension, fingerprint, ids: this.ids }),
    );
    const offset = 4 + header.length + ((4 - ((4 + header.length) % 4)) % 4);
    const out = new Uint8Array(offset + this.#rows.byteLength);
    new DataView(out.buffer).setUint32(0, header.length, true);
    out.set(header, 4);
    out.set(new Uint8Array(this.#rows.buffer, this.#rows.byteOffset, this.#rows.byteLength), offset);
    return out;
  }

  static decode(data: Uint8Array): { vectors: ItemVectors; fingerprint: string } {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const length = view.getUint32(0, true);
    const header = JSON.parse(Buffer.from(data.subarray(4, 4 + length)).toString('utf8')) as {
      embedder: string;
      dimension: number;
      fingerprint: string;
      ids: string[];
    };
    const offset = 4 + length + ((4 - ((4 + length) % 4)) % 4);
    const rows = new Float32Array(header.ids.length * header.dimension);
    new Uint8Array(rows.buffer).set(data.subarray(offset, offset + rows.byteLength));
    return {
      vectors: new ItemVectors({ embedderName: header.embedder, dimension: header.dimension, ids: header.ids, rows }),
      fingerprint: header.fingerprint,
    };
  }
}

export function vectorBlobName(embedderName: string): string {
  return `chat-item-vectors:${embedderName}`;
}

/** Stored vectors for this embedder and catalog, or null when there are none or the catalog has changed. */
export async function loadItemVectors(
  blobs: BlobRepository,
  options: { embedderName: string; fingerprint: string },
): Promise<ItemVectors | null> {
  const stored = await blobs.get(vectorBlobName(options.embedderName));
  if (!stored) return null;
  const decoded = ItemVectors.decode(stored.data);
  return decoded.fingerprint === options.fingerprint ? decoded.vectors : null;
}

export async function saveItemVectors(blobs: BlobRepository, vectors: ItemVectors, fingerprint: string): Promise<void> {
  await blobs.put(vectorBlobName(vectors.embedderName), vectors.encode(fingerprint), {
    embedder: vectors.embedderName,
    dimension: vectors.dimension,
    items: vectors.ids.length,
    fingerprint,
  });
}

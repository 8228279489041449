// Persists embeddings per text hash, so a text is embedded once per embedder across runs and processes.

import { createHash } from 'node:crypto';
import type { KeyValuePort } from '../ports.ts';
import type { Embedder } from '../spec.ts';

export const embeddingCacheNamespace = 'llm-embeddings';

export class CachedEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;
  readonly #inner: Embedder;
  readonly #store: KeyValuePort;
  /** Texts embedded by the inner embedder (cache misses) since creation. */
  misses = 0;
  hits = 0;

  constructor(inner: Embedder, store: KeyValuePort) {
    this.#inner = inner;
    this.#store = store;
    this.name = inner.name;
    this.dimension = inner.dimension;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const keys = texts.map((text) => `${this.name}:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`);
    const stored = await Promise.all(keys.map((key) => this.#store.get<string>(embeddingCacheNamespace, key)));
    const out: Array<Float32Array | null> = stored.map((value) => (value ? decode(value, this.dimension) : null));
    const missing = out.flatMap((vector, k) => (vector ? [] : [k]));
    this.hits += texts.length - missing.length;
    if (missing.length > 0) {
      // Duplicates within one call are embedded once.
      const unique = [...new Set(missing.map((k) => texts[k]))];
      const vectors = await this.#inner.embed(unique);
      const byText = new Map(unique.map((text, j) => [text, vectors[j]]));
      this.misses += unique.length;
      await Promise.all(
        missing.map((k) => {
          out[k] = byText.get(texts[k])!;
          return this.#store.set(embeddingCacheNamespace, keys[k], encode(out[k]!));
        }),
      );
    }
    return out as Float32Array[];
  }
}

function encode(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

function decode(text: string, dimension: number): Float32Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== dimension * 4) return null;
  const vector = new Float32Array(dimension);
  new Uint8Array(vector.buffer).set(bytes);
  return vector;
}

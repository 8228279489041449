// Character n-gram embedder for Chinese and other text the English sentence encoder cannot read. Features are
// hashed into a fixed dimension with a sign bit (feature hashing, Weinberger et al. 2009), weighted by sublinear
// TF and, once fitted on a corpus, IDF; vectors have unit length. Deterministic, offline, no weights to load.

import { cjkGrams, isCjk, words } from '../../core/text.ts';
import type { Embedder } from '../spec.ts';

/** Weights per feature kind: CJK bigrams carry most meaning, single characters and trigrams less. */
const weights = { cjkUnigram: 0.5, cjkBigram: 1, word: 1, trigram: 0.5 };

export interface NgramEmbedderOptions {
  /** Vector length (hash buckets); default 512. */
  dimension?: number;
  /** Inverse document frequency per bucket, from `NgramEmbedder.fit`; plain TF when absent. */
  idf?: Float32Array;
}

export class NgramEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;
  readonly #idf: Float32Array | null;

  constructor(options: NgramEmbedderOptions = {}) {
    this.dimension = options.dimension ?? 512;
    if (options.idf && options.idf.length !== this.dimension)
      throw new RangeError(`idf has ${options.idf.length} values, the dimension is ${this.dimension}`);
    this.#idf = options.idf ?? null;
    this.name = this.#idf ? `ngram-${this.dimension}-tfidf-${fingerprint(this.#idf)}` : `ngram-${this.dimension}`;
  }

  /** An embedder whose IDF weights come from `corpus` (smoothed: log((1 + n) / (1 + df)) + 1). */
  static fit(corpus: readonly string[], options: { dimension?: number } = {}): NgramEmbedder {
    const dimension = options.dimension ?? 512;
    const documentFrequency = new Float64Array(dimension);
    for (const text of corpus) {
      const seen = new Set<number>();
      for (const [feature] of features(text)) seen.add(bucketOf(feature, dimension).index);
      for (const index of seen) documentFrequency[index]++;
    }
    const idf = new Float32Array(dimension);
    for (let k = 0; k < dimension; k++) idf[k] = Math.log((1 + corpus.length) / (1 + documentFrequency[k])) + 1;
    return new NgramEmbedder({ dimension, idf });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    const counts = new Map<string, number>();
    for (const [feature, weight] of features(text)) counts.set(feature, (counts.get(feature) ?? 0) + weight);
    const vector = new Float32Array(this.dimension);
    for (const [feature, count] of counts) {
      const { index, sign } = bucketOf(feature, this.dimension);
      const tf = count <= 1 ? count : 1 + Math.log(count);
      vector[index] += sign * tf * (this.#idf ? this.#idf[index] : 1);
    }
    return normalise(vector);
  }

  /** The IDF table, to persist a fitted embedder (null when unfitted). */
  idf(): Float32Array | null {
    return this.#idf ? new Float32Array(this.#idf) : null;
  }
}

/** Weighted features of a text: CJK unigrams and bigrams, other words whole and as boundary-marked trigrams. */
export function* features(text: string): Generator<[string, number]> {
  for (const gram of cjkGrams(text, 1)) yield [`u:${gram}`, weights.cjkUnigram];
  for (const gram of cjkGrams(text, 2)) yield [`b:${gram}`, weights.cjkBigram];
  for (const word of words(text)) {
    if (isCjk(word)) continue;
    yield [`w:${word}`, weights.word];
    const marked = `<${word}>`;
    for (let k = 0; k + 3 <= marked.length; k++) yield [`t:${marked.slice(k, k + 3)}`, weights.trigram];
  }
}

function bucketOf(feature: string, dimension: number): { index: number; sign: number } {
  const hash = fnv1a(feature);
  return { index: (hash >>> 1) % dimension, sign: hash & 1 ? -1 : 1 };
}

/** FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function fingerprint(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) return vector;
  const scale = 1 / Math.sqrt(norm);
  for (let k = 0; k < vector.length; k++) vector[k] *= scale;
  return vector;
}

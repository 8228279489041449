// Content-based: items are their text embeddings (side.itemEmbeddings, e.g. from the embedded sentence encoder or
// the character n-gram embedder), a user is the weighted mean of their items' unit vectors, and the score is the
// cosine between the two. Works for items no one has interacted with yet (cold start).

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { valueWeight } from './ials.ts';
import { selectTopK } from './kernels/top-k.ts';
import { paddedStride, WasmArena } from './kernels/wasm-arena.ts';
import { resolveParams } from './params.ts';
import type { FitOptions, ModelSnapshot, Recommender, ScoredItems, UserRef } from './recommender.ts';
import { checkCount, checkItem, ScoringModel } from './scoring-model.ts';
import { historiesFromArrays, historyArrays, UserHistories } from './user-history.ts';

export const contentDefaults = { weighting: 'binary' };
export type ContentParams = typeof contentDefaults;
const choices = { weighting: ['binary', 'value', 'log'] };

export class ContentModel extends ScoringModel {
  readonly name = 'content';
  readonly histories: UserHistories;
  readonly dimension: number;
  readonly stride: number;
  readonly arena: WasmArena;
  /** Unit-length item vectors (rows of zeros for items without text), itemCount × stride. */
  readonly vectors: Float32Array;
  readonly #profile: Float32Array;
  readonly #scores: Float32Array;

  constructor(options: {
    params: Readonly<Record<string, unknown>>;
    histories: UserHistories;
    dimension: number;
    /** Row-major itemCount × dimension. */
    vectors: Float32Array;
    /** The vectors are already unit length (a restored snapshot): copy them bit for bit. */
    normalized?: boolean;
  }) {
    const { histories, dimension } = options;
    super({ params: options.params, userCount: histories.userCount, itemCount: histories.itemCount });
    this.histories = histories;
    this.dimension = dimension;
    this.stride = paddedStride(dimension);
    this.arena = WasmArena.create(((histories.itemCount + 1) * this.stride + histories.itemCount) * 4 + 4096);
    this.vectors = this.arena.float32(histories.itemCount * this.stride);
    this.#profile = this.arena.float32(this.stride);
    this.#scores = this.arena.float32(histories.itemCount);
    for (let item = 0; item < histories.itemCount; item++) {
      const source = options.vectors.subarray(item * dimension, (item + 1) * dimension);
      let norm = 0;
      for (const value of source) norm += value * value;
      if (norm === 0) continue;
      const scale = options.normalized ? 1 : 1 / Math.sqrt(norm);
      for (let d = 0; d < dimension; d++) this.vectors[item * this.stride + d] = source[d] * scale;
    }
  }

  protected override scratchScores(): Float32Array {
    return this.#scores;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    const { items, weights } = this.histories.of(user);
    this.#profile.fill(0);
    const bytes = this.stride * 4;
    const { kernels } = this.arena;
    for (let position = 0; position < items.length; position++) {
      kernels.axpy(
        this.#profile.byteOffset,
        this.vectors.byteOffset + items[position] * bytes,
        weights[position],
        bytes,
      );
    }
    this.#cosines(out);
  }

  /** Cosine of every item with the profile vector (a zero profile scores 0 everywhere). */
  #cosines(out: Float32Array): void {
    const bytes = this.stride * 4;
    const { kernels } = this.arena;
    const norm = Math.sqrt(kernels.dot(this.#profile.byteOffset, this.#profile.byteOffset, bytes));
    if (norm > 0) for (let d = 0; d < this.stride; d++) this.#profile[d] /= norm;
    kernels.matrixVector(
      this.vectors.byteOffset,
      this.itemCount,
      bytes,
      this.#profile.byteOffset,
      this.#scores.byteOffset,
      bytes,
    );
    if (out !== this.#scores) out.set(this.#scores);
  }

  similarItems(item: number, k: number): ScoredItems {
    checkItem(item, this.itemCount);
    checkCount(k);
    this.#profile.set(this.vectors.subarray(item * this.stride, (item + 1) * this.stride));
    this.#cosines(this.#scores);
    return selectTopK(this.#scores, k, { exclude: Int32Array.of(item) });
  }

  snapshot(): ModelSnapshot {
    const vectors = new Float32Array(this.itemCount * this.dimension);
    for (let item = 0; item < this.itemCount; item++) {
      vectors.set(
        this.vectors.subarray(item * this.stride, item * this.stride + this.dimension),
        item * this.dimension,
      );
    }
    return {
      name: this.name,
      params: { ...this.params },
      meta: { itemCount: this.itemCount, dimension: this.dimension },
      arrays: { ...historyArrays(this.histories), vectors },
    };
  }
}

async function fit(dataset: Dataset, given: Partial<ContentParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'content', defaults: contentDefaults, given, choices });
  const embeddings = options.side?.itemEmbeddings;
  if (!embeddings) {
    throw new InvalidInputError('content: needs side.itemEmbeddings (item text embeddings) at fit time', {
      context: { field: 'side.itemEmbeddings' },
    });
  }
  if (embeddings.vectors.length !== dataset.itemCount * embeddings.dimension) {
    throw new InvalidInputError(
      `content: side.itemEmbeddings holds ${embeddings.vectors.length} floats, expected ${dataset.itemCount} items × ${embeddings.dimension}`,
      { context: { field: 'side.itemEmbeddings' } },
    );
  }
  return new ContentModel({
    params,
    histories: UserHistories.fromDataset(dataset, valueWeight(params.weighting)),
    dimension: embeddings.dimension,
    vectors: embeddings.vectors,
  });
}

export const content: Recommender<ContentParams> = {
  name: 'content',
  defaults: contentDefaults,
  choices,
  fit,
  load: (snapshot) =>
    new ContentModel({
      params: snapshot.params,
      histories: historiesFromArrays(snapshot.arrays, snapshot.meta.itemCount as number),
      dimension: snapshot.meta.dimension as number,
      vectors: snapshot.arrays.vectors as Float32Array,
      normalized: true,
    }),
};

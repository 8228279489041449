// A latent-factor model (iALS, BPR): score = x_u · y_i, computed for all items at once by the SIMD
// matrix-vector kernel. Anonymous histories are folded in by one exact ALS solve against the item factors.

import { choleskySolve } from './kernels/dense.ts';
import { selectTopK } from './kernels/top-k.ts';
import { paddedStride, WasmArena } from './kernels/wasm-arena.ts';
import type { ModelSnapshot, ScoredItems, UserRef } from './recommender.ts';
import { checkCount, checkItem, ScoringModel } from './scoring-model.ts';
import { checkUser, historyOf } from './user-history.ts';

/** How an anonymous history becomes a user vector: min Σ_i c_i (1 − x·y_i)² + w₀ Σ_j (x·y_j)² + λ|x|². */
export interface FoldIn {
  regularization: number;
  /** c_i = 1 + alpha · weight_i. */
  alpha: number;
  /** w₀, the weight of unobserved items (1 for iALS). */
  unobservedWeight: number;
}

export interface FactorModelOptions {
  name: string;
  params: Readonly<Record<string, unknown>>;
  factors: number;
  userCount: number;
  itemCount: number;
  /** users × factors, row-major (unpadded). */
  userFactors: Float32Array;
  /** items × factors, row-major (unpadded). */
  itemFactors: Float32Array;
  foldIn: FoldIn;
}

export class FactorModel extends ScoringModel {
  readonly name: string;
  readonly factors: number;
  readonly stride: number;
  readonly foldIn: FoldIn;
  readonly arena: WasmArena;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly #vector: Float32Array;
  readonly #scores: Float32Array;
  #gram: Float64Array | null = null;
  #norms: Float32Array | null = null;

  constructor(options: FactorModelOptions) {
    super(options);
    this.name = options.name;
    this.factors = options.factors;
    this.foldIn = options.foldIn;
    const stride = paddedStride(options.factors);
    this.stride = stride;
    const floats = (options.userCount + options.itemCount + 1) * stride + options.itemCount;
    this.arena = WasmArena.create(floats * 4 + 4096);
    this.userFactors = this.arena.float32(options.userCount * stride);
    this.itemFactors = this.arena.float32(options.itemCount * stride);
    this.#vector = this.arena.float32(stride);
    this.#scores = this.arena.float32(options.itemCount);
    copyPadded(options.userFactors, this.userFactors, options.factors, stride);
    copyPadded(options.itemFactors, this.itemFactors, options.factors, stride);
  }

  /** The user's factor vector (a training user's row, or a fold-in of the history), in padded form. */
  userVector(user: UserRef): Float32Array {
    if (typeof user === 'number') {
      checkUser(user, this.userCount);
      return this.userFactors.subarray(user * this.stride, (user + 1) * this.stride);
    }
    return this.#foldIn(user);
  }

  protected override scratchScores(): Float32Array {
    return this.#scores;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    const vector = this.userVector(user);
    if (vector !== this.#vector) this.#vector.set(vector);
    const bytes = this.stride * 4;
    this.arena.kernels.matrixVector(
      this.itemFactors.byteOffset,
      this.itemCount,
      bytes,
      this.#vector.byteOffset,
      this.#scores.byteOffset,
      bytes,
    );
    if (out !== this.#scores) out.set(this.#scores);
  }

  override score(user: UserRef, items: Int32Array): Float32Array {
    for (const item of items) checkItem(item, this.itemCount);
    this.#vector.set(this.userVector(user));
    const bytes = this.stride * 4;
    const { kernels } = this.arena;
    return Float32Array.from(items, (item) =>
      kernels.dot(this.itemFactors.byteOffset + item * bytes, this.#vector.byteOffset, bytes),
    );
  }

  /** Items whose factor vectors have the highest cosine with `item`'s (the item itself excluded). */
  similarItems(item: number, k: number): ScoredItems {
    checkItem(item, this.itemCount);
    checkCount(k);
    const norms = this.#itemNorms();
    const bytes = this.stride * 4;
    this.#vector.set(this.itemFactors.subarray(item * this.stride, (item + 1) * this.stride));
    const scores = this.#scores;
    this.arena.kernels.matrixVector(
      this.itemFactors.byteOffset,
      this.itemCount,
      bytes,
      this.#vector.byteOffset,
      scores.byteOffset,
      bytes,
    );
    const own = norms[item] || 1;
    for (let other = 0; other < this.itemCount; other++) {
      scores[other] = norms[other] > 0 ? scores[other] / (norms[other] * own) : 0;
    }
    return selectTopK(scores, k, { exclude: Int32Array.of(item) });
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: { factors: this.factors, userCount: this.userCount, itemCount: this.itemCount, foldIn: this.foldIn },
      arrays: {
        userFactors: unpad(this.userFactors, this.factors, this.stride),
        itemFactors: unpad(this.itemFactors, this.factors, this.stride),
      },
    };
  }

  /** Restores a model saved by `snapshot`. */
  static fromSnapshot(snapshot: ModelSnapshot): FactorModel {
    const meta = snapshot.meta as { factors: number; userCount: number; itemCount: number; foldIn: FoldIn };
    return new FactorModel({
      name: snapshot.name,
      params: snapshot.params,
      factors: meta.factors,
      userCount: meta.userCount,
      itemCount: meta.itemCount,
      userFactors: snapshot.arrays.userFactors as Float32Array,
      itemFactors: snapshot.arrays.itemFactors as Float32Array,
      foldIn: meta.foldIn,
    });
  }

  #itemNorms(): Float32Array {
    if (this.#norms) return this.#norms;
    const norms = new Float32Array(this.itemCount);
    const bytes = this.stride * 4;
    for (let item = 0; item < this.itemCount; item++) {
      const offset = this.itemFactors.byteOffset + item * bytes;
      norms[item] = Math.sqrt(this.arena.kernels.dot(offset, offset, bytes));
    }
    this.#norms = norms;
    return norms;
  }

  /** One exact ALS solve of the history against the item factors (as implicit's recalculate_user). */
  #foldIn(user: Exclude<UserRef, number>): Float32Array {
    const { items, weights } = historyOf(user, this.itemCount);
    const { stride, foldIn } = this;
    const gram = this.#itemGram();
    const a = new Float64Array(stride * stride);
    for (let index = 0; index < a.length; index++) a[index] = foldIn.unobservedWeight * gram[index];
    for (let d = 0; d < stride; d++) a[d * stride + d] += foldIn.regularization;
    const b = new Float64Array(stride);
    const y = this.itemFactors;
    for (let position = 0; position < items.length; position++) {
      const row = items[position] * stride;
      const extra = foldIn.alpha * weights[position];
      for (let i = 0; i < stride; i++) {
        const yi = y[row + i];
        b[i] += (1 + extra) * yi;
        const scaled = (extra + 1 - foldIn.unobservedWeight) * yi;
        for (let j = 0; j <= i; j++) a[i * stride + j] += scaled * y[row + j];
      }
    }
    for (let i = 0; i < stride; i++) for (let j = i + 1; j < stride; j++) a[i * stride + j] = a[j * stride + i];
    if (!choleskySolve(a, b, stride)) b.fill(0);
    this.#vector.set(b);
    return this.#vector;
  }

  /** YᵀY, computed once. */
  #itemGram(): Float64Array {
    if (this.#gram) return this.#gram;
    const { stride } = this;
    const gram = new Float64Array(stride * stride);
    const y = this.itemFactors;
    for (let item = 0; item < this.itemCount; item++) {
      const row = item * stride;
      for (let i = 0; i < stride; i++) {
        const yi = y[row + i];
        if (yi === 0) continue;
        for (let j = 0; j <= i; j++) gram[i * stride + j] += yi * y[row + j];
      }
    }
    for (let i = 0; i < stride; i++) for (let j = i + 1; j < stride; j++) gram[i * stride + j] = gram[j * stride + i];
    this.#gram = gram;
    return gram;
  }
}

function copyPadded(source: Float32Array, target: Float32Array, dimension: number, stride: number): void {
  if (dimension === stride) {
    target.set(source);
    return;
  }
  const rows = source.length / dimension;
  for (let row = 0; row < rows; row++)
    target.set(source.subarray(row * dimension, (row + 1) * dimension), row * stride);
}

function unpad(source: Float32Array, dimension: number, stride: number): Float32Array {
  const rows = source.length / stride;
  const out = new Float32Array(rows * dimension);
  for (let row = 0; row < rows; row++)
    out.set(source.subarray(row * stride, row * stride + dimension), row * dimension);
  return out;
}

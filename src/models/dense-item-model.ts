// A model scoring by a dense item × item matrix B: score(u, ·) = Σ_i w_ui · B[i][·] (EASE). Rows live in a
// WasmArena so each history item costs one SIMD axpy over the catalog.

import { selectTopK } from './kernels/top-k.ts';
import { paddedStride, WasmArena } from './kernels/wasm-arena.ts';
import type { ModelSnapshot, ScoredItems, UserRef } from './recommender.ts';
import { checkCount, checkItem, ScoringModel } from './scoring-model.ts';
import { historiesFromArrays, historyArrays, type UserHistories } from './user-history.ts';

export class DenseItemModel extends ScoringModel {
  readonly name: string;
  readonly histories: UserHistories;
  readonly stride: number;
  readonly arena: WasmArena;
  /** itemCount rows of `stride` floats. */
  readonly matrix: Float32Array;
  readonly #scores: Float32Array;

  /** `matrix` is itemCount × stride (stride = paddedStride(itemCount)); it is copied into a new arena. */
  constructor(options: {
    name: string;
    params: Readonly<Record<string, unknown>>;
    histories: UserHistories;
    matrix: Float32Array;
  }) {
    const itemCount = options.histories.itemCount;
    super({ params: options.params, userCount: options.histories.userCount, itemCount });
    this.name = options.name;
    this.histories = options.histories;
    this.stride = paddedStride(itemCount);
    this.arena = WasmArena.create((itemCount + 1) * this.stride * 4 + 4096);
    this.matrix = this.arena.float32(itemCount * this.stride);
    this.matrix.set(options.matrix);
    this.#scores = this.arena.float32(this.stride);
  }

  protected override scratchScores(): Float32Array {
    return this.#scores.subarray(0, this.itemCount);
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    const { items, weights } = this.histories.of(user);
    this.#scores.fill(0);
    const bytes = this.stride * 4;
    for (let position = 0; position < items.length; position++) {
      this.arena.kernels.axpy(
        this.#scores.byteOffset,
        this.matrix.byteOffset + items[position] * bytes,
        weights[position],
        bytes,
      );
    }
    if (out.buffer !== this.#scores.buffer || out.byteOffset !== this.#scores.byteOffset) {
      out.set(this.#scores.subarray(0, this.itemCount));
    }
  }

  /** The items with the largest weights in `item`'s row of B. */
  similarItems(item: number, k: number): ScoredItems {
    checkItem(item, this.itemCount);
    checkCount(k);
    const row = this.matrix.subarray(item * this.stride, item * this.stride + this.itemCount);
    return selectTopK(row, k, { exclude: Int32Array.of(item) });
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: { itemCount: this.itemCount },
      arrays: { matrix: this.matrix.slice(), ...historyArrays(this.histories) },
    };
  }

  static fromSnapshot(snapshot: ModelSnapshot): DenseItemModel {
    return new DenseItemModel({
      name: snapshot.name,
      params: snapshot.params,
      histories: historiesFromArrays(snapshot.arrays, snapshot.meta.itemCount as number),
      matrix: snapshot.arrays.matrix as Float32Array,
    });
  }
}

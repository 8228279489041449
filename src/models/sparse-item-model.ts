// A model scoring through a sparse item × item matrix (ItemKNN, RP3beta, association rules):
// score(u, j) = Σ_{i ∈ history(u)} w_ui · W[i][j]. Rows of `neighbours` either list each item's targets ('from',
// W itself) or each target's source items ('to', W transposed, as when neighbours are pruned per target item).

import { type SparseRows, transpose } from '../core/dataset.ts';
import type { ModelSnapshot, ScoredItems, UserRef } from './recommender.ts';
import { checkCount, checkItem, ScoringModel } from './scoring-model.ts';
import { historiesFromArrays, historyArrays, type UserHistories } from './user-history.ts';

export type Orientation = 'from' | 'to';

export class SparseItemModel extends ScoringModel {
  readonly name: string;
  readonly histories: UserHistories;
  /** Row i: the items most related to i, best first. */
  readonly neighbours: SparseRows;
  readonly orientation: Orientation;
  readonly #scoring: SparseRows;

  constructor(options: {
    name: string;
    params: Readonly<Record<string, unknown>>;
    histories: UserHistories;
    neighbours: SparseRows;
    orientation: Orientation;
  }) {
    super({ params: options.params, userCount: options.histories.userCount, itemCount: options.histories.itemCount });
    this.name = options.name;
    this.histories = options.histories;
    this.neighbours = options.neighbours;
    this.orientation = options.orientation;
    this.#scoring = options.orientation === 'from' ? options.neighbours : transpose(options.neighbours, this.itemCount);
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    const { items, weights } = this.histories.of(user);
    out.fill(0);
    const { indptr, indices, values } = this.#scoring;
    for (let position = 0; position < items.length; position++) {
      const item = items[position];
      const weight = weights[position];
      for (let p = indptr[item]; p < indptr[item + 1]; p++) out[indices[p]] += weight * values[p];
    }
  }

  similarItems(item: number, k: number): ScoredItems {
    checkItem(item, this.itemCount);
    checkCount(k);
    const { indptr, indices, values } = this.neighbours;
    const end = Math.min(indptr[item + 1], indptr[item] + k);
    return { items: indices.slice(indptr[item], end), scores: values.slice(indptr[item], end) };
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: { itemCount: this.itemCount, orientation: this.orientation },
      arrays: { ...historyArrays(this.histories), ...neighbourArrays(this.neighbours) },
    };
  }

  static fromSnapshot(snapshot: ModelSnapshot): SparseItemModel {
    const arrays = snapshot.arrays;
    return new SparseItemModel({
      name: snapshot.name,
      params: snapshot.params,
      histories: historiesFromArrays(arrays, snapshot.meta.itemCount as number),
      neighbours: neighboursFromArrays(arrays),
      orientation: snapshot.meta.orientation as Orientation,
    });
  }
}

/** Neighbour lists as snapshot arrays. */
export function neighbourArrays(rows: SparseRows): Record<string, Int32Array | Float32Array> {
  return { neighbourIndptr: rows.indptr, neighbourIndices: rows.indices, neighbourValues: rows.values };
}

/** Neighbour lists restored from snapshot arrays written by `neighbourArrays`. */
export function neighboursFromArrays(arrays: Record<string, unknown>): SparseRows {
  return {
    indptr: arrays.neighbourIndptr as Int32Array,
    indices: arrays.neighbourIndices as Int32Array,
    values: arrays.neighbourValues as Float32Array,
  };
}

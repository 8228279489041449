// UserKNN: user-user neighbourhood CF (Herlocker et al. 1999): score(u, j) = Σ_{v ∈ N_k(u)} s(u, v) · w_vj, with the
// similarities, weighting, shrinkage and pruning of ItemKNN. Anonymous histories get their neighbours on the fly.

import type { Dataset, SparseRows } from '../core/dataset.ts';
import { valueWeight } from './ials.ts';
import {
  checkNeighbourhood,
  type NeighbourhoodParams,
  neighbourhoodChoices,
  similarityInput,
  weightedRows,
} from './item-knn.ts';
import { type FeatureWeighting, weightingModel, weightRow } from './kernels/feature-weighting.ts';
import { neighbourLists } from './kernels/similarity-parallel.ts';
import { type SimilarityInput, similarityRows } from './kernels/sparse-similarity.ts';
import type { FitOptions, ModelSnapshot, Recommender, UserRef } from './recommender.ts';
import { ScoringModel } from './scoring-model.ts';
import { neighbourArrays, neighboursFromArrays } from './sparse-item-model.ts';
import { checkUser, historiesFromArrays, historyArrays, historyOf, UserHistories } from './user-history.ts';

export const userKnnDefaults: NeighbourhoodParams = { ...checkNeighbourhood('userknn', {}), neighbours: 50 };

export class UserKnnModel extends ScoringModel {
  readonly name = 'userknn';
  readonly histories: UserHistories;
  /** Row u: u's nearest users, best first. */
  readonly neighbours: SparseRows;
  /** The similarity input with entity 0 reserved for an anonymous history (training users shifted by one). */
  readonly #foldInInput: SimilarityInput;
  readonly #weighting: ReturnType<typeof weightingModel>;

  constructor(options: { params: NeighbourhoodParams; histories: UserHistories; neighbours: SparseRows }) {
    const { histories } = options;
    super({ params: options.params, userCount: histories.userCount, itemCount: histories.itemCount });
    this.histories = histories;
    this.neighbours = options.neighbours;
    const rows = { indptr: histories.indptr, indices: histories.indices, values: histories.values };
    const input = similarityInput({ rows, featureCount: histories.itemCount, params: options.params });
    const statistics = new Float32Array(histories.userCount + 1);
    statistics.set(input.statistics, 1);
    this.#foldInInput = {
      ...input,
      columns: {
        indptr: input.columns.indptr,
        indices: Int32Array.from(input.columns.indices, (other) => other + 1),
        values: input.columns.values,
      },
      statistics,
    };
    this.#weighting = weightingModel(rows, histories.itemCount, options.params.featureWeighting as FeatureWeighting);
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    const neighbours = typeof user === 'number' ? this.#neighboursOf(user) : this.#foldIn(user);
    out.fill(0);
    const { indptr, indices, values } = this.histories;
    for (let n = 0; n < neighbours.items.length; n++) {
      const other = neighbours.items[n];
      const similarity = neighbours.scores[n];
      for (let p = indptr[other]; p < indptr[other + 1]; p++) out[indices[p]] += similarity * values[p];
    }
  }

  #neighboursOf(user: number) {
    checkUser(user, this.userCount);
    const { indptr, indices, values } = this.neighbours;
    return {
      items: indices.subarray(indptr[user], indptr[user + 1]),
      scores: values.subarray(indptr[user], indptr[user + 1]),
    };
  }

  /** Similarities of an anonymous history to every training user, through a one-row similarity pass. */
  #foldIn(user: Exclude<UserRef, number>) {
    const { items, weights } = historyOf(user, this.itemCount);
    const params = this.params as NeighbourhoodParams;
    const binary = params.similarity === 'jaccard';
    const raw = binary ? new Float32Array(items.length).fill(1) : weights;
    const row = {
      indptr: Int32Array.of(0, items.length),
      indices: items,
      values: weightRow(this.#weighting, items, raw),
    };
    const input = this.#foldInInput;
    let own = 0;
    for (const value of row.values) own += binary ? 1 : value * value;
    input.statistics[0] = own;
    const indptr = new Int32Array(this.userCount + 2).fill(items.length);
    indptr[0] = 0;
    const result = similarityRows({ ...input, rows: { ...row, indptr } }, 0, 1);
    return { items: Int32Array.from(result.indices, (other) => other - 1), scores: result.values };
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: { itemCount: this.itemCount },
      arrays: { ...historyArrays(this.histories), ...neighbourArrays(this.neighbours) },
    };
  }
}

async function fit(dataset: Dataset, given: Partial<NeighbourhoodParams> = {}, options: FitOptions = {}) {
  const params = checkNeighbourhood('userknn', { ...userKnnDefaults, ...given });
  const rows = weightedRows(dataset.byUser, params.weighting);
  const neighbours = await neighbourLists(
    similarityInput({ rows, featureCount: dataset.itemCount, params }),
    options.workers,
  );
  const histories = UserHistories.fromDataset(dataset, valueWeight(params.weighting));
  return new UserKnnModel({ params, histories, neighbours });
}

export const userKnn: Recommender<NeighbourhoodParams> = {
  name: 'userknn',
  defaults: userKnnDefaults,
  choices: neighbourhoodChoices,
  fit,
  load: (snapshot) => {
    const arrays = snapshot.arrays;
    return new UserKnnModel({
      params: snapshot.params as NeighbourhoodParams,
      histories: historiesFromArrays(arrays, snapshot.meta.itemCount as number),
      neighbours: neighboursFromArrays(arrays),
    });
  },
};

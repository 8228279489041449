// RP3beta: a three-step random walk user → item → user → item with transition probabilities raised to α and the
// arrival item's popularity divided out as degree^β (Paudel et al. 2017; Christoffel et al. 2015).
// W[i][j] = Σ_u P(i→u)^α P(u→j)^α / deg(j)^β, pruned to the top k per row; score(u, j) = Σ_{i ∈ history} W[i][j].

import { type Dataset, type SparseRows, transpose } from '../core/dataset.ts';
import { valueWeight } from './ials.ts';
import { neighbourLists } from './kernels/similarity-parallel.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, Recommender } from './recommender.ts';
import { SparseItemModel } from './sparse-item-model.ts';
import { UserHistories } from './user-history.ts';

export const rp3betaDefaults = {
  alpha: 1,
  beta: 0.6,
  neighbours: 150,
  weighting: 'binary',
  /** Scale each pruned row of W to sum to one (as Ferrari Dacrema et al.'s implementation does by default). */
  normalize: true,
};

export type Rp3betaParams = typeof rp3betaDefaults;
const choices = { weighting: ['binary', 'value', 'log'] };

/** Rows scaled to sum to one, then raised to α: transition probabilities of the walk. */
function transitions(rows: SparseRows, alpha: number): SparseRows {
  const values = new Float32Array(rows.values.length);
  for (let row = 0; row < rows.indptr.length - 1; row++) {
    let sum = 0;
    for (let p = rows.indptr[row]; p < rows.indptr[row + 1]; p++) sum += rows.values[p];
    for (let p = rows.indptr[row]; p < rows.indptr[row + 1]; p++) values[p] = (rows.values[p] / sum) ** alpha;
  }
  return { indptr: rows.indptr, indices: rows.indices, values };
}

async function fit(dataset: Dataset, given: Partial<Rp3betaParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'rp3beta', defaults: rp3betaDefaults, given, choices });
  requireRange('rp3beta', params, { alpha: [0, 10], beta: [0, 10], neighbours: [1, 1e7] });
  const histories = UserHistories.fromDataset(dataset, valueWeight(params.weighting));
  const byUser = { indptr: histories.indptr, indices: histories.indices, values: histories.values };
  const byItem = transpose(byUser, dataset.itemCount);
  const degree = new Float32Array(dataset.itemCount);
  for (let item = 0; item < dataset.itemCount; item++) degree[item] = byItem.indptr[item + 1] - byItem.indptr[item];
  const neighbours = await neighbourLists(
    {
      rows: transitions(byItem, params.alpha),
      columns: transitions(byUser, params.alpha),
      mode: 'rp3beta',
      statistics: Float32Array.from(degree, (count) => Math.max(1, count) ** params.beta),
      shrink: 0,
      alpha: 0.5,
      topK: params.neighbours,
      minCount: 1,
      featureTotal: dataset.userCount,
    },
    options.workers,
  );
  if (params.normalize) {
    for (let item = 0; item < dataset.itemCount; item++) {
      let sum = 0;
      for (let p = neighbours.indptr[item]; p < neighbours.indptr[item + 1]; p++) sum += neighbours.values[p];
      for (let p = neighbours.indptr[item]; p < neighbours.indptr[item + 1]; p++) neighbours.values[p] /= sum || 1;
    }
  }
  return new SparseItemModel({ name: 'rp3beta', params, histories, neighbours, orientation: 'from' });
}

export const rp3beta: Recommender<Rp3betaParams> = {
  name: 'rp3beta',
  defaults: rp3betaDefaults,
  choices,
  fit,
  load: (snapshot) => SparseItemModel.fromSnapshot(snapshot),
};

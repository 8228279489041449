// ItemKNN: item-item neighbourhood CF (Sarwar et al. 2001; Deshpande & Karypis 2004) with cosine, asymmetric cosine
// (Aiolli 2013) or Jaccard similarity, optional TF-IDF/BM25 feature weighting, shrinkage and top-k pruning per
// target item, as in the strong baselines of Ferrari Dacrema et al. 2019. Score: Σ_{i ∈ history} w_ui · s(j, i).

import { type Dataset, transpose as transposeRows } from '../core/dataset.ts';
import { valueWeight } from './ials.ts';
import { binaryRows, type FeatureWeighting, rowStatistics, weightFeatures } from './kernels/feature-weighting.ts';
import { neighbourLists } from './kernels/similarity-parallel.ts';
import type { SimilarityMode } from './kernels/sparse-similarity.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, Recommender } from './recommender.ts';
import { SparseItemModel } from './sparse-item-model.ts';
import { UserHistories } from './user-history.ts';

export const neighbourhoodDefaults = {
  similarity: 'asymmetric',
  /** Neighbours kept per item (or user). */
  neighbours: 100,
  shrink: 10,
  /** Asymmetric cosine exponent; 0.5 is plain cosine. */
  alpha: 0.3,
  featureWeighting: 'none',
  /** How interaction values enter: 1, the value, or log(1 + value). */
  weighting: 'binary',
};

export type NeighbourhoodParams = typeof neighbourhoodDefaults;
export const neighbourhoodChoices = {
  similarity: ['cosine', 'asymmetric', 'jaccard'],
  featureWeighting: ['none', 'tfidf', 'bm25'],
  weighting: ['binary', 'value', 'log'],
};

export function checkNeighbourhood(model: string, given: Partial<NeighbourhoodParams>): NeighbourhoodParams {
  const params = resolveParams({ model, defaults: neighbourhoodDefaults, given, choices: neighbourhoodChoices });
  requireRange(model, params, { neighbours: [1, 1e7], shrink: [0, 1e9], alpha: [0, 1] });
  return params;
}

/** The similarity input for entities given as rows (entity → feature) over `featureCount` features. */
export function similarityInput(options: {
  rows: Dataset['byUser'] | Dataset['byItem'];
  featureCount: number;
  params: NeighbourhoodParams;
}) {
  const { params, featureCount } = options;
  const base = params.similarity === 'jaccard' ? binaryRows(options.rows) : options.rows;
  const rows = weightFeatures(base, featureCount, params.featureWeighting as FeatureWeighting);
  const columns = transposeRows(rows, featureCount);
  return {
    rows,
    columns,
    mode: params.similarity as SimilarityMode,
    statistics: rowStatistics(rows, params.similarity === 'jaccard' ? 'counts' : 'squares'),
    shrink: params.shrink,
    alpha: params.alpha,
    topK: params.neighbours,
    minCount: 1,
    featureTotal: featureCount,
  };
}

/** The dataset's rows with values replaced by `weighting`. */
export function weightedRows(rows: Dataset['byUser'] | Dataset['byItem'], weighting: string) {
  const weight = valueWeight(weighting);
  return { indptr: rows.indptr, indices: rows.indices, values: Float32Array.from(rows.values, weight) };
}

async function fit(dataset: Dataset, given: Partial<NeighbourhoodParams> = {}, options: FitOptions = {}) {
  const params = checkNeighbourhood('itemknn', given);
  const input = similarityInput({
    rows: weightedRows(dataset.byItem, params.weighting),
    featureCount: dataset.userCount,
    params,
  });
  const neighbours = await neighbourLists(input, options.workers);
  return new SparseItemModel({
    name: 'itemknn',
    params,
    histories: UserHistories.fromDataset(dataset, valueWeight(params.weighting)),
    neighbours,
    orientation: 'to',
  });
}

export const itemKnn: Recommender<NeighbourhoodParams> = {
  name: 'itemknn',
  defaults: neighbourhoodDefaults,
  choices: neighbourhoodChoices,
  fit,
  load: (snapshot) => SparseItemModel.fromSnapshot(snapshot),
};

// Co-occurrence and association rules ("frequently bought together", Agrawal et al. 1993): for items i and j with
// co-count c_ij over N users, support = c_ij / N, confidence(i→j) = c_ij / c_i, lift = c_ij·N / (c_i·c_j).
// Rules below `minCount` co-occurrences are dropped; score(u, j) = Σ_{i ∈ history} metric(i → j).

import { type Dataset, transpose } from '../core/dataset.ts';
import { binaryRows, rowStatistics } from './kernels/feature-weighting.ts';
import { neighbourLists } from './kernels/similarity-parallel.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, Recommender } from './recommender.ts';
import { SparseItemModel } from './sparse-item-model.ts';
import { UserHistories } from './user-history.ts';

export const cooccurrenceDefaults = {
  metric: 'confidence',
  /** The fewest users that must share i and j for the rule i → j. */
  minCount: 2,
  /** Added to the denominators of confidence and lift, damping rules from rare items. */
  shrink: 5,
  /** Rules kept per antecedent item. */
  neighbours: 100,
};

export type CooccurrenceParams = typeof cooccurrenceDefaults;
const choices = { metric: ['support', 'confidence', 'lift'] };

async function fit(dataset: Dataset, given: Partial<CooccurrenceParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'cooccurrence', defaults: cooccurrenceDefaults, given, choices });
  requireRange('cooccurrence', params, { minCount: [1, 1e9], shrink: [0, 1e9], neighbours: [1, 1e7] });
  const byUser = binaryRows(dataset.byUser);
  const byItem = transpose(byUser, dataset.itemCount);
  const neighbours = await neighbourLists(
    {
      rows: byItem,
      columns: byUser,
      mode: params.metric as 'support' | 'confidence' | 'lift',
      statistics: rowStatistics(byItem, 'counts'),
      shrink: params.shrink,
      alpha: 0.5,
      topK: params.neighbours,
      minCount: params.minCount,
      featureTotal: dataset.userCount,
    },
    options.workers,
  );
  return new SparseItemModel({
    name: 'cooccurrence',
    params,
    histories: UserHistories.fromDataset(dataset, () => 1),
    neighbours,
    orientation: 'from',
  });
}

export const cooccurrence: Recommender<CooccurrenceParams> = {
  name: 'cooccurrence',
  defaults: cooccurrenceDefaults,
  choices,
  fit,
  load: (snapshot) => SparseItemModel.fromSnapshot(snapshot),
};

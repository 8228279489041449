// The per-user metric values of one ranked list, and their aggregation over users with the cold/warm-user
// breakdown. Per-user arrays use NaN where a metric does not apply to that user; means skip NaN.

import { accuracyMetrics, type MetricName, metricKey } from './metric-names.ts';
import { catalogCoverage, giniIndex, serendipityAt } from './metrics/beyond-accuracy.ts';
import {
  auc,
  averagePrecisionAt,
  hitRateAt,
  ndcgAt,
  precisionAt,
  recallAt,
  reciprocalRankAt,
} from './metrics/ranking-metrics.ts';

/** Values keyed by their output key (`ndcg@10`, `items.tail.recall@10`, ...). */
export function userMetrics(options: {
  wants: ReadonlySet<MetricName>;
  /** The model's list, best first: the top K, or the whole ranking when AUC is wanted. */
  ranked: Int32Array;
  relevant: ReadonlySet<number>;
  k: number;
  /** Items the ranking was drawn from (training items already removed). */
  candidateCount: number;
  /** The primitive recommender's top K for serendipity, or null when not wanted. */
  primitive: ReadonlySet<number> | null;
  isHead: Uint8Array;
}): Array<[string, number]> {
  const { wants, ranked, relevant, k } = options;
  const list = { ranked, relevant, k };
  const out: Array<[string, number]> = [];
  const add = (name: MetricName, value: number) => out.push([metricKey(name, k), value]);
  if (wants.has('precision')) add('precision', precisionAt(list));
  if (wants.has('recall')) add('recall', recallAt(list));
  if (wants.has('ndcg')) add('ndcg', ndcgAt(list));
  if (wants.has('map')) add('map', averagePrecisionAt(list));
  if (wants.has('mrr')) add('mrr', reciprocalRankAt(list));
  if (wants.has('hitrate')) add('hitrate', hitRateAt(list));
  if (wants.has('auc')) {
    add('auc', auc({ ranked, relevant, relevantCandidates: relevant.size, candidateCount: options.candidateCount }));
  }
  if (wants.has('serendipity') && options.primitive) {
    add('serendipity', serendipityAt({ ranked, relevant, primitive: options.primitive, k }));
  }
  if (wants.has('recall')) {
    // Item-group breakdown: recall over the user's head (or tail) relevant items only; NaN when the user has none.
    for (const [group, head] of [
      ['head', 1],
      ['tail', 0],
    ] as const) {
      const groupRelevant = new Set([...relevant].filter((item) => options.isHead[item] === head));
      out.push([
        `items.${group}.${metricKey('recall', k)}`,
        groupRelevant.size ? recallAt({ ranked, relevant: groupRelevant, k }) : Number.NaN,
      ]);
    }
  }
  return out;
}

/** Mean of the non-NaN values (NaN when there are none). */
export function nanMean(values: ArrayLike<number>, include?: (index: number) => boolean): number {
  let sum = 0;
  let count = 0;
  for (let j = 0; j < values.length; j++) {
    const value = values[j];
    if (Number.isNaN(value) || (include && !include(j))) continue;
    sum += value;
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}

export interface Summary {
  metrics: Record<string, number>;
  users: Int32Array;
  perUser: Record<string, Float64Array>;
  /** 1 for users that were cold (few training interactions), aligned with `users`. */
  coldUsers: Uint8Array;
  skippedUsers: number;
  recommendationCounts: Float64Array;
  recommendSeconds: number;
}

/** Means over users, the cold/warm-user breakdown of accuracy metrics, and the catalog-level metrics. */
export function summarise(options: {
  perUser: Map<string, number[]>;
  users: Int32Array;
  coldUsers: Uint8Array;
  skipped: number;
  recommendationCounts: Float64Array;
  recommendSeconds: number;
  wants: ReadonlySet<MetricName>;
  k: number;
  /** `sampled.` for sampled-candidate runs, so their figures are never mistaken for full-ranking ones. */
  prefix: string;
  /** The items in scope (1 = in), for coverage and Gini; all items when absent. */
  items?: Uint8Array;
}): Summary {
  const { prefix, k, coldUsers } = options;
  const metrics: Record<string, number> = {};
  const perUser: Record<string, Float64Array> = {};
  const accuracyKeys = new Set(accuracyMetrics.map((name) => metricKey(name, k)));
  for (const [key, values] of options.perUser) {
    const array = Float64Array.from(values);
    perUser[prefix + key] = array;
    metrics[prefix + key] = nanMean(array);
    if (accuracyKeys.has(key)) {
      metrics[`${prefix}users.cold.${key}`] = nanMean(array, (j) => coldUsers[j] === 1);
      metrics[`${prefix}users.warm.${key}`] = nanMean(array, (j) => coldUsers[j] === 0);
    }
  }
  const scoped = options.items
    ? options.recommendationCounts.filter((_, i) => options.items![i] === 1)
    : options.recommendationCounts;
  if (options.wants.has('coverage')) metrics[prefix + metricKey('coverage', k)] = catalogCoverage(scoped);
  if (options.wants.has('gini')) metrics[prefix + metricKey('gini', k)] = giniIndex(scoped);
  return {
    metrics,
    users: options.users,
    perUser,
    coldUsers,
    skippedUsers: options.skipped,
    recommendationCounts: options.recommendationCounts,
    recommendSeconds: options.recommendSeconds,
  };
}

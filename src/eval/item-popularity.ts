// Item popularity from the training part: users per item, the head/long-tail cut, and the popularity order that
// the serendipity metric's primitive recommender and the popularity negative sampler use.

import type { Dataset } from '../core/dataset.ts';

export interface ItemPopularity {
  /** Training users per item. */
  users: Float64Array;
  /** Items by descending popularity, ties by ascending index. */
  order: Int32Array;
  /** 1 for head items: the most popular `headShare` of the catalog (default 20%, the Pareto cut). */
  isHead: Uint8Array;
}

export function itemPopularity(train: Dataset, options: { headShare?: number } = {}): ItemPopularity {
  const { indptr } = train.byItem;
  const n = train.itemCount;
  const users = new Float64Array(n);
  for (let i = 0; i < n; i++) users[i] = indptr[i + 1] - indptr[i];
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => users[b] - users[a] || a - b);
  const isHead = new Uint8Array(n);
  const headCount = Math.ceil(n * (options.headShare ?? 0.2));
  for (let r = 0; r < headCount; r++) if (users[order[r]] > 0) isHead[order[r]] = 1;
  return { users, order, isHead };
}

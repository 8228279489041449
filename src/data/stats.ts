// Store statistics: sizes, sparsity, concentration on popular items, and cold users and items.

import type { Store } from '../store/store.ts';
import { datasetFromStore } from './dataset-from-store.ts';

export interface StoreStats {
  users: number;
  items: number;
  /** Feedback events of every type. */
  interactions: number;
  socialEdges: number;
  /** 1 − distinct (user, item) pairs / (users × items). */
  sparsity: number;
  /** Share of interactions that fall on the 20% most popular items. */
  top20ItemShare: number;
  /** Users with fewer than `coldThreshold` interactions. */
  coldUsers: number;
  /** Items with fewer than `coldThreshold` interactions (including none). */
  coldItems: number;
  coldThreshold: number;
  /** Events per feedback type. */
  byType: Record<string, number>;
  /**
   * The long-tail curve when asked for (`longTailPoints`): items ranked by interactions, most popular first, as at
   * most that many points of (item share, interaction share so far).
   */
  longTail?: Array<{ itemShare: number; interactionShare: number; interactions: number }>;
}

export async function storeStats(
  store: Store,
  options: {
    coldThreshold?: number /** Points of the long-tail curve to return (none by default). */;
    longTailPoints?: number;
  } = {},
): Promise<StoreStats> {
  const coldThreshold = options.coldThreshold ?? 5;
  const counts = await store.counts();
  const types = await store.feedback.types();
  const { dataset } = await datasetFromStore(store, {
    classes: ['positive', 'exposure', 'negative'],
    weighting: 'binary',
    aggregate: 'sum',
  });
  const byType: Record<string, number> = Object.fromEntries(types.map((type) => [type.name, 0]));
  for await (const batch of store.feedback.scan()) for (const event of batch) byType[event.type]++;

  const itemEvents = new Float64Array(dataset.itemCount);
  const { indptr, indices, values } = dataset.byUser;
  let coldUsers = 0;
  for (let u = 0; u < dataset.userCount; u++) {
    let events = 0;
    for (let p = indptr[u]; p < indptr[u + 1]; p++) {
      itemEvents[indices[p]] += values[p];
      events += values[p];
    }
    if (events < coldThreshold) coldUsers++;
  }
  let coldItems = 0;
  for (const events of itemEvents) if (events < coldThreshold) coldItems++;
  const sorted = Array.from(itemEvents).sort((a, b) => b - a);
  const head = Math.ceil(sorted.length * 0.2);
  let total = 0;
  let headTotal = 0;
  sorted.forEach((events, rank) => {
    total += events;
    if (rank < head) headTotal += events;
  });
  const cells = counts.users * counts.items;
  return {
    users: counts.users,
    items: counts.items,
    interactions: counts.interactions,
    socialEdges: counts.socialEdges,
    sparsity: cells > 0 ? 1 - dataset.interactionCount / cells : 1,
    top20ItemShare: total > 0 ? headTotal / total : 0,
    coldUsers,
    coldItems,
    coldThreshold,
    byType: Object.fromEntries(Object.entries(byType).filter(([, n]) => n > 0)),
    ...(options.longTailPoints ? { longTail: longTailCurve(sorted, total, options.longTailPoints) } : {}),
  };
}

/** Evenly spaced ranks of the descending popularity list, with the share of interactions up to each. */
function longTailCurve(sorted: readonly number[], total: number, points: number): NonNullable<StoreStats['longTail']> {
  const curve: NonNullable<StoreStats['longTail']> = [];
  if (sorted.length === 0 || total === 0) return curve;
  const step = Math.max(1, Math.ceil(sorted.length / points));
  let sum = 0;
  for (let rank = 0; rank < sorted.length; rank++) {
    sum += sorted[rank];
    if ((rank + 1) % step === 0 || rank === sorted.length - 1) {
      curve.push({ itemShare: (rank + 1) / sorted.length, interactionShare: sum / total, interactions: sorted[rank] });
    }
  }
  return curve;
}

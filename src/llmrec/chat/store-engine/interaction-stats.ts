// What chat reads from the feedback log, in one scan: time-decayed popularity of each item (positive events by their
// type weights, half-life 30 days before the newest event) and co-purchases (items carted or bought by the same user
// within 14 days). Cached in kv and recomputed when the number of interactions changes.

import type { Store } from '../../../store/store.ts';

export interface InteractionStats {
  /** The store's interaction count when computed; a different count means the stats are stale. */
  signature: number;
  popularity: Record<string, number>;
  /** For each item, the items bought with it and how often, most frequent first (at most 20). */
  coPurchases: Record<string, Array<[string, number]>>;
}

const namespace = 'chat';
const key = 'interaction-stats';
const halfLifeMs = 30 * 24 * 3600 * 1000;
const pairWindowMs = 14 * 24 * 3600 * 1000;
const basketTypes = new Set(['cart', 'purchase']);

/** The cached stats, recomputed with one feedback scan when the store has changed since. */
export async function loadInteractionStats(store: Store): Promise<InteractionStats> {
  const signature = (await store.counts()).interactions;
  const cached = await store.kv.get<InteractionStats>(namespace, key);
  if (cached && cached.signature === signature) return cached;
  const stats = await computeInteractionStats(store, signature);
  await store.kv.set(namespace, key, stats);
  return stats;
}

export async function computeInteractionStats(store: Store, signature: number): Promise<InteractionStats> {
  const weights = new Map<string, number>();
  for (const type of await store.feedback.types()) if (type.class === 'positive') weights.set(type.name, type.weight);
  const scaled = new Map<string, number>();
  const baskets = new Map<string, Array<{ item: string; time: number }>>();
  const pairs = new Map<string, Map<string, number>>();
  let reference: number | null = null;
  let newest = Number.NEGATIVE_INFINITY;
  const addPair = (first: string, second: string) => {
    let row = pairs.get(first);
    if (!row) pairs.set(first, (row = new Map()));
    row.set(second, (row.get(second) ?? 0) + 1);
  };
  for await (const batch of store.feedback.scan({ batchSize: 20_000 })) {
    for (const event of batch) {
      const weight = weights.get(event.type);
      if (weight === undefined || weight <= 0) continue;
      reference ??= event.timestamp;
      newest = Math.max(newest, event.timestamp);
      // Scores grow as 2^(t / half-life) and are scaled back at the end: one pass, no second read for the newest time.
      const grown = weight * event.value * 2 ** ((event.timestamp - reference) / halfLifeMs);
      scaled.set(event.itemId, (scaled.get(event.itemId) ?? 0) + grown);
      if (!basketTypes.has(event.type)) continue;
      let basket = baskets.get(event.userId);
      if (!basket) baskets.set(event.userId, (basket = []));
      for (const earlier of basket)
        if (earlier.item !== event.itemId && event.timestamp - earlier.time <= pairWindowMs) {
          addPair(earlier.item, event.itemId);
          addPair(event.itemId, earlier.item);
        }
      basket.push({ item: event.itemId, time: event.timestamp });
      while (basket.length > 0 && event.timestamp - basket[0].time > pairWindowMs) basket.shift();
    }
  }
  const shrink = reference === null ? 1 : 2 ** ((newest - reference) / halfLifeMs);
  const popularity: Record<string, number> = {};
  for (const [item, value] of scaled) popularity[item] = Number((value / shrink).toPrecision(6));
  const coPurchases: Record<string, Array<[string, number]>> = {};
  for (const [item, row] of pairs)
    coPurchases[item] = [...row].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20);
  return { signature, popularity, coPurchases };
}

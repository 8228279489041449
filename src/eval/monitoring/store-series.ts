// Time series computed from the store's feedback log: business (CTR, CVR), diversity of what was recommended
// (catalog coverage, Gini of exposures, intra-list diversity by category) and data health (events per minute,
// new items, active users and the share of them who are cold).

import type { Store } from '../../store/store.ts';
import { loadCatalog } from '../experiments/collect-experiment-data.ts';
import { categoryDiversity } from '../experiments/experiment-data.ts';
import { bucketStarts, type SeriesGroup, type TimeSeries } from './time-series.ts';

export interface StoreSeriesOptions {
  from: number;
  to: number;
  bucketMs: number;
  /** A user with fewer positive events than this before a bucket is cold in it (default 5). */
  coldThreshold?: number;
  /** Exposure sources that are not recommendations (left out of coverage and diversity; default `search`). */
  nonRecommendationSources?: readonly string[];
}

/** Gini index of exposure counts over the catalog (0: every item equally, → 1: all on one item). */
export function exposureGini(counts: Float64Array): number {
  const sorted = Float64Array.from(counts).sort();
  const n = sorted.length;
  let total = 0;
  let weighted = 0;
  sorted.forEach((count, rank) => {
    total += count;
    weighted += (2 * rank + 1 - n) * count;
  });
  return total > 0 ? weighted / (n * total) : Number.NaN;
}

interface Bucket {
  events: number;
  impressions: number;
  clicks: number;
  purchases: number;
  users: Set<string>;
  coldUsers: number;
  shown: Map<string, number>;
  lists: Map<string, string[]>;
}

export async function storeSeries(store: Store, options: StoreSeriesOptions): Promise<TimeSeries[]> {
  const { from, to, bucketMs } = options;
  const coldThreshold = options.coldThreshold ?? 5;
  const excluded = new Set(options.nonRecommendationSources ?? ['search']);
  const types = await store.feedback.types();
  const positive = new Set(types.filter((type) => type.class === 'positive').map((type) => type.name));
  const exposure = new Set(types.filter((type) => type.class === 'exposure').map((type) => type.name));
  // Positive events per user before the window: who starts it cold.
  const history = new Map<string, number>();
  for await (const batch of store.feedback.scan()) {
    for (const event of batch) {
      if (event.timestamp < from && positive.has(event.type))
        history.set(event.userId, (history.get(event.userId) ?? 0) + 1);
    }
  }
  const starts = bucketStarts(from, to, bucketMs);
  const buckets: Bucket[] = starts.map(() => ({
    events: 0,
    impressions: 0,
    clicks: 0,
    purchases: 0,
    users: new Set(),
    coldUsers: 0,
    shown: new Map(),
    lists: new Map(),
  }));
  const window: Array<{ time: number; userId: string; positive: boolean }> = [];
  const catalog = await loadCatalog(store);
  for await (const batch of store.feedback.scan({ since: starts[0] ?? from, withContext: true })) {
    for (const event of batch) {
      if (event.timestamp >= to) continue;
      const bucket = buckets[Math.floor((event.timestamp - starts[0]) / bucketMs)];
      if (!bucket) continue;
      bucket.events++;
      window.push({ time: event.timestamp, userId: event.userId, positive: positive.has(event.type) });
      if (event.type === 'click') bucket.clicks++;
      else if (event.type === 'purchase') bucket.purchases++;
      if (!exposure.has(event.type)) continue;
      bucket.impressions++;
      const source = event.context?.source;
      if (typeof source === 'string' && excluded.has(source)) continue;
      bucket.shown.set(event.itemId, (bucket.shown.get(event.itemId) ?? 0) + 1);
      const requestId = event.context?.requestId;
      if (typeof requestId === 'string') {
        let list = bucket.lists.get(requestId);
        if (!list) bucket.lists.set(requestId, (list = []));
        list.push(catalog.get(event.itemId)?.categories.at(-1) ?? '');
      }
    }
  }
  // Cold users: walk the window in time order, judging each user at their first event of each bucket.
  window.sort((a, b) => a.time - b.time);
  for (const event of window) {
    const bucket = buckets[Math.floor((event.time - starts[0]) / bucketMs)];
    if (!bucket.users.has(event.userId)) {
      bucket.users.add(event.userId);
      if ((history.get(event.userId) ?? 0) < coldThreshold) bucket.coldUsers++;
    }
    if (event.positive) history.set(event.userId, (history.get(event.userId) ?? 0) + 1);
  }
  const catalogIds = [...catalog.keys()];
  const available = [...catalog.values()].filter((item) => item.available).length;
  const created = [...catalog.values()].map((item) => item.createdAt ?? Number.NaN);
  const minutes = bucketMs / 60_000;
  const make = (
    name: string,
    label: string,
    unit: string,
    group: SeriesGroup,
    value: (bucket: Bucket, k: number) => number,
  ) => ({
    name,
    label,
    unit,
    group,
    points: starts.map((t, k) => ({ t, value: value(buckets[k], k) })),
  });
  return [
    make('ctr', 'CTR', 'share', 'business', (bucket) =>
      bucket.impressions ? bucket.clicks / bucket.impressions : Number.NaN,
    ),
    make('cvr', 'CVR (purchases per click)', 'share', 'business', (bucket) =>
      bucket.clicks ? bucket.purchases / bucket.clicks : Number.NaN,
    ),
    make('catalog_coverage', 'catalog coverage of recommendations', 'share', 'diversity', (bucket) =>
      available && bucket.shown.size ? bucket.shown.size / available : Number.NaN,
    ),
    make('exposure_gini', 'Gini of recommendation exposures', 'index', 'diversity', (bucket) =>
      bucket.shown.size ? exposureGini(Float64Array.from(catalogIds, (id) => bucket.shown.get(id) ?? 0)) : Number.NaN,
    ),
    make('intra_list_diversity', 'intra-list diversity (categories)', 'share', 'diversity', (bucket) => {
      let sum = 0;
      let count = 0;
      for (const list of bucket.lists.values()) {
        const value = categoryDiversity(list);
        if (Number.isFinite(value)) {
          sum += value;
          count++;
        }
      }
      return count ? sum / count : Number.NaN;
    }),
    make('events_per_minute', 'events per minute', '1/min', 'data', (bucket) => bucket.events / minutes),
    make(
      'new_items',
      'new items',
      'items',
      'data',
      (_, k) => created.filter((time) => time >= starts[k] && time < starts[k] + bucketMs).length,
    ),
    make('active_users', 'active users', 'users', 'data', (bucket) => bucket.users.size),
    make('cold_user_share', 'share of active users who are cold', 'share', 'data', (bucket) =>
      bucket.users.size ? bucket.coldUsers / bucket.users.size : Number.NaN,
    ),
  ];
}

// Item popularity and recency from a Dataset: counts (optionally time-decayed) and first/last interaction times,
// the inputs of popularity and freshness recall and of popularity-bias reports.

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';

export interface PopularityOptions {
  /** count (default): interactions per item; value: the sum of their values. */
  measure?: 'count' | 'value';
  /** Exponential decay: an interaction `halfLife` seconds before `now` counts half. Default: no decay. */
  halfLife?: number;
  /** Reference time for the decay (seconds; default the dataset's latest time). */
  now?: number;
}

/** Popularity per item index. */
export function itemPopularity(dataset: Dataset, options: PopularityOptions = {}): Float64Array {
  const { indices, values, times } = dataset.byUser;
  const measure = options.measure ?? 'count';
  const halfLife = options.halfLife;
  if (halfLife !== undefined && !(halfLife > 0)) {
    throw new InvalidInputError(`popularity halfLife must be positive seconds (got ${halfLife})`, {
      context: { field: 'halfLife' },
    });
  }
  let now = options.now ?? 0;
  if (halfLife !== undefined && options.now === undefined) for (const time of times) if (time > now) now = time;
  const popularity = new Float64Array(dataset.itemCount);
  for (let p = 0; p < indices.length; p++) {
    let weight = measure === 'value' ? values[p] : 1;
    if (halfLife !== undefined) weight *= 2 ** (-Math.max(0, now - times[p]) / halfLife);
    popularity[indices[p]] += weight;
  }
  return popularity;
}

export interface ItemTimes {
  /** Earliest and latest interaction per item (seconds); 0 for items without interactions. */
  first: Uint32Array;
  last: Uint32Array;
}

export function itemTimes(dataset: Dataset): ItemTimes {
  const { indices, times } = dataset.byUser;
  const first = new Uint32Array(dataset.itemCount);
  const last = new Uint32Array(dataset.itemCount);
  const seen = new Uint8Array(dataset.itemCount);
  for (let p = 0; p < indices.length; p++) {
    const i = indices[p];
    const time = times[p];
    if (!seen[i]) {
      seen[i] = 1;
      first[i] = time;
      last[i] = time;
    } else {
      if (time < first[i]) first[i] = time;
      if (time > last[i]) last[i] = time;
    }
  }
  return { first, last };
}

export interface RecencyOptions {
  /** Reference time (seconds; default the dataset's latest time). */
  now?: number;
  /** Age at which recency is 0.5 (seconds; default 30 days). */
  halfLife?: number;
  /**
   * Catalog creation times per item index (seconds, NaN when unknown); where known they define an item's age,
   * otherwise its first interaction does.
   */
  createdAt?: Float64Array;
}

/** Freshness per item in (0, 1]: 2^(−age / halfLife); 0 for items with neither a creation time nor interactions. */
export function itemRecency(dataset: Dataset, options: RecencyOptions = {}): Float32Array {
  const halfLife = options.halfLife ?? 30 * 86_400;
  if (!(halfLife > 0)) {
    throw new InvalidInputError(`recency halfLife must be positive seconds (got ${halfLife})`, {
      context: { field: 'halfLife' },
    });
  }
  const { first, last } = itemTimes(dataset);
  let now = options.now ?? 0;
  if (options.now === undefined) for (const time of last) if (time > now) now = time;
  const recency = new Float32Array(dataset.itemCount);
  const interacted = new Uint8Array(dataset.itemCount);
  for (const i of dataset.byUser.indices) interacted[i] = 1;
  for (let i = 0; i < dataset.itemCount; i++) {
    const created = options.createdAt?.[i];
    const born = created !== undefined && !Number.isNaN(created) ? created : interacted[i] ? first[i] : Number.NaN;
    if (Number.isNaN(born)) continue;
    recency[i] = 2 ** (-Math.max(0, now - born) / halfLife);
  }
  return recency;
}

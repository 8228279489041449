// A generated implicit-feedback dataset with power-law item popularity and latent taste structure: each item
// belongs to one of `topics`; each user favours three topics and picks 80% of their items there. Within a topic
// and overall, an item's chance falls as rank^−exponent (Zipf), so a few items hold most interactions.

import { Dataset } from '../src/core/dataset.ts';
import { IdMap } from '../src/core/id-map.ts';
import { createRandom, type Random } from '../src/core/random.ts';

export interface SyntheticOptions {
  users: number;
  items: number;
  interactions: number;
  topics?: number;
  exponent?: number;
  seed?: number;
}

/** Cumulative weights rank^−exponent over `count` entries, for inverse-CDF sampling. */
function zipfTable(count: number, exponent: number): Float64Array {
  const table = new Float64Array(count);
  let sum = 0;
  for (let rank = 0; rank < count; rank++) {
    sum += (rank + 1) ** -exponent;
    table[rank] = sum;
  }
  for (let rank = 0; rank < count; rank++) table[rank] /= sum;
  return table;
}

function sample(table: Float64Array, random: Random): number {
  const target = random.next();
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (table[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function syntheticInteractions(options: SyntheticOptions): Dataset {
  const topics = options.topics ?? 50;
  const exponent = options.exponent ?? 1;
  const random = createRandom(options.seed ?? 1);
  const perTopic = Math.ceil(options.items / topics);
  const global = zipfTable(options.items, exponent);
  const local = zipfTable(perTopic, exponent);
  const user = new Int32Array(options.interactions);
  const item = new Int32Array(options.interactions);
  const time = new Uint32Array(options.interactions);
  // Item ids are shuffled against popularity rank so that popular items are spread over the index range.
  const itemOfRank = Int32Array.from({ length: options.items }, (_, rank) => rank);
  for (let rank = options.items - 1; rank > 0; rank--) {
    const other = random.int(rank + 1);
    [itemOfRank[rank], itemOfRank[other]] = [itemOfRank[other], itemOfRank[rank]];
  }
  const favourites = Int32Array.from({ length: options.users * 3 }, () => random.int(topics));
  // User activity is skewed too (log-normal); counts are scaled to the exact total of distinct interactions.
  const activity = Float64Array.from({ length: options.users }, () => Math.exp(0.8 * random.normal()));
  const total = activity.reduce((sum, value) => sum + value, 0);
  const counts = Int32Array.from(activity, (value) =>
    Math.max(1, Math.min(Math.floor(options.items / 4), Math.round((value / total) * options.interactions))),
  );
  let deficit = options.interactions - counts.reduce((sum, count) => sum + count, 0);
  for (let u = 0; deficit !== 0; u = (u + 1) % options.users) {
    if (deficit > 0 && counts[u] < options.items / 4) {
      counts[u]++;
      deficit--;
    } else if (deficit < 0 && counts[u] > 1) {
      counts[u]--;
      deficit++;
    }
  }
  const seen = new Set<number>();
  let position = 0;
  for (let u = 0; u < options.users; u++) {
    seen.clear();
    while (seen.size < counts[u]) {
      let rank: number;
      if (random.next() < 0.8) {
        const topic = favourites[u * 3 + random.int(3)];
        rank = Math.min(options.items - 1, sample(local, random) * topics + topic);
      } else {
        rank = sample(global, random);
      }
      const chosen = itemOfRank[rank];
      if (seen.has(chosen)) continue;
      seen.add(chosen);
      user[position] = u;
      item[position] = chosen;
      time[position] = position;
      position++;
    }
  }
  return Dataset.fromInteractions({
    users: IdMap.from(Array.from({ length: options.users }, (_, u) => `u${u}`)),
    items: IdMap.from(Array.from({ length: options.items }, (_, i) => `i${i}`)),
    interactions: { user, item, value: new Float32Array(options.interactions).fill(1), time },
  });
}

// A small generated dataset with structure (users and items in taste clusters, power-law item popularity,
// timestamps) and the side information every model may read, for recommender tests.

import { Dataset } from '../core/dataset.ts';
import { IdMap } from '../core/id-map.ts';
import { createRandom } from '../core/random.ts';
import type { SideInformation } from '../models/recommender.ts';

export interface RecommenderFixture {
  dataset: Dataset;
  /** Held-out interactions over the same id maps (one per user that has at least three). */
  validation: Dataset;
  side: SideInformation;
}

export interface FixtureOptions {
  users?: number;
  items?: number;
  /** Interactions per user (before deduplication). */
  perUser?: number;
  clusters?: number;
  seed?: number;
}

export function recommenderFixture(options: FixtureOptions = {}): RecommenderFixture {
  const userCount = options.users ?? 60;
  const itemCount = options.items ?? 40;
  const perUser = options.perUser ?? 8;
  const clusters = options.clusters ?? 4;
  const random = createRandom(options.seed ?? 1);
  const users = IdMap.from(Array.from({ length: userCount }, (_, user) => `u${user}`));
  const items = IdMap.from(Array.from({ length: itemCount }, (_, item) => `i${item}`));
  const user: number[] = [];
  const item: number[] = [];
  const value: number[] = [];
  const time: number[] = [];
  for (let u = 0; u < userCount; u++) {
    const cluster = u % clusters;
    for (let n = 0; n < perUser; n++) {
      // Mostly items of the user's cluster, popular ones (low rank) more often; sometimes any item.
      const rank = Math.floor(itemCount * random.next() ** 2);
      const inCluster = random.next() < 0.8;
      const chosen = inCluster ? (Math.floor(rank / clusters) * clusters + cluster) % itemCount : rank;
      user.push(u);
      item.push(chosen);
      value.push(1 + random.int(5));
      time.push(1_600_000_000 + (u * perUser + n) * 3600);
    }
  }
  const all = Dataset.fromInteractions({
    users,
    items,
    interactions: {
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      value: Float32Array.from(value),
      time: Uint32Array.from(time),
    },
    aggregate: 'max',
  });
  // The last interaction of each user with three or more goes to validation.
  const isLast = (position: number, u: number) =>
    all.byUser.indptr[u + 1] - all.byUser.indptr[u] >= 3 && position === all.byUser.indptr[u + 1] - 1;
  const dimension = 8;
  const vectors = new Float32Array(itemCount * dimension);
  for (let i = 0; i < itemCount; i++) {
    for (let d = 0; d < dimension; d++) vectors[i * dimension + d] = random.normal() + (d === i % clusters ? 2 : 0);
  }
  return {
    dataset: all.filter((position, u) => !isLast(position, u)),
    validation: all.filter(isLast),
    side: {
      itemEmbeddings: { dimension, vectors },
      itemCategory: Int32Array.from({ length: itemCount }, (_, i) => (i % 7 === 6 ? -1 : i % clusters)),
      categoryNames: Array.from({ length: clusters }, (_, c) => `category-${c}`),
      itemCreatedAt: Float64Array.from(
        { length: itemCount },
        (_, i) => 1_500_000_000 + ((i * 7919) % itemCount) * 86_400,
      ),
    },
  };
}

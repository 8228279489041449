// A small shop for pipeline and server tests: 40 items in four categories (one unavailable, some new, some of a
// brand), 30 users with clicks and purchases, and a registry of mock recommenders under the default model names.

import { makeItem } from '../core/types.ts';
import type { Recommender } from '../models/recommender.ts';
import { SqliteStore } from '../store/sqlite/store.ts';
import type { Store } from '../store/store.ts';
import { mockRecommender } from './mock-recommender.ts';

export const fixtureCategories = ['Tents', 'Stoves', 'Sleeping bags', 'Backpacks'] as const;
const day = 86_400_000;

export interface ServingFixture {
  store: Store;
  registry: Map<string, Recommender>;
  /** Item ids by category. */
  itemsIn: (category: (typeof fixtureCategories)[number]) => string[];
  now: number;
}

/** Item `item-k` is in category k % 4; its mock "personal" score falls with k; `item-39` is unavailable. */
export async function servingFixture(options: { store?: Store } = {}): Promise<ServingFixture> {
  const store = options.store ?? SqliteStore.open(':memory:');
  const now = Date.now();
  const items = Array.from({ length: 40 }, (_, k) =>
    makeItem({
      id: `item-${k}`,
      title: `${fixtureCategories[k % 4]} model ${k}`,
      categories: ['Outdoor', fixtureCategories[k % 4]],
      attributes: { brand: k % 5 === 0 ? 'Peak' : 'Trail' },
      price: 50 + k * 10,
      createdAt: k >= 36 ? now - 2 * day : now - 400 * day,
      available: k !== 39,
      tags: k === 12 ? ['summer', 'winter', 'spring', 'autumn'] : [],
    }),
  );
  await store.items.upsert(items);
  const events = [];
  for (let u = 0; u < 30; u++) {
    for (let j = 0; j < 4; j++) {
      const item = (u * 3 + j * 7) % 36;
      events.push({
        userId: `user-${u}`,
        itemId: `item-${item}`,
        type: j === 3 ? 'purchase' : 'click',
        timestamp: now - (10 - j) * day,
      });
    }
  }
  await store.feedback.add(events);
  const index = (id: string) => Number(id.slice(id.indexOf('-') + 1));
  const sameCategory = (a: string, b: string) =>
    index(a) % 4 === index(b) % 4 ? 1 - Math.abs(index(a) - index(b)) / 100 : 0;
  const registry = new Map<string, Recommender>([
    ['ials', mockRecommender({ name: 'ials', itemScore: (id) => 100 - index(id) })],
    ['itemknn', mockRecommender({ name: 'itemknn', similarity: sameCategory })],
    [
      'cooccurrence',
      mockRecommender({ name: 'cooccurrence', similarity: (a, b) => (index(a) + 1 === index(b) ? 1 : 0) }),
    ],
    ['trending', mockRecommender({ name: 'trending', itemScore: (id) => index(id) % 10 })],
    ['popularity', mockRecommender({ name: 'popularity', itemScore: (id) => 40 - index(id) })],
    ['latest', mockRecommender({ name: 'latest', itemScore: (id) => index(id) })],
  ]);
  return {
    store,
    registry,
    itemsIn: (category) => items.filter((item) => item.categories[1] === category).map((item) => item.id),
    now,
  };
}

// The shop's own category search, as the simulated users meet it: the available items of a category that exist at
// the start of the day, sorted by relevance (recent popularity, rating, freshness), by price or by newest.
// Deterministic for a (category, day, sort), so its propensity is 1.

import { demoCategories } from './categories.ts';
import type { DemoHistory } from './history.ts';
import type { DemoWorld } from './world.ts';

export const searchSorts = ['relevance', 'price', 'newest'] as const;
export type SearchSort = (typeof searchSorts)[number];

export class ShopSearch {
  readonly #world: DemoWorld;
  readonly #history: DemoHistory;
  readonly #cache = new Map<number, Int32Array>();

  constructor(world: DemoWorld, history: DemoHistory) {
    this.#world = world;
    this.#history = history;
  }

  /** Probability of each sort order (in `searchSorts` order) for a user's search: thrifty users sort by price. */
  sortProbabilities(user: number): [number, number, number] {
    const sessions = this.#world.parameters.sessions;
    const price = sessions.sortByPrice * Math.min(1, this.#world.userTruth.priceSensitivity[user] / 2);
    return [1 - price - sessions.sortByNewest, price, sessions.sortByNewest];
  }

  /** The first `slateSize` results for a category on a day (item indexes, best first). */
  results(category: number, day: number, sort = 0): Int32Array {
    const key = (day * demoCategories.length + category) * searchSorts.length + sort;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const world = this.#world;
    const scored: Array<{ item: number; score: number }> = [];
    for (const item of world.itemsByCategory[category]) {
      if (!world.available[item] || world.createdDay[item] > day) continue;
      let score: number;
      if (sort === 1) score = -(world.items[item].price ?? 0);
      else if (sort === 2) score = world.createdDay[item];
      else {
        const fresh = Math.exp(-Math.max(0, day - world.createdDay[item]) / 21);
        score = Math.log1p(this.#history.popularityAt(item, day)) + 0.8 * world.ratingScore[item] + 0.8 * fresh;
      }
      scored.push({ item, score });
    }
    scored.sort((a, b) => b.score - a.score || a.item - b.item);
    const results = Int32Array.from(scored.slice(0, world.parameters.logging.slateSize).map((entry) => entry.item));
    // Results depend on the popularity at the day's start, fixed once the day before is recorded.
    if (day <= this.#history.recordedDays) this.#cache.set(key, results);
    return results;
  }

  /** 1-based position of the item in its category's results on that day, or 0 when it is not shown. */
  positionOf(item: number, day: number, sort = 0): number {
    return this.results(this.#world.categoryOf(item), day, sort).indexOf(item) + 1;
  }
}

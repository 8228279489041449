// What happened in the simulated window, kept at day granularity: clicks per item per day (popularity, with decay)
// and purchases per user (ownership, complements, friends' purchases). The oracle at time t sees only the days
// before t's day, so same-day events never feed back into same-day probabilities; after the window it is frozen.

import { demoCategories } from './categories.ts';
import type { DemoWorld } from './world.ts';

/** Purchases older than this stop boosting complements and friends' interest. */
export const recentDays = 30;

/** The history as stored in the store's kv (`demo` / `history`). */
export interface SerializedHistory {
  /** Per day, flat pairs [item index, clicks, item index, clicks, …]. */
  dailyClicks: number[][];
  /** Flat triples [user index, item index, day, …], in the order they happened. */
  purchases: number[];
}

export class DemoHistory {
  readonly #world: DemoWorld;
  /** (days + 1) × items: decayed clicks at the start of each day. */
  readonly popularity: Float32Array;
  readonly #dailyClicks: Int32Array;
  readonly #purchases: number[] = [];
  readonly #ownItems: Array<Map<number, number>>;
  readonly #ownPurchases: Array<Array<{ item: number; category: number; day: number }>>;
  readonly #friendItems: Array<Map<number, number[]>>;
  #recordedDays = 0;

  constructor(world: DemoWorld) {
    this.#world = world;
    const n = world.items.length;
    this.popularity = new Float32Array((world.days + 1) * n);
    this.popularity.set(world.priorPopularity);
    this.#dailyClicks = new Int32Array(world.days * n);
    const users = world.users.length;
    this.#ownItems = Array.from({ length: users }, () => new Map());
    this.#ownPurchases = Array.from({ length: users }, () => []);
    this.#friendItems = Array.from({ length: users }, () => new Map());
  }

  /** Days recorded so far; the next `recordDay` must be this one. */
  get recordedDays(): number {
    return this.#recordedDays;
  }

  /** Records one day's clicks (per item) and purchases, and computes the popularity at the next day's start. */
  recordDay(day: number, clicks: Int32Array, purchases: ReadonlyArray<{ user: number; item: number }>): void {
    if (day !== this.#recordedDays || day >= this.#world.days) {
      throw new RangeError(`history expects day ${this.#recordedDays}, got ${day}`);
    }
    const n = this.#world.items.length;
    const decay = 0.5 ** (1 / this.#world.parameters.popularityHalfLifeDays);
    this.#dailyClicks.set(clicks, day * n);
    for (let i = 0; i < n; i++) this.popularity[(day + 1) * n + i] = this.popularity[day * n + i] * decay + clicks[i];
    for (const { user, item } of purchases) {
      this.#purchases.push(user, item, day);
      if (!this.#ownItems[user].has(item)) this.#ownItems[user].set(item, day);
      this.#ownPurchases[user].push({ item, category: this.#world.categoryOf(item), day });
      for (const follower of this.#world.followers[user]) {
        const days = this.#friendItems[follower].get(item);
        if (days) days.push(day);
        else this.#friendItems[follower].set(item, [day]);
      }
    }
    this.#recordedDays++;
  }

  /** Decayed clicks of an item at the start of day `day`. */
  popularityAt(item: number, day: number): number {
    return this.popularity[Math.min(day, this.#recordedDays) * this.#world.items.length + item];
  }

  /** True when the user bought the item before day `day`. */
  ownsItem(user: number, item: number, day: number): boolean {
    const first = this.#ownItems[user].get(item);
    return first !== undefined && first < day;
  }

  /** True when the user bought something in the category before day `day`. */
  ownsCategory(user: number, category: number, day: number): boolean {
    for (const purchase of this.#ownPurchases[user])
      if (purchase.category === category && purchase.day < day) return true;
    return false;
  }

  /** The strongest complement relation between `category` and a category the user bought in the last 30 days. */
  complementBoost(user: number, category: number, day: number): number {
    const categories = demoCategories.length;
    let best = 0;
    for (const purchase of this.#ownPurchases[user]) {
      if (purchase.day >= day || purchase.day < day - recentDays || purchase.category === category) continue;
      best = Math.max(best, this.#world.complementStrength[purchase.category * categories + category]);
    }
    return best;
  }

  /** True when someone the user follows bought the item in the 30 days before day `day`. */
  friendBought(user: number, item: number, day: number): boolean {
    const days = this.#friendItems[user].get(item);
    if (!days) return false;
    for (const when of days) if (when < day && when >= day - recentDays) return true;
    return false;
  }

  /** Purchases of a user before day `day`, oldest first. */
  purchasesOf(user: number, day = Number.POSITIVE_INFINITY): Array<{ item: number; day: number }> {
    return this.#ownPurchases[user]
      .filter((purchase) => purchase.day < day)
      .map(({ item, day: when }) => ({ item, day: when }));
  }

  serialize(): SerializedHistory {
    const n = this.#world.items.length;
    const dailyClicks: number[][] = [];
    for (let day = 0; day < this.#recordedDays; day++) {
      const pairs: number[] = [];
      for (let i = 0; i < n; i++) {
        const clicks = this.#dailyClicks[day * n + i];
        if (clicks) pairs.push(i, clicks);
      }
      dailyClicks.push(pairs);
    }
    return { dailyClicks, purchases: [...this.#purchases] };
  }

  /** Rebuilds a history from its serialized form (the inverse of `serialize`). */
  static restore(world: DemoWorld, serialized: SerializedHistory): DemoHistory {
    const history = new DemoHistory(world);
    const n = world.items.length;
    const byDay: Array<Array<{ user: number; item: number }>> = serialized.dailyClicks.map(() => []);
    for (let k = 0; k + 2 < serialized.purchases.length; k += 3) {
      const [user, item, day] = [serialized.purchases[k], serialized.purchases[k + 1], serialized.purchases[k + 2]];
      byDay[day]?.push({ user, item });
    }
    serialized.dailyClicks.forEach((pairs, day) => {
      const clicks = new Int32Array(n);
      for (let k = 0; k + 1 < pairs.length; k += 2) clicks[pairs[k]] = pairs[k + 1];
      history.recordDay(day, clicks, byDay[day]);
    });
    return history;
  }
}

// A small generated interaction dataset for tests: power-law item popularity, per-user activity and increasing
// times, from a seed. Real datasets stay out of unit tests; this stands in for them.

import { Dataset } from '../core/dataset.ts';
import { IdMap } from '../core/id-map.ts';
import { createRandom } from '../core/random.ts';

export interface InteractionsFixtureOptions {
  users: number;
  items: number;
  /** Mean interactions per user (each user gets 1 + a geometric-ish draw around it). */
  perUser: number;
  seed?: number;
}

export function interactionsFixture(options: InteractionsFixtureOptions): Dataset {
  const random = createRandom(options.seed ?? 1);
  const users = IdMap.from(Array.from({ length: options.users }, (_, u) => `u${u}`));
  const items = IdMap.from(Array.from({ length: options.items }, (_, i) => `i${i}`));
  const user: number[] = [];
  const item: number[] = [];
  const time: number[] = [];
  let clock = 1_000_000;
  for (let u = 0; u < options.users; u++) {
    const count = Math.min(options.items, 1 + Math.floor(-Math.log(1 - random.next()) * options.perUser));
    const taken = new Set<number>();
    while (taken.size < count) {
      // Power-law popularity: low indices are popular.
      const i = Math.min(options.items - 1, Math.floor(options.items * random.next() ** 2.5));
      if (taken.has(i)) {
        taken.add(random.int(options.items));
        continue;
      }
      taken.add(i);
    }
    for (const i of taken) {
      user.push(u);
      item.push(i);
      time.push((clock += 1 + random.int(50)));
    }
  }
  return Dataset.fromInteractions({
    users,
    items,
    interactions: {
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      value: Float32Array.from(user, () => 1 + random.int(5)),
      time: Uint32Array.from(time),
    },
  });
}

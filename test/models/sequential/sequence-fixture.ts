// A dataset with a strong sequential pattern: every user walks a cycle of items (i → i + 1 → …, modulo the catalog)
// from a random start, with an occasional random detour, so the next item is predictable from the last one.

import { Dataset } from '../../../src/core/dataset.ts';
import { IdMap } from '../../../src/core/id-map.ts';
import { createRandom } from '../../../src/core/random.ts';

export function cycleFixture(options: { users?: number; items?: number; length?: number; seed?: number } = {}) {
  const userCount = options.users ?? 80;
  const itemCount = options.items ?? 30;
  const length = options.length ?? 12;
  const random = createRandom(options.seed ?? 3);
  const users = IdMap.from(Array.from({ length: userCount }, (_, user) => `u${user}`));
  const items = IdMap.from(Array.from({ length: itemCount }, (_, item) => `i${item}`));
  const user: number[] = [];
  const item: number[] = [];
  const time: number[] = [];
  const last: number[] = [];
  for (let u = 0; u < userCount; u++) {
    let current = random.int(itemCount);
    const seen = new Set<number>();
    for (let step = 0; step < length; step++) {
      while (seen.has(current)) current = (current + 1) % itemCount;
      seen.add(current);
      user.push(u);
      item.push(current);
      time.push(1_700_000_000 + u * 1000 + step);
      current = random.next() < 0.1 ? random.int(itemCount) : (current + 1) % itemCount;
    }
    last.push(item.length - 1);
  }
  const all = Dataset.fromInteractions({
    users,
    items,
    interactions: {
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      value: new Float32Array(user.length).fill(1),
      time: Uint32Array.from(time),
    },
  });
  const isLast = (position: number, u: number) => position === all.byUser.indptr[u + 1] - 1;
  return { all, train: all.filter((position, u) => !isLast(position, u)), test: all.filter(isLast) };
}

/** Share of users whose held-out next item is the top recommendation from their training sequence. */
export function hitRateAtOne(
  model: {
    recommend(user: { history: Int32Array }, k: number, options: { exclude: Int32Array }): { items: Int32Array };
  },
  fixture: ReturnType<typeof cycleFixture>,
): number {
  let hits = 0;
  for (let u = 0; u < fixture.train.userCount; u++) {
    const history = fixture.train.itemsOf(u).slice();
    const { items } = model.recommend({ history }, 1, { exclude: history });
    if (items[0] === fixture.test.itemsOf(u)[0]) hits++;
  }
  return hits / fixture.train.userCount;
}

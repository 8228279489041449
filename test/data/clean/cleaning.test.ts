import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Dataset } from '../../../src/core/dataset.ts';
import { IdMap } from '../../../src/core/id-map.ts';
import { createRandom } from '../../../src/core/random.ts';
import { compact } from '../../../src/data/clean/compact.ts';
import { dedupe, dedupeEvents } from '../../../src/data/clean/dedupe.ts';
import { toImplicit } from '../../../src/data/clean/implicit.ts';
import { kCore } from '../../../src/data/clean/k-core.ts';
import { lastDays, timeWindow } from '../../../src/data/clean/time-window.ts';

/** A long-tailed random dataset: a few heavy users and items, many with one or two interactions. */
function randomDataset(seed: number, users = 300, items = 200, events = 2500): Dataset {
  const random = createRandom(seed);
  const user = new Int32Array(events);
  const item = new Int32Array(events);
  const value = new Float32Array(events);
  const time = new Uint32Array(events);
  for (let k = 0; k < events; k++) {
    user[k] = Math.floor(users * random.next() ** 3);
    item[k] = Math.floor(items * random.next() ** 2);
    value[k] = 1 + random.int(5);
    time[k] = 1_000_000 + random.int(100 * 86_400);
  }
  return Dataset.fromInteractions({
    users: IdMap.from(Array.from({ length: users }, (_, u) => `u${u}`)),
    items: IdMap.from(Array.from({ length: items }, (_, i) => `i${i}`)),
    interactions: { user, item, value, time },
  });
}

function degrees(dataset: Dataset): { users: Int32Array; items: Int32Array } {
  const users = new Int32Array(dataset.userCount);
  const items = new Int32Array(dataset.itemCount);
  for (let u = 0; u < dataset.userCount; u++) {
    users[u] = dataset.itemsOf(u).length;
    for (const i of dataset.itemsOf(u)) items[i]++;
  }
  return { users, items };
}

/** The textbook loop: remove users and items below k, repeat until stable. */
function naiveCore(dataset: Dataset, userK: number, itemK: number): Set<string> {
  let current = dataset;
  for (;;) {
    const { users, items } = degrees(current);
    const next = current.filter(
      (position, user) => users[user] >= userK && items[current.byUser.indices[position]] >= itemK,
    );
    if (next.interactionCount === current.interactionCount) break;
    current = next;
  }
  const pairs = new Set<string>();
  for (let u = 0; u < current.userCount; u++) for (const i of current.itemsOf(u)) pairs.add(`${u}:${i}`);
  return pairs;
}

describe('k-core', () => {
  for (const [userK, itemK] of [
    [3, 3],
    [5, 2],
    [1, 10],
  ]) {
    it(`leaves every user with ≥ ${userK} and every item with ≥ ${itemK} interactions, as the naive loop`, () => {
      const data = randomDataset(userK * 10 + itemK);
      const result = kCore(data, { k: 0, userK, itemK });
      const core = result.dataset;
      assert.equal(core.users, data.users);
      const { users, items } = degrees(core);
      let keptUsers = 0;
      for (let u = 0; u < core.userCount; u++) {
        if (users[u] > 0) {
          keptUsers++;
          assert.ok(users[u] >= userK, `user ${u} has ${users[u]}`);
        }
        assert.equal(result.keptUsers[u] === 1, users[u] > 0);
      }
      for (let i = 0; i < core.itemCount; i++)
        if (items[i] > 0) assert.ok(items[i] >= itemK, `item ${i} has ${items[i]}`);
      assert.ok(keptUsers > 0 && core.interactionCount < data.interactionCount);
      const pairs = new Set<string>();
      for (let u = 0; u < core.userCount; u++) for (const i of core.itemsOf(u)) pairs.add(`${u}:${i}`);
      assert.deepEqual(pairs, naiveCore(data, userK, itemK));
      // Compacted, nothing is left below k.
      const small = compact(core).dataset;
      const after = degrees(small);
      assert.ok(after.users.every((n) => n >= userK));
      assert.ok(after.items.every((n) => n >= itemK));
      assert.equal(small.interactionCount, core.interactionCount);
    });
  }

  it('rejects a negative or fractional k', () => {
    assert.throws(() => kCore(randomDataset(1), { k: -1 }), /userK must be a whole number/);
    assert.throws(() => kCore(randomDataset(1), { k: 2, itemK: 1.5 }), /itemK must be a whole number/);
  });
});

it('compact maps old indices to new ones and keeps values and times', () => {
  const data = randomDataset(7);
  const core = kCore(data, { k: 4 }).dataset;
  const { dataset, userIndex, itemIndex } = compact(core);
  for (let u = 0; u < core.userCount; u++) {
    const to = userIndex[u];
    if (to < 0) {
      assert.equal(core.itemsOf(u).length, 0);
      continue;
    }
    assert.equal(dataset.users.idAt(to), core.users.idAt(u));
    assert.deepEqual(
      [...dataset.itemsOf(to)].map((i) => dataset.items.idAt(i)),
      [...core.itemsOf(u)].map((i) => core.items.idAt(i)),
    );
    assert.deepEqual([...dataset.timesOf(to)], [...core.timesOf(u)]);
    assert.deepEqual([...dataset.valuesOf(to)], [...core.valuesOf(u)]);
  }
  assert.equal(itemIndex.filter((i) => i >= 0).length, dataset.itemCount);
});

it('turns ratings into implicit feedback at a threshold', () => {
  const data = randomDataset(3);
  const binary = toImplicit(data, { threshold: 4 });
  const kept = toImplicit(data, { threshold: 4, values: 'keep' });
  let expected = 0;
  for (const value of data.byUser.values) if (value >= 4) expected++;
  assert.equal(binary.interactionCount, expected);
  assert.ok(binary.byUser.values.every((value) => value === 1));
  assert.ok(kept.byUser.values.every((value) => value >= 4));
  assert.equal(binary.items, data.items);
  assert.throws(() => toImplicit(data, { threshold: Number.NaN }), /finite number/);
});

it('keeps a time window and the last days', () => {
  const data = randomDataset(4);
  const from = 1_000_000 + 10 * 86_400;
  const to = 1_000_000 + 20 * 86_400;
  const window = timeWindow(data, { from, to });
  assert.ok(window.interactionCount > 0);
  assert.ok(window.byUser.times.every((time) => time >= from && time < to));
  let expected = 0;
  for (const time of data.byUser.times) if (time >= from && time < to) expected++;
  assert.equal(window.interactionCount, expected);
  const latest = Math.max(...data.byUser.times);
  const week = lastDays(data, 7);
  assert.ok(week.byUser.times.every((time) => time > latest - 7 * 86_400 && time <= latest));
  assert.ok(week.byUser.times.includes(latest));
  assert.throws(() => timeWindow(data, { from: 10, to: 5 }), /must not be after/);
});

describe('dedupe', () => {
  const events = {
    user: Int32Array.from([0, 0, 0, 0, 1, 1]),
    item: Int32Array.from([5, 5, 5, 6, 5, 5]),
    value: Float32Array.from([1, 2, 3, 4, 5, 6]),
    time: Float64Array.from([100, 110, 5000, 200, 300, 300]),
  };

  it('keeps one event per (user, item), first or last', () => {
    const last = dedupeEvents(events);
    assert.equal(last.length, 3);
    assert.deepEqual([...last.value], [4, 3, 6]);
    const first = dedupeEvents(events, { keep: 'first' });
    assert.deepEqual([...first.value], [1, 4, 5]);
    assert.deepEqual([...first.time], [100, 200, 300]);
  });

  it('collapses only repeats within a window', () => {
    const windowed = dedupeEvents(events, { window: 60, keep: 'first' });
    // 100 and 110 merge; 5000 stands alone; user 1's two events at the same second merge.
    assert.deepEqual([...windowed.value], [1, 4, 3, 5]);
    assert.throws(() => dedupeEvents(events, { window: 0 }), /positive seconds/);
  });

  it('removes repeated items inside Dataset rows', () => {
    const users = IdMap.from(['a', 'b']);
    const items = IdMap.from(['x', 'y']);
    const data = new Dataset({
      users,
      items,
      byUser: {
        indptr: Int32Array.from([0, 3, 4]),
        indices: Int32Array.from([0, 1, 0, 1]),
        values: Float32Array.from([1, 2, 3, 4]),
        times: Uint32Array.from([1, 2, 3, 4]),
      },
    });
    assert.deepEqual([...dedupe(data).valuesOf(0)], [2, 3]);
    assert.deepEqual([...dedupe(data, { keep: 'first' }).valuesOf(0)], [1, 2]);
    assert.equal(dedupe(data).items, items);
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Dataset } from '../../../src/core/dataset.ts';
import { IdMap } from '../../../src/core/id-map.ts';
import { makeItem } from '../../../src/core/types.ts';
import { categoryMultiHot, createdTimes, itemTexts, loadCatalog } from '../../../src/data/features/item-catalog.ts';
import { itemPopularity, itemRecency, itemTimes } from '../../../src/data/features/item-popularity.ts';
import { userActivity } from '../../../src/data/features/user-activity.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';

const day = 86_400;

function data(): Dataset {
  return Dataset.fromInteractions({
    users: IdMap.from(['a', 'b', 'c']),
    items: IdMap.from(['x', 'y', 'z']),
    interactions: {
      user: Int32Array.from([0, 0, 1, 1, 0]),
      item: Int32Array.from([0, 1, 0, 1, 2]),
      value: Float32Array.from([5, 3, 4, 2, 1]),
      time: Uint32Array.from([10 * day, 10 * day + 60, 20 * day, 30 * day, 40 * day]),
    },
  });
}

it('counts item popularity, by value and with time decay', () => {
  assert.deepEqual([...itemPopularity(data())], [2, 2, 1]);
  assert.deepEqual([...itemPopularity(data(), { measure: 'value' })], [9, 5, 1]);
  const decayed = itemPopularity(data(), { halfLife: 10 * day });
  // x: 30 and 20 days before the latest time (day 40): 1/8 + 1/4.
  assert.ok(Math.abs(decayed[0] - (0.125 + 0.25)) < 1e-9);
  assert.equal(decayed[2], 1);
  assert.throws(() => itemPopularity(data(), { halfLife: 0 }), /positive/);
});

it('gives first and last times and a freshness score per item', () => {
  const times = itemTimes(data());
  assert.deepEqual([...times.first], [10 * day, 10 * day + 60, 40 * day]);
  assert.deepEqual([...times.last], [20 * day, 30 * day, 40 * day]);
  const recency = itemRecency(data(), { halfLife: 30 * day });
  assert.ok(Math.abs(recency[0] - 0.5) < 1e-6);
  assert.equal(recency[2], 1);
  const created = Float64Array.from([Number.NaN, 40 * day, Number.NaN]);
  assert.equal(itemRecency(data(), { createdAt: created })[1], 1);
});

it('sums up user activity', () => {
  const activity = userActivity(data());
  assert.deepEqual([...activity.count], [3, 2, 0]);
  assert.deepEqual([...activity.valueSum], [9, 6, 0]);
  assert.deepEqual([...activity.first], [10 * day, 20 * day, 0]);
  assert.deepEqual([...activity.last], [40 * day, 30 * day, 0]);
  assert.deepEqual([...activity.activeDays], [2, 2, 0]);
});

it('builds category multi-hot rows and item texts from the store', async () => {
  const store = SqliteStore.open(':memory:');
  await store.items.upsert([
    makeItem({ id: 'x', title: 'Tent', categories: ['Camping', 'Tents'], tags: ['2p'], createdAt: 5000 }),
    makeItem({
      id: 'z',
      title: 'Stove',
      categories: ['Camping', 'Stoves'],
      description: 'Gas stove',
      attributes: { brand: 'Acme' },
    }),
  ]);
  const catalog = await loadCatalog(store, IdMap.from(['x', 'y', 'z']), { batchSize: 1 });
  await store.close();
  assert.deepEqual(
    catalog.map((item) => item?.id ?? null),
    ['x', null, 'z'],
  );
  assert.deepEqual(itemTexts(catalog), ['Tent. Camping / Tents. 2p', '', 'Stove. Camping / Stoves. Acme. Gas stove']);
  assert.deepEqual(
    [...createdTimes(catalog)].map((t) => (Number.isNaN(t) ? null : t)),
    [5, null, null],
  );
  const names = categoryMultiHot(catalog);
  assert.deepEqual(names.categories.ids(), ['Camping', 'Tents', 'Stoves']);
  assert.deepEqual([...names.matrix.indptr], [0, 2, 2, 4]);
  assert.deepEqual([...names.matrix.indices], [0, 1, 0, 2]);
  const paths = categoryMultiHot(catalog, { mode: 'path' });
  assert.deepEqual(paths.categories.ids(), ['Camping', 'Camping > Tents', 'Camping > Stoves']);
  const leaves = categoryMultiHot(catalog, { mode: 'leaf' });
  assert.deepEqual(leaves.categories.ids(), ['Tents', 'Stoves']);
});

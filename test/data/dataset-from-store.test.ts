import assert from 'node:assert/strict';
import { it } from 'node:test';
import { datasetFromStore } from '../../src/data/dataset-from-store.ts';
import { SqliteStore } from '../../src/store/sqlite/store.ts';

it('builds the Dataset from the store scan, honouring since, with users and items added mid-way', async () => {
  const store = SqliteStore.open(':memory:');
  await store.feedback.add([
    { userId: 'a', itemId: 'x', type: 'click', timestamp: 1_000 },
    { userId: 'a', itemId: 'y', type: 'purchase', timestamp: 5_000 },
    { userId: 'b', itemId: 'x', type: 'view', timestamp: 6_000 },
  ]);
  const all = await datasetFromStore(store);
  assert.deepEqual(
    [...all.dataset.itemsOf(all.dataset.users.indexOf('a'))].map((i) => all.dataset.items.idAt(i)),
    ['x', 'y'],
  );
  assert.deepEqual([...all.dataset.valuesOf(0)], [1, 5]);
  assert.deepEqual([...all.dataset.timesOf(0)], [1, 5]);
  assert.equal(all.negatives.interactionCount, 1);
  const recent = await datasetFromStore(store, { since: 5_000, includeCatalog: false });
  assert.equal(recent.dataset.interactionCount, 1);
  assert.equal(recent.dataset.items.idAt(recent.dataset.itemsOf(0)[0]), 'y');
  // A scan page boundary: ids created after the scan started are still resolved.
  const scan = store.feedback.scan({ batchSize: 1 });
  const iterator = scan[Symbol.asyncIterator]();
  const first = await iterator.next();
  await store.feedback.add([{ userId: 'late', itemId: 'new-item', type: 'click', timestamp: 9_000 }]);
  const rest: string[] = [];
  for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
    rest.push(...step.value.map((event) => `${event.userId}:${event.itemId}`));
  }
  assert.deepEqual(
    (first.value as Array<{ itemId: string }>).map((event) => event.itemId),
    ['x'],
  );
  assert.deepEqual(rest, ['a:y', 'b:x', 'late:new-item']);
  await store.close();
});

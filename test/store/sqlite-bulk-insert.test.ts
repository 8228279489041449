import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.ts';

it('bulk adds keep the given order in scans and let the later event win in overwrite mode', async () => {
  const store = SqliteStore.open(':memory:');
  await store.feedback.add([{ userId: 'z', itemId: 'first', type: 'click', timestamp: 1 }]);
  const events = [
    { userId: 'c', itemId: 'x', type: 'click', timestamp: 10 },
    { userId: 'a', itemId: 'y', type: 'click', timestamp: 11 },
    { userId: 'b', itemId: 'x', type: 'click', timestamp: 12 },
    { userId: 'a', itemId: 'x', type: 'click', timestamp: 13 },
    { userId: 'c', itemId: 'x', type: 'click', timestamp: 10 },
  ];
  assert.deepEqual(await store.feedback.add(events), { stored: 4, duplicates: 1 });
  const scanned: string[] = [];
  for await (const batch of store.feedback.scan())
    scanned.push(...batch.map((event) => `${event.userId}${event.timestamp}`));
  assert.deepEqual(scanned, ['z1', 'c10', 'a11', 'b12', 'a13']);
  await store.feedback.add(
    [
      { userId: 'r', itemId: 'x', type: 'rating', value: 2, timestamp: 20 },
      { userId: 'q', itemId: 'x', type: 'rating', value: 1, timestamp: 21 },
      { userId: 'r', itemId: 'x', type: 'rating', value: 5, timestamp: 22 },
    ],
    { mode: 'overwrite' },
  );
  assert.deepEqual(
    (await store.feedback.forUser('r')).map((event) => event.value),
    [5],
  );
  await store.close();
});

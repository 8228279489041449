import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';

function small(): Dataset {
  const users = IdMap.from(['a', 'b', 'c']);
  const items = IdMap.from(['x', 'y', 'z']);
  return Dataset.fromInteractions({
    users,
    items,
    interactions: {
      user: Int32Array.from([1, 0, 0, 1, 0]),
      item: Int32Array.from([2, 1, 0, 2, 1]),
      value: Float32Array.from([1, 1, 2, 3, 4]),
      time: Uint32Array.from([5, 30, 10, 7, 20]),
    },
  });
}

it('builds time-ordered CSR rows and aggregates duplicates', () => {
  const data = small();
  assert.equal(data.userCount, 3);
  assert.equal(data.interactionCount, 3);
  assert.deepEqual([...data.itemsOf(0)], [0, 1]);
  assert.deepEqual([...data.valuesOf(0)], [2, 5]);
  assert.deepEqual([...data.timesOf(0)], [10, 30]);
  assert.deepEqual([...data.itemsOf(1)], [2]);
  assert.deepEqual([...data.valuesOf(1)], [4]);
  assert.deepEqual([...data.itemsOf(2)], []);
});

it('builds the CSC by item on demand, users ascending', () => {
  const data = small();
  assert.deepEqual([...data.usersOf(2)], [1]);
  assert.deepEqual([...data.usersOf(1)], [0]);
  assert.deepEqual([...data.byItem.indptr], [0, 1, 2, 3]);
});

it('filters interactions over the same id maps', () => {
  const data = small();
  const firstOnly = data.filter((position, user) => position === data.byUser.indptr[user]);
  assert.equal(firstOnly.interactionCount, 2);
  assert.equal(firstOnly.users, data.users);
  assert.deepEqual([...firstOnly.itemsOf(0)], [0]);
});

it('costs 12 bytes per interaction before the CSC is built', () => {
  const data = small();
  const rowPointers = (data.userCount + 1) * 4;
  assert.equal(data.byteSize(), rowPointers + data.interactionCount * 12);
});

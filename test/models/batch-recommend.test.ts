import assert from 'node:assert/strict';
import { it } from 'node:test';
import { recommendAll } from '../../src/models/batch-recommend.ts';
import { itemKnn } from '../../src/models/item-knn.ts';
import { recommenderFixture } from '../../src/testing/index.ts';

it('batch recommend: a user subset with candidates, padded with −1, with progress', async () => {
  const { dataset } = recommenderFixture();
  const model = await itemKnn.fit(dataset);
  const users = Int32Array.of(5, 0, 17);
  const candidates = Int32Array.of(1, 2, 3);
  let ticked = 0;
  const progress = { start() {}, note() {}, done() {}, tick: (amount = 1) => (ticked += amount) };
  for (const workers of [1, 2]) {
    ticked = 0;
    const result = await recommendAll(model, { k: 5, users, candidates, workers, progress });
    assert.equal(result.items.length, 15);
    users.forEach((user, row) => {
      const single = model.recommend(user, 5, { candidates });
      const items = [...result.items.subarray(row * 5, row * 5 + 5)];
      assert.deepEqual(items.slice(0, single.items.length), [...single.items]);
      assert.ok(items.slice(single.items.length).every((item) => item === -1));
    });
    if (workers > 1) assert.equal(ticked, users.length);
  }
});

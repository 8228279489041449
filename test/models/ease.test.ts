import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ease } from '../../src/models/ease.ts';
import { recommenderFixture, runRecommenderContract } from '../../src/testing/index.ts';

runRecommenderContract({
  name: 'ease',
  create: (dataset, options) => ease.fit(dataset, { regularization: 10 }, options),
  load: ease.load,
});

/** The closed form checked directly: B = I − P·diag(1/diag P) with P = (XᵀX + λI)⁻¹ by Gauss-Jordan in float64. */
it('ease: matches the closed form computed independently', async () => {
  const { dataset } = recommenderFixture({ users: 30, items: 12, seed: 4 });
  const lambda = 5;
  const n = dataset.itemCount;
  const a = new Float64Array(n * n);
  for (let user = 0; user < dataset.userCount; user++) {
    const items = dataset.itemsOf(user);
    for (const i of items) for (const j of items) a[i * n + j] += 1;
  }
  for (let i = 0; i < n; i++) a[i * n + i] += lambda;
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inverse[i * n + i] = 1;
  for (let k = 0; k < n; k++) {
    const pivot = a[k * n + k];
    for (let j = 0; j < n; j++) {
      a[k * n + j] /= pivot;
      inverse[k * n + j] /= pivot;
    }
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const factor = a[i * n + k];
      for (let j = 0; j < n; j++) {
        a[i * n + j] -= factor * a[k * n + j];
        inverse[i * n + j] -= factor * inverse[k * n + j];
      }
    }
  }
  const model = await ease.fit(dataset, { regularization: lambda }, { workers: 1 });
  const user = 3;
  const items = Int32Array.from({ length: n }, (_, item) => item);
  const scores = model.score(user, items);
  for (let j = 0; j < n; j++) {
    let expected = 0;
    for (const i of dataset.itemsOf(user)) if (i !== j) expected += -inverse[i * n + j] / inverse[j * n + j];
    assert.ok(Math.abs(scores[j] - expected) < 1e-4, `item ${j}: ${scores[j]} vs ${expected}`);
  }
});

it('ease: refuses catalogs beyond maxItems', async () => {
  const { dataset } = recommenderFixture();
  await assert.rejects(() => ease.fit(dataset, { maxItems: 10 }), /exceed maxItems 10/);
});

it('ease: inverts in worker threads to the same model', async () => {
  const { dataset } = recommenderFixture({ users: 300, items: 1100, perUser: 30, seed: 2 });
  const single = await ease.fit(dataset, { regularization: 20 }, { workers: 1 });
  const parallel = await ease.fit(dataset, { regularization: 20 }, { workers: 2 });
  assert.deepEqual(single.recommend(5, 20), parallel.recommend(5, 20));
});

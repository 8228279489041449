import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';
import { cooccurrence } from '../../src/models/cooccurrence.ts';
import { itemKnn } from '../../src/models/item-knn.ts';
import { rp3beta } from '../../src/models/rp3beta.ts';
import { userKnn } from '../../src/models/user-knn.ts';
import { recommenderFixture, runRecommenderContract } from '../../src/testing/index.ts';

runRecommenderContract({
  name: 'itemknn',
  create: (data, options) => itemKnn.fit(data, {}, options),
  load: itemKnn.load,
});
runRecommenderContract({
  name: 'itemknn (asymmetric, bm25, pruned)',
  create: (data, options) =>
    itemKnn.fit(data, { similarity: 'asymmetric', alpha: 0.3, featureWeighting: 'bm25', neighbours: 5 }, options),
  load: itemKnn.load,
});
runRecommenderContract({
  name: 'itemknn (jaccard, tfidf)',
  create: (data, options) => itemKnn.fit(data, { similarity: 'jaccard', featureWeighting: 'tfidf' }, options),
  load: itemKnn.load,
});
runRecommenderContract({
  name: 'userknn',
  create: (data, options) => userKnn.fit(data, {}, options),
  load: userKnn.load,
});
runRecommenderContract({
  name: 'userknn (bm25)',
  create: (data, options) => userKnn.fit(data, { featureWeighting: 'bm25', neighbours: 10 }, options),
  load: userKnn.load,
});
runRecommenderContract({
  name: 'rp3beta',
  create: (data, options) => rp3beta.fit(data, {}, options),
  load: rp3beta.load,
});
runRecommenderContract({
  name: 'cooccurrence',
  create: (data, options) => cooccurrence.fit(data, {}, options),
  load: cooccurrence.load,
});
runRecommenderContract({
  name: 'cooccurrence (lift)',
  create: (data, options) => cooccurrence.fit(data, { metric: 'lift', minCount: 1 }, options),
  load: cooccurrence.load,
});

/** Users: a={0,1,2}, b={0,1}, c={1,2}, d={3}. */
function baskets(): Dataset {
  const pairs = [
    [0, 0],
    [0, 1],
    [0, 2],
    [1, 0],
    [1, 1],
    [2, 1],
    [2, 2],
    [3, 3],
  ];
  return Dataset.fromInteractions({
    users: IdMap.from(['a', 'b', 'c', 'd']),
    items: IdMap.from(['x', 'y', 'z', 'w']),
    interactions: {
      user: Int32Array.from(pairs, ([user]) => user),
      item: Int32Array.from(pairs, ([, item]) => item),
      value: new Float32Array(pairs.length).fill(1),
      time: Uint32Array.from(pairs, (_, index) => index),
    },
  });
}

it('itemknn: cosine similarities by hand', async () => {
  const model = await itemKnn.fit(baskets(), { similarity: 'cosine', shrink: 0 });
  // x = {a, b}, y = {a, b, c}, z = {a, c}: cos(x, y) = 2/√6, cos(x, z) = 1/2.
  const similar = model.similarItems?.(0, 5);
  assert.deepEqual([...(similar?.items ?? [])], [1, 2]);
  assert.ok(Math.abs((similar?.scores[0] ?? 0) - 2 / Math.sqrt(6)) < 1e-6);
  assert.ok(Math.abs((similar?.scores[1] ?? 0) - 0.5) < 1e-6);
});

it('itemknn: jaccard and shrinkage by hand', async () => {
  const model = await itemKnn.fit(baskets(), { similarity: 'jaccard', shrink: 1 });
  // |x ∩ y| = 2, |x ∪ y| = 3 → 2 / (3 + 1).
  assert.ok(Math.abs((model.similarItems?.(0, 1).scores[0] ?? 0) - 0.5) < 1e-6);
});

it('cooccurrence: support, confidence and lift by hand', async () => {
  const data = baskets();
  const confidence = await cooccurrence.fit(data, { minCount: 1, shrink: 0 });
  // confidence(x → y) = c_xy / c_x = 2 / 2; confidence(x → z) = 1 / 2.
  const rules = confidence.similarItems?.(0, 5);
  assert.deepEqual([...(rules?.items ?? [])], [1, 2]);
  assert.deepEqual([...(rules?.scores ?? [])], [1, 0.5]);
  const lift = await cooccurrence.fit(data, { metric: 'lift', minCount: 1, shrink: 0 });
  // lift(x → z) = c_xz · N / (c_x c_z) = 1 · 4 / (2 · 2) = 1; lift(x → y) = 2 · 4 / (2 · 3).
  assert.deepEqual(
    [...(lift.similarItems?.(0, 5).scores ?? [])].map((v) => Math.round(v * 1e6) / 1e6),
    [1.333333, 1],
  );
  const support = await cooccurrence.fit(data, { metric: 'support', minCount: 2 });
  assert.deepEqual([...(support.similarItems?.(0, 5).items ?? [])], [1], 'minCount drops x → z');
});

it('userknn: an anonymous history equal to a user gets that user’s neighbours', async () => {
  const { dataset } = recommenderFixture();
  const model = await userKnn.fit(dataset, { neighbours: 10 });
  const user = 4;
  const history = dataset.itemsOf(user).slice();
  const weights = dataset.valuesOf(user).slice().fill(1);
  const anonymous = model.recommend({ history, weights }, 10, { exclude: history });
  const known = model.recommend(user, 10, { exclude: history });
  // The anonymous user also finds the training user itself as a neighbour, so compare overlap, not identity.
  const overlap = [...anonymous.items].filter((item) => known.items.includes(item)).length;
  assert.ok(overlap >= 6, `overlap ${overlap}`);
});

it('itemknn and rp3beta: parallel neighbour lists equal single-threaded ones', async () => {
  const { dataset } = recommenderFixture({ users: 400, items: 300, perUser: 40, seed: 8 });
  for (const recommender of [itemKnn, rp3beta]) {
    const single = await recommender.fit(dataset, {}, { workers: 1 });
    const parallel = await recommender.fit(dataset, {}, { workers: 2 });
    assert.deepEqual(parallel.snapshot().arrays, single.snapshot().arrays, recommender.name);
  }
});

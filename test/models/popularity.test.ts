import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';
import { type PopularityModel, popularity } from '../../src/models/popularity.ts';
import { recommenderFixture, runRecommenderContract } from '../../src/testing/index.ts';

runRecommenderContract({
  name: 'popularity',
  create: (dataset, options) => popularity.fit(dataset, {}, options),
  load: popularity.load,
});
runRecommenderContract({
  name: 'popularity (decayed)',
  create: (dataset, options) => popularity.fit(dataset, { halfLifeDays: 1, weighting: 'value' }, options),
  load: popularity.load,
});

function tiny(): Dataset {
  const day = 86_400;
  return Dataset.fromInteractions({
    users: IdMap.from(['a', 'b', 'c']),
    items: IdMap.from(['x', 'y', 'z']),
    interactions: {
      user: Int32Array.of(0, 1, 2, 0, 1),
      item: Int32Array.of(0, 0, 0, 1, 1),
      value: Float32Array.of(1, 1, 1, 1, 1),
      time: Uint32Array.of(0, 0, 0, 10 * day, 10 * day),
    },
  });
}

it('popularity: counts interactions, and time decay favours recent ones', async () => {
  const counted = await popularity.fit(tiny());
  assert.deepEqual([...counted.recommend(0, 3).items], [0, 1, 2]);
  const decayed = await popularity.fit(tiny(), { halfLifeDays: 1 });
  assert.deepEqual([...decayed.recommend(0, 3).items], [1, 0, 2]);
});

it('popularity: per-category lists', async () => {
  const { dataset, side } = recommenderFixture();
  const model = (await popularity.fit(dataset, {}, { side })) as PopularityModel;
  const top = model.topInCategory(2, 5);
  for (const item of top.items) assert.equal(side.itemCategory?.[item], 2);
  const plain = (await popularity.fit(dataset)) as PopularityModel;
  assert.throws(() => plain.topInCategory(2, 5), /side.itemCategory/);
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getRecommender } from '../../src/models/registry.ts';
import { recommenderFixture, runRecommenderContract } from '../../src/testing/index.ts';

const hybrid = getRecommender('hybrid');

runRecommenderContract({
  name: 'hybrid (score fusion, fitted weights)',
  create: (data, options) => hybrid.fit(data, { models: 'itemknn+popularity' }, options),
  load: hybrid.load,
});
runRecommenderContract({
  name: 'hybrid (rank fusion, fixed weights)',
  create: (data, options) =>
    hybrid.fit(data, { models: 'itemknn+popularity', fusion: 'rank', weights: '1+0.5' }, options),
  load: hybrid.load,
});

it('hybrid: rejects bad model lists and weights', async () => {
  const { dataset } = recommenderFixture();
  await assert.rejects(() => hybrid.fit(dataset, { models: 'itemknn+nope' }), /unknown model "nope"/);
  await assert.rejects(() => hybrid.fit(dataset, { models: 'hybrid' }), /other models/);
  await assert.rejects(() => hybrid.fit(dataset, { models: 'itemknn+popularity', weights: '1' }), /2 numbers/);
});

it('hybrid: fits weights without a validation split (held-out item per user)', async () => {
  const { dataset } = recommenderFixture({ users: 120, seed: 3 });
  const model = await hybrid.fit(dataset, { models: 'itemknn+popularity' }, { seed: 1 });
  const weights = model.snapshot().arrays.weights as Float32Array;
  assert.equal(weights.length, 2);
  assert.ok(weights.some((weight) => weight > 0));
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { bpr } from '../../src/models/bpr.ts';
import { validationNdcg } from '../../src/models/training.ts';
import { recommenderFixture, runRecommenderContract } from '../../src/testing/index.ts';

runRecommenderContract({
  name: 'bpr',
  create: (dataset, options) => bpr.fit(dataset, { factors: 8, epochs: 5 }, options),
  load: bpr.load,
});

runRecommenderContract({
  name: 'bpr (adaptive negatives)',
  create: (dataset, options) => bpr.fit(dataset, { factors: 8, epochs: 5, negatives: 'adaptive' }, options),
  load: bpr.load,
});

it('bpr: the loss falls and the ranking beats popularity-free chance on clustered data', async () => {
  const { dataset, validation } = recommenderFixture({ users: 200, items: 60, perUser: 12, seed: 5 });
  const losses: number[] = [];
  const progress = {
    start() {},
    tick() {},
    done() {},
    note: (message: string) => {
      const match = /loss (\S+)/.exec(message);
      if (match) losses.push(Number(match[1]));
    },
  };
  const model = await bpr.fit(dataset, { factors: 8, epochs: 20 }, { progress, seed: 3 });
  assert.ok(losses.at(-1)! < losses[0], `loss ${losses[0]} → ${losses.at(-1)}`);
  const ndcg = validationNdcg({ model, train: dataset, validation });
  assert.ok(ndcg > 0.15, `validation ndcg@10 ${ndcg}`);
});

it('bpr: trains with worker threads (Hogwild)', async () => {
  const { dataset, validation } = recommenderFixture({ users: 200, items: 60, perUser: 12, seed: 5 });
  const model = await bpr.fit(dataset, { factors: 8, epochs: 20 }, { seed: 3, workers: 2 });
  assert.ok(validationNdcg({ model, train: dataset, validation }) > 0.15);
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sessionKnn } from '../../../src/models/sequential/session-knn.ts';
import { runRecommenderContract } from '../../../src/testing/index.ts';
import { cycleFixture, hitRateAtOne } from './sequence-fixture.ts';

runRecommenderContract({ name: 'session-knn', create: (dataset) => sessionKnn.fit(dataset), load: sessionKnn.load });

it('session-knn: predicts the next item of a sequential pattern from neighbour sessions', async () => {
  const fixture = cycleFixture();
  const model = await sessionKnn.fit(fixture.train, { neighbours: 20 });
  const rate = hitRateAtOne(model, fixture);
  assert.ok(rate > 0.6, `hit rate@1 ${rate}`);
  // Without position decay the neighbours' items all weigh alike and the order is lost.
  const flat = await sessionKnn.fit(fixture.train, { neighbours: 20, positionDecay: 0 });
  assert.ok(hitRateAtOne(flat, fixture) < rate);
});

it('session-knn: a training user is never its own neighbour', async () => {
  const fixture = cycleFixture({ users: 3, items: 40, length: 6 });
  const model = await sessionKnn.fit(fixture.train);
  // User 0 shares no item with the others here only if their walks are disjoint; its own items are never scored.
  const scores = model.score(0, fixture.train.itemsOf(0));
  const others = new Set([...fixture.train.itemsOf(1), ...fixture.train.itemsOf(2)]);
  fixture.train.itemsOf(0).forEach((item, index) => {
    if (!others.has(item)) assert.equal(scores[index], 0, `item ${item} scored from the user's own session`);
  });
});

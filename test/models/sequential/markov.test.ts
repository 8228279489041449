import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fpmc } from '../../../src/models/sequential/fpmc.ts';
import { type MarkovModel, markov, transitionRows } from '../../../src/models/sequential/markov.ts';
import { runRecommenderContract } from '../../../src/testing/index.ts';
import { cycleFixture, hitRateAtOne } from './sequence-fixture.ts';

runRecommenderContract({ name: 'markov', create: (dataset) => markov.fit(dataset), load: markov.load });

runRecommenderContract({
  name: 'fpmc',
  create: (dataset, options) => fpmc.fit(dataset, { factors: 8, epochs: 3 }, options),
  load: fpmc.load,
});

it('markov: transition probabilities are counts over the row total plus shrink', async () => {
  const fixture = cycleFixture({ users: 1, items: 5, length: 5, seed: 1 });
  const rows = transitionRows(fixture.all, { window: 1, recentItems: 1, decay: 0.5, shrink: 0, neighbours: 10 });
  const sequence = fixture.all.itemsOf(0);
  for (let t = 0; t + 1 < sequence.length; t++) {
    const from = sequence[t];
    assert.deepEqual([...rows.indices.subarray(rows.indptr[from], rows.indptr[from + 1])], [sequence[t + 1]]);
    assert.deepEqual([...rows.values.subarray(rows.indptr[from], rows.indptr[from + 1])], [1]);
  }
});

it('markov and fpmc: predict the next item of a sequential pattern', async () => {
  const fixture = cycleFixture();
  const chain = await markov.fit(fixture.train, { window: 1, recentItems: 1 });
  assert.ok(hitRateAtOne(chain, fixture) > 0.8, `markov hit rate@1 ${hitRateAtOne(chain, fixture)}`);
  const factorised = await fpmc.fit(fixture.train, { factors: 16, epochs: 25 }, { seed: 2 });
  assert.ok(hitRateAtOne(factorised, fixture) > 0.5, `fpmc hit rate@1 ${hitRateAtOne(factorised, fixture)}`);
});

it('sequential models fall back to popularity for an empty session', async () => {
  const fixture = cycleFixture();
  const model = (await markov.fit(fixture.train)) as MarkovModel;
  const { items } = model.recommend({ history: new Int32Array(0) }, 3);
  const popular = [...model.popularity.keys()].sort((a, b) => model.popularity[b] - model.popularity[a] || a - b);
  assert.deepEqual([...items], popular.slice(0, 3));
});

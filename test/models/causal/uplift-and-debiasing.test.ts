import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import { impressionPropensities, popularityPropensities } from '../../../src/models/causal/exposure-propensity.ts';
import { fitIpsMf, ipsMf } from '../../../src/models/causal/ips-mf.ts';
import { ipwAverageEffect, TLearner } from '../../../src/models/causal/uplift.ts';
import { recommenderFixture, runRecommenderContract } from '../../../src/testing/index.ts';

runRecommenderContract({
  name: 'ips-mf',
  create: (dataset, options) => ipsMf.fit(dataset, { factors: 8, epochs: 3 }, options),
  load: ipsMf.load,
});

it('uplift: the T-learner and the IPW effect recover a treatment effect that depends on a feature', () => {
  const random = createRandom(5);
  const count = 40_000;
  const fields = 2;
  const indices = new Int32Array(count * fields);
  const values = new Float32Array(count * fields).fill(1);
  const treated = new Uint8Array(count);
  const outcome = new Uint8Array(count);
  const propensity = new Float64Array(count);
  let truth = 0;
  for (let row = 0; row < count; row++) {
    const segment = random.int(4);
    indices[row * fields] = segment;
    indices[row * fields + 1] = 10;
    // Treatment is more likely where the baseline is high: a naive comparison would overstate the effect.
    propensity[row] = 0.2 + 0.15 * segment;
    treated[row] = random.next() < propensity[row] ? 1 : 0;
    const base = 0.02 + 0.02 * segment;
    const effect = segment === 3 ? 0.1 : 0.02;
    truth += effect / count;
    outcome[row] = random.next() < base + (treated[row] ? effect : 0) ? 1 : 0;
  }
  const rows = Int32Array.from({ length: count }, (_, row) => row);
  const ipw = ipwAverageEffect({ treated, outcome, propensity, rows });
  assert.ok(Math.abs(ipw.effect - truth) < 0.01, `IPW ${ipw.effect} vs ${truth}`);
  const examples = { fieldCount: fields, indices, values };
  const learner = TLearner.fit({ examples, treated, outcome }, { rows, buckets: 16, epochs: 3 });
  const bySegment = [0, 1, 2, 3].map(
    (segment) => learner.predict(examples, rows.find((row) => indices[row * fields] === segment)!).uplift,
  );
  assert.ok(Math.abs(bySegment[3] - 0.1) < 0.03, `segment 3 uplift ${bySegment[3]}`);
  assert.ok(bySegment[3] > bySegment[0] + 0.04);
  const weighted = TLearner.fit({ examples, treated, outcome }, { rows, buckets: 16, epochs: 3, propensity });
  let average = 0;
  for (const row of rows) average += weighted.predict(examples, row).uplift / count;
  assert.ok(Math.abs(average - truth) < 0.01, `weighted T-learner ${average} vs ${truth}`);
});

it('exposure propensities: popularity power law and impression shares', () => {
  const { dataset } = recommenderFixture();
  const theta = popularityPropensities(dataset, { power: 0.5, floor: 0.05 });
  assert.ok(Math.max(...theta) === 1 && Math.min(...theta) >= 0.05);
  const shares = impressionPropensities({ users: [0, 0, 1, 2], items: [0, 0, 0, 1], itemCount: 3 });
  assert.deepEqual(
    [...shares].map((value) => Number(value.toFixed(5))),
    [0.66667, 0.33333, 0],
  );
});

it('ips-mf: inverse-propensity weighting lifts unpopular items compared with the naive estimator', async () => {
  const { dataset } = recommenderFixture({ users: 200, items: 60, perUser: 12, seed: 5 });
  const counts = new Float64Array(dataset.itemCount);
  for (const item of dataset.byUser.indices) counts[item]++;
  const meanPopularity = async (estimator: 'naive' | 'ips') => {
    const model = await fitIpsMf(dataset, { estimator, factors: 8, epochs: 15 }, { seed: 1 });
    let total = 0;
    for (let user = 0; user < dataset.userCount; user++) {
      for (const item of model.recommend(user, 5, { exclude: dataset.itemsOf(user) }).items) total += counts[item];
    }
    return total;
  };
  assert.ok((await meanPopularity('ips')) < (await meanPopularity('naive')));
  await assert.rejects(fitIpsMf(dataset, { estimator: 'dr' }), /estimator must be one of/);
});

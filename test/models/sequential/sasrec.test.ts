import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { sasrec } from '../../../src/models/sequential/sasrec.ts';
import { runRecommenderContract } from '../../../src/testing/index.ts';
import { cycleFixture, hitRateAtOne } from './sequence-fixture.ts';

const tiny = { dimension: 8, heads: 2, inner: 8, blocks: 1, maxLength: 6, epochs: 2, negatives: 8, batchSize: 8 };

runRecommenderContract({
  name: 'sasrec',
  create: (dataset, options) => sasrec.fit(dataset, tiny, options),
  load: sasrec.load,
});

it('sasrec: learns a sequential pattern (sampled softmax and full softmax)', async () => {
  const fixture = cycleFixture();
  const params = { dimension: 16, heads: 2, inner: 16, blocks: 2, maxLength: 8, epochs: 30, batchSize: 16 };
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
  const sampled = await sasrec.fit(
    fixture.train,
    { ...params, negatives: 10, learningRate: 0.01 },
    { seed: 1, progress },
  );
  assert.ok(losses.at(-1)! < losses[0] * 0.6, `loss ${losses[0]} → ${losses.at(-1)}`);
  assert.ok(hitRateAtOne(sampled, fixture) > 0.6, `sampled hit rate@1 ${hitRateAtOne(sampled, fixture)}`);
  const full = await sasrec.fit(fixture.train, { ...params, negatives: 0, learningRate: 0.01 }, { seed: 1 });
  assert.ok(hitRateAtOne(full, fixture) > 0.6, `full-softmax hit rate@1 ${hitRateAtOne(full, fixture)}`);
});

it('sasrec: trains in worker threads', async () => {
  const fixture = cycleFixture();
  const model = await sasrec.fit(
    fixture.train,
    { dimension: 16, heads: 2, inner: 16, blocks: 1, maxLength: 8, epochs: 20, batchSize: 16, learningRate: 0.01 },
    { seed: 1, workers: 2 },
  );
  assert.ok(hitRateAtOne(model, fixture) > 0.5, `hit rate@1 ${hitRateAtOne(model, fixture)}`);
});

it('sasrec: rejects shapes the SIMD kernels cannot run', async () => {
  const fixture = cycleFixture({ users: 4 });
  await assert.rejects(sasrec.fit(fixture.train, { dimension: 10, heads: 2 }), InvalidInputError);
  await assert.rejects(sasrec.fit(fixture.train, { activation: 'tanh' }), /activation must be one of/);
});

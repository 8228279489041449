import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidInputError } from '../../src/core/errors.ts';
import { ials } from '../../src/models/ials.ts';
import { recommenderFixture, runRecommenderContract } from '../../src/testing/index.ts';

runRecommenderContract({
  name: 'ials',
  create: (dataset, options) => ials.fit(dataset, { factors: 8, iterations: 4, regularization: 1 }, options),
  load: ials.load,
});

runRecommenderContract({
  name: 'ials (cholesky)',
  create: (dataset, options) =>
    ials.fit(dataset, { factors: 6, iterations: 3, regularization: 1, solver: 'cholesky' }, options),
  load: ials.load,
});

it('ials: conjugate gradient converges to the Cholesky solution', async () => {
  const { dataset } = recommenderFixture({ seed: 3 });
  const params = { factors: 8, iterations: 1, regularization: 2 };
  const exact = await ials.fit(dataset, { ...params, solver: 'cholesky' }, { seed: 1 });
  const iterative = await ials.fit(dataset, { ...params, cgSteps: 20 }, { seed: 1 });
  const a = exact.snapshot().arrays.itemFactors as Float32Array;
  const b = iterative.snapshot().arrays.itemFactors as Float32Array;
  let difference = 0;
  let norm = 0;
  for (let index = 0; index < a.length; index++) {
    difference += (a[index] - b[index]) ** 2;
    norm += a[index] ** 2;
  }
  assert.ok(Math.sqrt(difference / norm) < 1e-3, `relative difference ${Math.sqrt(difference / norm)}`);
});

it('ials: learns cluster structure (validation ndcg beats chance) and reports epochs', async () => {
  const { dataset, validation } = recommenderFixture({ users: 200, items: 60, perUser: 12, seed: 5 });
  const notes: string[] = [];
  const progress = { start() {}, tick() {}, done() {}, note: (message: string) => notes.push(message) };
  await ials.fit(dataset, { factors: 8, iterations: 5 }, { validation, progress, seed: 1 });
  assert.ok(
    notes.some((note) => /ials epoch 1 .*validation ndcg@10 0\.\d+/.test(note)),
    notes.join('\n'),
  );
  const losses = notes.flatMap((note) => /loss (\S+)/.exec(note)?.[1] ?? []).map(Number);
  assert.equal(losses.length, 5);
  // ALS never increases its objective (the loss is taken after each user step).
  for (let epoch = 1; epoch < losses.length; epoch++)
    assert.ok(losses[epoch] <= losses[epoch - 1] * 1.0001, `${losses}`);
});

it('ials: rejects unknown and ill-typed hyperparameters', async () => {
  const { dataset } = recommenderFixture();
  await assert.rejects(() => ials.fit(dataset, { factor: 8 } as never), /unknown hyperparameter "factor"/);
  await assert.rejects(() => ials.fit(dataset, { factors: 'many' } as never), InvalidInputError);
  await assert.rejects(() => ials.fit(dataset, { solver: 'qr' } as never), /solver must be one of cg, cholesky/);
});

it('ials: trains in worker threads to the same factors as in one thread', async () => {
  const { dataset } = recommenderFixture({ users: 3000, items: 200, perUser: 150, seed: 9 });
  const params = { factors: 8, iterations: 2 };
  const single = await ials.fit(dataset, params, { seed: 2, workers: 1 });
  const parallel = await ials.fit(dataset, params, { seed: 2, workers: 2 });
  assert.deepEqual(single.snapshot().arrays.itemFactors, parallel.snapshot().arrays.itemFactors);
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { stratifiedSplit } from '../../src/data/splits/stratified-split.ts';
import { tpeSampler } from '../../src/eval/tuning/samplers.ts';
import { checkSearchSpace, defaultSearchSpace, valueAt } from '../../src/eval/tuning/search-space.ts';
import { tuneModel } from '../../src/eval/tuning/tune.ts';
import type { Model, Recommender } from '../../src/models/recommender.ts';
import { interactionsFixture } from '../../src/testing/interactions-fixture.ts';

it('derives a default space and maps unit coordinates to values', () => {
  const space = defaultSearchSpace({
    factors: 64,
    regularization: 0.01,
    binary: true,
    seed: 1,
    solver: 'cg',
    iterations: 1,
  });
  assert.deepEqual(Object.keys(space).sort(), ['binary', 'factors', 'regularization']);
  assert.deepEqual(space.factors, { type: 'int', low: 32, high: 128, log: true });
  assert.equal(valueAt(space.factors, 0), 32);
  assert.equal(valueAt(space.factors, 0.5), 64);
  assert.equal(valueAt(space.regularization, 0.5), 0.01);
  assert.equal(valueAt({ type: 'choice', values: ['a', 'b'] }, 0.7), 'b');
  assert.throws(
    () => checkSearchSpace({ alpha: { type: 'float', low: 2, high: 1 } }, 'space.json: ials'),
    /ials\.alpha/,
  );
});

it('TPE concentrates proposals near the best region of a smooth objective', () => {
  const space = { x: { type: 'float' as const, low: 0, high: 1 } };
  const random = createRandom(5);
  const sampler = tpeSampler(space, random, { startup: 6 });
  const history: Array<{ point: number[]; score: number }> = [];
  for (let t = 0; t < 40; t++) {
    const point = sampler.propose(history);
    history.push({ point, score: -((point[0] - 0.8) ** 2) });
  }
  const late = history.slice(20).map((o) => Math.abs(o.point[0] - 0.8));
  const mean = late.reduce((s, v) => s + v, 0) / late.length;
  // Uniform proposals would be ~0.34 from 0.8 on average.
  assert.ok(mean < 0.15, `late proposals average ${mean} away from the optimum`);
});

/** A recommender whose quality depends on one hyperparameter: it recommends by popularity when `blend` ≥ 0.5, else the least popular (highest index) items. */
const toy: Recommender<{ blend: number }> = {
  name: 'toy',
  defaults: { blend: 0.1 },
  async fit(dataset, params = {}) {
    const blend = params.blend ?? 0.1;
    const { indptr } = dataset.byItem;
    const score = (i: number) => (blend >= 0.5 ? indptr[i + 1] - indptr[i] : i * 0.001);
    const model: Model = {
      name: 'toy',
      params: { blend },
      userCount: dataset.userCount,
      itemCount: dataset.itemCount,
      recommend(_user, k, options = {}) {
        const exclude = new Set(options.exclude as Int32Array);
        const items = [...Array(dataset.itemCount).keys()]
          .filter((i) => !exclude.has(i))
          .sort((a, b) => score(b) - score(a) || a - b)
          .slice(0, k);
        return { items: Int32Array.from(items), scores: Float32Array.from(items, score) };
      },
      score: (_user, items) => Float32Array.from(items, score),
      snapshot: () => ({ name: 'toy', params: { blend }, meta: {}, arrays: {} }),
    };
    return model;
  },
  load() {
    throw new Error('not needed');
  },
};

it('tunes on the validation split, starts from the defaults and stops when it stalls', async () => {
  const data = interactionsFixture({ users: 80, items: 120, perUser: 10, seed: 2 });
  const split = stratifiedSplit(data, { testRatio: 0.2, seed: 1 });
  const result = await tuneModel({
    recommender: toy as Recommender,
    train: split.train,
    validation: split.test,
    space: { blend: { type: 'float', low: 0, high: 1 } },
    method: 'random',
    trials: 40,
    patience: 6,
    seed: 3,
  });
  assert.equal(result.trials[0].params.blend, 0.1);
  assert.ok((result.best.params.blend as number) >= 0.5);
  assert.ok(result.best.score > result.trials[0].score);
  assert.equal(result.stopped, 'stalled');
  assert.ok(result.trials.length < 40);
});

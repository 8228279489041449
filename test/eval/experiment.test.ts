import assert from 'node:assert/strict';
import { it } from 'node:test';
import { compareWithBest, pairedValues } from '../../src/eval/compare-models.ts';
import { runExperiment } from '../../src/eval/experiment.ts';
import { modelRegistry } from '../../src/eval/model-registry.ts';
import { parseModelSpecs } from '../../src/eval/model-specs.ts';
import { registryOf } from '../../src/eval/recommender-registry.ts';
import type { Model, Recommender } from '../../src/models/recommender.ts';
import { interactionsFixture } from '../../src/testing/interactions-fixture.ts';

/** Recommends the least popular items first: a model that popularity should beat on every split. */
const unpopular: Recommender = {
  name: 'unpopular',
  defaults: {},
  async fit(dataset) {
    const { indptr } = dataset.byItem;
    const score = (i: number) => -(indptr[i + 1] - indptr[i]);
    const model: Model = {
      name: 'unpopular',
      params: {},
      userCount: dataset.userCount,
      itemCount: dataset.itemCount,
      recommend(_user, k, options = {}) {
        const exclude = new Set(options.exclude as Int32Array);
        const allowed = options.candidates ? new Set(options.candidates) : null;
        const items = [...Array(dataset.itemCount).keys()]
          .filter((i) => !exclude.has(i) && (!allowed || allowed.has(i)))
          .sort((a, b) => score(b) - score(a) || a - b)
          .slice(0, k);
        return { items: Int32Array.from(items), scores: Float32Array.from(items, score) };
      },
      score: (_user, items) => Float32Array.from(items, score),
      snapshot: () => ({ name: 'unpopular', params: {}, meta: {}, arrays: {} }),
    };
    return model;
  },
  load() {
    throw new Error('not needed');
  },
};

const registry = registryOf([modelRegistry.get('popularity')!, unpopular]);
const dataset = interactionsFixture({ users: 100, items: 50, perUser: 10, seed: 8 });

it('runs every model on the same folds and averages over folds and seeds', async () => {
  const results = await runExperiment({
    dataset,
    protocol: { name: 'kfold', testRatio: 0.2, folds: 3, stratifyBy: 'user', seeds: [1, 2], validation: false },
    models: parseModelSpecs('popularity,unpopular'),
    registry,
    k: 5,
    metrics: ['ndcg', 'recall'],
  });
  assert.deepEqual(
    results.map((r) => r.runs.length),
    [6, 6],
  );
  for (let run = 0; run < 6; run++) {
    assert.deepEqual(results[0].runs[run].evaluation.users, results[1].runs[run].evaluation.users);
  }
  const mean = results[0].runs.reduce((s, r) => s + r.evaluation.metrics['ndcg@5'], 0) / 6;
  assert.ok(Math.abs(results[0].metrics['ndcg@5'] - mean) < 1e-12);
  assert.equal(
    pairedValues(results[0], 'ndcg@5').length,
    results[0].runs.reduce((s, r) => s + r.evaluation.users.length, 0),
  );
  const [comparison] = compareWithBest(results, 'ndcg@5');
  assert.equal(comparison.model, 'unpopular');
  assert.equal(comparison.against, 'popularity');
  assert.ok(comparison.meanDifference < 0 && comparison.pValue < 0.001);
  assert.ok(comparison.interval[1] < 0);
});

it('reports cold. and warm. figures under the cold-items protocol', async () => {
  const [result] = await runExperiment({
    dataset,
    protocol: { name: 'cold-items', testRatio: 0.2, folds: 5, stratifyBy: 'user', seeds: [3], validation: false },
    models: parseModelSpecs('popularity'),
    registry,
    k: 5,
    metrics: ['ndcg', 'recall'],
  });
  // Popularity has never seen a cold item: all cold items tie at 0 and are ranked by index.
  assert.ok(result.metrics['cold.ndcg@5'] >= 0);
  assert.ok(result.metrics['warm.ndcg@5'] > 0);
  assert.ok('ndcg@5' in result.metrics && 'cold.recall@5' in result.metrics && 'warm.recall@5' in result.metrics);
  assert.equal(pairedValues(result, 'cold.ndcg@5').length, result.runs[0].cold!.users.length);
});

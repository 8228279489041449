import assert from 'node:assert/strict';
import { it } from 'node:test';
import { stratifiedSplit } from '../../src/data/splits/stratified-split.ts';
import { evaluateModel } from '../../src/eval/evaluate.ts';
import { modelRegistry, modelRegistryModule } from '../../src/eval/model-registry.ts';
import { evaluateModelParallel } from '../../src/eval/parallel-evaluate.ts';
import { interactionsFixture } from '../../src/testing/interactions-fixture.ts';

it('gives the same figures on worker threads as on one thread, sampled candidates included', async () => {
  const data = interactionsFixture({ users: 150, items: 60, perUser: 8, seed: 4 });
  const split = stratifiedSplit(data, { testRatio: 0.25, seed: 2 });
  const model = await modelRegistry.get('itemknn')!.fit(split.train);
  for (const sampling of [undefined, { negatives: 20, sampler: 'popularity' as const, seed: 9 }]) {
    const options = { train: split.train, test: split.test, k: 5, sampling };
    const sequential = evaluateModel(model, options);
    const parallel = await evaluateModelParallel(model, {
      ...options,
      parallel: {
        registry: modelRegistryModule,
        workers: 2,
        minimumSeconds: 0,
        probeUsers: 10,
      },
    });
    assert.deepEqual(parallel.metrics, sequential.metrics);
    assert.deepEqual(parallel.users, sequential.users);
    assert.deepEqual(parallel.perUser, sequential.perUser);
    assert.deepEqual(parallel.recommendationCounts, sequential.recommendationCounts);
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';
import { evaluateModel } from '../../src/eval/evaluate.ts';
import type { Model, RecommendOptions, ScoredItems } from '../../src/models/recommender.ts';

/**
 * A model with fixed item scores. It takes the top K as the spec says (ties by ascending index); `reverseTies`
 * then returns runs of equal scores within that list in descending item order.
 */
function fixedModel(scores: number[], options: { reverseTies?: boolean } = {}): Model & { calls: number } {
  const model = {
    name: 'fixed',
    params: {},
    userCount: 3,
    itemCount: scores.length,
    calls: 0,
    recommend(_user: unknown, k: number, opts: RecommendOptions = {}): ScoredItems {
      model.calls++;
      const exclude = new Set(opts.exclude as Int32Array);
      const allowed = opts.candidates ? new Set(opts.candidates) : null;
      const items = scores
        .map((_, i) => i)
        .filter((i) => !exclude.has(i) && (!allowed || allowed.has(i)))
        .sort((a, b) => scores[b] - scores[a] || a - b)
        .slice(0, k);
      if (options.reverseTies) items.sort((a, b) => scores[b] - scores[a] || b - a);
      return { items: Int32Array.from(items), scores: Float32Array.from(items, (i) => scores[i]) };
    },
    score: (_user: unknown, items: Int32Array) => Float32Array.from(items, (i) => scores[i]),
    snapshot: () => ({ name: 'fixed', params: {}, meta: {}, arrays: {} }),
  };
  return model;
}

function dataset(rows: Array<[number, number]>): Dataset {
  return Dataset.fromInteractions({
    users: IdMap.from(['a', 'b', 'c']),
    items: IdMap.from(['i0', 'i1', 'i2', 'i3', 'i4']),
    interactions: {
      user: Int32Array.from(rows, (row) => row[0]),
      item: Int32Array.from(rows, (row) => row[1]),
      value: new Float32Array(rows.length).fill(1),
      time: Uint32Array.from(rows, (_, k) => k),
    },
  });
}

// Users a and b trained on item 0; a holds out {1, 3}, b holds out {4}; c has no held-out item.
const train = dataset([
  [0, 0],
  [1, 0],
  [2, 0],
  [2, 1],
]);
const test = train.filter(() => false);
const heldOut = dataset([
  [0, 1],
  [0, 3],
  [1, 4],
]);

describe('evaluateModel', () => {
  it('excludes training items, skips users with |T| = 0 and counts them', () => {
    // Scores rank items 0 > 1 > 2 > 3 > 4; with item 0 excluded: 1, 2, 3, 4.
    const model = fixedModel([5, 4, 3, 2, 1]);
    const result = evaluateModel(model, { train, test: heldOut, k: 2, metrics: ['precision', 'recall', 'ndcg'] });
    assert.deepEqual([...result.users], [0, 1]);
    assert.equal(result.skippedUsers, 1);
    assert.equal(model.calls, 2);
    // a: list 1, 2 → one hit of two relevant; b: list 1, 2 → no hit.
    assert.equal(result.metrics['precision@2'], (1 / 2 + 0) / 2);
    assert.equal(result.metrics['recall@2'], (1 / 2 + 0) / 2);
    const ndcgA = 1 / (1 + 1 / Math.log2(3));
    assert.ok(Math.abs(result.metrics['ndcg@2'] - ndcgA / 2) < 1e-12);
    assert.deepEqual(
      [...result.perUser['ndcg@2']].map((v) => Number(v.toFixed(9))),
      [Number(ndcgA.toFixed(9)), 0],
    );
    assert.equal(test.interactionCount, 0);
  });

  it('handles K larger than the number of items', () => {
    const result = evaluateModel(fixedModel([5, 4, 3, 2, 1]), {
      train,
      test: heldOut,
      k: 50,
      metrics: ['precision', 'recall', 'hitrate'],
    });
    // a: both relevant items among the 4 candidates; precision divides by K.
    assert.equal(result.metrics['precision@50'], (2 / 50 + 1 / 50) / 2);
    assert.equal(result.metrics['recall@50'], 1);
    assert.equal(result.metrics['hitrate@50'], 1);
  });

  it('breaks tied scores deterministically by item index, whatever order the model returns', () => {
    const tied = [9, 1, 1, 1, 1];
    const forward = evaluateModel(fixedModel(tied), { train, test: heldOut, k: 2 });
    const backward = evaluateModel(fixedModel(tied, { reverseTies: true }), { train, test: heldOut, k: 2 });
    assert.deepEqual(backward.metrics, forward.metrics);
    // With ties ordered by index the list is 1, 2 for both users: a has a hit at rank 1.
    assert.equal(forward.metrics['mrr@2'], (1 + 0) / 2);
  });

  it('computes AUC from the full ranking and coverage over the catalog', () => {
    const result = evaluateModel(fixedModel([5, 4, 3, 2, 1]), {
      train,
      test: heldOut,
      k: 1,
      metrics: ['auc', 'coverage'],
    });
    // a: candidates 1, 2, 3, 4 with relevant {1, 3}: pairs (1>2, 1>4, 3>4) correct, (3<2) wrong → 3/4.
    // b: relevant {4} last among 4 candidates → 0.
    assert.equal(result.metrics.auc, (3 / 4 + 0) / 2);
    // Both users get item 1 in their top 1: one of five items covered.
    assert.equal(result.metrics['coverage@1'], 1 / 5);
  });

  it('labels sampled-candidate figures and restricts to the candidates', () => {
    const model = fixedModel([5, 4, 3, 2, 1]);
    const result = evaluateModel(model, {
      train,
      test: heldOut,
      k: 1,
      metrics: ['hitrate'],
      sampling: { negatives: 1, sampler: 'uniform', seed: 3 },
    });
    assert.ok('sampled.hitrate@1' in result.metrics);
    assert.ok(!('hitrate@1' in result.metrics));
  });

  it('restricts candidates and relevance to an item scope', () => {
    // Only items 3 and 4 in scope: a's relevant set is {3}, b's is {4}; both rank 3 before 4.
    const scope = Uint8Array.from([0, 0, 0, 1, 1]);
    const result = evaluateModel(fixedModel([5, 4, 3, 2, 1]), {
      train,
      test: heldOut,
      k: 1,
      metrics: ['hitrate'],
      items: scope,
    });
    assert.equal(result.metrics['hitrate@1'], 1 / 2);
  });
});

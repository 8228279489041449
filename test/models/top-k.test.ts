// selectTopK against a full sort: best first, ties by ascending item index, NaN last, exclusions honoured.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { selectTopK } from '../../src/models/kernels/top-k.ts';

function reference(scores: Float32Array, k: number, exclude: Set<number>) {
  const value = (item: number) => (Number.isNaN(scores[item]) ? Number.NEGATIVE_INFINITY : scores[item]);
  const order = Array.from(scores.keys())
    .filter((item) => !exclude.has(item))
    .sort((a, b) => value(b) - value(a) || a - b)
    .slice(0, k);
  return { items: order, scores: order.map(value) };
}

describe('selectTopK', () => {
  it('matches a full sort on random scores with ties, NaN and exclusions', () => {
    const random = createRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + random.int(300);
      // Few distinct values, so that many scores tie.
      const scores = Float32Array.from({ length: n }, () => (random.next() < 0.05 ? Number.NaN : random.int(20)));
      const exclude = new Set(Array.from({ length: random.int(10) }, () => random.int(n)));
      const k = random.int(n + 5);
      const got = selectTopK(scores, k, { exclude, scratchMask: new Uint8Array(n) });
      const want = reference(scores, k, exclude);
      assert.deepEqual([...got.items], want.items, `trial ${trial}`);
      assert.deepEqual([...got.scores], want.scores, `trial ${trial}`);
    }
  });
});

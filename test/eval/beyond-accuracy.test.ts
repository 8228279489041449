import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  catalogCoverage,
  giniIndex,
  intraListDiversity,
  listNovelty,
  listPopularity,
  longTailShare,
  serendipityAt,
} from '../../src/eval/metrics/beyond-accuracy.ts';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);

it('computes catalog coverage and the Gini index of recommendation counts', () => {
  close(catalogCoverage(Float64Array.from([3, 0, 1, 0])), 2 / 4);
  close(giniIndex(Float64Array.from([2, 2, 2, 2])), 0);
  // Sorted 0, 0, 0, 4: (2·4 − 4 − 1)·4 / (4·4) = 3/4.
  close(giniIndex(Float64Array.from([0, 4, 0, 0])), 3 / 4);
  // Sorted 1, 2, 3: ((−2)·1 + 0·2 + 2·3) / (3·6) = 4/18.
  close(giniIndex(Float64Array.from([3, 1, 2])), 4 / 18);
  close(giniIndex(new Float64Array(3)), 0);
});

it('computes intra-list diversity as 1 − mean pairwise cosine', () => {
  // Items 0 = (1, 0), 1 = (1, 0), 2 = (0, 1), 3 = (1, 1).
  const features = { dimension: 2, vectors: Float32Array.from([1, 0, 1, 0, 0, 1, 1, 1]) };
  close(intraListDiversity(Int32Array.from([0, 1]), features), 0);
  close(intraListDiversity(Int32Array.from([0, 2]), features), 1);
  // Pairs: (0,2) 0, (0,3) 1/√2, (2,3) 1/√2 → mean √2/3.
  close(intraListDiversity(Int32Array.from([0, 2, 3]), features), 1 - Math.SQRT2 / 3);
  assert.ok(Number.isNaN(intraListDiversity(Int32Array.from([0]), features)));
});

it('computes novelty, popularity and long-tail share of a list', () => {
  const itemUsers = Float64Array.from([8, 4, 0, 1]);
  // p = 8/16, 4/16, max(1,0)/16 → self-information 1, 2, 4.
  close(listNovelty(Int32Array.from([0, 1, 2]), itemUsers, 16), (1 + 2 + 4) / 3);
  close(listPopularity(Int32Array.from([0, 1, 2]), itemUsers), 4);
  close(longTailShare(Int32Array.from([0, 1, 2]), Uint8Array.from([1, 0, 0, 0])), 2 / 3);
});

it('counts as serendipitous only hits outside the primitive recommender list', () => {
  const value = serendipityAt({
    ranked: Int32Array.from([5, 6, 7, 8]),
    relevant: new Set([5, 6, 9]),
    primitive: new Set([5, 1]),
    k: 4,
  });
  close(value, 1 / 4);
});

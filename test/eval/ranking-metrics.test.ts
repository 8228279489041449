import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  auc,
  averagePrecisionAt,
  hitRateAt,
  ndcgAt,
  precisionAt,
  recallAt,
  reciprocalRankAt,
} from '../../src/eval/metrics/ranking-metrics.ts';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);

// Ranked list 3, 1, 7, 5 with T = {1, 5, 9}: hits at ranks 2 and 4.
const list = { ranked: Int32Array.from([3, 1, 7, 5]), relevant: new Set([1, 5, 9]), k: 4 };

it('computes precision, recall, hit rate and MRR by hand', () => {
  close(precisionAt(list), 2 / 4);
  close(recallAt(list), 2 / 3);
  close(hitRateAt(list), 1);
  close(reciprocalRankAt(list), 1 / 2);
  close(hitRateAt({ ...list, k: 1 }), 0);
  close(reciprocalRankAt({ ...list, k: 1 }), 0);
});

it('computes NDCG with binary gain, log2(rank+1) discount and ideal DCG over min(|T|, K)', () => {
  const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
  close(ndcgAt(list), dcg / (1 + 1 / Math.log2(3) + 1 / Math.log2(4)));
  // K = 2 < |T|: ideal over 2 places, one hit at rank 2.
  close(ndcgAt({ ...list, k: 2 }), 1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
});

it('computes MAP@K with AP divided by min(|T|, K)', () => {
  close(averagePrecisionAt(list), (1 / 2 + 2 / 4) / 3);
  close(averagePrecisionAt({ ...list, k: 2 }), 1 / 2 / 2);
});

it('handles K larger than the list (and than the catalog): misses fill the missing places', () => {
  const wide = { ...list, k: 10 };
  close(precisionAt(wide), 2 / 10);
  close(recallAt(wide), 2 / 3);
  close(ndcgAt(wide), ndcgAt(list));
  close(averagePrecisionAt(wide), (1 / 2 + 2 / 4) / 3);
});

it('computes AUC over candidate pairs, with unranked candidates tied at the bottom', () => {
  // Candidates 3, 1, 7, 5, 9, 2; negatives 3, 7, 2. Correctly ordered pairs: 1 → 2, 5 → 1, 9 → 1.
  const full = Int32Array.from([3, 1, 7, 5, 9, 2]);
  close(auc({ ranked: full, relevant: list.relevant, relevantCandidates: 3, candidateCount: 6 }), 4 / 9);
  // Only the top two ranked: 1 beats 2 negatives; {5, 9} × {7, 2} are 4 tied pairs worth 2.
  close(auc({ ranked: full.subarray(0, 2), relevant: list.relevant, relevantCandidates: 3, candidateCount: 6 }), 4 / 9);
  close(
    auc({ ranked: Int32Array.from([1, 5, 9, 3]), relevant: list.relevant, relevantCandidates: 3, candidateCount: 4 }),
    1,
  );
  assert.ok(
    Number.isNaN(
      auc({ ranked: Int32Array.from([1]), relevant: new Set([1]), relevantCandidates: 1, candidateCount: 1 }),
    ),
  );
});

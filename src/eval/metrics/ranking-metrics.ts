// Accuracy metrics of one user's ranked list against that user's relevant (held-out) items T. Binary relevance:
// an item is relevant when it is in T. `ranked` is the model's list, best first; it may be shorter than K (a small
// catalog, or K larger than the number of items), in which case the missing places count as misses.
// Formulas follow Microsoft Recommenders' python_evaluation, the figures we compare with (docs/metrics.md).

/** The input every accuracy metric reads. */
export interface RankedList {
  /** Item indices, best first. Only the first `k` are read. */
  ranked: Int32Array;
  /** The user's relevant items T (non-empty: users with |T| = 0 are skipped before metrics run). */
  relevant: ReadonlySet<number>;
  k: number;
}

/** hits@K: relevant items among the first K. */
export function hits({ ranked, relevant, k }: RankedList): number {
  let count = 0;
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) if (relevant.has(ranked[r])) count++;
  return count;
}

/** Precision@K = hits@K / K (K, not the list length: a short list is padded with misses). */
export function precisionAt(list: RankedList): number {
  return hits(list) / list.k;
}

/** Recall@K = hits@K / |T|. */
export function recallAt(list: RankedList): number {
  return hits(list) / list.relevant.size;
}

/** HitRate@K = 1 when hits@K > 0, else 0. */
export function hitRateAt(list: RankedList): number {
  return hits(list) > 0 ? 1 : 0;
}

/** MRR@K = 1 / (rank of the first relevant item), ranks from 1; 0 when none is in the first K. */
export function reciprocalRankAt({ ranked, relevant, k }: RankedList): number {
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) if (relevant.has(ranked[r])) return 1 / (r + 1);
  return 0;
}

/**
 * NDCG@K = DCG@K / IDCG@K with binary gain and discount log2(rank + 1), ranks from 1:
 * DCG@K = Σ_{r=1..K} rel_r / log2(r + 1); IDCG@K = Σ_{r=1..min(|T|, K)} 1 / log2(r + 1).
 */
export function ndcgAt({ ranked, relevant, k }: RankedList): number {
  let dcg = 0;
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) if (relevant.has(ranked[r])) dcg += 1 / Math.log2(r + 2);
  return dcg / idealDcg(Math.min(relevant.size, k));
}

/** IDCG of n relevant items at the top: Σ_{r=1..n} 1 / log2(r + 1). */
export function idealDcg(n: number): number {
  let sum = 0;
  for (let r = 1; r <= n; r++) sum += 1 / Math.log2(r + 1);
  return sum;
}

/**
 * MAP@K (the per-user AP@K, averaged over users by the caller):
 * AP@K = (1 / min(|T|, K)) · Σ_{r=1..K} Precision@r · rel_r.
 */
export function averagePrecisionAt({ ranked, relevant, k }: RankedList): number {
  let found = 0;
  let sum = 0;
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) {
    if (relevant.has(ranked[r])) {
      found++;
      sum += found / (r + 1);
    }
  }
  return sum / Math.min(relevant.size, k);
}

/**
 * AUC: the share of (relevant, non-relevant) candidate pairs that the ranking orders correctly.
 * AUC = Σ_{t ∈ T} |{n ∉ T ranked below t}| / (|T| · (C − |T|)), where C is the number of candidates.
 * Candidates the list leaves out share the last place, and each pair among them counts one half.
 * Returns NaN when every candidate is relevant (no pair exists).
 */
export function auc(options: {
  /** The full ranking of candidates (or its top part). */
  ranked: Int32Array;
  relevant: ReadonlySet<number>;
  /** Relevant items that are also candidates (training items are excluded from both). */
  relevantCandidates: number;
  /** How many items the ranking was drawn from. */
  candidateCount: number;
}): number {
  const { ranked, relevant, relevantCandidates, candidateCount } = options;
  const negatives = candidateCount - relevantCandidates;
  if (negatives <= 0 || relevantCandidates <= 0) return Number.NaN;
  let negativesSeen = 0;
  let relevantSeen = 0;
  let correct = 0;
  for (let r = 0; r < ranked.length; r++) {
    if (relevant.has(ranked[r])) {
      relevantSeen++;
      correct += negatives - negativesSeen;
    } else negativesSeen++;
  }
  correct += 0.5 * (relevantCandidates - relevantSeen) * (negatives - negativesSeen);
  return correct / (relevantCandidates * negatives);
}

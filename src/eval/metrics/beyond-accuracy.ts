// Metrics of the recommendation lists beyond accuracy: how much of the catalog they use, how evenly, how diverse,
// novel and popular their items are, and how often a hit is also unexpected. Formulas in docs/metrics.md.

/** Catalog coverage@K = |∪_u L_u| / |I|: the share of the catalog recommended to at least one user. */
export function catalogCoverage(recommendationCounts: Float64Array): number {
  if (recommendationCounts.length === 0) return 0;
  let covered = 0;
  for (const count of recommendationCounts) if (count > 0) covered++;
  return covered / recommendationCounts.length;
}

/**
 * Gini index of how often each catalog item is recommended (0: all equally, → 1: all on one item):
 * G = Σ_{j=1..n} (2j − n − 1) · c_(j) / (n · Σ_j c_j), with counts c sorted ascending.
 */
export function giniIndex(recommendationCounts: Float64Array): number {
  const n = recommendationCounts.length;
  const sorted = Float64Array.from(recommendationCounts).sort();
  let total = 0;
  let weighted = 0;
  for (let j = 0; j < n; j++) {
    total += sorted[j];
    weighted += (2 * (j + 1) - n - 1) * sorted[j];
  }
  return total > 0 ? weighted / (n * total) : 0;
}

/** Item feature vectors, row-major (item × dimension), for intra-list diversity. */
export interface ItemFeatures {
  dimension: number;
  vectors: Float32Array;
}

/**
 * Intra-list diversity = 1 − mean pairwise cosine similarity of the list's item feature vectors
 * (Ziegler et al. 2005). NaN for lists of fewer than two items. A zero vector has cosine 0 with everything.
 */
export function intraListDiversity(list: Int32Array, features: ItemFeatures): number {
  const n = list.length;
  if (n < 2) return Number.NaN;
  const { dimension, vectors } = features;
  const norms = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let sum = 0;
    const base = list[a] * dimension;
    for (let d = 0; d < dimension; d++) sum += vectors[base + d] * vectors[base + d];
    norms[a] = Math.sqrt(sum);
  }
  let similarity = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (norms[a] === 0 || norms[b] === 0) continue;
      let dot = 0;
      const baseA = list[a] * dimension;
      const baseB = list[b] * dimension;
      for (let d = 0; d < dimension; d++) dot += vectors[baseA + d] * vectors[baseB + d];
      similarity += dot / (norms[a] * norms[b]);
    }
  }
  return 1 - similarity / ((n * (n - 1)) / 2);
}

/**
 * Novelty of a list = mean self-information −log2 p(i) of its items (Zhou et al. 2010), with
 * p(i) = max(1, users of i in train) / |U|: an item nobody trained on counts as seen by one user.
 */
export function listNovelty(list: Int32Array, itemUsers: Float64Array, userCount: number): number {
  if (list.length === 0) return Number.NaN;
  let sum = 0;
  for (const item of list) sum += -Math.log2(Math.max(1, itemUsers[item]) / userCount);
  return sum / list.length;
}

/** Average recommendation popularity of a list (Abdollahpouri et al. 2019): mean train interactions per item. */
export function listPopularity(list: Int32Array, itemUsers: Float64Array): number {
  if (list.length === 0) return Number.NaN;
  let sum = 0;
  for (const item of list) sum += itemUsers[item];
  return sum / list.length;
}

/** Share of a list's items in the long tail (APLT, Abdollahpouri et al. 2019). */
export function longTailShare(list: Int32Array, isHead: Uint8Array): number {
  if (list.length === 0) return Number.NaN;
  let tail = 0;
  for (const item of list) if (!isHead[item]) tail++;
  return tail / list.length;
}

/**
 * Serendipity@K = |{i ∈ L_u[1..K] : i ∈ T_u and i ∉ PM_u}| / K (Ge et al. 2010): hits that a primitive
 * recommender would not have made. PM_u is the user's top-K by train popularity, training items excluded.
 */
export function serendipityAt(options: {
  ranked: Int32Array;
  relevant: ReadonlySet<number>;
  primitive: ReadonlySet<number>;
  k: number;
}): number {
  const { ranked, relevant, primitive, k } = options;
  let count = 0;
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) if (relevant.has(ranked[r]) && !primitive.has(ranked[r])) count++;
  return count / k;
}

// Diversity and the per-category cap: greedy Maximal Marginal Relevance (Carbonell & Goldstein 1998) picks, at each
// position, the candidate maximising λ·relevance − (1−λ)·max similarity to the items already picked. Similarity is by
// category (same leaf 1, same top category 0.5) or by item embeddings (cosine).

import { type Catalog, categoryCodeCount } from '../catalog.ts';
import type { Candidate } from '../types.ts';

export interface DiversityOptions {
  method: 'mmr' | 'none';
  lambda: number;
  /** At most this many items per leaf category (null: no cap). Relaxed when too few items remain. */
  categoryCap: number | null;
  catalog: Catalog;
  /** Unit-length item vectors for embedding similarity; category similarity when absent. */
  vectors?: ReadonlyMap<string, Float32Array>;
}

/** Picks per category code during one call (diversify is synchronous, so one buffer serves every request). */
let picksPerCategory = new Int32Array(64);

/** Picks `count` items from `ranked` (best first). */
export function diversify(ranked: readonly Candidate[], count: number, options: DiversityOptions): Candidate[] {
  const n = ranked.length;
  if (n === 0 || count <= 0) return [];
  const { catalog, vectors, categoryCap } = options;
  const mmr = options.method === 'mmr';
  // Per-candidate facts read once: categories as the catalog's integer codes (-1: none), vectors, and relevance
  // (scores min-max scaled to [0, 1]).
  const leaf = new Int32Array(n);
  const top = new Int32Array(n);
  const vector: Array<Float32Array | undefined> = new Array(n);
  const relevance = new Float64Array(n);
  const high = ranked[0].score;
  const low = ranked[n - 1].score;
  for (let k = 0; k < n; k++) {
    const entry = catalog.get(ranked[k].id);
    leaf[k] = entry ? entry.leafCode : -1;
    top[k] = entry ? entry.topCode : -1;
    if (vectors) vector[k] = vectors.get(ranked[k].id);
    relevance[k] = high > low ? (ranked[k].score - low) / (high - low) : 1;
  }
  const similarity = (a: number, b: number): number => {
    const va = vector[a];
    const vb = vector[b];
    if (va && vb) {
      let dot = 0;
      for (let d = 0; d < va.length; d++) dot += va[d] * vb[d];
      return dot;
    }
    if (leaf[a] >= 0 && leaf[a] === leaf[b]) return 1;
    if (top[a] >= 0 && top[a] === top[b]) return 0.5;
    return 0;
  };
  // The early stop needs relevance that never rises along `ranked` (the pipeline sorts before; checked anyway).
  let sorted = true;
  for (let k = 1; k < n && sorted; k++) if (relevance[k] > relevance[k - 1]) sorted = false;
  const picked: Candidate[] = [];
  const taken = new Uint8Array(n);
  // Lazily kept: maxSimilarity[k] covers the first `compared[k]` picks (pickedIndex); a candidate is compared with
  // new picks only when a scan reaches it. Scans stop early: `ranked` is best first, so relevance never rises with k,
  // and no candidate past k can beat λ·relevance[k] (the similarity term only subtracts). Same picks as a full scan.
  const maxSimilarity = new Float64Array(n);
  const compared = new Int32Array(n);
  const pickedIndex = new Int32Array(Math.min(count, n));
  // Picks per leaf category, in a process-wide buffer indexed by category code (reset below for what was picked).
  if (picksPerCategory.length < categoryCodeCount()) picksPerCategory = new Int32Array(categoryCodeCount() * 2);
  const perCategory = picksPerCategory;
  const cap = categoryCap ?? Number.POSITIVE_INFINITY;
  const lambda = options.lambda;
  // First with the category cap; if that leaves the list short, the cap is relaxed for the rest.
  for (const withCap of [categoryCap !== null, false]) {
    while (picked.length < count) {
      let best = -1;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) {
        if (taken[k]) continue;
        if (withCap && leaf[k] >= 0 && perCategory[leaf[k]] >= cap) continue;
        if (!mmr) {
          best = k; // the first candidate left, in rank order
          break;
        }
        if (sorted && lambda * relevance[k] <= bestValue) break;
        let similar = maxSimilarity[k];
        for (let p = compared[k]; p < picked.length; p++) {
          const value = similarity(k, pickedIndex[p]);
          if (value > similar) similar = value;
        }
        maxSimilarity[k] = similar;
        compared[k] = picked.length;
        const value = lambda * relevance[k] - (1 - lambda) * similar;
        if (value > bestValue) {
          bestValue = value;
          best = k;
        }
      }
      if (best < 0) break;
      taken[best] = 1;
      pickedIndex[picked.length] = best;
      picked.push(ranked[best]);
      if (leaf[best] >= 0) perCategory[leaf[best]]++;
    }
    if (!withCap) break;
  }
  for (let k = 0; k < n; k++) if (taken[k] && leaf[k] >= 0) perCategory[leaf[k]] = 0;
  return picked;
}

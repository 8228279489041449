// Diversity and the per-category cap: greedy Maximal Marginal Relevance (Carbonell & Goldstein 1998) picks, at each
// position, the candidate maximising λ·relevance − (1−λ)·max similarity to the items already picked. Similarity is by
// category (same leaf 1, same top category 0.5) or by item embeddings (cosine).

import type { Catalog } from '../catalog.ts';
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

/** Picks `count` items from `ranked` (best first). */
export function diversify(ranked: readonly Candidate[], count: number, options: DiversityOptions): Candidate[] {
  if (ranked.length === 0 || count <= 0) return [];
  const { catalog, vectors } = options;
  const top = ranked[0].score;
  const bottom = ranked[ranked.length - 1].score;
  const relevance = (candidate: Candidate) => (top > bottom ? (candidate.score - bottom) / (top - bottom) : 1);
  const similarity = (a: Candidate, b: Candidate): number => {
    const va = vectors?.get(a.id);
    const vb = vectors?.get(b.id);
    if (va && vb) {
      let dot = 0;
      for (let d = 0; d < va.length; d++) dot += va[d] * vb[d];
      return dot;
    }
    const ea = catalog.get(a.id);
    const eb = catalog.get(b.id);
    if (!ea || !eb) return 0;
    if (ea.leafCategory && ea.leafCategory === eb.leafCategory) return 1;
    if (ea.topCategory && ea.topCategory === eb.topCategory) return 0.5;
    return 0;
  };
  const picked: Candidate[] = [];
  const perCategory = new Map<string, number>();
  const remaining = [...ranked];
  const maxSimilarity = remaining.map(() => 0);
  for (const withCap of [true, false]) {
    while (picked.length < count && remaining.length > 0) {
      let best = -1;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < remaining.length; k++) {
        const candidate = remaining[k];
        if (withCap && options.categoryCap !== null) {
          const category = catalog.get(candidate.id)?.leafCategory;
          if (category && (perCategory.get(category) ?? 0) >= options.categoryCap) continue;
        }
        const value =
          options.method === 'mmr'
            ? options.lambda * relevance(candidate) - (1 - options.lambda) * maxSimilarity[k]
            : -k;
        if (value > bestValue) {
          bestValue = value;
          best = k;
        }
      }
      if (best < 0) break;
      const [chosen] = remaining.splice(best, 1);
      maxSimilarity.splice(best, 1);
      picked.push(chosen);
      const category = catalog.get(chosen.id)?.leafCategory;
      if (category) perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
      if (options.method === 'mmr') {
        for (let k = 0; k < remaining.length; k++) {
          maxSimilarity[k] = Math.max(maxSimilarity[k], similarity(remaining[k], chosen));
        }
      }
    }
  }
  return picked;
}

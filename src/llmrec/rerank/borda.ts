// Shuffled bootstrap against position bias (LLMs favour candidates shown first; Hou et al. 2024, "Large Language
// Models are Zero-Shot Rankers"): each round shows the candidates in an independent random order, and the rounds'
// rankings are aggregated by Borda count. Pure functions.

import { createRandom } from '../../core/random.ts';

/** `rounds` independent permutations of 0…n-1 (Fisher-Yates), seeded. */
export function shuffledRounds(n: number, rounds: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: rounds }, () => {
    const order = Array.from({ length: n }, (_, index) => index);
    for (let i = n - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  });
}

/**
 * Borda aggregation: in a ranking of n candidates the one at position p scores n - p; candidates a round left out
 * share the points of the positions nobody took (their mean). Ties keep the earlier index (the previous order).
 * `rankings` hold candidate indices; unknown or repeated indices are ignored.
 */
export function bordaOrder(n: number, rankings: readonly (readonly number[])[]): number[] {
  const points = new Float64Array(n);
  for (const ranking of rankings) {
    const placed = new Set<number>();
    for (const index of ranking) {
      if (Number.isInteger(index) && index >= 0 && index < n && !placed.has(index)) {
        points[index] += n - placed.size;
        placed.add(index);
      }
    }
    const left = n - placed.size;
    if (left === 0) continue;
    // Positions placed.size … n-1 are worth left … 1 points; their mean goes to each candidate left out.
    const share = (left + 1) / 2;
    for (let index = 0; index < n; index++) if (!placed.has(index)) points[index] += share;
  }
  return Array.from({ length: n }, (_, index) => index).sort((a, b) => points[b] - points[a] || a - b);
}

// "Complete the kit" bundles: from seed items (a tent, say), candidates ranked by a random walk with restart on the
// item graph, then added greedily under category constraints: at most one item of a single-per-kit category (one
// tent, one stove), at most `perCategory` of any other, only available items, and every pair of items whose
// categories have a complement rule with a fit check must fit (a pad that fits the tent, fuel that fits the stove).

import { InvalidInputError } from '../../core/errors.ts';
import type { ItemGraph } from './item-graph.ts';

export interface BundleOptions {
  /** Items the kit starts from (they are part of it). */
  seeds: readonly string[];
  /** Items in the finished kit, seeds included (default 5). */
  size?: number;
  /** Category keys a kit holds at most one item of. */
  singlePerKit: ReadonlySet<string>;
  /** Most items of any other category (default 2). */
  perCategory?: number;
  /** Restart probability of the walk (default 0.3). */
  restart?: number;
}

export interface Bundle {
  itemIds: string[];
  /** Walk score of each added item (the seeds get 0). */
  scores: number[];
}

export function completeTheKit(graph: ItemGraph, options: BundleOptions): Bundle {
  const size = options.size ?? 5;
  const perCategory = options.perCategory ?? 2;
  if (!Number.isInteger(size) || size < 1) {
    throw new InvalidInputError(`bundle size must be a positive integer (got ${size})`, { context: { field: 'size' } });
  }
  const seeds = options.seeds.map((id) => graph.indexOf(id));
  const kit: number[] = [];
  const kitScores: number[] = [];
  const counts = new Map<string, number>();
  const fitsKit = (candidate: number): boolean => {
    const category = graph.category[candidate];
    if (category !== undefined) {
      const limit = options.singlePerKit.has(category) ? 1 : perCategory;
      if ((counts.get(category) ?? 0) >= limit) return false;
    }
    for (const member of kit) {
      for (const rule of graph.complements) {
        if (!rule.fits) continue;
        const pair = [graph.category[member], graph.category[candidate]];
        const related =
          (pair[0] === rule.from && pair[1] === rule.to) || (pair[0] === rule.to && pair[1] === rule.from);
        if (related && !rule.fits(graph.items[member], graph.items[candidate])) return false;
      }
    }
    return true;
  };
  const add = (item: number, score: number) => {
    kit.push(item);
    kitScores.push(score);
    const category = graph.category[item];
    if (category !== undefined) counts.set(category, (counts.get(category) ?? 0) + 1);
  };
  for (const seed of seeds) {
    if (kit.includes(seed)) continue;
    if (!fitsKit(seed)) {
      throw new InvalidInputError(`bundle seeds break the kit rules at ${graph.items[seed].id}`, {
        context: { field: 'seeds' },
      });
    }
    add(seed, 0);
  }
  const scores = graph.walkScores(seeds, { restart: options.restart });
  const order = Array.from({ length: graph.items.length }, (_, item) => item)
    .filter((item) => scores[item] > 0 && !kit.includes(item) && graph.items[item].available)
    .sort((a, b) => scores[b] - scores[a] || a - b);
  for (const candidate of order) {
    if (kit.length >= size) break;
    if (fitsKit(candidate)) add(candidate, scores[candidate]);
  }
  return { itemIds: kit.map((item) => graph.items[item].id), scores: kitScores };
}

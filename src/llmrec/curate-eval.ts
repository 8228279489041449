// Evaluation of curated lists: the share of a list's items whose category is one the theme calls for (precision
// against the theme's expected leaf categories), and how many of those categories the list covers.

import type { Catalog } from '../pipeline/catalog.ts';
import type { CuratedList } from '../pipeline/curated-lists.ts';

export interface CurationScore {
  /** Share of the items in an expected category. */
  precision: number;
  /** Share of the expected categories with at least one item. */
  coverage: number;
  items: number;
}

/** Scores a list against expected leaf category names (case-insensitive); items missing from the catalog count as misses. */
export function scoreCuratedList(list: CuratedList, catalog: Catalog, expected: readonly string[]): CurationScore {
  const wanted = new Set(expected.map((name) => name.toLowerCase()));
  const covered = new Set<string>();
  let hits = 0;
  for (const { id } of list.items) {
    const leaf = catalog.get(id)?.item.categories.at(-1)?.toLowerCase();
    if (leaf && wanted.has(leaf)) {
      hits++;
      covered.add(leaf);
    }
  }
  return {
    precision: list.items.length ? hits / list.items.length : 0,
    coverage: wanted.size ? covered.size / wanted.size : 0,
    items: list.items.length,
  };
}

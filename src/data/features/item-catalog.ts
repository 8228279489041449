// Catalog-side features aligned with a Dataset's item indices: the items themselves, their embedder text,
// creation times, and a multi-hot category matrix.

import type { SparseRows } from '../../core/dataset.ts';
import { IdMap } from '../../core/id-map.ts';
import { itemText } from '../../core/item-text.ts';
import type { Item } from '../../core/types.ts';
import type { Store } from '../../store/store.ts';

/** The items of `ids` in index order; null where the store has no such item. */
export async function loadCatalog(
  store: Store,
  ids: IdMap,
  options: { batchSize?: number } = {},
): Promise<Array<Item | null>> {
  const batchSize = options.batchSize ?? 1000;
  const all = ids.ids();
  const catalog: Array<Item | null> = new Array(all.length).fill(null);
  for (let start = 0; start < all.length; start += batchSize) {
    const items = await store.items.get(all.slice(start, start + batchSize));
    for (const item of items) catalog[ids.indexOf(item.id)] = item;
  }
  return catalog;
}

/** The text embedders read for each item (title, category path, brand, tags, description, …); '' when unknown. */
export function itemTexts(catalog: ReadonlyArray<Item | null>, options: { maxLength?: number } = {}): string[] {
  return catalog.map((item) => (item ? itemText(item, options) : ''));
}

/** Creation time per item in seconds, NaN when unknown (the input of `itemRecency`). */
export function createdTimes(catalog: ReadonlyArray<Item | null>): Float64Array {
  return Float64Array.from(catalog, (item) =>
    item?.createdAt === null || item?.createdAt === undefined ? Number.NaN : item.createdAt / 1000,
  );
}

export interface CategoryMultiHot {
  /** Column names. */
  categories: IdMap;
  /** Rows are items (by index), columns categories, values 1. */
  matrix: SparseRows;
}

/**
 * Multi-hot category features. names (default): every category name on an item's path, so flat genre lists
 * (MovieLens) and paths both work; leaf: only the last name; path: each path prefix (`A > B`), keeping levels apart.
 */
export function categoryMultiHot(
  catalog: ReadonlyArray<Item | null>,
  options: { mode?: 'names' | 'leaf' | 'path' } = {},
): CategoryMultiHot {
  const mode = options.mode ?? 'names';
  const categories = new IdMap();
  const indptr = new Int32Array(catalog.length + 1);
  const columns: number[] = [];
  catalog.forEach((item, row) => {
    const path = item?.categories ?? [];
    const names =
      mode === 'leaf'
        ? path.slice(-1)
        : mode === 'path'
          ? path.map((_, depth) => path.slice(0, depth + 1).join(' > '))
          : path;
    const set = new Set<number>();
    for (const name of names) set.add(categories.add(name));
    columns.push(...[...set].sort((a, b) => a - b));
    indptr[row + 1] = columns.length;
  });
  return {
    categories,
    matrix: { indptr, indices: Int32Array.from(columns), values: new Float32Array(columns.length).fill(1) },
  };
}

// Item feature vectors for intra-list diversity: a multi-hot of each item's categories (every level of the path)
// and tags, aligned with a dataset's item indices. Text embeddings can stand in when a catalog has no categories.

import type { IdMap } from '../core/id-map.ts';
import type { Item } from '../core/types.ts';
import type { Store } from '../store/store.ts';
import type { ItemFeatures } from './metrics/beyond-accuracy.ts';
import { catalogItems } from './side-information.ts';

/** Multi-hot features of the catalog, or undefined when no item has a category or tag. */
export async function categoryFeatures(store: Store, items: IdMap): Promise<ItemFeatures | undefined> {
  return multiHot(await catalogItems(store), items);
}

export function multiHot(catalog: readonly Item[], items: IdMap): ItemFeatures | undefined {
  const labels = new Map<string, number>();
  const perItem = new Map<number, number[]>();
  for (const item of catalog) {
    const index = items.indexOf(item.id);
    if (index < 0) continue;
    const keys = [...item.categories.map((category) => `c:${category}`), ...item.tags.map((tag) => `t:${tag}`)];
    const columns = [...new Set(keys)].map((key) => {
      let column = labels.get(key);
      if (column === undefined) labels.set(key, (column = labels.size));
      return column;
    });
    perItem.set(index, columns);
  }
  if (labels.size === 0) return undefined;
  const dimension = labels.size;
  const vectors = new Float32Array(items.size * dimension);
  for (const [index, columns] of perItem) for (const column of columns) vectors[index * dimension + column] = 1;
  return { dimension, vectors };
}

// Item feature vectors for intra-list diversity: the data layer's multi-hot of each item's category names, as the
// dense rows the metric reads, aligned with a dataset's item indices.

import type { Item } from '../core/types.ts';
import { categoryMultiHot } from '../data/features/item-catalog.ts';
import type { ItemFeatures } from './metrics/beyond-accuracy.ts';

/** Dense multi-hot category features of an index-aligned catalog, or undefined when no item has a category. */
export function categoryFeatures(catalog: ReadonlyArray<Item | null>): ItemFeatures | undefined {
  const { categories, matrix } = categoryMultiHot(catalog);
  if (categories.size === 0) return undefined;
  const dimension = categories.size;
  const vectors = new Float32Array(catalog.length * dimension);
  for (let row = 0; row < catalog.length; row++) {
    for (let p = matrix.indptr[row]; p < matrix.indptr[row + 1]; p++) vectors[row * dimension + matrix.indices[p]] = 1;
  }
  return { dimension, vectors };
}

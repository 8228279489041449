// A user's taste from their recent feedback: category affinities, the centroid of the items they liked (newer events
// count more), and what to leave out (bought or disliked). Content-based scoring when no trained model is wired in.

import type { Store } from '../../../store/store.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import type { ItemVectors } from './item-vectors.ts';

export interface UserTaste {
  /** Category key → affinity in [0, 1]. */
  categories: Map<string, number>;
  /** Unit-length mean vector of liked items, or null when there is none. */
  centroid: Float32Array | null;
  /** Bought or disliked items. */
  exclude: Set<string>;
}

export async function userTaste(options: {
  store: Store;
  userId: string;
  index: CatalogIndex;
  vectors: ItemVectors | null;
}): Promise<UserTaste> {
  const { store, index, vectors } = options;
  const types = new Map((await store.feedback.types()).map((type) => [type.name, type]));
  const events = await store.feedback.forUser(options.userId, { limit: 300 });
  const categories = new Map<string, number>();
  const exclude = new Set<string>();
  let centroid: Float32Array | null = null;
  // Newest first: the k-th event weighs 0.97^k.
  events.forEach((event, rank) => {
    const type = types.get(event.type);
    if (!type) return;
    if (type.class === 'negative' || event.type === 'purchase') exclude.add(event.itemId);
    if (type.class !== 'positive' || type.weight <= 0) return;
    const weight = type.weight * 0.97 ** rank;
    const category = index.categoryKey(event.itemId);
    if (category) categories.set(category, (categories.get(category) ?? 0) + weight);
    const vector = vectors?.vector(event.itemId);
    if (vector) {
      centroid ??= new Float32Array(vector.length);
      for (let d = 0; d < vector.length; d++) centroid[d] += weight * vector[d];
    }
  });
  const top = Math.max(0, ...categories.values());
  if (top > 0) for (const [key, value] of categories) categories.set(key, value / top);
  if (centroid) {
    const values: Float32Array = centroid;
    const norm = Math.hypot(...values) || 1;
    for (let d = 0; d < values.length; d++) values[d] /= norm;
  }
  return { categories, centroid, exclude };
}

// Side information for models that read item content: text embeddings of each item's text (title, categories,
// brand, tags, description, via src/core/item-text.ts), category indices and creation times, aligned with a
// dataset's item indices (the data layer's loadCatalog). The embedder brings its own cache, so a catalog is
// embedded once across runs.

import { type Progress, silentProgress } from '../core/progress.ts';
import type { Item } from '../core/types.ts';
import { createdTimes, itemTexts } from '../data/features/item-catalog.ts';
import type { Embedder } from '../llm/spec.ts';
import type { SideInformation } from '../models/recommender.ts';

/** Category (leaf of the path) and creation time per item; embeddings too when an embedder is given. */
export async function sideInformation(options: {
  /** The catalog aligned with the dataset's item indices (loadCatalog); null where the store has no item. */
  catalog: ReadonlyArray<Item | null>;
  embedder?: Embedder;
  /** Texts per embedder call (default 256). */
  batchSize?: number;
  progress?: Progress;
}): Promise<SideInformation> {
  const { catalog } = options;
  const categoryNames: string[] = [];
  const categoryIndex = new Map<string, number>();
  const itemCategory = new Int32Array(catalog.length).fill(-1);
  for (const [index, item] of catalog.entries()) {
    const leaf = item?.categories.at(-1);
    if (!leaf) continue;
    let category = categoryIndex.get(leaf);
    if (category === undefined) {
      category = categoryNames.length;
      categoryIndex.set(leaf, category);
      categoryNames.push(leaf);
    }
    itemCategory[index] = category;
  }
  // The spec's convention: 0 when unknown.
  const itemCreatedAt = createdTimes(catalog).map((seconds) => (Number.isNaN(seconds) ? 0 : seconds));
  const side: SideInformation = { itemCategory, categoryNames, itemCreatedAt };
  if (options.embedder) side.itemEmbeddings = await embedItems(catalog, options.embedder, options);
  return side;
}

/** Row-major item × dimension embeddings; rows of zeros for items without a catalog entry or text. */
async function embedItems(
  catalog: ReadonlyArray<Item | null>,
  embedder: Embedder,
  options: { batchSize?: number; progress?: Progress },
): Promise<{ dimension: number; vectors: Float32Array }> {
  const { dimension } = embedder;
  const vectors = new Float32Array(catalog.length * dimension);
  const todo: Array<{ index: number; text: string }> = [];
  for (const [index, text] of itemTexts(catalog, { maxLength: 1000 }).entries()) {
    if (text.trim()) todo.push({ index, text: text.trim() });
  }
  const progress = options.progress ?? silentProgress;
  const batchSize = options.batchSize ?? 256;
  progress.start(`embedding item text (${embedder.name})`, todo.length);
  for (let start = 0; start < todo.length; start += batchSize) {
    const batch = todo.slice(start, start + batchSize);
    const embedded = await embedder.embed(batch.map((entry) => entry.text));
    for (const [j, entry] of batch.entries()) vectors.set(embedded[j].subarray(0, dimension), entry.index * dimension);
    progress.tick(batch.length);
  }
  progress.done(`${todo.length} items embedded`);
  return { dimension, vectors };
}

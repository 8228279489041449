// Side information for models that read item content: text embeddings of each item's text (title, categories,
// brand, tags, description, via src/core/item-text.ts), category indices and creation times, aligned with a
// dataset's item indices. The embedder brings its own cache, so a catalog is embedded once across runs.

import type { IdMap } from '../core/id-map.ts';
import { itemText } from '../core/item-text.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import type { Item } from '../core/types.ts';
import type { Embedder } from '../llm/spec.ts';
import type { SideInformation } from '../models/recommender.ts';
import type { Store } from '../store/store.ts';

/** Every catalog item of a store. */
export async function catalogItems(store: Store): Promise<Item[]> {
  const catalog: Item[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await store.items.list({ limit: 10_000, cursor });
    catalog.push(...page.rows);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return catalog;
}

/** Category (leaf of the path) and creation time per item; embeddings too when an embedder is given. */
export async function sideInformation(options: {
  catalog: readonly Item[];
  items: IdMap;
  embedder?: Embedder;
  /** Texts per embedder call (default 256). */
  batchSize?: number;
  progress?: Progress;
}): Promise<SideInformation> {
  const { catalog, items } = options;
  const byIndex: Array<Item | undefined> = new Array(items.size);
  for (const item of catalog) {
    const index = items.indexOf(item.id);
    if (index >= 0) byIndex[index] = item;
  }
  const categoryNames: string[] = [];
  const categoryIndex = new Map<string, number>();
  const itemCategory = new Int32Array(items.size).fill(-1);
  const itemCreatedAt = new Float64Array(items.size);
  byIndex.forEach((item, index) => {
    if (!item) return;
    const leaf = item.categories.at(-1);
    if (leaf) {
      let category = categoryIndex.get(leaf);
      if (category === undefined) {
        category = categoryNames.length;
        categoryIndex.set(leaf, category);
        categoryNames.push(leaf);
      }
      itemCategory[index] = category;
    }
    if (item.createdAt) itemCreatedAt[index] = item.createdAt / 1000;
  });
  const side: SideInformation = { itemCategory, categoryNames, itemCreatedAt };
  if (options.embedder) side.itemEmbeddings = await embedItems(byIndex, options.embedder, options);
  return side;
}

/** Row-major item × dimension embeddings; rows of zeros for items without a catalog entry or text. */
async function embedItems(
  byIndex: ReadonlyArray<Item | undefined>,
  embedder: Embedder,
  options: { batchSize?: number; progress?: Progress },
): Promise<{ dimension: number; vectors: Float32Array }> {
  const { dimension } = embedder;
  const vectors = new Float32Array(byIndex.length * dimension);
  const todo: Array<{ index: number; text: string }> = [];
  byIndex.forEach((item, index) => {
    const text = item ? itemText(item, { maxLength: 1000 }).trim() : '';
    if (text) todo.push({ index, text });
  });
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

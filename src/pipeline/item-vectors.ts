// Item vectors for hybrid search, content recall and embedding diversity: each item's title and category path,
// embedded once and stored in the store's vector namespace. The namespace remembers which embedder wrote it; a
// different embedder (another vector space) re-embeds everything.

import type { Progress } from '../core/progress.ts';
import type { Item } from '../core/types.ts';
import type { Store } from '../store/store.ts';
import type { QueryEmbedder } from './hybrid-search.ts';

export interface NamedEmbedder extends QueryEmbedder {
  readonly name: string;
}

/** The short text an item is embedded by (long descriptions cost the sentence encoder much and add little). */
export function itemVectorText(item: Item): string {
  return [item.title, item.categories.join(' / '), item.text?.title_zh].filter(Boolean).join('. ');
}

/** Embeds the items without a vector (all of them when the embedder changed); returns how many were embedded. */
export async function embedItems(options: {
  store: Store;
  embedder: NamedEmbedder;
  namespace: string;
  /** Only these items (default: the whole catalog). */
  ids?: readonly string[];
  progress?: Progress;
  batchSize?: number;
  signal?: AbortSignal;
}): Promise<number> {
  const { store, embedder, namespace } = options;
  const meta = await store.kv.get<{ embedder: string }>('vectors', namespace);
  if (meta && meta.embedder !== embedder.name) await store.vectors.remove(namespace);
  await store.kv.set('vectors', namespace, { embedder: embedder.name });
  const items: Item[] = [];
  if (options.ids) items.push(...(await store.items.get(options.ids)));
  else {
    for (let cursor: string | null = null; ; ) {
      const page = await store.items.list({ limit: 5000, cursor });
      items.push(...page.rows);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  }
  const present = new Set(
    (
      await store.vectors.get(
        namespace,
        items.map((item) => item.id),
      )
    ).map((entry) => entry.id),
  );
  const missing = options.ids ? items : items.filter((item) => !present.has(item.id));
  const batchSize = options.batchSize ?? 32;
  options.progress?.start(`embedding ${missing.length} items`, missing.length);
  for (let start = 0; start < missing.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const batch = missing.slice(start, start + batchSize);
    const vectors = await embedder.embed(batch.map(itemVectorText));
    await store.vectors.put(
      namespace,
      batch.map((item, k) => ({ id: item.id, vector: vectors[k] })),
    );
    options.progress?.tick(batch.length);
  }
  options.progress?.done();
  return missing.length;
}

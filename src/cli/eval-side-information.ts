// Side information for `lmrec eval`: categories and creation times always, and item text embeddings when a model
// reads content. Embeddings come from the LLM gateway's configured embedder (the embedded offline one by default)
// and are cached on disk: in the store given with --db, or in <cacheDir>/eval-cache.db for --data.

import path from 'node:path';
import type { Config } from '../core/config/index.ts';
import type { Progress } from '../core/progress.ts';
import type { Item } from '../core/types.ts';
import type { ModelSpec } from '../eval/model-specs.ts';
import { sideInformation } from '../eval/side-information.ts';
import { createLlmGateway } from '../llm/gateway.ts';
import type { SideInformation } from '../models/recommender.ts';
import { SqliteStore } from '../store/sqlite/store.ts';
import type { Store } from '../store/store.ts';

/** Algorithms that read `side.itemEmbeddings`. */
const contentModels = new Set(['content', 'hybrid', 'fused']);

export async function evalSideInformation(options: {
  store: Store;
  catalog: ReadonlyArray<Item | null>;
  specs: readonly ModelSpec[];
  config: Config;
  progress: Progress;
  /** The store is a throwaway in-memory one (--data): keep the embedding cache in the cache folder instead. */
  inMemory: boolean;
}): Promise<SideInformation> {
  const { catalog, progress } = options;
  if (!options.specs.some((spec) => contentModels.has(spec.name))) {
    return sideInformation({ catalog });
  }
  const cache = options.inMemory ? SqliteStore.open(path.join(options.config.cacheDir, 'eval-cache.db')) : null;
  const gateway = createLlmGateway({ config: options.config.llm, store: (cache ?? options.store).kv });
  try {
    const embedder = await gateway.embedder();
    return await sideInformation({ catalog, embedder, progress });
  } finally {
    await gateway.close();
    await cache?.close();
  }
}

// Content recall without a content model: the recency-weighted mean of the user's recent items' vectors (item text
// embeddings in the store), searched by cosine similarity (pgvector or the in-process index).

import type { Store } from '../../store/store.ts';
import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export class VectorContentSource implements RecallSource {
  readonly name: string;
  readonly reason = 'similar';
  readonly weight: number;
  readonly quota: number;
  readonly #store: Store;
  readonly #namespace: string;
  readonly #recentItems: number;

  constructor(options: {
    name: string;
    store: Store;
    /** The vector namespace of item embeddings. */
    namespace: string;
    weight: number;
    quota: number;
    recentItems: number;
  }) {
    this.name = options.name;
    this.#store = options.store;
    this.#namespace = options.namespace;
    this.weight = options.weight;
    this.quota = options.quota;
    this.#recentItems = options.recentItems;
  }

  async recall(context: RecallContext, quota: number): Promise<RecalledItem[]> {
    const seeds = context.history.positives(this.#recentItems).map((event) => event.itemId);
    if (seeds.length === 0) return [];
    const vectors = await this.#store.vectors.get(this.#namespace, seeds);
    if (vectors.length === 0) return [];
    const dimension = vectors[0].vector.length;
    const mean = new Float32Array(dimension);
    vectors.forEach((entry) => {
      const recency = 1 / (1 + seeds.indexOf(entry.id));
      let norm = 0;
      for (let d = 0; d < dimension; d++) norm += entry.vector[d] * entry.vector[d];
      const scale = norm > 0 ? recency / Math.sqrt(norm) : 0;
      for (let d = 0; d < dimension; d++) mean[d] += entry.vector[d] * scale;
    });
    const exclude = new Set([...context.exclude, ...seeds]);
    const hits = await this.#store.vectors.nearest(this.#namespace, mean, {
      k: quota + (context.allowed ? quota * 4 : 0),
      exclude,
    });
    const evidence = vectors.slice(0, 2).map((entry) => entry.id);
    return hits
      .filter((hit) => !context.allowed || context.allowed.has(hit.id))
      .slice(0, quota)
      .map((hit) => ({ id: hit.id, score: hit.score, evidence }));
  }
}

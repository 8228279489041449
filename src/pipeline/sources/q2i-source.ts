// Query-to-item recall: the items found for the search queries written for this user ("people who like A also look
// for …"), read from the q2i cache that `lmrec enrich queries` fills. Serving never calls an LLM: a user without a
// cached entry gets the term fallback (top attribute, tag and category words of the history) through full-text
// search, or nothing when the fallback is off.

import type { Item } from '../../core/types.ts';
import type { Store } from '../../store/store.ts';
import { interestQueries } from '../interest-terms.ts';
import { fuseQueryHits, readQ2iEntry } from '../q2i-cache.ts';
import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export class Q2iSource implements RecallSource {
  readonly name: string;
  readonly reason = 'interest';
  readonly weight: number;
  readonly quota: number;
  readonly #store: Store;
  readonly #namespace: string;
  readonly #fallback: 'terms' | 'none';
  readonly #queries: number;
  readonly #perQuery: number;

  constructor(options: {
    name: string;
    store: Store;
    weight: number;
    quota: number;
    /** The KV namespace of the cache. */
    namespace: string;
    /** What a user without a cached entry gets. */
    fallback: 'terms' | 'none';
    /** Queries per user (the fallback's too). */
    queries: number;
    /** Items searched per query. */
    perQuery: number;
  }) {
    this.name = options.name;
    this.#store = options.store;
    this.weight = options.weight;
    this.quota = options.quota;
    this.#namespace = options.namespace;
    this.#fallback = options.fallback;
    this.#queries = options.queries;
    this.#perQuery = options.perQuery;
  }

  async recall(context: RecallContext, quota: number): Promise<RecalledItem[]> {
    if (context.userId !== null) {
      const entry = await readQ2iEntry(this.#store.kv, context.userId, this.#namespace);
      if (entry)
        return fuseQueryHits({ queries: entry.queries, exclude: context.exclude, allowed: context.allowed, quota });
    }
    if (this.#fallback === 'none') return [];
    const items = context.history
      .positives(30)
      .map((event) => context.catalog.get(event.itemId)?.item)
      .filter((item): item is Item => item !== undefined);
    if (items.length === 0) return [];
    const queries = interestQueries({ items, k: this.#queries });
    const hits = await Promise.all(
      queries.map((query) =>
        this.#store.search.search({ text: query.text, limit: this.#perQuery, availableOnly: true }),
      ),
    );
    return fuseQueryHits({
      queries: queries.map((query, index) => ({ evidence: query.evidence, items: hits[index] })),
      exclude: context.exclude,
      allowed: context.allowed,
      quota,
    });
  }
}

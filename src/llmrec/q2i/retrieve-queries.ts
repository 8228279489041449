// The items for a user's queries: hybrid search (full text plus, when item vectors exist, the query's embedding)
// per query, available items only, without the user's own history.

import type { Catalog } from '../../pipeline/catalog.ts';
import { hybridSearch, type QueryEmbedder } from '../../pipeline/hybrid-search.ts';
import type { InterestQuery } from '../../pipeline/interest-terms.ts';
import type { Q2iQuery } from '../../pipeline/q2i-cache.ts';
import type { Store } from '../../store/store.ts';

export async function retrieveQueries(options: {
  store: Store;
  catalog: Catalog;
  embedder?: QueryEmbedder | null;
  vectorNamespace?: string;
  queries: readonly InterestQuery[];
  /** Items kept per query. */
  perQuery: number;
  /** Items never returned (the user's history). */
  exclude: ReadonlySet<string>;
}): Promise<Q2iQuery[]> {
  const out: Q2iQuery[] = [];
  for (const query of options.queries) {
    const result = await hybridSearch({
      store: options.store,
      catalog: options.catalog,
      embedder: options.embedder,
      vectorNamespace: options.vectorNamespace ?? 'items',
      request: { q: query.text, n: options.perQuery + options.exclude.size, availableOnly: true },
    });
    const items = result.items
      .filter((hit) => !options.exclude.has(hit.id))
      .slice(0, options.perQuery)
      .map((hit) => ({ id: hit.id, score: hit.score }));
    out.push({ text: query.text, evidence: query.evidence, items });
  }
  return out;
}

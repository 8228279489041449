// The shared shape of text search in every adapter: all query words must match; when that finds too few, items
// matching any word fill the rest, scored below every all-words hit.

import type { SearchHit, SearchQuery } from './store.ts';

export async function searchAllThenAny(
  query: SearchQuery,
  run: (mode: 'all' | 'any', limit: number) => Promise<SearchHit[]> | SearchHit[],
): Promise<SearchHit[]> {
  const limit = query.limit ?? 20;
  const hits = await run('all', limit);
  if (hits.length < limit) {
    const seen = new Set(hits.map((hit) => hit.id));
    const floor = hits.length ? Math.min(...hits.map((hit) => hit.score)) : 0;
    for (const hit of await run('any', limit)) {
      if (hits.length >= limit) break;
      if (!seen.has(hit.id)) hits.push({ id: hit.id, score: Math.min(hit.score, floor) * 0.5 });
    }
  }
  return hits;
}

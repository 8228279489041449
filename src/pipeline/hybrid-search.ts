// Hybrid catalog search: full-text hits (FTS5 or the PostgreSQL tsvector) and, when an embedder is configured and
// items have vectors, nearest neighbours of the query's embedding, fused by reciprocal rank (Cormack et al. 2009);
// facets (categories, brands, price ranges) are counted over the fused result set.

import type { Item } from '../core/types.ts';
import type { Store } from '../store/store.ts';
import type { Catalog } from './catalog.ts';

/** Turns query text into a vector in the same space as the stored item vectors. */
export interface QueryEmbedder {
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface SearchRequest {
  q: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  n: number;
  availableOnly: boolean;
}

export interface Facet {
  value: string;
  count: number;
}

export interface SearchResult {
  items: Array<{ id: string; score: number; matchedBy: Array<'text' | 'embedding'>; item: Item }>;
  total: number;
  facets: {
    categories: Facet[];
    brands: Facet[];
    price: {
      min: number | null;
      max: number | null;
      buckets: Array<{ from: number; to: number | null; count: number }>;
    };
  };
}

/** Share of the best vector hit's similarity a hit needs to count as a match. */
const semanticFloor = 0.8;

const priceEdges = [0, 25, 50, 100, 200, 500, 1000, 2000, 5000];

export async function hybridSearch(options: {
  store: Store;
  catalog: Catalog;
  embedder?: QueryEmbedder | null;
  vectorNamespace: string;
  request: SearchRequest;
  rrfK?: number;
}): Promise<SearchResult> {
  const { store, catalog, request } = options;
  const pool = Math.max(request.n * 5, 100);
  const text = await store.search.search({
    text: request.q,
    limit: pool,
    category: request.category,
    minPrice: request.minPrice,
    maxPrice: request.maxPrice,
    availableOnly: request.availableOnly,
  });
  let semantic: Array<{ id: string; score: number }> = [];
  if (options.embedder) {
    const [vector] = await options.embedder.embed([request.q]);
    const hits = (await store.vectors.nearest(options.vectorNamespace, vector, { k: pool }).catch(() => [])).filter(
      (hit) => matches(catalog, hit.id, request),
    );
    // Nearest neighbours always exist; only those close to the best one count as matches (else every query
    // "matches" the whole catalog).
    const best = hits[0]?.score ?? 0;
    semantic = hits.filter((hit) => hit.score > 0 && hit.score >= best * semanticFloor).slice(0, request.n * 2);
  }
  const k = options.rrfK ?? 60;
  const fused = new Map<string, { score: number; matchedBy: Array<'text' | 'embedding'> }>();
  const add = (hits: Array<{ id: string }>, kind: 'text' | 'embedding') =>
    hits.forEach((hit, rank) => {
      const entry = fused.get(hit.id) ?? { score: 0, matchedBy: [] };
      entry.score += 1 / (k + rank + 1);
      entry.matchedBy.push(kind);
      fused.set(hit.id, entry);
    });
  add(text, 'text');
  add(semantic, 'embedding');
  const ranked = [...fused]
    .filter(([id]) => catalog.has(id))
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1));
  const items = ranked.slice(0, request.n).map(([id, entry]) => ({
    id,
    score: Number(entry.score.toFixed(6)),
    matchedBy: entry.matchedBy,
    item: catalog.get(id)!.item,
  }));
  // The matching set: every full-text hit, plus the vector-only hits good enough to be shown.
  const shown = new Set(items.map((item) => item.id));
  const matching = ranked.filter(([id, entry]) => entry.matchedBy.includes('text') || shown.has(id)).map(([id]) => id);
  return { items, total: matching.length, facets: facets(catalog, matching) };
}

function matches(catalog: Catalog, id: string, request: SearchRequest): boolean {
  const entry = catalog.get(id);
  if (!entry) return false;
  if (request.availableOnly && !entry.item.available) return false;
  if (request.category && !entry.categoryKeys.has(request.category.toLowerCase())) return false;
  const price = entry.item.price;
  if (request.minPrice !== undefined && (price === null || price === undefined || price < request.minPrice))
    return false;
  if (request.maxPrice !== undefined && (price === null || price === undefined || price > request.maxPrice))
    return false;
  return true;
}

function facets(catalog: Catalog, ids: readonly string[]): SearchResult['facets'] {
  const categories = new Map<string, number>();
  const brands = new Map<string, number>();
  const prices: number[] = [];
  for (const id of ids) {
    const entry = catalog.get(id)!;
    if (entry.leafCategory) categories.set(entry.leafCategory, (categories.get(entry.leafCategory) ?? 0) + 1);
    if (entry.brand) brands.set(entry.brand, (brands.get(entry.brand) ?? 0) + 1);
    if (typeof entry.item.price === 'number') prices.push(entry.item.price);
  }
  const top = (counts: Map<string, number>) =>
    [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, 30);
  const buckets = priceEdges
    .map((from, index) => {
      const to = priceEdges[index + 1] ?? null;
      const count = prices.filter((price) => price >= from && (to === null || price < to)).length;
      return { from, to, count };
    })
    .filter((bucket) => bucket.count > 0);
  return {
    categories: top(categories),
    brands: top(brands),
    price: {
      min: prices.length ? Math.min(...prices) : null,
      max: prices.length ? Math.max(...prices) : null,
      buckets,
    },
  };
}

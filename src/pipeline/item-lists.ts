// Non-personal lists: similar items, complements (bought together), popular, trending and latest, each explained.
// They read the same bundle and catalog as the pipeline and fall back to the catalog when a model is missing.

import type { PipelineConfig } from '../core/config/serving.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import type { Catalog } from './catalog.ts';
import type { ModelBundle } from './model-bundle.ts';
import { reasonText } from './stages/messages.ts';
import type { Language, Reason } from './types.ts';

export interface ListedItem {
  id: string;
  score: number;
  source: string;
  reasons: Reason[];
}

export interface ListInputs {
  catalog: Catalog;
  bundle: ModelBundle | null;
  /** Bundle keys of the models each list uses (absent when the pipeline has none). */
  keys: { similar?: string; complements?: string; popular?: string; trending?: string; latest?: string };
  /** Item vectors for similar items without a model. */
  nearest?: (itemId: string, k: number) => Promise<Array<{ id: string; score: number }>>;
}

/** The lists' inputs: each list's model is the one the pipeline's config names for that kind, when trained. */
export function listInputs(options: {
  config: PipelineConfig;
  bundle: ModelBundle | null;
  catalog: Catalog;
  store: Store;
}): ListInputs {
  const { config, bundle, store } = options;
  const defaults: Record<string, string> = {
    'item-to-item': 'itemknn',
    'co-purchase': 'cooccurrence',
    popular: 'popularity',
    trending: 'trending',
    latest: 'latest',
  };
  const key = (kind: string) => {
    const source = config.recall.find((entry) => entry.source === kind) as { model?: string | null } | undefined;
    const model = source?.model ?? defaults[kind];
    return model && bundle?.models.has(model) ? model : undefined;
  };
  const namespace = config.rerank.diversity.vectorNamespace;
  return {
    catalog: options.catalog,
    bundle,
    keys: {
      similar: key('item-to-item'),
      complements: key('co-purchase'),
      popular: key('popular'),
      trending: key('trending'),
      latest: key('latest'),
    },
    nearest: async (itemId, k) => {
      const [entry] = await store.vectors.get(namespace, [itemId]);
      return entry ? store.vectors.nearest(namespace, entry.vector, { k, exclude: new Set([itemId]) }) : [];
    },
  };
}

export interface ListQuery {
  n: number;
  lang: Language;
  categories?: string[];
  exclude?: string[];
}

/**
 * Items like `itemId`, substitutes first: candidates from the item-to-item model and from the item vectors (content),
 * each list's scores scaled to its best, summed. Items of the same leaf category come first (a tent's "similar items"
 * are tents, while the chairs bought with it belong to its complements), then the category's popular items, then
 * neighbours from other categories.
 */
export async function similarItems(inputs: ListInputs, itemId: string, query: ListQuery): Promise<ListedItem[]> {
  const entry = requireItem(inputs.catalog, itemId);
  const seed = { title: inputs.catalog.title(itemId, query.lang) };
  const fromModel = neighbours(inputs, inputs.keys.similar, itemId, query);
  const fromVectors = inputs.nearest ? accept(inputs, await inputs.nearest(itemId, query.n * 3), query, itemId) : [];
  const merged = new Map<string, { id: string; score: number; source: string }>();
  for (const [hits, source] of [
    [fromModel, 'item-to-item'],
    [fromVectors, 'content'],
  ] as const) {
    const best = hits.reduce((max, hit) => Math.max(max, hit.score), 0) || 1;
    for (const hit of hits) {
      const known = merged.get(hit.id);
      const score = hit.score / best;
      if (known) known.score += score;
      else merged.set(hit.id, { id: hit.id, score, source });
    }
  }
  const leaf = entry.leafCategory;
  const ranked = [...merged.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const inLeaf = (id: string) => leaf !== null && inputs.catalog.get(id)?.leafCategory === leaf;
  const reasons = [{ kind: 'similar', text: reasonText('similar', query.lang, seed), evidence: [itemId] }];
  const items: ListedItem[] = ranked
    .filter((hit) => inLeaf(hit.id))
    .slice(0, query.n)
    .map((hit) => ({ id: hit.id, score: round(hit.score), source: hit.source, reasons }));
  if (items.length < query.n && leaf) {
    const more = await popularItems(inputs, {
      ...query,
      categories: [leaf],
      exclude: [...(query.exclude ?? []), itemId, ...items.map((item) => item.id)],
      n: query.n - items.length,
    });
    items.push(...more);
  }
  for (const hit of ranked) {
    if (items.length >= query.n) break;
    if (!inLeaf(hit.id)) items.push({ id: hit.id, score: round(hit.score), source: hit.source, reasons });
  }
  return items;
}

/** Items bought together with `itemId` (co-purchase model), else popular items of other categories. */
export async function complementItems(inputs: ListInputs, itemId: string, query: ListQuery): Promise<ListedItem[]> {
  const entry = requireItem(inputs.catalog, itemId);
  const seed = { title: inputs.catalog.title(itemId, query.lang) };
  const items: ListedItem[] = neighbours(inputs, inputs.keys.complements, itemId, query)
    .filter((hit) => inputs.catalog.get(hit.id)?.leafCategory !== entry.leafCategory || !entry.leafCategory)
    .slice(0, query.n)
    .map((hit) => ({
      ...hit,
      source: 'co-purchase',
      reasons: [{ kind: 'bought-together', text: reasonText('bought-together', query.lang, seed), evidence: [itemId] }],
    }));
  if (items.length < query.n) {
    const sameCategory = entry.leafCategory ? [...inputs.catalog.inCategories([entry.leafCategory])] : [];
    const more = await popularItems(inputs, {
      ...query,
      n: query.n - items.length,
      exclude: [...(query.exclude ?? []), itemId, ...sameCategory, ...items.map((item) => item.id)],
    });
    items.push(...more);
  }
  return items;
}

export async function popularItems(inputs: ListInputs, query: ListQuery): Promise<ListedItem[]> {
  return rankedList(inputs, 'popular', inputs.keys.popular, query);
}

export async function trendingItems(inputs: ListInputs, query: ListQuery): Promise<ListedItem[]> {
  return rankedList(inputs, 'trending', inputs.keys.trending, query);
}

export async function latestItems(inputs: ListInputs, query: ListQuery): Promise<ListedItem[]> {
  return rankedList(inputs, 'new', inputs.keys.latest, query);
}

function requireItem(catalog: Catalog, itemId: string) {
  const entry = catalog.get(itemId);
  if (!entry) throw new NotFoundError(`item ${itemId} does not exist`, { context: { field: 'id' } });
  return entry;
}

function neighbours(inputs: ListInputs, key: string | undefined, itemId: string, query: ListQuery) {
  const { bundle } = inputs;
  const model = key ? bundle?.models.get(key) : undefined;
  const index = bundle ? bundle.items.indexOf(itemId) : -1;
  if (!bundle || !model?.similarItems || index < 0) return [];
  const result = model.similarItems(index, query.n * 3 + (query.exclude?.length ?? 0));
  const hits = Array.from(result.items, (item, k) => ({ id: bundle.items.idAt(item), score: round(result.scores[k]) }));
  return accept(inputs, hits, query, itemId);
}

function accept(inputs: ListInputs, hits: Array<{ id: string; score: number }>, query: ListQuery, self?: string) {
  const exclude = new Set(query.exclude ?? []);
  const allowed = query.categories?.length ? inputs.catalog.inCategories(query.categories) : null;
  return hits.filter(
    (hit) =>
      hit.id !== self &&
      hit.score > 0 &&
      !exclude.has(hit.id) &&
      inputs.catalog.isAvailable(hit.id) &&
      (!allowed || allowed.has(hit.id)),
  );
}

/** A global list (popular, trending, new) from its model, the catalog's newest items filling the rest. */
function rankedList(inputs: ListInputs, kind: string, key: string | undefined, query: ListQuery): ListedItem[] {
  const { bundle, catalog } = inputs;
  const exclude = new Set(query.exclude ?? []);
  const allowed = query.categories?.length ? catalog.inCategories(query.categories) : null;
  const hits: Array<{ id: string; score: number; source: string }> = [];
  const model = key ? bundle?.models.get(key) : undefined;
  if (bundle && model) {
    const result = model.recommend({ history: new Int32Array(0) }, query.n + exclude.size + 50, {
      exclude: bundle.indices(exclude),
      candidates: allowed ? bundle.indices(allowed) : undefined,
    });
    result.items.forEach((item, k) => {
      hits.push({ id: bundle.items.idAt(item), score: result.scores[k], source: kind });
    });
  }
  const kept = accept(inputs, hits, query).map((hit) => ({ ...hit, source: kind === 'new' ? 'latest' : kind }));
  const present = new Set(kept.map((hit) => hit.id));
  for (const id of catalog.newest()) {
    if (kept.length >= query.n) break;
    if (present.has(id) || exclude.has(id) || (allowed && !allowed.has(id))) continue;
    kept.push({ id, score: 0, source: 'latest' });
  }
  return kept.slice(0, query.n).map((hit) => {
    hit.score = round(hit.score);
    const reason = hit.source === 'latest' ? 'new' : kind;
    const category = catalog.category(hit.id, query.lang);
    return { ...hit, reasons: [{ kind: reason, text: reasonText(reason, query.lang, { category }), evidence: [] }] };
  });
}

function round(score: number): number {
  return Number(score.toFixed(6));
}

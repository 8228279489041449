// The shop engine over the Store: hybrid search (FTS5/tsvector hits fused with embedding neighbours by reciprocal
// rank, Cormack et al. 2009), popularity and content-based recommendations from the feedback log, similar items by
// embedding, and complements from relations and co-purchases. A model of the registry (`model`), or the server's
// pipeline (`recommender`), takes over `forUser` and `similar`.

import type { Progress } from '../../../core/progress.ts';
import type { Item } from '../../../core/types.ts';
import { NgramEmbedder } from '../../../llm/embedders/ngram-embedder.ts';
import type { Embedder } from '../../../llm/spec.ts';
import type { Store } from '../../../store/store.ts';
import { CatalogIndex } from '../catalog-index.ts';
import type {
  ComplementHit,
  ScoredId,
  ShopCatalog,
  ShopEngine,
  ShopRecommendations,
  ShopSearchQuery,
  UserRecommendationQuery,
} from '../shop-port.ts';
import { type ChatModel, loadChatModel } from './chat-model.ts';
import { findComplements, loadComplementRelations } from './complement-finder.ts';
import { type InteractionStats, loadInteractionStats } from './interaction-stats.ts';
import { catalogFingerprint, ItemVectors, itemVectorText, loadItemVectors, saveItemVectors } from './item-vectors.ts';
import { userTaste } from './user-taste.ts';

export interface StoreShopEngineOptions {
  store: Store;
  /** Embeds queries and items for the semantic half of search (the gateway's embedder); none: n-gram vectors. */
  embedder?: Embedder | null;
  /**
   * stored (default): use the embedder's stored catalog vectors, else n-gram vectors built in-process (fast);
   * build: embed the catalog with the embedder when nothing is stored, and store it (slow encoders take minutes);
   * off: full-text search only.
   */
  vectors?: 'stored' | 'build' | 'off';
  /** A recommender for users and similar items (a server's pipeline); it takes over from `model`. */
  recommender?: Partial<Pick<ShopRecommendations, 'forUser' | 'similar'>>;
  /**
   * A model of the registry for users and similar items: stored (default; the one `lmrec chat index --model`
   * trained, when there is one), off, or a model given here. Without one: popularity and content signals.
   */
  model?: 'stored' | 'off' | ChatModel;
  /** Language of complement reasons. */
  language?: 'en' | 'zh';
  progress?: Progress;
}

interface Loaded {
  index: CatalogIndex;
  model: ChatModel | null;
  stats: InteractionStats;
  vectors: ItemVectors | null;
  queryEmbedder: Embedder | null;
  relations: Awaited<ReturnType<typeof loadComplementRelations>>;
}

const rrfK = 60;

export class StoreShopEngine implements ShopEngine {
  readonly catalog: ShopCatalog;
  readonly recommendations: ShopRecommendations;
  readonly #options: StoreShopEngineOptions;
  #loaded: Promise<Loaded> | null = null;

  constructor(options: StoreShopEngineOptions) {
    this.#options = options;
    const store = options.store;
    this.catalog = {
      scan: () => this.#scan(),
      items: (ids) => store.items.get(ids),
      search: (query) => this.#search(query),
    };
    this.recommendations = {
      forUser: (userId, query) => this.#forUser(userId, query),
      similar: (itemId, options) => this.#similar(itemId, options.limit),
      complements: (itemId, options) => this.#complements(itemId, options.limit, options.categories),
    };
  }

  /** Loads the catalog, interaction statistics and vectors (once; later calls share the result). */
  load(): Promise<Loaded> {
    this.#loaded ??= this.#load();
    this.#loaded.catch(() => {
      this.#loaded = null;
    });
    return this.#loaded;
  }

  /** The in-memory catalog index (loads on first use). */
  async index(): Promise<CatalogIndex> {
    return (await this.load()).index;
  }

  /** The model behind `forUser` and `similar` (its spec), or null for the built-in signals. */
  async modelName(): Promise<string | null> {
    return (await this.load()).model?.spec ?? null;
  }

  /** Which vectors the semantic half of search uses: the embedder's name, or null for text only. */
  async semanticName(): Promise<string | null> {
    return (await this.load()).vectors?.embedderName ?? null;
  }

  async #load(): Promise<Loaded> {
    const { store } = this.#options;
    const items: Item[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await store.items.list({ limit: 5000, cursor });
      items.push(...page.rows);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const index = new CatalogIndex(items);
    const [stats, relations] = await Promise.all([loadInteractionStats(store), loadComplementRelations(store.kv)]);
    const { vectors, queryEmbedder } = await this.#vectors(items);
    const option = this.#options.model ?? 'stored';
    const model = option === 'off' ? null : option === 'stored' ? await loadChatModel(store) : option;
    return { index, model, stats, vectors, queryEmbedder, relations };
  }

  async #vectors(items: readonly Item[]): Promise<{ vectors: ItemVectors | null; queryEmbedder: Embedder | null }> {
    const mode = this.#options.vectors ?? 'stored';
    if (mode === 'off' || items.length === 0) return { vectors: null, queryEmbedder: null };
    const embedder = this.#options.embedder;
    if (embedder) {
      const fingerprint = catalogFingerprint(items);
      const stored = await loadItemVectors(this.#options.store.blobs, { embedderName: embedder.name, fingerprint });
      if (stored) return { vectors: stored, queryEmbedder: embedder };
      if (mode === 'build') {
        const built = await ItemVectors.build(items, embedder, this.#options.progress);
        await saveItemVectors(this.#options.store.blobs, built, fingerprint);
        return { vectors: built, queryEmbedder: embedder };
      }
    }
    // Character n-grams with IDF from the catalog itself: built in well under a second, Chinese and English alike.
    const ngram = NgramEmbedder.fit(items.map(itemVectorText));
    return { vectors: await ItemVectors.build(items, ngram), queryEmbedder: ngram };
  }

  async *#scan(): AsyncIterable<Item[]> {
    const { index } = await this.load();
    const all = [...index.items()];
    for (let start = 0; start < all.length; start += 1000) yield all.slice(start, start + 1000);
  }

  async #search(query: ShopSearchQuery): Promise<ScoredId[]> {
    const loaded = await this.load();
    const { index, stats } = loaded;
    const limit = query.limit ?? 50;
    const categories = query.categories?.length ? new Set(query.categories) : null;
    const accept = (id: string) => {
      const item = index.get(id);
      if (!item) return false;
      if ((query.availableOnly ?? true) && !item.available) return false;
      if (categories && !categories.has(index.categoryKey(id) ?? '')) return false;
      const price = item.price;
      if (query.minPrice !== undefined && (typeof price !== 'number' || price < query.minPrice)) return false;
      if (query.maxPrice !== undefined && (typeof price !== 'number' || price > query.maxPrice)) return false;
      return true;
    };
    const text = query.text.trim();
    if (!text) {
      const pool = categories ? [...categories].flatMap((key) => index.members(key)) : [...index.items()];
      return pool
        .filter((item) => accept(item.id))
        .map((item) => ({ id: item.id, score: stats.popularity[item.id] ?? 0 }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
    }
    const pool = Math.max(limit * 4, 100);
    const names = categories ? [...categories].map((key) => index.category(key)?.name).filter(Boolean) : [undefined];
    const lexical = (
      await Promise.all(
        names.map((name) =>
          this.#options.store.search.search({
            text,
            limit: pool,
            category: name,
            minPrice: query.minPrice,
            maxPrice: query.maxPrice,
            availableOnly: query.availableOnly ?? true,
          }),
        ),
      )
    )
      .flat()
      .filter((hit) => accept(hit.id))
      .sort((a, b) => b.score - a.score);
    let semantic: ScoredId[] = [];
    if (loaded.vectors && loaded.queryEmbedder) {
      const [vector] = await loaded.queryEmbedder.embed([text]);
      semantic = loaded.vectors.nearest(vector, { limit: pool, accept }).filter((hit) => hit.score > 0);
    }
    const fused = new Map<string, number>();
    const add = (hits: readonly ScoredId[]) => {
      for (const [rank, hit] of hits.entries()) fused.set(hit.id, (fused.get(hit.id) ?? 0) + 1 / (rrfK + rank + 1));
    };
    add(lexical);
    add(semantic);
    return [...fused]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  async #forUser(userId: string | null, query: UserRecommendationQuery): Promise<ScoredId[]> {
    const override = this.#options.recommender?.forUser;
    if (override) return override(userId, query);
    const loaded = await this.load();
    const exclude = new Set(query.exclude ?? []);
    const taste = userId
      ? await userTaste({ store: this.#options.store, userId, index: loaded.index, vectors: loaded.vectors })
      : null;
    for (const id of taste?.exclude ?? []) exclude.add(id);
    const categories = query.categories?.length ? new Set(query.categories) : null;
    const { index, stats, vectors } = loaded;
    const candidates = [...index.items()].filter(
      (item) => item.available && !exclude.has(item.id) && (!categories || categories.has(index.categoryKey(item.id)!)),
    );
    const fromModel = userId && loaded.model ? modelForUser(loaded.model, userId, candidates, query.limit) : null;
    if (fromModel?.length) return fromModel;
    let maxPopularity = 0;
    for (const item of candidates) maxPopularity = Math.max(maxPopularity, stats.popularity[item.id] ?? 0);
    const scored = candidates.map((item) => {
      const popularity = maxPopularity > 0 ? Math.log1p(stats.popularity[item.id] ?? 0) / Math.log1p(maxPopularity) : 0;
      if (!taste) return { id: item.id, score: popularity };
      const vector = taste.centroid && vectors ? vectors.vector(item.id) : null;
      let content = 0;
      if (vector && taste.centroid) for (let d = 0; d < vector.length; d++) content += vector[d] * taste.centroid[d];
      const affinity = taste.categories.get(index.categoryKey(item.id) ?? '') ?? 0;
      return { id: item.id, score: 0.4 * popularity + 0.4 * content + 0.2 * affinity };
    });
    return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, query.limit);
  }

  async #similar(itemId: string, limit: number): Promise<ScoredId[]> {
    const override = this.#options.recommender?.similar;
    if (override) return override(itemId, { limit });
    const { index, vectors, stats, model } = await this.load();
    const category = index.categoryKey(itemId);
    const fromModel = model
      ? modelSimilar(model, itemId, limit, (id) => id !== itemId && index.get(id)?.available === true)
      : null;
    if (fromModel?.length) return fromModel;
    const vector = vectors?.vector(itemId);
    if (!vector || !vectors) {
      return index
        .members(category ?? '')
        .filter((item) => item.id !== itemId && item.available)
        .map((item) => ({ id: item.id, score: stats.popularity[item.id] ?? 0 }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    }
    // Same kind of thing first: a similar tent, not the pad that is described like it.
    return vectors
      .nearest(vector, { limit: limit * 3, accept: (id) => id !== itemId && index.get(id)?.available === true })
      .map((hit) => ({ id: hit.id, score: hit.score + (index.categoryKey(hit.id) === category ? 0.25 : 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  async #complements(itemId: string, limit: number, categories?: readonly string[]): Promise<ComplementHit[]> {
    const { index, relations, stats } = await this.load();
    return findComplements(itemId, limit, { index, relations, stats, language: this.#options.language, categories });
  }
}

/** The model's recommendations among `candidates`, or null when it has not seen the user. */
function modelForUser(chat: ChatModel, userId: string, candidates: readonly Item[], limit: number): ScoredId[] | null {
  const user = chat.users.indexOf(userId);
  if (user < 0) return null;
  const indices = candidates.map((item) => chat.items.indexOf(item.id)).filter((index) => index >= 0);
  if (indices.length === 0) return null;
  const result = chat.model.recommend(user, limit, { candidates: Int32Array.from(indices) });
  return Array.from(result.items, (item, rank) => ({ id: chat.items.idAt(item), score: result.scores[rank] }));
}

/** Items the model finds related (models with an item space), or null. */
function modelSimilar(
  chat: ChatModel,
  itemId: string,
  limit: number,
  accept: (id: string) => boolean,
): ScoredId[] | null {
  const item = chat.items.indexOf(itemId);
  if (item < 0 || !chat.model.similarItems) return null;
  const result = chat.model.similarItems(item, limit * 3 + 1);
  const out: ScoredId[] = [];
  for (let rank = 0; rank < result.items.length && out.length < limit; rank++) {
    const id = chat.items.idAt(result.items[rank]);
    if (accept(id)) out.push({ id, score: result.scores[rank] });
  }
  return out;
}

export function createStoreShopEngine(options: StoreShopEngineOptions): StoreShopEngine {
  return new StoreShopEngine(options);
}

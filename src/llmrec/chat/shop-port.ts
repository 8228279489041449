// The engine operations chat and the shopping assistant need, as two small read-only interfaces, so that the chat
// code depends neither on the server nor on a particular recommender. `createStoreShopEngine` implements them over
// the Store and an embedder; a server can pass one backed by its recommendation pipeline instead.

import type { Item } from '../../core/types.ts';

export interface ScoredId {
  id: string;
  /** Higher is better; comparable only within one answer. */
  score: number;
}

export interface ShopSearchQuery {
  /** Free text; empty lists the filtered catalog, best sellers first. */
  text: string;
  /** Category keys (`tents`); an item in any of them matches. */
  categories?: readonly string[];
  minPrice?: number;
  maxPrice?: number;
  /** At most this many ids (default 50). */
  limit?: number;
  /** Leave out items that are not for sale (default true). */
  availableOnly?: boolean;
}

/** Reading the catalog: every item once (to build the chat's index), items by id, and hybrid search. */
export interface ShopCatalog {
  /** Every item, in pages. */
  scan(): AsyncIterable<Item[]>;
  /** Items in the order of `ids`; unknown ids are left out. */
  items(ids: readonly string[]): Promise<Item[]>;
  /** Full-text and semantic search fused, with hard category and price filters. */
  search(query: ShopSearchQuery): Promise<ScoredId[]>;
}

export interface UserRecommendationQuery {
  limit: number;
  categories?: readonly string[];
  /** Ids never returned (already shown, disliked). */
  exclude?: readonly string[];
}

export interface ComplementHit extends ScoredId {
  /** Why the two go together, when known ("fuel that fits the stove"). */
  reason?: string;
  /** True when a fit rule was checked and holds (a pad that fits the tent floor); absent when none applies. */
  fitted?: boolean;
}

/** Recommendations: for a user (popularity for `null`), items like an item, and items that go with it. */
export interface ShopRecommendations {
  forUser(userId: string | null, query: UserRecommendationQuery): Promise<ScoredId[]>;
  similar(itemId: string, options: { limit: number }): Promise<ScoredId[]>;
  /** With `categories`, every fitting item of those categories (up to `limit`), not a mix across categories. */
  complements(itemId: string, options: { limit: number; categories?: readonly string[] }): Promise<ComplementHit[]>;
}

/** What the chat tools read. */
export interface ShopEngine {
  readonly catalog: ShopCatalog;
  readonly recommendations: ShopRecommendations;
}

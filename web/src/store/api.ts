// The storefront's API calls: recommendations, lists, items, search and the storefront's public settings.

import { query, requestJson } from '../shared/http.ts';
import type { FeedbackEvent, Item, ItemList, Recommendations, SearchResult, User } from '../shared/types.ts';
import type { Language } from './i18n.ts';
import { callApi } from './session.ts';

export interface StorefrontSettings {
  /** The user selector may act as any user (the demo shop). */
  actAsAnyUser: boolean;
  /** Demo users to choose from (only when actAsAnyUser). */
  users: User[];
  /** The chat assistant's routes are served. */
  assistant: boolean;
}

export const storefrontSettings = () => requestJson<StorefrontSettings>('/api/storefront');

export const recommend = (userId: string, options: { n: number; lang: Language; signal?: AbortSignal }) =>
  callApi<Recommendations>(
    `/api/recommend/${encodeURIComponent(userId)}${query({ n: options.n, lang: options.lang, details: true })}`,
    { signal: options.signal },
  );

export type ListName = 'trending' | 'latest' | 'popular';

export const itemList = (name: ListName, options: { n: number; lang: Language; category?: string }) =>
  callApi<ItemList>(
    `/api/${name}${query({ n: options.n, lang: options.lang, details: true, category: options.category })}`,
  );

export const relatedItems = (
  itemId: string,
  relation: 'similar' | 'complements',
  options: { n: number; lang: Language; exclude?: string[] },
) =>
  callApi<ItemList>(
    `/api/items/${encodeURIComponent(itemId)}/${relation}${query({
      n: options.n,
      lang: options.lang,
      details: true,
      exclude: options.exclude?.join(','),
    })}`,
  );

export const getItem = (itemId: string) => callApi<Item>(`/api/items/${encodeURIComponent(itemId)}`);

export const search = (options: { q: string; category?: string; minPrice?: number; maxPrice?: number; n?: number }) =>
  callApi<SearchResult>(`/api/search${query({ ...options, n: options.n ?? 40 })}`);

export const userFeedback = (userId: string, options: { limit: number; types: string[] }) =>
  callApi<{ events: FeedbackEvent[] }>(
    `/api/users/${encodeURIComponent(userId)}/feedback${query({ limit: options.limit, types: options.types.join(',') })}`,
  );

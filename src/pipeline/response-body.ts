// The public shape of a recommendation response, serialised once (the cache keeps the bytes), and the cache field
// that names a request's variant.

import type { Item } from '../core/types.ts';
import type { Catalog } from './catalog.ts';
import type { CachedList } from './response-cache.ts';
import type { PipelineRequest, PipelineResult } from './types.ts';

/** The public shape of a recommendation response. */
export interface RecommendResponse {
  items: Array<PipelineResult['items'][number] & { item?: Item }>;
  modelVersion: number | null;
  requestId: string;
  fallback: string[];
  /** The user's variant in each running experiment (`{ experimentId: variant }`), when the user is in one. */
  experiments?: Record<string, string>;
}

export interface RecommendQuery extends PipelineRequest {
  /** Include each item's catalog record. */
  details?: boolean;
  /** Leave reasons out. */
  explain?: boolean;
  /** The user's experiment variants, echoed in the response (their pipeline is the engine's `variant`). */
  experiments?: Record<string, string>;
}

/** The response body, the per-source counts and the exposure record of one pipeline result. */
export function serialiseResponse(result: PipelineResult, query: RecommendQuery, catalog: Catalog): CachedList {
  const counts = new Map<string, number>();
  for (const item of result.items) counts.set(item.source, (counts.get(item.source) ?? 0) + 1);
  // The pipeline's items are fresh objects: copied only when the request changes them.
  const items: RecommendResponse['items'] =
    query.explain === false || query.details
      ? result.items.map((item) => ({
          ...item,
          reasons: query.explain === false ? [] : item.reasons,
          ...(query.details ? { item: catalog.get(item.id)?.item } : {}),
        }))
      : result.items;
  const response: RecommendResponse = {
    items,
    modelVersion: result.modelVersion,
    requestId: result.requestId,
    fallback: result.fallback,
  };
  if (query.experiments && Object.keys(query.experiments).length) response.experiments = query.experiments;
  return {
    body: JSON.stringify(response),
    sources: [...counts],
    exposure: {
      requestId: result.requestId,
      items: result.items.map((item) => [item.id, item.source, item.propensity]),
    },
  };
}

/** The cache field of a request: everything that changes the answer, in a canonical order. */
export function variantKey(query: RecommendQuery): string {
  // String building without arrays when the lists are absent: this runs on every cached request.
  const list = (values?: string[], lower = false) =>
    values?.length ? (lower ? values.map((value) => value.toLowerCase()) : [...values]).sort().join(',') : '';
  return `${query.n}|${query.offset ?? 0}|${query.lang ?? 'en'}|${query.explain === false ? 0 : 1}|${query.details ? 1 : 0}|${list(query.categories, true)}|${list(query.excludeCategories, true)}|${list(query.exclude)}`;
}

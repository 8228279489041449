// The rerank filters as one predicate: items seen, disliked or hidden for the user, unavailable, outside the
// requested categories, in an excluded category, or on the request's exclude list never reach the list.

import type { PipelineConfig } from '../../core/config/serving.ts';
import type { Catalog } from '../catalog.ts';
import type { PipelineRequest } from '../types.ts';
import type { UserHistory } from '../user-history.ts';

export interface ItemFilter {
  /** Ids excluded before recall (seen, negative, hidden, explicit), so sources skip them too. */
  excluded: ReadonlySet<string>;
  /** When categories are requested: the allowed ids. */
  allowed: ReadonlySet<string> | null;
  accepts(id: string): boolean;
  /** The same filter without the seen rule: the last resort when a user has seen everything. */
  relaxed(): ItemFilter;
}

export function createFilter(options: {
  request: PipelineRequest;
  history: UserHistory;
  catalog: Catalog;
  filters: PipelineConfig['rerank']['filters'];
}): ItemFilter {
  const { request, history, catalog, filters } = options;
  const build = (withSeen: boolean): ItemFilter => {
    const excluded = new Set<string>(request.exclude ?? []);
    for (const id of history.hidden) excluded.add(id);
    if (filters.negative) for (const id of history.negatives) excluded.add(id);
    if (withSeen && filters.seen) for (const id of history.itemsOfClasses(filters.seenClasses)) excluded.add(id);
    const allowed = request.categories?.length ? catalog.inCategories(request.categories) : null;
    const banned = request.excludeCategories?.length ? catalog.inCategories(request.excludeCategories) : null;
    return {
      excluded,
      allowed,
      accepts(id: string): boolean {
        if (excluded.has(id)) return false;
        const entry = catalog.get(id);
        if (!entry) return false;
        if (filters.unavailable && !entry.item.available) return false;
        if (allowed && !allowed.has(id)) return false;
        if (banned?.has(id)) return false;
        return true;
      },
      relaxed: () => build(false),
    };
  };
  return build(true);
}

// Reads the items a job works on: every page of the store's listing, optionally one category, grouped by category
// key (the `category_id` attribute or the leaf category's slug).

import type { Item } from '../../core/types.ts';
import type { Store } from '../../store/store.ts';
import { categoryKeyOf } from '../chat/catalog-index.ts';

export async function listItems(store: Store, category?: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.items.list({ limit: 500, cursor, category });
    items.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  if (items.length === 0 && category) {
    // The category may be given as its key (`tents`) rather than a name in the path.
    const all = await listItems(store);
    return all.filter((item) => categoryKeyOf(item) === category);
  }
  return items;
}

/** Category key → its items, in the order of first appearance. */
export function groupByCategory(items: readonly Item[]): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = categoryKeyOf(item) ?? 'uncategorised';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  return groups;
}

// The catalog in memory: what filters, boosts and explanations read on every request without a store round trip.
// Kept current by item writes in this process and by `catalog` broadcasts from the others.

import type { Item } from '../core/types.ts';
import type { Store } from '../store/store.ts';

export interface CatalogItem {
  item: Item;
  /** The most specific category, or null. */
  leafCategory: string | null;
  /** The top category, or null. */
  topCategory: string | null;
  /** Lower-cased categories at every level, for include/exclude filters. */
  categoryKeys: ReadonlySet<string>;
  brand: string | null;
  /** Lower-cased tags plus attributes.season, for seasonal boosts. */
  seasonTags: ReadonlySet<string>;
  /** `leafCategory` and `topCategory` as small integers (-1: none), the same in every catalog of the process. */
  leafCode: number;
  topCode: number;
  /** Memo of the seasonal boost: the month (0-11, -1: none yet) `inSeason` was last computed for, and its answer. */
  seasonMonth: number;
  inSeason: boolean;
}

/** Category names as small integers, interned once per process: per-request code (diversity) compares integers. */
const categoryCodes = new Map<string, number>();

export function categoryCode(name: string | null): number {
  if (name === null) return -1;
  let code = categoryCodes.get(name);
  if (code === undefined) {
    code = categoryCodes.size;
    categoryCodes.set(name, code);
  }
  return code;
}

/** How many category codes exist (an upper bound of every code + 1). */
export function categoryCodeCount(): number {
  return categoryCodes.size;
}

function toCatalogItem(item: Item): CatalogItem {
  const categories = item.categories ?? [];
  const brand = typeof item.attributes?.brand === 'string' && item.attributes.brand ? item.attributes.brand : null;
  const season = item.attributes?.season;
  const seasonTags = new Set((item.tags ?? []).map((tag) => tag.toLowerCase()));
  for (const value of Array.isArray(season) ? season : [season]) {
    if (typeof value === 'string') seasonTags.add(value.toLowerCase());
  }
  const leafCategory = categories.length ? categories[categories.length - 1] : null;
  const topCategory = categories.length ? categories[0] : null;
  return {
    item,
    leafCategory,
    topCategory,
    categoryKeys: new Set(categories.map((category) => category.toLowerCase())),
    brand,
    seasonTags,
    leafCode: categoryCode(leafCategory),
    topCode: categoryCode(topCategory),
    seasonMonth: -1,
    inSeason: false,
  };
}

export class Catalog {
  readonly #items = new Map<string, CatalogItem>();
  #newest: string[] | null = null;
  readonly #byCategory = new Map<string, Set<string>>();

  static async load(store: Store, pageSize = 10_000): Promise<Catalog> {
    const catalog = new Catalog();
    for (let cursor: string | null = null; ; ) {
      const page = await store.items.list({ limit: pageSize, cursor });
      catalog.upsert(page.rows);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return catalog;
  }

  static of(items: readonly Item[]): Catalog {
    const catalog = new Catalog();
    catalog.upsert(items);
    return catalog;
  }

  get size(): number {
    return this.#items.size;
  }

  get(id: string): CatalogItem | undefined {
    return this.#items.get(id);
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  isAvailable(id: string): boolean {
    return this.#items.get(id)?.item.available === true;
  }

  values(): IterableIterator<CatalogItem> {
    return this.#items.values();
  }

  upsert(items: readonly Item[]): void {
    for (const item of items) this.#items.set(item.id, toCatalogItem(item));
    this.#newest = null;
    this.#byCategory.clear();
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.#items.delete(id);
    this.#newest = null;
    this.#byCategory.clear();
  }

  /** Ids of the items in any of `categories` (case-insensitive, any level of the path). */
  inCategories(categories: readonly string[]): ReadonlySet<string> {
    const key = categories
      .map((category) => category.toLowerCase())
      .sort()
      .join('\u0000');
    let ids = this.#byCategory.get(key);
    if (!ids) {
      const wanted = categories.map((category) => category.toLowerCase());
      ids = new Set();
      for (const entry of this.#items.values()) {
        if (wanted.some((category) => entry.categoryKeys.has(category))) ids.add(entry.item.id);
      }
      if (this.#byCategory.size > 1000) this.#byCategory.clear();
      this.#byCategory.set(key, ids);
    }
    return ids;
  }

  /** Available items, newest first (items without a creation time last, in catalog order): the last resort. */
  newest(): readonly string[] {
    if (!this.#newest) {
      const available = [...this.#items.values()].filter((entry) => entry.item.available);
      const order = new Map(available.map((entry, index) => [entry.item.id, index]));
      available.sort(
        (a, b) =>
          (b.item.createdAt ?? Number.NEGATIVE_INFINITY) - (a.item.createdAt ?? Number.NEGATIVE_INFINITY) ||
          order.get(a.item.id)! - order.get(b.item.id)!,
      );
      this.#newest = available.map((entry) => entry.item.id);
    }
    return this.#newest;
  }

  /**
   * The item's title in `lang` (or its id when it has none), for reason texts. A translation lives in
   * `text.title_<lang>` (the demo shop's convention); the title itself serves every other language.
   */
  title(id: string, lang = 'en'): string {
    const item = this.#items.get(id)?.item;
    if (!item) return id;
    return item.text?.[`title_${lang}`] || item.title || id;
  }

  /** The leaf category in `lang`: the last part of `text.category_<lang>` ("徒步 / 越野跑背包"), else the category. */
  category(id: string, lang = 'en'): string {
    const entry = this.#items.get(id);
    if (!entry) return '';
    const translated = entry.item.text?.[`category_${lang}`];
    if (translated) return translated.split('/').at(-1)!.trim();
    return entry.leafCategory ?? '';
  }

  /** The brand in `lang`: `attributes.brand_<lang>`, else the brand. */
  brand(id: string, lang = 'en'): string {
    const entry = this.#items.get(id);
    const translated = entry?.item.attributes?.[`brand_${lang}`];
    return typeof translated === 'string' && translated ? translated : (entry?.brand ?? '');
  }
}

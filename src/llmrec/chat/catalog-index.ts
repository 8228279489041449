// The catalog as chat reads it, held in memory: items by id, categories with the words that name them (English and
// Chinese, from category names and distinctive title words), attribute vocabularies, numeric ranges, and exact
// title lookup. Works for any catalog; the demo shop adds nothing special beyond its `category_id` attribute.

import { words } from '../../core/text.ts';
import type { Item } from '../../core/types.ts';
import { normalizeText, plural, singular } from './text-match.ts';

export interface CategoryInfo {
  /** Stable key: the item's `category_id` attribute when it has one, else the slug of its leaf category. */
  key: string;
  /** Leaf category name as stored on items, e.g. `Tents`. */
  name: string;
  path: string[];
  /** Chinese name when the catalog has one (`text.category_zh`), e.g. `帐篷`. */
  nameZh: string | null;
  size: number;
  /** Normalised phrases that name the category in a message: `tents`, `tent`, `帐篷`, mined title words. */
  terms: string[];
  /** Numeric attributes of the category with their observed range. */
  numeric: Record<string, { min: number; max: number; count: number }>;
  priceRange: [number, number] | null;
}

/** One value of a categorical attribute, as a message may name it (`Pinewood`, `橄榄绿`, `3-season`). */
export interface AttributeValue {
  attribute: string;
  value: string | number | boolean;
  /** Category keys whose items carry this value. */
  categories: ReadonlySet<string>;
}

/** Attributes that identify or describe the record rather than the product. */
const skippedAttributes = new Set(['category_id', 'currency', 'model', 'season_window', 'image', 'url']);
/** Values too common as ordinary words to read as an attribute value on their own. */
const ambiguousValues = new Set([
  'mid',
  'high',
  'low',
  'air',
  'sun',
  'cap',
  'top',
  'bottom',
  'light',
  'map',
  'pair',
  'budget',
  'premium',
  'standard',
]);

export function slug(text: string): string {
  return normalizeText(text)
    .replace(/&/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

export class CatalogIndex {
  readonly #items = new Map<string, Item>();
  readonly #categoryOf = new Map<string, string>();
  readonly #categories = new Map<string, CategoryInfo>();
  readonly #members = new Map<string, Item[]>();
  readonly #titles = new Map<string, string>();
  readonly #values = new Map<string, AttributeValue[]>();
  readonly currency: string | null;

  constructor(items: readonly Item[], options: { categoryNamesZh?: ReadonlyMap<string, string> } = {}) {
    const currencies = new Map<string, number>();
    for (const item of items) {
      this.#items.set(item.id, item);
      const key = categoryKeyOf(item);
      if (!key) continue;
      this.#categoryOf.set(item.id, key);
      let members = this.#members.get(key);
      if (!members) this.#members.set(key, (members = []));
      members.push(item);
      this.#titles.set(normalizeText(item.title), item.id);
      const titleZh = item.text?.title_zh;
      if (titleZh) this.#titles.set(normalizeText(titleZh), item.id);
      const currency = item.attributes.currency;
      if (typeof currency === 'string') currencies.set(currency, (currencies.get(currency) ?? 0) + 1);
    }
    this.currency = [...currencies].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const mined = mineCategoryWords(this.#members);
    for (const [key, members] of this.#members) {
      const first = members[0];
      const name = first.categories.at(-1) ?? key;
      const zhPath = first.text?.category_zh?.split('/').map((part) => part.trim());
      const nameZh = options.categoryNamesZh?.get(key) ?? zhPath?.at(-1) ?? null;
      this.#categories.set(key, {
        key,
        name,
        path: first.categories,
        nameZh,
        size: members.length,
        terms: categoryTerms({ key, name, nameZh, mined: mined.get(key) ?? [] }),
        numeric: numericRanges(members),
        priceRange: priceRange(members),
      });
    }
    this.#buildValues();
  }

  get size(): number {
    return this.#items.size;
  }

  get(id: string): Item | undefined {
    return this.#items.get(id);
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  items(): IterableIterator<Item> {
    return this.#items.values();
  }

  categories(): CategoryInfo[] {
    return [...this.#categories.values()];
  }

  category(key: string): CategoryInfo | undefined {
    return this.#categories.get(key);
  }

  /** The category key of an item id. */
  categoryKey(id: string): string | undefined {
    return this.#categoryOf.get(id);
  }

  categoryOf(id: string): CategoryInfo | undefined {
    const key = this.#categoryOf.get(id);
    return key ? this.#categories.get(key) : undefined;
  }

  /** Items of a category, in catalog order. */
  members(key: string): readonly Item[] {
    return this.#members.get(key) ?? [];
  }

  /** The id whose English or Chinese title is exactly this text (after normalisation). */
  idByTitle(title: string): string | undefined {
    return this.#titles.get(normalizeText(title));
  }

  /** Categorical values a message may name, keyed by their normalised text. */
  values(): ReadonlyMap<string, AttributeValue[]> {
    return this.#values;
  }

  /** Resolves a category given as key, name, Chinese name or term; null when none fits. */
  resolveCategory(text: string): CategoryInfo | null {
    const wanted = normalizeText(text);
    const bySlug = this.#categories.get(slug(text)) ?? this.#categories.get(wanted);
    if (bySlug) return bySlug;
    for (const category of this.#categories.values())
      if (normalizeText(category.name) === wanted || category.nameZh === wanted || category.terms.includes(wanted))
        return category;
    return null;
  }

  #buildValues(): void {
    const add = (text: string, entry: { attribute: string; value: string | number | boolean; category: string }) => {
      const key = normalizeText(text);
      if (key.length < 2 || ambiguousValues.has(key) || /^\d+([.,]\d+)?$/.test(key)) return;
      let list = this.#values.get(key);
      if (!list) this.#values.set(key, (list = []));
      let found = list.find((value) => value.attribute === entry.attribute && value.value === entry.value);
      if (!found) list.push((found = { attribute: entry.attribute, value: entry.value, categories: new Set() }));
      (found.categories as Set<string>).add(entry.category);
    };
    const cardinality = new Map<string, Set<unknown>>();
    for (const item of this.#items.values())
      for (const [attribute, value] of Object.entries(item.attributes))
        if (typeof value === 'string') {
          let set = cardinality.get(attribute);
          if (!set) cardinality.set(attribute, (set = new Set()));
          set.add(value);
        }
    for (const item of this.#items.values()) {
      const category = this.#categoryOf.get(item.id);
      if (!category) continue;
      for (const [attribute, value] of Object.entries(item.attributes)) {
        if (skippedAttributes.has(attribute) || typeof value !== 'string' || attribute.endsWith('_zh')) continue;
        // Free text (hundreds of distinct values) is for search, not for attribute filters.
        if ((cardinality.get(attribute)?.size ?? 0) > 80) continue;
        add(value, { attribute, value, category });
        const chinese = item.attributes[`${attribute}_zh`];
        if (typeof chinese === 'string') add(chinese, { attribute, value, category });
      }
    }
  }
}

/** The category key of an item: its `category_id` attribute, else the slug of its leaf category. */
export function categoryKeyOf(item: Item): string | undefined {
  const id = item.attributes.category_id;
  if (typeof id === 'string' && id) return id;
  const leaf = item.categories.at(-1);
  return leaf ? slug(leaf) : undefined;
}

function categoryTerms(options: { key: string; name: string; nameZh: string | null; mined: string[] }): string[] {
  const terms = new Set<string>();
  const name = normalizeText(options.name);
  const parts = [name, ...name.split(/\s*(?:&|,|\/|\band\b)\s*/)].map((part) => part.trim()).filter(Boolean);
  for (const part of parts) {
    terms.add(part);
    terms.add(singular(part));
  }
  terms.add(normalizeText(options.key.replace(/-/g, ' ')));
  if (options.nameZh) terms.add(normalizeText(options.nameZh));
  for (const word of options.mined) terms.add(word);
  // Names come in both numbers: "boots" finds the mined "boot", "tent" the name "tents".
  for (const term of [...terms]) if (/^[a-z][a-z -]*[a-z]$/.test(term)) terms.add(plural(singular(term)));
  return [...terms].filter((term) => term.length >= 2);
}

/**
 * Head nouns of titles (the last word, alone and with the word before it) that mark a category: found in at least
 * half of its titles and almost never elsewhere. Words of attribute values and tags (brands, colours, materials) are left out: they describe, not name.
 */
function mineCategoryWords(members: ReadonlyMap<string, Item[]>): Map<string, string[]> {
  const excluded = new Set<string>();
  const counts = new Map<string, Map<string, number>>();
  for (const items of members.values())
    for (const item of items) {
      for (const [attribute, value] of Object.entries(item.attributes))
        if (typeof value === 'string' && attribute !== 'category_id')
          for (const word of words(value)) excluded.add(word);
      for (const tag of item.tags) for (const word of words(tag)) excluded.add(word);
    }
  for (const [key, items] of members) {
    for (const item of items) {
      const tokens = words(item.title).filter((word) => /^\p{L}{3,}$/u.test(word) && !excluded.has(word));
      // With brand, model and colour words gone, the last word of a title is its head noun ("… Backpacking Tent").
      const seen = new Set<string>();
      const head = tokens.length - 1;
      if (head >= 0) seen.add(singular(tokens[head]));
      if (head >= 1) seen.add(`${tokens[head - 1]} ${singular(tokens[head])}`);
      for (const phrase of seen) {
        let byCategory = counts.get(phrase);
        if (!byCategory) counts.set(phrase, (byCategory = new Map()));
        byCategory.set(key, (byCategory.get(key) ?? 0) + 1);
      }
    }
  }
  // A word that starts another category's name ("sleeping" of "sleeping bags") would steal that category's matches.
  const nameWords = new Map<string, string>();
  for (const [key, items] of members)
    for (const word of words(items[0].categories.at(-1) ?? '')) if (!nameWords.has(word)) nameWords.set(word, key);
  const out = new Map<string, string[]>();
  for (const [phrase, byCategory] of counts) {
    const owner = nameWords.get(phrase);
    let total = 0;
    for (const count of byCategory.values()) total += count;
    for (const [key, count] of byCategory) {
      const size = members.get(key)!.length;
      if (owner !== undefined && owner !== key) continue;
      if (size >= 3 && count >= 0.5 * size && count >= 0.95 * total) {
        let list = out.get(key);
        if (!list) out.set(key, (list = []));
        list.push(phrase);
      }
    }
  }
  return out;
}

function numericRanges(items: readonly Item[]): CategoryInfo['numeric'] {
  const out: CategoryInfo['numeric'] = {};
  for (const item of items)
    for (const [attribute, value] of Object.entries(item.attributes)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const range = out[attribute];
      if (!range) out[attribute] = { min: value, max: value, count: 1 };
      else {
        range.min = Math.min(range.min, value);
        range.max = Math.max(range.max, value);
        range.count++;
      }
    }
  return out;
}

function priceRange(items: readonly Item[]): [number, number] | null {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const item of items)
    if (typeof item.price === 'number') {
      low = Math.min(low, item.price);
      high = Math.max(high, item.price);
    }
  return low <= high ? [low, high] : null;
}

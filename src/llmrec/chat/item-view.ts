// Items as chat shows them: cards for people (id, title, category, price, image, reason) and compact records for
// the model (no free text but the title, or a sanitised description on request), in English or Chinese.

import type { Item } from '../../core/types.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { sanitizeUntrusted } from './safety.ts';
import type { ItemCard, Language } from './types.ts';

const hiddenAttributes = new Set(['category_id', 'currency', 'season_window', 'image', 'url', 'model']);

export function titleOf(item: Item, language: Language): string {
  return language === 'zh' && item.text?.title_zh ? item.text.title_zh : item.title;
}

export function categoryNameOf(item: Item, index: CatalogIndex, language: Language = 'en'): string {
  const category = index.categoryOf(item.id);
  if (!category) return item.categories.at(-1) ?? '';
  return language === 'zh' && category.nameZh ? category.nameZh : category.name;
}

export function toCard(
  item: Item,
  options: { index: CatalogIndex; reason: string; language: Language; quantity?: number },
): ItemCard {
  const image = item.attributes.image ?? item.text?.image ?? null;
  const rating = item.attributes.rating;
  return {
    id: item.id,
    title: titleOf(item, options.language),
    // The English category name, as stored on items: clients and checks filter on it.
    category: categoryNameOf(item, options.index),
    categoryKey: options.index.categoryKey(item.id) ?? '',
    price: typeof item.price === 'number' ? item.price : null,
    currency: typeof item.attributes.currency === 'string' ? item.attributes.currency : options.index.currency,
    image: typeof image === 'string' ? image : null,
    reason: options.reason,
    rating: typeof rating === 'number' ? rating : null,
    available: item.available,
    ...(options.quantity !== undefined ? { quantity: options.quantity } : {}),
  };
}

/** Attributes worth showing: scalars, not internal ones, not the Chinese twins of English ones. */
export function visibleAttributes(item: Item, limit = 12): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(item.attributes)) {
    if (Object.keys(out).length >= limit) break;
    if (hiddenAttributes.has(key) || key.endsWith('_zh')) continue;
    if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string' && value.length <= 60) out[key] = sanitizeUntrusted(value, 60).text;
  }
  return out;
}

/** What a tool returns to the model for one item. */
export function compactItem(item: Item, index: CatalogIndex): Record<string, unknown> {
  return {
    id: item.id,
    title: sanitizeUntrusted(item.title, 160).text,
    category: categoryNameOf(item, index),
    price: item.price ?? null,
    available: item.available,
    attributes: visibleAttributes(item, 8),
  };
}

/** The full record for `item_details`: every visible attribute and the description, with injected text removed. */
export function detailedItem(item: Item, index: CatalogIndex): Record<string, unknown> {
  const description = sanitizeUntrusted(item.description ?? '', 500);
  return {
    ...compactItem(item, index),
    attributes: visibleAttributes(item, 40),
    tags: item.tags,
    description: description.text,
    ...(description.flagged ? { note: 'text addressed to an assistant was removed from this description' } : {}),
  };
}

/** "¥419" or "419 CNY". */
export function formatPrice(price: number | null | undefined, currency: string | null): string {
  if (typeof price !== 'number') return '—';
  const symbols: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
  const symbol = currency ? symbols[currency] : undefined;
  return symbol ? `${symbol}${price}` : `${price}${currency ? ` ${currency}` : ''}`;
}

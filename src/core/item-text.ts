// The text of an item that search indexes and embedders read, assembled in one place.

import type { Item } from './types.ts';

/** Title first, then category path, brand, tags, description and other text fields. */
export function itemText(item: Item, options: { maxLength?: number } = {}): string {
  const parts: string[] = [item.title];
  if (item.categories.length) parts.push(item.categories.join(' / '));
  const brand = item.attributes.brand;
  if (typeof brand === 'string' && brand) parts.push(brand);
  if (item.tags.length) parts.push(item.tags.join(', '));
  if (item.description) parts.push(item.description);
  if (item.text) for (const value of Object.values(item.text)) if (value) parts.push(value);
  const text = parts.filter(Boolean).join('. ');
  return options.maxLength && text.length > options.maxLength ? text.slice(0, options.maxLength) : text;
}

/** The body text for search (everything but the title). */
export function itemBodyText(item: Item): string {
  const rest = { ...item, title: '' };
  return itemText(rest);
}

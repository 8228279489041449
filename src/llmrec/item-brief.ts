// One line per item for a prompt: title, category, brand, a few attributes, price and the start of the description.
// Catalog text is untrusted (a seller may write "ignore previous instructions"): sentences that address a model are
// dropped and the rest is quoted as data; the grounding after the model answers is what keeps the output safe.

import type { Item } from '../core/types.ts';
import { sanitizeUntrusted } from './chat/safety.ts';

const attributeLimit = 6;

/** A compact, sanitised description of an item for an LLM prompt. */
export function itemBrief(item: Item, options: { descriptionChars?: number } = {}): string {
  const parts = [sanitizeUntrusted(item.title, 160).text];
  if (item.categories.length) parts.push(`category: ${item.categories.join(' > ')}`);
  const attributes = Object.entries(item.attributes ?? {})
    .filter(([key, value]) => !/_(zh|en)$|_id$/.test(key) && ['string', 'number', 'boolean'].includes(typeof value))
    .slice(0, attributeLimit)
    .map(([key, value]) => `${key}=${sanitizeUntrusted(String(value), 60).text}`);
  if (attributes.length) parts.push(attributes.join(', '));
  if (item.tags.length) parts.push(`tags: ${item.tags.slice(0, 6).join(', ')}`);
  if (typeof item.price === 'number') parts.push(`price ${item.price}`);
  const chars = options.descriptionChars ?? 160;
  if (item.description && chars > 0) parts.push(`"${sanitizeUntrusted(item.description, chars).text}"`);
  return parts.join(' | ');
}

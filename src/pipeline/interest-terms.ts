// The no-LLM stand-in for query-to-item: the top attribute values, tags and category words of a user's recent
// items, paired with the category they were seen in most, as search queries ("waterproof Tents"). Pure.

import type { Item } from '../core/types.ts';

/** A search query written for one user, with the history items that led to it. */
export interface InterestQuery {
  text: string;
  /** Ids of the user's history items the query comes from. */
  evidence: string[];
}

/** Attribute keys that name things rather than describe them (ids, currencies, ratings), left out of queries. */
const skippedKeys = new Set(['category_id', 'model', 'currency', 'sku', 'id', 'asin', 'url', 'image', 'images']);

function attributeTerms(item: Item): string[] {
  const terms: string[] = [];
  for (const [key, value] of Object.entries(item.attributes ?? {})) {
    if (skippedKeys.has(key) || /_(zh|en|ja|ko|fr|de)$/.test(key)) continue;
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (typeof entry !== 'string') continue;
      const term = entry.trim();
      // Long free text is description, not a term; URLs and codes are not what shoppers type.
      if (term.length < 2 || term.length > 40 || /^https?:/.test(term)) continue;
      terms.push(term);
    }
  }
  return terms;
}

interface TermEntry {
  weight: number;
  label: string;
  categories: Map<string, number>;
  evidence: string[];
}

/**
 * Up to `k` queries from a user's positive items (newest first): each of the strongest terms (recency weighted) with
 * the category it was seen in most, then the strongest categories on their own.
 */
export function interestQueries(options: { items: readonly Item[]; k: number }): InterestQuery[] {
  const { items, k } = options;
  const terms = new Map<string, TermEntry>();
  const categories = new Map<string, { weight: number; evidence: string[] }>();
  items.forEach((item, rank) => {
    const weight = 1 / (1 + rank / 10);
    const category = item.categories.at(-1) ?? '';
    if (category) {
      const entry = categories.get(category) ?? { weight: 0, evidence: [] as string[] };
      entry.weight += weight;
      if (entry.evidence.length < 3) entry.evidence.push(item.id);
      categories.set(category, entry);
    }
    const seen = new Set<string>();
    for (const term of [...item.tags, ...attributeTerms(item)]) {
      const key = term.toLowerCase();
      if (seen.has(key) || key === category.toLowerCase()) continue;
      seen.add(key);
      const entry: TermEntry = terms.get(key) ?? { weight: 0, label: term, categories: new Map(), evidence: [] };
      entry.weight += weight;
      if (category) entry.categories.set(category, (entry.categories.get(category) ?? 0) + weight);
      if (entry.evidence.length < 3) entry.evidence.push(item.id);
      terms.set(key, entry);
    }
  });
  const out: InterestQuery[] = [];
  const texts = new Set<string>();
  const push = (text: string, evidence: string[]) => {
    const key = text.toLowerCase();
    if (out.length >= k || texts.has(key)) return;
    texts.add(key);
    out.push({ text, evidence });
  };
  const byWeight = <T extends { weight: number }>(map: Map<string, T>) =>
    [...map].sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1));
  // A term seen once is noise; it must recur across the history (or the history is a single item).
  const minimum = items.length > 1 ? 1.5 : 0;
  const strongTerms = byWeight(terms).filter(([, entry]) => entry.weight >= minimum);
  const termSlots = Math.max(1, k - Math.min(2, categories.size));
  for (const [, entry] of strongTerms.slice(0, termSlots)) {
    const category = byWeight(new Map([...entry.categories].map(([name, weight]) => [name, { weight }])))[0]?.[0];
    push(category ? `${entry.label} ${category}` : entry.label, entry.evidence);
  }
  for (const [name, entry] of byWeight(categories)) push(name, entry.evidence);
  for (const [, entry] of strongTerms.slice(termSlots)) push(entry.label, entry.evidence);
  return out;
}

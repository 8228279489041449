// Keyword tags: the top TF-IDF terms of each item's text against the whole catalog (words for English, character
// bigrams for Chinese), skipping stop words, numbers and the words of the item's own category name.

import type { Item } from '../../core/types.ts';
import { itemText } from './rule-extractors.ts';

const stopWords = new Set(
  `a an and are as at be by for from has have in into is it its of on or our the this to with your you up out
  keeps keep made makes make built easy live day days within hours ships lifetime warranty backed two year great
  value reliable companion season after sensible pick getting started just free returns one all more than`.split(/\s+/),
);

export interface KeywordTagOptions {
  /** Tags per item (default 5). */
  perItem?: number;
}

/** Item id → its top terms, best first. */
export function keywordTags(items: readonly Item[], options: KeywordTagOptions = {}): Map<string, string[]> {
  const perItem = options.perItem ?? 5;
  const documents = items.map((item) => terms(itemText(item)));
  const documentFrequency = new Map<string, number>();
  for (const document of documents)
    for (const term of new Set(document)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const out = new Map<string, string[]>();
  items.forEach((item, index) => {
    const counts = new Map<string, number>();
    for (const term of documents[index]) counts.set(term, (counts.get(term) ?? 0) + 1);
    const categoryWords = new Set(item.categories.flatMap((category) => terms(category)));
    const scored = [...counts]
      .filter(([term]) => !categoryWords.has(term) && (documentFrequency.get(term) ?? 0) > 1)
      .map(([term, count]) => ({ term, score: count * Math.log(items.length / (documentFrequency.get(term) ?? 1)) }))
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
    out.set(
      item.id,
      scored.slice(0, perItem).map((entry) => entry.term),
    );
  });
  return out;
}

function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().match(/[a-z][a-z-]{2,}|[\u4e00-\u9fff]+/g) ?? []) {
    if (/[\u4e00-\u9fff]/.test(word)) {
      for (let k = 0; k + 1 < word.length; k++) out.push(word.slice(k, k + 2));
    } else if (!stopWords.has(word)) out.push(word.replace(/-+$/, ''));
  }
  return out;
}

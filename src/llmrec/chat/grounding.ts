// Grounds a model's reply in the catalog: items are written as [[id]] or [[name]]; each is resolved to a catalog id
// by exact id, exact title (English or Chinese) or fuzzy name match (the turn's candidates first, then the catalog),
// and replaced by the real title. Anything unresolved is dropped with its list line, and id-like tokens that are not
// catalog ids are scrubbed, so nothing outside the catalog is ever shown.

import type { CatalogIndex } from './catalog-index.ts';
import { titleOf } from './item-view.ts';
import { coverage, diceSimilarity, nameFeatures } from './text-match.ts';
import type { Language } from './types.ts';

export interface GroundingResult {
  text: string;
  /** Resolved item ids in order of first mention. */
  ids: string[];
  /** Mentions that matched nothing in the catalog (dropped). */
  dropped: string[];
}

export interface GroundingOptions {
  index: CatalogIndex;
  /** The turn's candidates: fuzzy matching prefers them. */
  candidates: readonly string[];
  language: Language;
}

const marker = /\[\[([^[\]\n]{1,200})\]\]/g;
const listLine = /^\s*(?:[-*•·]|\d+[.)、]|[（(]?\d+[)）])\s+/;

export function groundReply(text: string, options: GroundingOptions): GroundingResult {
  const ids: string[] = [];
  const dropped: string[] = [];
  const lines = text.split('\n').flatMap((line) => {
    let removed = false;
    const replaced = line.replace(marker, (_whole, inner: string) => {
      const id = resolveMention(inner, options);
      if (id) {
        if (!ids.includes(id)) ids.push(id);
        return titleOf(options.index.get(id)!, options.language);
      }
      dropped.push(inner.trim());
      removed = true;
      return '';
    });
    // A list line about an unknown item goes entirely; elsewhere only the mention goes.
    if (removed && listLine.test(line)) return [];
    return [tidy(replaced)];
  });
  let grounded = lines.join('\n');
  grounded = scrubUnknownIds(grounded, options.index, ids, dropped);
  for (const id of options.candidates) {
    const item = options.index.get(id);
    if (!item || ids.includes(id)) continue;
    if (grounded.includes(item.title) || (item.text?.title_zh && grounded.includes(item.text.title_zh))) ids.push(id);
  }
  return { text: grounded.replace(/\n{3,}/g, '\n\n').trim(), ids, dropped };
}

/** The catalog id a mention names, or null. */
export function resolveMention(mention: string, options: GroundingOptions): string | null {
  const { index } = options;
  const inner = mention.trim();
  if (index.has(inner)) return inner;
  for (const token of inner.match(/[\p{L}\p{N}][\p{L}\p{N}_.:-]*/gu) ?? [])
    if (token.length >= 3 && index.has(token)) return token;
  const exact = index.idByTitle(inner);
  if (exact) return exact;
  // A mention carrying an id-like token that is not in the catalog names something else: never guess for it.
  if (idLikeTokens(inner).length > 0) return null;
  const wanted = nameFeatures(inner);
  if (wanted.size === 0) return null;
  const best = (ids: Iterable<string>, threshold: number) => {
    let top: { id: string; score: number } | null = null;
    let second = 0;
    for (const id of ids) {
      let score = 0;
      for (const features of featureSets(index, id))
        score = Math.max(
          score,
          diceSimilarity(wanted, features),
          wanted.size >= 3 ? coverage(wanted, features) * 0.95 : 0,
        );
      if (!top || score > top.score) {
        second = top?.score ?? 0;
        top = { id, score };
      } else second = Math.max(second, score);
    }
    // Accept a clear winner only: two equally good matches mean the mention is ambiguous.
    return top && top.score >= threshold && top.score - second >= 0.05 ? top.id : null;
  };
  return best(options.candidates, 0.7) ?? best(allIds(index), 0.8);
}

const featureCache = new WeakMap<CatalogIndex, Map<string, Array<Set<string>>>>();

/** Name features of an item's English and Chinese titles, compared separately (a union would halve every score). */
function featureSets(index: CatalogIndex, id: string): Array<Set<string>> {
  let cache = featureCache.get(index);
  if (!cache) featureCache.set(index, (cache = new Map()));
  let sets = cache.get(id);
  if (!sets) {
    const item = index.get(id);
    sets = item ? [item.title, item.text?.title_zh ?? ''].filter(Boolean).map(nameFeatures) : [];
    cache.set(id, sets);
  }
  return sets;
}

function* allIds(index: CatalogIndex): Iterable<string> {
  for (const item of index.items()) yield item.id;
}

/** Tokens shaped like ids: long digit runs, or letters and digits joined by - or _ (tents-017, B00X4WHP5E). */
function idLikeTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(?<![\p{L}\p{N}$¥€£.,])([\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*)(?![\p{L}\p{N}])/gu)) {
    const token = match[1];
    if (/^\d{5,}$/.test(token)) out.push(token);
    else if (/\d/.test(token) && /[-_]/.test(token) && /[\p{L}]{2,}/u.test(token) && /\d{2,}$/.test(token))
      out.push(token);
    else if (/^(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,}$/.test(token)) out.push(token);
  }
  return out;
}

/** Removes id-like tokens that are not catalog ids; catalog ids met in the text are added to `ids`. */
function scrubUnknownIds(text: string, index: CatalogIndex, ids: string[], dropped: string[]): string {
  let out = text;
  for (const token of new Set(idLikeTokens(text))) {
    if (index.has(token)) {
      if (!ids.includes(token)) ids.push(token);
      continue;
    }
    dropped.push(token);
    out = out.replace(
      new RegExp(`(?:(?:id|item|#|编号)\\s*[:#]?\\s*)?${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'giu'),
      '',
    );
  }
  return out
    .split('\n')
    .map((line) => tidy(line))
    .join('\n');
}

function tidy(line: string): string {
  return line
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([,.;:!?，。；：！？])/g, '$1')
    .replace(/([(（])\s*[)）]/g, '')
    .replace(/\*\*\s*\*\*/g, '')
    .trimEnd();
}

// Text matching for chat: normalisation, word and CJK n-gram sets, fuzzy similarity of names, and phrase search
// at word boundaries (Latin) or as substrings (CJK). Used to resolve item names to ids and to read messages.

import { cjkGrams, isCjk, words } from '../../core/text.ts';

/** NFKC, lower case, dashes and quotes unified, runs of spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‐-―−]/g, '-')
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The features of a name for fuzzy matching: Latin words and CJK bigrams (unigrams for single characters). */
export function nameFeatures(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of words(text)) {
    if (!isCjk(word)) out.add(word);
  }
  const bigrams = cjkGrams(text, 2);
  if (bigrams.length) for (const gram of bigrams) out.add(gram);
  else for (const gram of cjkGrams(text, 1)) out.add(gram);
  return out;
}

/** Dice coefficient of two feature sets: 1 for the same name, 0 for nothing shared. */
export function diceSimilarity(first: ReadonlySet<string>, second: ReadonlySet<string>): number {
  if (first.size === 0 || second.size === 0) return 0;
  let shared = 0;
  for (const feature of first) if (second.has(feature)) shared++;
  return (2 * shared) / (first.size + second.size);
}

/** Share of `part`'s features found in `whole` (how well a short mention covers a long title). */
export function coverage(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (part.size === 0) return 0;
  let shared = 0;
  for (const feature of part) if (whole.has(feature)) shared++;
  return shared / part.size;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patternCache = new Map<string, RegExp>();

/** A pattern for a phrase: at word boundaries for Latin text, anywhere for CJK; case-insensitive, global. */
export function phrasePattern(phrase: string): RegExp {
  let pattern = patternCache.get(phrase);
  if (!pattern) {
    const body = escapeRegExp(phrase).replace(/ /g, '[\\s-]+');
    pattern = isCjk(phrase)
      ? new RegExp(body, 'giu')
      : new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
    if (patternCache.size > 20_000) patternCache.clear();
    patternCache.set(phrase, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Spans where `phrase` occurs in (already normalised) `text`. */
export function findPhrase(text: string, phrase: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(phrasePattern(phrase)))
    out.push({ start: match.index, end: match.index + match[0].length });
  return out;
}

/** English singular of a plural noun phrase's last word (tents → tent, boxes → box, bottles → bottle). */
export function singular(phrase: string): string {
  return phrase.replace(/(\w+)$/, (word) => {
    if (/(ss|us|is|glasses|pants|trousers|shorts|goggles|scissors)$/.test(word) || word.length < 4) return word;
    if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
    if (/(ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
    if (/s$/.test(word)) return word.slice(0, -1);
    return word;
  });
}

/** Text with the given spans blanked out (the words the parser consumed). */
export function removeSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of sorted) {
    if (span.start > at) out += text.slice(at, span.start);
    out += ' ';
    at = Math.max(at, span.end);
  }
  out += text.slice(at);
  return out.replace(/\s+/g, ' ').trim();
}

/** English plural of a noun phrase's last word (tent → tents, box → boxes, battery → batteries). */
export function plural(phrase: string): string {
  return phrase.replace(/(\w+)$/, (word) => {
    if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
    if (/(s|ch|sh|x|z)$/.test(word)) return word.endsWith('s') ? word : `${word}es`;
    return `${word}s`;
  });
}

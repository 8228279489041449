// Word segmentation for search and embedders: Intl.Segmenter for words in any script, plus character
// unigrams and bigrams of Han runs, so that two-character queries such as 帐篷 match (a trigram index misses them).

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const hanRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const hasHan = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Lower-case, NFKC-normalised word tokens. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (part.isWordLike) out.push(part.segment);
  }
  return out;
}

/** True when the text has CJK characters. */
export function isCjk(text: string): boolean {
  return hasHan.test(text);
}

/** Character n-grams (n = 1 or 2) of the CJK runs in `text`, in order. */
export function cjkGrams(text: string, n: 1 | 2): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(hanRun)) {
    const run = [...match[0]];
    if (n === 1) out.push(...run);
    else for (let k = 0; k + 1 < run.length; k++) out.push(run[k] + run[k + 1]);
  }
  return out;
}

/** The three columns of the full-text index for one document. */
export function indexColumns(text: string): { words: string; unigrams: string; bigrams: string } {
  return {
    words: words(text).join(' '),
    unigrams: cjkGrams(text, 1).join(' '),
    bigrams: cjkGrams(text, 2).join(' '),
  };
}

/**
 * An FTS5 MATCH expression for a user query over the columns above: every word must match (or any, with mode "any").
 * Latin words match by prefix; CJK words match as a phrase of their bigrams (single characters by unigram).
 * Returns null when the query has no searchable word.
 */
export function matchExpression(query: string, mode: 'all' | 'any' = 'all'): string | null {
  const clauses: string[] = [];
  for (const word of words(query)) {
    if (isCjk(word)) {
      const chars = [...word];
      if (chars.length === 1) clauses.push(`unigrams:"${chars[0]}"`);
      else clauses.push(`bigrams:"${cjkGrams(word, 2).join(' ')}"`);
    } else {
      const safe = word.replace(/"/g, '""');
      clauses.push(`{title body}:"${safe}"*`);
    }
  }
  if (clauses.length === 0) return null;
  return clauses.join(mode === 'all' ? ' AND ' : ' OR ');
}

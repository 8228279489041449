// Routes text by language: English (Latin script) to the sentence encoder, Chinese and other CJK text to the n-gram
// embedder. The two spaces are not comparable, so the vector is their concatenation, each block weighted by the
// square root of its script share: pure English fills only the first block, pure Chinese only the second, and a
// mixed title gets both, still of unit length.

import { cjkGrams, isCjk, words } from '../../core/text.ts';
import type { Embedder } from '../spec.ts';

export interface LanguageRouterOptions {
  /** Embeds Latin-script (English) text. */
  english: Embedder;
  /** Embeds CJK and other text. */
  other: Embedder;
}

export class LanguageRouterEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;
  readonly #english: Embedder;
  readonly #other: Embedder;

  constructor(options: LanguageRouterOptions) {
    this.#english = options.english;
    this.#other = options.other;
    this.name = `router(${options.english.name}+${options.other.name})`;
    this.dimension = options.english.dimension + options.other.dimension;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const shares = texts.map(cjkShare);
    const englishIndexes = indexesWhere(shares, (share) => share < 1);
    const otherIndexes = indexesWhere(shares, (share) => share > 0);
    const [english, other] = await Promise.all([
      this.#english.embed(englishIndexes.map((k) => texts[k])),
      this.#other.embed(otherIndexes.map((k) => texts[k])),
    ]);
    const out = texts.map(() => new Float32Array(this.dimension));
    englishIndexes.forEach((k, j) => {
      const weight = Math.sqrt(1 - shares[k]);
      const vector = english[j];
      for (let d = 0; d < vector.length; d++) out[k][d] = weight * vector[d];
    });
    const offset = this.#english.dimension;
    otherIndexes.forEach((k, j) => {
      const weight = Math.sqrt(shares[k]);
      const vector = other[j];
      for (let d = 0; d < vector.length; d++) out[k][offset + d] = weight * vector[d];
    });
    return out;
  }
}

/**
 * Share of CJK in a text, counting a CJK character and a Latin word as one unit each (a Chinese character carries
 * about as much meaning as an English word); 0 for text without either.
 */
export function cjkShare(text: string): number {
  let units = 0;
  let cjkUnits = 0;
  for (const word of words(text)) {
    if (isCjk(word)) {
      const count = cjkGrams(word, 1).length;
      cjkUnits += count;
      units += count + (/[\p{Script=Latin}\p{N}]/u.test(word) ? 1 : 0);
    } else units++;
  }
  return units === 0 ? 0 : cjkUnits / units;
}

function indexesWhere(values: number[], test: (value: number) => boolean): number[] {
  const out: number[] = [];
  values.forEach((value, k) => {
    if (test(value)) out.push(k);
  });
  return out;
}

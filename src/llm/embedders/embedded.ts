// The offline default embedder: the English sentence encoder and the n-gram embedder behind the language router.

import type { Embedder } from '../spec.ts';
import { LanguageRouterEmbedder } from './language-router.ts';
import { NgramEmbedder } from './ngram-embedder.ts';
import { SentenceEncoderEmbedder } from './sentence-encoder.ts';

export function createEmbeddedEmbedder(options: { ngramDimension?: number } = {}): Embedder {
  return new LanguageRouterEmbedder({
    english: new SentenceEncoderEmbedder(),
    other: new NgramEmbedder({ dimension: options.ngramDimension ?? 512 }),
  });
}

/** Cosine of two unit vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k] * b[k];
  return sum;
}

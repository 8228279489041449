// Embeddings from a configured provider (LMREC_EMBEDDINGS=openai:text-embedding-3-small, ollama:bge-m3, …): batched,
// through the gateway's fallback chain, budgets and accounting, with every vector's dimension checked.

import { embedMany } from 'ai';
import { FormatError } from '../../core/errors.ts';
import { createEmbeddingModel } from '../providers/create-models.ts';
import { execute, type GatewayRuntime } from '../runtime/executor.ts';
import type { CallOptions, Embedder } from '../spec.ts';
import { normalise } from './ngram-embedder.ts';

/** Dimensions of well-known models, so no probe call is needed for them. */
export const knownDimensions: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
  'text-embedding-v3': 1024,
  'embedding-3': 2048,
  'nomic-embed-text': 768,
  'bge-m3': 1024,
  'mxbai-embed-large': 1024,
};

export interface ProviderEmbedderOptions {
  runtime: GatewayRuntime;
  dimension: number;
  /** Texts per request. */
  batchSize?: number;
  callOptions?: CallOptions;
}

export class ProviderEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;
  readonly #runtime: GatewayRuntime;
  readonly #batchSize: number;
  readonly #callOptions: CallOptions;

  constructor(options: ProviderEmbedderOptions) {
    this.#runtime = options.runtime;
    this.dimension = options.dimension;
    this.#batchSize = options.batchSize ?? 96;
    this.#callOptions = options.callOptions ?? {};
    this.name = `provider(${options.runtime.settings.models.embedding.map((spec) => spec.id).join(',')})`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.#batchSize) {
      const batch = texts.slice(start, start + this.#batchSize);
      const vectors = await embedBatch(this.#runtime, batch, this.#callOptions);
      for (const vector of vectors) {
        if (vector.length !== this.dimension)
          throw new FormatError(`${this.name}: got a ${vector.length}-d vector, expected ${this.dimension}`, {
            context: { field: 'dimension' },
          });
        out.push(normalise(Float32Array.from(vector)));
      }
    }
    return out;
  }
}

/** One batch through the fallback chain; the raw vectors in input order. */
export async function embedBatch(
  runtime: GatewayRuntime,
  values: readonly string[],
  options: CallOptions = {},
): Promise<number[][]> {
  const result = await execute(runtime, {
    role: 'embedding',
    kind: 'embed',
    request: null,
    options,
    async run(spec) {
      const answer = await embedMany({
        model: createEmbeddingModel(spec, runtime.providers),
        values: [...values],
        maxRetries: 0,
        abortSignal: options.signal,
      });
      if (answer.embeddings.length !== values.length)
        throw new FormatError(`${spec.id}: ${answer.embeddings.length} vectors for ${values.length} texts`);
      return { value: answer.embeddings, promptTokens: answer.usage?.tokens ?? 0, completionTokens: 0 };
    },
    serialise: (value) => JSON.stringify(value),
    deserialise: (text) => JSON.parse(text),
  });
  return result.value;
}

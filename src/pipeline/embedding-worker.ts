// The embedder off the main thread: a worker holds the embedding model, embeds search queries on request and the
// catalog's missing item vectors in the background, so the sentence encoder never stalls the event loop.

import { Worker } from 'node:worker_threads';
import type { NamedEmbedder } from './item-vectors.ts';

type Reply = { id: number; vectors?: Float32Array[]; count?: number; error?: string; name?: string };

export class EmbeddingWorker implements NamedEmbedder {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  #next = 0;
  name = '';

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.error) pending.reject(new Error(reply.error));
      else pending.resolve(reply);
    });
    worker.on('error', (error) => {
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
    worker.unref();
  }

  /** Starts the worker on the store at `location` with the `llm` config section (the configured embedder). */
  static async start(options: { location: string; llm: unknown }): Promise<EmbeddingWorker> {
    const worker = new EmbeddingWorker(
      new Worker(new URL('./embedding-worker-main.ts', import.meta.url), { workerData: options }),
    );
    worker.name = (await worker.#call({ type: 'name' })).name ?? '';
    return worker;
  }

  #call(message: Record<string, unknown>): Promise<Reply> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return (await this.#call({ type: 'embed', texts })).vectors ?? [];
  }

  /** Embeds items without a vector (or the given ones) into `namespace`; resolves to how many. */
  async index(namespace: string, ids?: readonly string[]): Promise<number> {
    return (await this.#call({ type: 'index', namespace, ids })).count ?? 0;
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

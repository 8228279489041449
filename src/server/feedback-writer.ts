// The feedback write path: a batch is validated, stored (committed before the request is answered, so an
// acknowledged event survives a crash), and then the engine drops the users' cached lists. Concurrent batches are
// written one after another in arrival order; `flush` waits for all of them at shutdown.

import type { RecommendationEngine } from '../pipeline/engine.ts';
import type { FeedbackInput, FeedbackWriteOptions, FeedbackWriteResult, Store } from '../store/store.ts';

export class FeedbackWriter {
  readonly #store: Store;
  readonly #engine: RecommendationEngine;
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Events accepted (stored or recognised as duplicates) since start, per type (for /metrics). */
  readonly acceptedByType = new Map<string, number>();

  constructor(options: { store: Store; engine: RecommendationEngine }) {
    this.#store = options.store;
    this.#engine = options.engine;
  }

  async write(events: readonly FeedbackInput[], options: FeedbackWriteOptions): Promise<FeedbackWriteResult> {
    const work = this.#store.feedback.add(events, options);
    this.#inFlight.add(work);
    try {
      const result = await work;
      for (const event of events) this.acceptedByType.set(event.type, (this.acceptedByType.get(event.type) ?? 0) + 1);
      await this.#engine.feedbackStored(
        events.map((event) => event.userId),
        result.stored,
      );
      return result;
    } finally {
      this.#inFlight.delete(work);
    }
  }

  /** Writes in flight (for /metrics and shutdown). */
  get pending(): number {
    return this.#inFlight.size;
  }

  /** Resolves when every write started so far has finished. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }
}

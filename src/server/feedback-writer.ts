// The feedback write path with group commit: batches that arrive while a write is running are written together in
// the next transaction, each in its own savepoint (a bad batch fails alone). A batch is acknowledged only after its
// transaction commits, so an acknowledged event survives a crash; then the engine drops the users' cached lists.
// One commit per group instead of per batch: the index pages a commit rewrites are shared by the whole group.

import type { RecommendationEngine } from '../pipeline/engine.ts';
import type { FeedbackInput, FeedbackWriteOptions, FeedbackWriteResult, Store } from '../store/store.ts';

interface Job {
  events: readonly FeedbackInput[];
  options: FeedbackWriteOptions;
  resolve: (result: FeedbackWriteResult) => void;
  reject: (error: unknown) => void;
  result?: FeedbackWriteResult;
  error?: unknown;
}

export class FeedbackWriter {
  readonly #store: Store;
  readonly #engine: RecommendationEngine;
  readonly #maxEvents: number;
  #queue: Job[] = [];
  #writing: Promise<void> | null = null;
  #pending = 0;
  /** Events accepted (stored or recognised as duplicates) since start, per type (for /metrics). */
  readonly acceptedByType = new Map<string, number>();
  /** Transactions committed and batches they held (for /metrics: batches per commit). */
  commits = 0;
  batches = 0;

  constructor(options: {
    store: Store;
    engine: RecommendationEngine;
    /** Events per group commit at most (default 20,000). */
    maxEventsPerCommit?: number;
  }) {
    this.#store = options.store;
    this.#engine = options.engine;
    this.#maxEvents = options.maxEventsPerCommit ?? 20_000;
  }

  async write(events: readonly FeedbackInput[], options: FeedbackWriteOptions): Promise<FeedbackWriteResult> {
    this.#pending++;
    try {
      const result = await new Promise<FeedbackWriteResult>((resolve, reject) => {
        this.#queue.push({ events, options, resolve, reject });
        this.#writing ??= this.#drain();
      });
      for (const event of events) this.acceptedByType.set(event.type, (this.acceptedByType.get(event.type) ?? 0) + 1);
      await this.#engine.feedbackStored(
        events.map((event) => event.userId),
        result.stored,
      );
      return result;
    } finally {
      this.#pending--;
    }
  }

  /** Writes queued groups until the queue is empty. */
  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        // One turn of the event loop first: requests already received are parsed and join this group (the store
        // writes synchronously, so without it every batch would commit alone).
        await new Promise((resolve) => setImmediate(resolve));
        const group: Job[] = [];
        let size = 0;
        while (
          this.#queue.length > 0 &&
          (group.length === 0 || size + this.#queue[0].events.length <= this.#maxEvents)
        ) {
          const job = this.#queue.shift()!;
          group.push(job);
          size += job.events.length;
        }
        await this.#commit(group);
      }
    } finally {
      this.#writing = null;
    }
  }

  async #commit(group: Job[]): Promise<void> {
    try {
      await this.#store.transaction(async (tx) => {
        for (const job of group) {
          try {
            job.result = await tx.transaction((inner) => inner.feedback.add(job.events, job.options));
          } catch (error) {
            job.error = error;
          }
        }
      });
      this.commits++;
      this.batches += group.length;
      for (const job of group) {
        if (job.error !== undefined) job.reject(job.error);
        else job.resolve(job.result!);
      }
    } catch (error) {
      // The commit itself failed: nothing of the group is stored, and every batch says so.
      for (const job of group) job.reject(error);
    }
  }

  /** Batches waiting or being written (for /metrics and shutdown). */
  get pending(): number {
    return this.#pending;
  }

  /** Resolves when every batch written so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }
}

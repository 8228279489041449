// The server-side exposure log (serving.logExposures): every list served is recorded as `impression` events carrying
// the request id, position, source and propensity, the input of off-policy evaluation and position-bias analysis.
// Events are buffered and written in batches off the request path; shutdown flushes the rest.

import type { CachedList } from '../pipeline/response-cache.ts';
import type { FeedbackInput, Store } from '../store/store.ts';

export class ExposureLog {
  readonly #store: Store;
  readonly #type: string;
  #buffer: FeedbackInput[] = [];
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  /** Events the log failed to write (the store was unreachable). */
  dropped = 0;

  constructor(options: { store: Store /** The feedback type of exposures (default `impression`). */; type?: string }) {
    this.#store = options.store;
    this.#type = options.type ?? 'impression';
  }

  record(userId: string, exposure: CachedList['exposure']): void {
    const timestamp = Date.now();
    exposure.items.forEach(([itemId, source, propensity], position) => {
      this.#buffer.push({
        userId,
        itemId,
        type: this.#type,
        timestamp,
        context: { requestId: exposure.requestId, position, source, propensity, logged: 'server' },
      });
    });
    if (this.#buffer.length >= 2000) void this.flush();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), 250);
      this.#timer.unref();
    }
  }

  /** Writes what is buffered; resolves when every write so far has finished. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#buffer;
    this.#buffer = [];
    if (batch.length) {
      this.#writing = this.#writing.then(() =>
        this.#store.feedback.add(batch).then(
          () => {},
          () => {
            this.dropped += batch.length;
          },
        ),
      );
    }
    return this.#writing;
  }
}

// The server-side exposure log: every list served (all of them with serving.logExposures, else those served to users
// in a running experiment) is recorded as `impression` events carrying the request id, 1-based position, source,
// propensity, the user's experiment variants and the serving latency: the input of experiment reports, off-policy
// evaluation, the learned ranker and position-bias analysis. Events are buffered and written in batches off the
// request path; shutdown flushes the rest.

import type { Assignment } from '../eval/experiments/assignment.ts';
import { exposureContext } from '../eval/experiments/exposure.ts';
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

  record(
    userId: string,
    exposure: CachedList['exposure'],
    options: {
      /** The user's experiment assignments when the list was served (none: not in an experiment). */
      assignments?: readonly Assignment[];
      /** Time the request took so far, for the experiments' latency guardrail. */
      latencyMs?: number;
      /** Slots before the first shown item (the request's `offset`). */
      offset?: number;
    } = {},
  ): void {
    const timestamp = Date.now();
    const assignments = options.assignments ?? [];
    const offset = options.offset ?? 0;
    exposure.items.forEach(([itemId, source, propensity], index) => {
      const context = exposureContext({
        assignments,
        position: offset + index + 1,
        source,
        requestId: exposure.requestId,
        propensity,
        latencyMs: options.latencyMs,
      });
      context.logged = 'server';
      this.#buffer.push({ userId, itemId, type: this.#type, timestamp, context });
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

// An async queue of events: producers push while work runs (tool calls finish inside the LLM's tool loop), the
// consumer iterates as they arrive. Closing ends the iteration; failing rethrows in the consumer.

export class EventChannel<T> implements AsyncIterable<T> {
  readonly #queue: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | null = null;
  #rejecting: ((error: unknown) => void) | null = null;
  #closed = false;
  #error: unknown = null;

  push(event: T): void {
    if (this.#closed) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      this.#rejecting = null;
      resolve({ value: event, done: false });
    } else this.#queue.push(event);
  }

  close(): void {
    this.#closed = true;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    this.#error = error ?? new Error('event channel failed');
    this.#closed = true;
    if (this.#rejecting) {
      const reject = this.#rejecting;
      this.#waiting = null;
      this.#rejecting = null;
      reject(this.#error);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#queue.length > 0) return Promise.resolve({ value: this.#queue.shift()!, done: false });
        if (this.#error) return Promise.reject(this.#error);
        if (this.#closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.#waiting = resolve;
          this.#rejecting = reject;
        });
      },
    };
  }
}

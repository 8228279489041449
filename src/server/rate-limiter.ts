// Fixed-window rate limits per principal. Counting is local and synchronous (the hot path waits for nothing); with
// several processes, each one adds its counts to shared counters every 100 ms and learns the others' totals, so a
// key's limit holds across processes to within one flush.

import type { SharedCounters } from '../store/shared-state.ts';

interface Window {
  index: number;
  /** Hits in this process during the window. */
  local: number;
  /** Hits already added to the shared counter. */
  sent: number;
  /** Other processes' hits, as of the last flush. */
  others: number;
}

export class RateLimiter {
  readonly #windowMs: number;
  readonly #counters: SharedCounters | null;
  readonly #windows = new Map<string, Window>();
  #flushTimer: NodeJS.Timeout | null = null;
  limited = 0;

  constructor(options: {
    windowMs: number;
    /** Shared counters for several processes; null for one process. */
    counters: SharedCounters | null;
  }) {
    this.#windowMs = options.windowMs;
    this.#counters = options.counters;
  }

  /** Counts a hit; returns the ms until the window resets when `limit` (per window, 0 = none) is exceeded, else 0. */
  hit(id: string, limit: number): number {
    if (limit <= 0) return 0;
    const now = Date.now();
    const index = Math.floor(now / this.#windowMs);
    let window = this.#windows.get(id);
    if (!window || window.index !== index) {
      window = { index, local: 0, sent: 0, others: 0 };
      this.#windows.set(id, window);
      if (this.#windows.size > 200_000) this.#sweep(index);
    }
    window.local++;
    if (this.#counters && !this.#flushTimer) {
      this.#flushTimer = setTimeout(() => void this.#flush(), 100);
      this.#flushTimer.unref();
    }
    if (window.local + window.others > limit) {
      this.limited++;
      return (index + 1) * this.#windowMs - now;
    }
    return 0;
  }

  async #flush(): Promise<void> {
    this.#flushTimer = null;
    const increments = new Map<string, number>();
    const pending: Array<[string, Window, number]> = [];
    for (const [id, window] of this.#windows) {
      const amount = window.local - window.sent;
      if (amount <= 0) continue;
      increments.set(`rate:${id}:${window.index}`, amount);
      pending.push([id, window, amount]);
    }
    if (pending.length === 0 || !this.#counters) return;
    try {
      const totals = await this.#counters.add(increments, this.#windowMs * 2);
      for (const [id, window, amount] of pending) {
        window.sent += amount;
        window.others = Math.max(0, (totals.get(`rate:${id}:${window.index}`) ?? 0) - window.sent);
      }
    } catch {
      // Redis unreachable: limits hold per process until it is back.
    }
  }

  #sweep(current: number): void {
    for (const [id, window] of this.#windows) if (window.index < current) this.#windows.delete(id);
  }

  stop(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
  }
}

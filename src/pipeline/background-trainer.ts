// Retrains on a schedule or after N new events, one training at a time across every process: the events are counted
// in shared counters (per model version) and a shared counter per time slot acts as the training lock.

import type { SharedCounters } from '../store/shared-state.ts';

export interface BackgroundTrainerOptions {
  counters: SharedCounters;
  /** Retrain after this many events (0: never on volume). */
  afterEvents: number;
  /** Retrain every this many ms (0: never on a schedule). */
  intervalMs: number;
  /** Fewest ms between two trainings (also the lock's lifetime). */
  minGapMs: number;
  /** The version being served (counts and locks are per version). */
  version: () => number;
  /** Trains and adopts a new model; the trainer waits for it. */
  train: () => Promise<void>;
  onError?: (error: unknown) => void;
}

export class BackgroundTrainer {
  readonly #options: BackgroundTrainerOptions;
  #pending = 0;
  #flushTimer: NodeJS.Timeout | null = null;
  #intervalTimer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #lastTrained = 0;
  #stopped = false;

  constructor(options: BackgroundTrainerOptions) {
    this.#options = options;
    if (options.intervalMs > 0) {
      this.#intervalTimer = setInterval(() => void this.trigger('schedule'), options.intervalMs);
      this.#intervalTimer.unref();
    }
  }

  get running(): boolean {
    return this.#running !== null;
  }

  /** Counts new events; the shared count is updated at most every 250 ms. */
  count(events: number): void {
    if (this.#options.afterEvents <= 0 || this.#stopped) return;
    this.#pending += events;
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => void this.#flush(), 250);
    this.#flushTimer.unref();
  }

  async #flush(): Promise<void> {
    this.#flushTimer = null;
    const amount = this.#pending;
    this.#pending = 0;
    if (amount === 0) return;
    const key = `train-events:v${this.#options.version()}`;
    try {
      const totals = await this.#options.counters.add(new Map([[key, amount]]), 30 * 86_400_000);
      if ((totals.get(key) ?? 0) >= this.#options.afterEvents) await this.trigger('events');
    } catch (error) {
      this.#options.onError?.(error);
    }
  }

  /** Trains unless a training ran too recently or another process holds this slot's lock. */
  async trigger(why: 'schedule' | 'events' | 'manual'): Promise<boolean> {
    if (this.#running || this.#stopped) return false;
    const now = Date.now();
    // An operator's request skips the minimum gap (but not a training already running somewhere).
    const gap = why === 'manual' ? 1000 : Math.max(this.#options.minGapMs, 1000);
    if (why !== 'manual' && now - this.#lastTrained < this.#options.minGapMs) return false;
    const lock = `train-lock:v${this.#options.version()}:${why === 'manual' ? 'm' : ''}${Math.floor(now / gap)}`;
    const taken = await this.#options.counters.add(new Map([[lock, 1]]), gap * 2);
    if ((taken.get(lock) ?? 0) !== 1) return false;
    this.#lastTrained = now;
    this.#running = this.#options
      .train()
      .catch((error) => this.#options.onError?.(error))
      .finally(() => {
        this.#running = null;
      });
    await this.#running;
    return true;
  }

  /** Waits for a running training and stops the schedule. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#intervalTimer) clearInterval(this.#intervalTimer);
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    await this.#running;
  }
}

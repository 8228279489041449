// Token and cost accounting per call, per job and per day. Calls add to in-process totals (cheap enough for the
// cache-hit path); `flush` appends them as one entry per (day, model, job), so concurrent processes never overwrite
// each other and a day's total is the sum of its entries.

import { randomBytes } from 'node:crypto';
import type { KeyValuePort } from '../ports.ts';

export const usageNamespace = 'llm-usage';

export interface UsageCounters {
  calls: number;
  cacheHits: number;
  networkCalls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  errors: number;
}

export interface UsageEvent extends Partial<UsageCounters> {
  /** The spec that answered (or was tried). */
  model: string;
  job?: string;
  /** Milliseconds since the epoch; now by default. */
  at?: number;
}

export interface UsageQuery {
  /** First day (YYYY-MM-DD, UTC) to include; all days when absent. */
  since?: string;
  job?: string;
}

export interface UsageTotals extends UsageCounters {
  byModel: Record<string, UsageCounters>;
  byDay: Record<string, UsageCounters>;
}

/** The usage-ledger port. */
export interface UsageLedger {
  record(event: UsageEvent): void;
  totals(query?: UsageQuery): Promise<UsageTotals>;
  flush(): Promise<void>;
}

export function emptyCounters(): UsageCounters {
  return { calls: 0, cacheHits: 0, networkCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, errors: 0 };
}

const counterKeys = Object.keys(emptyCounters()) as Array<keyof UsageCounters>;

export function addCounters(target: UsageCounters, source: Partial<UsageCounters>): UsageCounters {
  for (const key of counterKeys) target[key] += source[key] ?? 0;
  return target;
}

export const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

interface StoredEntry extends UsageCounters {
  day: string;
  model: string;
  job: string | null;
}

export class KeyValueUsageLedger implements UsageLedger {
  readonly #store: KeyValuePort;
  readonly #pending = new Map<string, StoredEntry>();
  /** Distinguishes this process's entries from other processes' writing the same day. */
  readonly #writer = randomBytes(4).toString('hex');
  #sequence = 0;
  #flushing: Promise<void> = Promise.resolve();

  constructor(store: KeyValuePort) {
    this.#store = store;
  }

  record(event: UsageEvent): void {
    const day = dayOf(event.at ?? Date.now());
    const job = event.job ?? null;
    const key = `${day}|${event.model}|${job ?? ''}`;
    let entry = this.#pending.get(key);
    if (!entry) this.#pending.set(key, (entry = { day, model: event.model, job, ...emptyCounters() }));
    addCounters(entry, event);
  }

  async totals(query: UsageQuery = {}): Promise<UsageTotals> {
    await this.#flushing;
    const stored = await this.#store.entries<StoredEntry>(usageNamespace);
    const totals: UsageTotals = { ...emptyCounters(), byModel: {}, byDay: {} };
    for (const entry of [...stored.map((row) => row.value), ...this.#pending.values()]) {
      if (query.since && entry.day < query.since) continue;
      if (query.job !== undefined && entry.job !== query.job) continue;
      addCounters(totals, entry);
      addCounters((totals.byModel[entry.model] ??= emptyCounters()), entry);
      addCounters((totals.byDay[entry.day] ??= emptyCounters()), entry);
    }
    return totals;
  }

  flush(): Promise<void> {
    const entries = [...this.#pending.values()];
    this.#pending.clear();
    const write = async () => {
      for (const entry of entries) {
        const key = `${entry.day}/${Date.now()}-${this.#writer}-${this.#sequence++}`;
        await this.#store.set(usageNamespace, key, entry);
      }
    };
    this.#flushing = this.#flushing.then(write, write);
    return this.#flushing;
  }
}

// In-process counters of what the store does not see: requests, errors and latency of the serving path, lists
// served, and LLM calls (cost, cache hits), kept per minute for a day in a ring, so that recording is O(1) and
// allocation-free on the request path. Latency quantiles come from a log-spaced histogram per minute (≤ 5% error).

import type { SeriesGroup, TimeSeries } from './time-series.ts';
import { bucketStarts } from './time-series.ts';

const minuteMs = 60_000;
/** Histogram bounds: 0.05 ms × 1.1^k, up to about 10 minutes. */
const latencyBuckets = 200;
const latencyBase = 0.05;
const latencyGrowth = 1.1;

function latencyBucket(ms: number): number {
  if (!(ms > latencyBase)) return 0;
  return Math.min(latencyBuckets - 1, Math.ceil(Math.log(ms / latencyBase) / Math.log(latencyGrowth)));
}

interface Counts {
  requests: number;
  errors: number;
  latencies: Uint32Array;
  served: number;
  llmCalls: number;
  llmCacheHits: number;
  llmCostUsd: number;
}

interface Minute extends Counts {
  /** Minute index (ms / 60,000), −1 when unused. */
  minute: number;
}

function emptyCounts(): Counts {
  return {
    requests: 0,
    errors: 0,
    latencies: new Uint32Array(latencyBuckets),
    served: 0,
    llmCalls: 0,
    llmCacheHits: 0,
    llmCostUsd: 0,
  };
}

export class MonitoringRecorder {
  readonly #ring: Minute[];
  readonly #now: () => number;

  constructor(
    options: { /** Minutes kept (default 1,440: a day). */ retentionMinutes?: number; now?: () => number } = {},
  ) {
    const size = options.retentionMinutes ?? 1440;
    this.#now = options.now ?? Date.now;
    this.#ring = Array.from({ length: size }, () => ({ minute: -1, ...emptyCounts() }));
  }

  #slot(at: number | undefined): Minute {
    const minute = Math.floor((at ?? this.#now()) / minuteMs);
    const slot = this.#ring[minute % this.#ring.length];
    if (slot.minute !== minute) {
      slot.minute = minute;
      slot.requests = slot.errors = slot.served = slot.llmCalls = slot.llmCacheHits = slot.llmCostUsd = 0;
      slot.latencies.fill(0);
    }
    return slot;
  }

  /** One served request: its status (≥ 500 counts as an error) and how long it took. */
  recordRequest(request: { status: number; latencyMs: number; at?: number }): void {
    const slot = this.#slot(request.at);
    slot.requests++;
    if (request.status >= 500) slot.errors++;
    slot.latencies[latencyBucket(request.latencyMs)]++;
  }

  /** Recommendation lists served. */
  recordServed(count = 1, at?: number): void {
    this.#slot(at).served += count;
  }

  /** One LLM call through the gateway. */
  recordLlm(call: { costUsd: number; cacheHit: boolean; at?: number }): void {
    const slot = this.#slot(call.at);
    slot.llmCalls++;
    if (call.cacheHit) slot.llmCacheHits++;
    slot.llmCostUsd += call.costUsd;
  }

  /** The counters as series over [from, to) in buckets of `bucketMs` (whole minutes). */
  series(options: { from: number; to: number; bucketMs: number }): TimeSeries[] {
    const starts = bucketStarts(options.from, options.to, options.bucketMs);
    const totals = starts.map(emptyCounts);
    for (const slot of this.#ring) {
      if (slot.minute < 0) continue;
      const time = slot.minute * minuteMs;
      if (time < starts[0] || time >= options.to) continue;
      const total = totals[Math.floor((time - starts[0]) / options.bucketMs)];
      if (!total) continue;
      total.requests += slot.requests;
      total.errors += slot.errors;
      total.served += slot.served;
      total.llmCalls += slot.llmCalls;
      total.llmCacheHits += slot.llmCacheHits;
      total.llmCostUsd += slot.llmCostUsd;
      for (let b = 0; b < latencyBuckets; b++) total.latencies[b] += slot.latencies[b];
    }
    const minutes = options.bucketMs / minuteMs;
    const make = (name: string, label: string, unit: string, group: SeriesGroup, value: (total: Counts) => number) => ({
      name,
      label,
      unit,
      group,
      points: starts.map((t, k) => ({ t, value: value(totals[k]) })),
    });
    return [
      make('requests_per_minute', 'requests per minute', '1/min', 'serving', (total) => total.requests / minutes),
      make('error_rate', 'server errors', 'share', 'serving', (total) =>
        total.requests ? total.errors / total.requests : Number.NaN,
      ),
      make('latency_p50_ms', 'latency p50', 'ms', 'serving', (total) => quantile(total.latencies, 0.5)),
      make('latency_p99_ms', 'latency p99', 'ms', 'serving', (total) => quantile(total.latencies, 0.99)),
      make('lists_served', 'recommendation lists served', 'lists', 'serving', (total) => total.served),
      make('llm_cost_usd', 'LLM cost', 'USD', 'llm', (total) => total.llmCostUsd),
      make('llm_cache_hit_rate', 'LLM cache hit rate', 'share', 'llm', (total) =>
        total.llmCalls ? total.llmCacheHits / total.llmCalls : Number.NaN,
      ),
    ];
  }
}

/** The upper bound of the histogram bucket holding quantile q; NaN when empty. */
function quantile(histogram: Uint32Array, q: number): number {
  let count = 0;
  for (const value of histogram) count += value;
  if (count === 0) return Number.NaN;
  const target = Math.max(1, Math.ceil(q * count));
  let seen = 0;
  for (let b = 0; b < histogram.length; b++) {
    seen += histogram[b];
    if (seen >= target) return latencyBase * latencyGrowth ** b;
  }
  return latencyBase * latencyGrowth ** (histogram.length - 1);
}

// The engine's and the process's gauges and counters on /metrics: recommendations served per source, cache hit rate,
// model version and age, catalog size, feedback stored per type, rate-limited requests, memory, event-loop delay.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Metrics } from './metrics.ts';
import type { ServerServices } from './services.ts';

export function registerServerMetrics(metrics: Metrics, services: Omit<ServerServices, 'metrics'>): () => void {
  const { engine, writer, limiter } = services;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  metrics.register({
    name: 'lmrec_recommendations_served_total',
    help: 'Recommended items served, by the source that contributed most.',
    type: 'counter',
    values: () => [...engine.servedBySource].map(([source, value]) => ({ labels: { source }, value })),
  });
  metrics.register({
    name: 'lmrec_cache_hits_total',
    help: 'Recommendation responses served from the cache.',
    type: 'counter',
    values: () => [{ value: engine.cache.hits }],
  });
  metrics.register({
    name: 'lmrec_cache_misses_total',
    help: 'Recommendation responses computed by the pipeline.',
    type: 'counter',
    values: () => [{ value: engine.cache.misses }],
  });
  metrics.register({
    name: 'lmrec_cache_hit_ratio',
    help: 'Share of recommendation responses served from the cache since start.',
    type: 'gauge',
    values: () => {
      const total = engine.cache.hits + engine.cache.misses;
      return [{ value: total ? engine.cache.hits / total : 0 }];
    },
  });
  metrics.register({
    name: 'lmrec_model_version',
    help: 'Version of the model bundle being served (0: none).',
    type: 'gauge',
    values: () => [{ value: engine.modelVersion ?? 0 }],
  });
  metrics.register({
    name: 'lmrec_model_age_seconds',
    help: 'Seconds since the served model was trained.',
    type: 'gauge',
    values: () => [{ value: engine.bundle ? (Date.now() - engine.bundle.trainedAt) / 1000 : Number.NaN }],
  });
  metrics.register({
    name: 'lmrec_catalog_items',
    help: 'Items in the in-memory catalog.',
    type: 'gauge',
    values: () => [{ value: engine.catalog.size }],
  });
  metrics.register({
    name: 'lmrec_feedback_events_total',
    help: 'Feedback events accepted, by type.',
    type: 'counter',
    values: () => [...writer.acceptedByType].map(([type, value]) => ({ labels: { type }, value })),
  });
  metrics.register({
    name: 'lmrec_feedback_writes_in_flight',
    help: 'Feedback batches being written.',
    type: 'gauge',
    values: () => [{ value: writer.pending }],
  });
  metrics.register({
    name: 'lmrec_feedback_commits_total',
    help: 'Transactions that stored feedback (one per group of concurrent batches).',
    type: 'counter',
    values: () => [{ value: writer.commits }],
  });
  metrics.register({
    name: 'lmrec_feedback_batches_total',
    help: 'Feedback batches committed.',
    type: 'counter',
    values: () => [{ value: writer.batches }],
  });
  metrics.register({
    name: 'lmrec_rate_limited_total',
    help: 'Requests refused by a rate limit.',
    type: 'counter',
    values: () => [{ value: limiter.limited }],
  });
  metrics.register({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory of the process.',
    type: 'gauge',
    values: () => [{ value: process.memoryUsage.rss() }],
  });
  metrics.register({
    name: 'nodejs_eventloop_delay_p99_seconds',
    help: 'Event-loop delay, 99th percentile since start.',
    type: 'gauge',
    values: () => [{ value: loop.percentile(99) / 1e9 }],
  });
  return () => loop.disable();
}

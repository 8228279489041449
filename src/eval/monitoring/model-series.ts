// Model and LLM health from the store: the age of the newest trained model (versioned blobs), the offline metric
// recorded at each training run, and the LLM gateway's daily cost and cache hit rate from its usage ledger.

import { KeyValueUsageLedger } from '../../llm/usage/ledger.ts';
import type { Store } from '../../store/store.ts';
import { bucketStarts, type TimeSeries } from './time-series.ts';

export const monitoringNamespace = 'monitoring';
const offlinePrefix = 'offline-metric:';
const dayMs = 86_400_000;

/** The serving layer's model bundles are versioned under this blob name. */
export const defaultModelBlob = 'pipeline-models';

export interface OfflineMetric {
  /** e.g. `ndcg@10`. */
  metric: string;
  value: number;
  model?: string;
  /** The model blob version it belongs to. */
  version?: number;
  /** When the training run ended (ms). */
  at: number;
}

/** Records a training run's offline metric, for the dashboard's model panel (the trainer calls it). */
export async function recordOfflineMetric(
  store: Store,
  entry: Omit<OfflineMetric, 'at'> & { at?: number },
): Promise<void> {
  const at = entry.at ?? Date.now();
  await store.kv.set(monitoringNamespace, `${offlinePrefix}${String(at).padStart(15, '0')}`, { ...entry, at });
}

export async function offlineMetrics(store: Store): Promise<OfflineMetric[]> {
  return (await store.kv.entries<OfflineMetric>(monitoringNamespace, offlinePrefix)).map((entry) => entry.value);
}

/** Model age (hours, at the end of each bucket) and the offline metric in force then. */
export async function modelSeries(
  store: Store,
  options: { from: number; to: number; bucketMs: number; blobName?: string },
): Promise<TimeSeries[]> {
  const starts = bucketStarts(options.from, options.to, options.bucketMs);
  const blobs = await store.blobs.list(options.blobName ?? defaultModelBlob);
  const trained = blobs
    .map((blob) => (typeof blob.meta.trainedAt === 'number' ? blob.meta.trainedAt : blob.createdAt))
    .sort((a, b) => a - b);
  const metrics = (await offlineMetrics(store)).sort((a, b) => a.at - b.at);
  const before = <T>(values: T[], time: number, at: (value: T) => number): T | undefined => {
    let found: T | undefined;
    for (const value of values) if (at(value) <= time) found = value;
    return found;
  };
  const end = (t: number) => Math.min(t + options.bucketMs, options.to);
  const latestMetric = metrics.at(-1);
  return [
    {
      name: 'model_age_hours',
      label: 'age of the newest model',
      unit: 'h',
      group: 'model',
      points: starts.map((t) => {
        const newest = before(trained, end(t), (time) => time);
        return { t, value: newest === undefined ? Number.NaN : (end(t) - newest) / 3_600_000 };
      }),
    },
    {
      name: 'offline_metric',
      label: latestMetric
        ? `offline ${latestMetric.metric} at the last training`
        : 'offline metric at the last training',
      unit: latestMetric?.metric ?? '',
      group: 'model',
      points: starts.map((t) => ({ t, value: before(metrics, end(t), (entry) => entry.at)?.value ?? Number.NaN })),
    },
  ];
}

/** Daily LLM cost and cache hit rate from the gateway's usage ledger (kv namespace `llm-usage`). */
export async function llmSeries(store: Store, options: { from: number; to: number }): Promise<TimeSeries[]> {
  const totals = await new KeyValueUsageLedger(store.kv).totals({
    since: new Date(options.from).toISOString().slice(0, 10),
  });
  const days = bucketStarts(options.from, options.to, dayMs);
  const day = (t: number) => totals.byDay[new Date(t).toISOString().slice(0, 10)];
  return [
    {
      name: 'llm_cost_usd_daily',
      label: 'LLM cost per day',
      unit: 'USD',
      group: 'llm',
      points: days.map((t) => ({ t, value: day(t)?.costUsd ?? 0 })),
    },
    {
      name: 'llm_cache_hit_rate_daily',
      label: 'LLM cache hit rate per day',
      unit: 'share',
      group: 'llm',
      points: days.map((t) => {
        const counters = day(t);
        return { t, value: counters?.calls ? counters.cacheHits / counters.calls : Number.NaN };
      }),
    },
  ];
}

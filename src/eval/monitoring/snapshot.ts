// One look at the whole system: every series over a window (from the store, the in-process recorder, the model
// blobs and the LLM ledger), their latest values, the alerts the rules raise, and the experiments: the JSON the
// admin dashboard draws, and what /metrics exports.

import type { AlertRule } from '../../core/config/monitoring.ts';
import type { Store } from '../../store/store.ts';
import type { Experiment } from '../experiments/experiment.ts';
import { ExperimentRepository } from '../experiments/experiment-repository.ts';
import { type Alert, evaluateRules } from './alert-rules.ts';
import { llmSeries, modelSeries } from './model-series.ts';
import type { MonitoringRecorder } from './recorder.ts';
import { storeSeries } from './store-series.ts';
import { latestValue, type TimeSeries } from './time-series.ts';

export interface MonitoringSnapshot {
  generatedAt: number;
  window: { from: number; to: number; bucketMs: number };
  series: TimeSeries[];
  /** The last finite value of each series (NaN when it has none). */
  latest: Record<string, number>;
  alerts: Alert[];
  experiments: Array<
    Pick<Experiment, 'id' | 'name' | 'status' | 'layer' | 'traffic' | 'primaryMetric' | 'startedAt' | 'stoppedAt'>
  >;
}

export interface SnapshotOptions {
  store: Store;
  from: number;
  to: number;
  bucketMs: number;
  rules?: readonly AlertRule[];
  /** In-process counters (serving latency, errors, lists served, LLM calls); absent outside the server. */
  recorder?: MonitoringRecorder;
  coldThreshold?: number;
  modelBlob?: string;
  now?: number;
}

export async function monitoringSnapshot(options: SnapshotOptions): Promise<MonitoringSnapshot> {
  const { store, from, to, bucketMs } = options;
  const window = { from, to, bucketMs };
  const series = [
    ...(await storeSeries(store, { ...window, coldThreshold: options.coldThreshold })),
    ...(options.recorder?.series(window) ?? []),
    ...(await modelSeries(store, { ...window, blobName: options.modelBlob })),
    ...(await llmSeries(store, window)),
  ];
  const experiments = (await new ExperimentRepository(store).list()).map((experiment) => ({
    id: experiment.id,
    name: experiment.name,
    status: experiment.status,
    layer: experiment.layer,
    traffic: experiment.traffic,
    primaryMetric: experiment.primaryMetric,
    startedAt: experiment.startedAt,
    stoppedAt: experiment.stoppedAt,
  }));
  // Rules on series that only the server records (latency, errors) are skipped where there is no recorder.
  const names = new Set(series.map((entry) => entry.name));
  const rules = (options.rules ?? []).filter((rule) => names.has(rule.metric) || !recorderSeries.has(rule.metric));
  return {
    generatedAt: options.now ?? Date.now(),
    window,
    series,
    latest: Object.fromEntries(series.map((entry) => [entry.name, latestValue(entry)])),
    alerts: evaluateRules(rules, series),
    experiments,
  };
}

/** Series only the in-process recorder produces. */
const recorderSeries = new Set([
  'requests_per_minute',
  'error_rate',
  'latency_p50_ms',
  'latency_p99_ms',
  'lists_served',
  'llm_cost_usd',
  'llm_cache_hit_rate',
]);

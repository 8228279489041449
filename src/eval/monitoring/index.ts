// Monitoring: time series from the store and in-process counters, alert rules with log and webhook delivery,
// Prometheus text and JSON for the dashboard.

export { type Alert, evaluateRules } from './alert-rules.ts';
export { Alerter, type AlertNotice } from './alerter.ts';
export { llmSeries, modelSeries, recordOfflineMetric } from './model-series.ts';
export { Monitor, type MonitorOptions } from './monitor.ts';
export { type MonitoringMetricSource, monitoringMetricSources, renderPrometheus } from './prometheus.ts';
export { MonitoringRecorder } from './recorder.ts';
export { type MonitoringSnapshot, monitoringSnapshot } from './snapshot.ts';
export { storeSeries } from './store-series.ts';
export type { SeriesPoint, TimeSeries } from './time-series.ts';

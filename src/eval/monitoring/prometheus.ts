// The monitoring snapshot in the Prometheus text exposition format: one gauge family with a `series` label for the
// latest value of every series, and one for the alerts firing. `monitoringMetricSources` gives the same as sources
// the server's /metrics registry reads at scrape time (name, help, type, values), so no series is named twice.

import type { MonitoringSnapshot } from './snapshot.ts';

/** A gauge or counter computed when /metrics is read (the server's registry, src/server/metrics.ts, takes these). */
export interface MetricSource {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  values: () => Array<{ labels?: Record<string, string>; value: number }>;
}

/** The monitor's sources: gauges. */
export interface MonitoringMetricSource extends MetricSource {
  type: 'gauge';
}

/** Sources over whatever snapshot `current` returns at scrape time (none before the first evaluation). */
export function monitoringMetricSources(current: () => MonitoringSnapshot | null): MonitoringMetricSource[] {
  return [
    {
      name: 'lmrec_monitor_value',
      help: 'Latest value of each monitored series (label series; see the dashboard for units).',
      type: 'gauge',
      values: () =>
        (current()?.series ?? []).map((series) => ({
          labels: { series: series.name, group: series.group, unit: series.unit },
          value: current()!.latest[series.name],
        })),
    },
    {
      name: 'lmrec_monitor_alert_firing',
      help: 'Alert rules firing now (1), by rule and severity.',
      type: 'gauge',
      values: () =>
        (current()?.alerts ?? []).map((alert) => ({
          labels: { rule: alert.rule, metric: alert.metric, severity: alert.severity },
          value: 1,
        })),
    },
    {
      name: 'lmrec_monitor_snapshot_timestamp_seconds',
      help: 'When the monitored series were last computed.',
      type: 'gauge',
      values: () => {
        const snapshot = current();
        return snapshot ? [{ value: snapshot.generatedAt / 1000 }] : [];
      },
    },
  ];
}

export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function sampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** Renders sources in the text format (version 0.0.4). */
export function renderMetricSources(sources: readonly MetricSource[]): string {
  const lines: string[] = [];
  for (const source of sources) {
    lines.push(`# HELP ${source.name} ${source.help}`);
    lines.push(`# TYPE ${source.name} ${source.type}`);
    for (const { labels, value } of source.values()) {
      const text = labels
        ? `{${Object.entries(labels)
            .map(([name, label]) => `${name}="${escapeLabel(label)}"`)
            .join(',')}}`
        : '';
      lines.push(`${source.name}${text} ${sampleValue(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A snapshot in the Prometheus text format. */
export function renderPrometheus(snapshot: MonitoringSnapshot): string {
  return renderMetricSources(monitoringMetricSources(() => snapshot));
}

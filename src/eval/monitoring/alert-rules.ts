// Alert rules over time series: a threshold on the mean of the last points, or drift of the recent mean away from
// the baseline just before it (relative change and z-score both beyond their limits, so that neither a noisy
// series nor a flat one raises alarms on its own).

import type { AlertRule } from '../../core/config/monitoring.ts';
import { InvalidInputError } from '../../core/errors.ts';
import type { TimeSeries } from './time-series.ts';

export interface Alert {
  rule: string;
  metric: string;
  severity: 'warning' | 'critical';
  /** The value that broke the rule (the recent mean). */
  value: number;
  /** The threshold, or the baseline mean for drift. */
  reference: number;
  message: string;
  /** Start of the last bucket looked at. */
  at: number;
}

function finiteValues(series: TimeSeries): Array<{ t: number; value: number }> {
  return series.points.filter((point) => Number.isFinite(point.value));
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const round = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** Checks that every rule names a series (an unknown metric is rejected, never ignored). */
export function checkRules(rules: readonly AlertRule[], series: readonly TimeSeries[]): void {
  const names = new Set(series.map((entry) => entry.name));
  for (const rule of rules) {
    if (!names.has(rule.metric)) {
      throw new InvalidInputError(
        `alert rule "${rule.name}": unknown metric "${rule.metric}" (known: ${[...names].join(', ')})`,
        {
          context: { field: 'monitoring.rules' },
        },
      );
    }
    if (rule.kind === 'threshold' && rule.above === undefined && rule.below === undefined) {
      throw new InvalidInputError(`alert rule "${rule.name}": a threshold rule needs "above" or "below"`, {
        context: { field: 'monitoring.rules' },
      });
    }
  }
}

/** The alerts the rules raise on the series now (rules on series without enough data stay silent). */
export function evaluateRules(rules: readonly AlertRule[], series: readonly TimeSeries[]): Alert[] {
  checkRules(rules, series);
  const byName = new Map(series.map((entry) => [entry.name, entry]));
  const alerts: Alert[] = [];
  for (const rule of rules) {
    const points = finiteValues(byName.get(rule.metric)!);
    const base = { rule: rule.name, metric: rule.metric, severity: rule.severity };
    if (rule.kind === 'threshold') {
      if (points.length < rule.points) continue;
      const recent = points.slice(-rule.points);
      const value = mean(recent.map((point) => point.value));
      const at = recent[recent.length - 1].t;
      if (rule.above !== undefined && value > rule.above) {
        alerts.push({
          ...base,
          value,
          reference: rule.above,
          at,
          message: `${rule.metric} = ${round(value)} is above ${rule.above}`,
        });
      } else if (rule.below !== undefined && value < rule.below) {
        alerts.push({
          ...base,
          value,
          reference: rule.below,
          at,
          message: `${rule.metric} = ${round(value)} is below ${rule.below}`,
        });
      }
      continue;
    }
    if (points.length < rule.recent + rule.baseline) continue;
    const recent = points.slice(-rule.recent).map((point) => point.value);
    const baseline = points.slice(-(rule.recent + rule.baseline), -rule.recent).map((point) => point.value);
    const value = mean(recent);
    const centre = mean(baseline);
    const spread = Math.sqrt(baseline.reduce((sum, entry) => sum + (entry - centre) ** 2, 0) / (baseline.length - 1));
    const relative = centre !== 0 ? (value - centre) / Math.abs(centre) : value === 0 ? 0 : Number.POSITIVE_INFINITY;
    const z = spread > 0 ? (value - centre) / spread : value === centre ? 0 : Number.POSITIVE_INFINITY;
    if (Math.abs(relative) > rule.maxRelativeChange && Math.abs(z) > rule.maxZ) {
      alerts.push({
        ...base,
        value,
        reference: centre,
        at: points[points.length - 1].t,
        message: `${rule.metric} drifted ${relative >= 0 ? '+' : ''}${(relative * 100).toFixed(1)}% (z = ${Number.isFinite(z) ? z.toFixed(1) : '∞'}) from its baseline ${round(centre)} to ${round(value)}`,
      });
    }
  }
  return alerts;
}

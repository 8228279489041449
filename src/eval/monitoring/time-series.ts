// Time series as the dashboard and the alert rules see them: named, grouped, with a unit, one value per time bucket.

import { InvalidInputError } from '../../core/errors.ts';

export type SeriesGroup = 'business' | 'diversity' | 'serving' | 'data' | 'model' | 'llm';

export interface SeriesPoint {
  /** Start of the bucket (ms since the epoch). */
  t: number;
  value: number;
}

export interface TimeSeries {
  /** Stable name, used by alert rules and as the Prometheus metric suffix: `ctr`, `latency_p99_ms`, … */
  name: string;
  label: string;
  unit: string;
  group: SeriesGroup;
  points: SeriesPoint[];
}

/** The bucket boundaries of a window: `from` rounded down to the bucket size, up to `to`. */
export function bucketStarts(from: number, to: number, bucketMs: number): number[] {
  const starts: number[] = [];
  for (let t = Math.floor(from / bucketMs) * bucketMs; t < to; t += bucketMs) starts.push(t);
  return starts;
}

/** A series' last finite value, or NaN. */
export function latestValue(series: TimeSeries): number {
  for (let k = series.points.length - 1; k >= 0; k--)
    if (Number.isFinite(series.points[k].value)) return series.points[k].value;
  return Number.NaN;
}

/** Parses `30s`, `5m`, `1h`, `1d` (or plain milliseconds) into milliseconds; the error names the flag or field. */
export function parseDuration(text: string, field: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  if (!match || !(Number(match[1]) > 0)) {
    throw new InvalidInputError(`${field} must be a duration like 5m, 1h or 1d (got ${JSON.stringify(text)})`, {
      context: { field },
    });
  }
  return Number(match[1]) * units[match[2] ?? 'ms'];
}

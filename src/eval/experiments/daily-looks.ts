// Looks at an experiment's data as it stood at the end of each day, for the always-valid sequential test: the data
// decide every look (no stored state), so a report computed at any time gives the same path.

import type { VariantUnits } from './experiment-data.ts';
import { compareOutcomes, type Outcomes } from './metric-comparison.ts';
import type { MetricName } from './metric-names.ts';
import { type SequentialLook, type SequentialResult, sequentialTest } from './statistics/sequential.ts';

/** Metrics whose outcomes are kept per day (the others have no daily looks). */
export const sequentialMetrics: readonly MetricName[] = [
  'ctr',
  'cvr',
  'revenuePerUser',
  'clicksPerUser',
  'conversionRate',
];

/** Each unit's outcomes summed over days [0, day), for units first exposed before `day`. */
export function outcomesUpTo(units: VariantUnits, day: number): Outcomes {
  const index = new Int32Array(units.users.length).fill(-1);
  let count = 0;
  for (let unit = 0; unit < units.users.length; unit++) if (units.firstDay[unit] < day) index[unit] = count++;
  const outcomes = {
    impressions: new Float64Array(count),
    clicks: new Float64Array(count),
    purchases: new Float64Array(count),
    revenue: new Float64Array(count),
  };
  const { daily } = units;
  for (let row = 0; row < daily.unit.length; row++) {
    const target = index[daily.unit[row]];
    if (target < 0 || daily.day[row] >= day) continue;
    outcomes.impressions[target] += daily.impressions[row];
    outcomes.clicks[target] += daily.clicks[row];
    outcomes.purchases[target] += daily.purchases[row];
    outcomes.revenue[target] += daily.revenue[row];
  }
  return outcomes;
}

/**
 * The relative effect of treatment on `metric` at the end of each day, tested with the mSPRT; τ is the
 * experiment's minimum detectable effect (relative), fixed before the start. Null for metrics without daily data.
 */
export function dailySequentialTest(options: {
  metric: MetricName;
  control: VariantUnits;
  treatment: VariantUnits;
  days: number;
  start: number;
  tau: number;
  alpha: number;
}): SequentialResult | null {
  if (!sequentialMetrics.includes(options.metric)) return null;
  const looks: SequentialLook[] = [];
  for (let day = 1; day <= options.days; day++) {
    const comparison = compareOutcomes(
      options.metric,
      outcomesUpTo(options.control, day),
      outcomesUpTo(options.treatment, day),
      0.95,
    );
    if (!comparison || !Number.isFinite(comparison.relativeDifference)) continue;
    looks.push({
      estimate: comparison.relativeDifference,
      variance: comparison.relativeStandardError ** 2,
      at: options.start + day * 86_400_000,
    });
  }
  return sequentialTest(looks, { tau: options.tau, alpha: options.alpha });
}

// One metric, treatment against control, with the test its kind calls for (metric-names.ts) and CUPED where a
// pre-period covariate exists: the same user's activity before the experiment started.

import type { ExperimentData, VariantUnits } from './experiment-data.ts';
import { type MetricName, metricInfo } from './metric-names.ts';
import type { Comparison } from './statistics/comparison.ts';
import { summarize } from './statistics/comparison.ts';
import { type CupedResult, cupedAdjust, cupedFit, cupedFitRatio, linearise } from './statistics/cuped.ts';
import { ratioTest, summarizeRatio, twoProportionTest, welchTest } from './statistics/tests.ts';

export interface MetricComparison extends Comparison {
  metric: MetricName;
  /** CUPED's θ and the share of variance it removed, when it was applied. */
  cuped: { theta: number; varianceReduction: number } | null;
  /** The comparison without CUPED, when CUPED was applied. */
  unadjusted?: Comparison;
}

/** The per-user outcome columns a test reads. */
export interface Outcomes {
  impressions: ArrayLike<number>;
  clicks: ArrayLike<number>;
  purchases: ArrayLike<number>;
  revenue: ArrayLike<number>;
}

function concat(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const joined = new Float64Array(a.length + b.length);
  joined.set(a as ArrayLike<number> & Iterable<number>, 0);
  joined.set(b as ArrayLike<number> & Iterable<number>, a.length);
  return joined;
}

function finite(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]);
}

function converted(purchases: ArrayLike<number>): { successes: number; trials: number } {
  let successes = 0;
  for (let j = 0; j < purchases.length; j++) if (purchases[j] > 0) successes++;
  return { successes, trials: purchases.length };
}

/** The per-user values of a metric tested as a mean (NaN entries: users without a value); null for other kinds. */
export function unitValues(metric: MetricName, units: VariantUnits): Float64Array | null {
  switch (metric) {
    case 'revenuePerUser':
      return units.revenue;
    case 'clicksPerUser':
      return units.clicks;
    case 'diversity':
      return units.diversity;
    case 'novelty':
      return units.novelty;
    case 'latencyMs':
      return units.latency;
    default:
      return null;
  }
}

/** The ratio metric's numerator and denominator columns. */
function ratioColumns(metric: 'ctr' | 'cvr', outcomes: Outcomes) {
  return metric === 'ctr'
    ? { numerators: outcomes.clicks, denominators: outcomes.impressions }
    : { numerators: outcomes.purchases, denominators: outcomes.clicks };
}

/**
 * Compares outcomes without CUPED: the test behind every metric that daily looks re-run. Null when either side
 * has too few units (or no denominator) for the test.
 */
export function compareOutcomes(
  metric: MetricName,
  control: Outcomes,
  treatment: Outcomes,
  confidence: number,
): Comparison | null {
  if (control.impressions.length < 2 || treatment.impressions.length < 2) return null;
  switch (metric) {
    case 'ctr':
    case 'cvr': {
      const c = ratioColumns(metric, control);
      const t = ratioColumns(metric, treatment);
      const a = summarizeRatio(c.numerators, c.denominators);
      const b = summarizeRatio(t.numerators, t.denominators);
      if (!(a.denominatorMean > 0 && b.denominatorMean > 0)) return null;
      return ratioTest(a, b, { confidence });
    }
    case 'conversionRate':
      return twoProportionTest(converted(control.purchases), converted(treatment.purchases), { confidence });
    case 'revenuePerUser':
      return welchTest(summarize(control.revenue), summarize(treatment.revenue), { confidence });
    case 'clicksPerUser':
      return welchTest(summarize(control.clicks), summarize(treatment.clicks), { confidence });
    default:
      return null;
  }
}

/** The covariate of a metric: the user's pre-period value of the same quantity (linearised for ratios). */
function covariates(metric: MetricName, control: VariantUnits, treatment: VariantUnits): Float64Array | null {
  const pre = (column: 'preImpressions' | 'preClicks' | 'prePurchases' | 'preRevenue') =>
    concat(control[column], treatment[column]);
  switch (metric) {
    case 'ctr':
      return linearise(pre('preClicks'), pre('preImpressions'));
    case 'cvr':
      return linearise(pre('prePurchases'), pre('preClicks'));
    case 'revenuePerUser':
      return pre('preRevenue');
    case 'clicksPerUser':
      return pre('preClicks');
    default:
      return null;
  }
}

/** Compares one metric between two variants; CUPED applies when `cuped` is on and the covariate varies. */
export function compareMetric(options: {
  metric: MetricName;
  control: VariantUnits;
  treatment: VariantUnits;
  confidence: number;
  cuped: boolean;
}): MetricComparison | null {
  const { metric, control, treatment, confidence } = options;
  const kind = metricInfo[metric].kind;
  if (kind === 'descriptive') return null;
  if (metric === 'diversity' || metric === 'novelty' || metric === 'latencyMs') {
    const a = finite(unitValues(metric, control)!);
    const b = finite(unitValues(metric, treatment)!);
    if (a.length < 2 || b.length < 2) return null;
    return { ...welchTest(summarize(a), summarize(b), { confidence }), metric, cuped: null };
  }
  const plain = compareOutcomes(metric, control, treatment, confidence);
  if (!plain) return null;
  const x = options.cuped ? covariates(metric, control, treatment) : null;
  if (!x) return { ...plain, metric, cuped: null };
  const split = control.users.length;
  let fit: CupedResult;
  let adjusted: Comparison;
  if (metric === 'ctr' || metric === 'cvr') {
    const c = ratioColumns(metric, control);
    const t = ratioColumns(metric, treatment);
    const numerators = concat(c.numerators, t.numerators);
    fit = cupedFitRatio({ numerators, denominators: concat(c.denominators, t.denominators), covariates: x });
    if (fit.varianceReduction === 0) return { ...plain, metric, cuped: null };
    const shifted = cupedAdjust(numerators, x, fit);
    adjusted = ratioTest(
      summarizeRatio(shifted.subarray(0, split), c.denominators),
      summarizeRatio(shifted.subarray(split), t.denominators),
      { confidence },
    );
  } else {
    const y = concat(unitValues(metric, control)!, unitValues(metric, treatment)!);
    fit = cupedFit(y, x);
    if (fit.varianceReduction === 0) return { ...plain, metric, cuped: null };
    const shifted = cupedAdjust(y, x, fit);
    adjusted = welchTest(summarize(shifted.subarray(0, split)), summarize(shifted.subarray(split)), { confidence });
  }
  return {
    ...adjusted,
    metric,
    cuped: { theta: fit.theta, varianceReduction: fit.varianceReduction },
    unadjusted: plain,
  };
}

/** The metric's value in one variant (the table of the report). */
export function variantMetric(metric: MetricName, units: VariantUnits, data: ExperimentData): number {
  const sum = (values: ArrayLike<number>) => {
    let total = 0;
    for (let j = 0; j < values.length; j++) total += values[j];
    return total;
  };
  const meanOf = (values: ArrayLike<number>) => {
    const kept = finite(values);
    return kept.length ? sum(kept) / kept.length : Number.NaN;
  };
  const n = units.users.length;
  switch (metric) {
    case 'ctr':
      return sum(units.clicks) / sum(units.impressions);
    case 'cvr':
      return sum(units.purchases) / sum(units.clicks);
    case 'revenuePerUser':
      return n ? sum(units.revenue) / n : Number.NaN;
    case 'clicksPerUser':
      return n ? sum(units.clicks) / n : Number.NaN;
    case 'conversionRate':
      return n ? converted(units.purchases).successes / n : Number.NaN;
    case 'diversity':
      return meanOf(units.diversity);
    case 'novelty':
      return meanOf(units.novelty);
    case 'latencyMs':
      return meanOf(units.latency);
    case 'coverage':
      return data.catalogSize > 0 ? units.itemsShown.size / data.catalogSize : Number.NaN;
  }
}

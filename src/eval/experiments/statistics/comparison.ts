// The common shape of a treatment-versus-control comparison, and the pieces every test shares: summaries of a
// sample, confidence intervals of a difference and of a relative difference (delta method).

import { InvalidInputError } from '../../../core/errors.ts';
import { normalQuantile } from './distributions.ts';

export type TestName = 'two-proportion-z' | 'welch-t' | 'delta-method-z';

/** Treatment against control on one metric. */
export interface Comparison {
  test: TestName;
  /** The metric's value in control and in treatment. */
  control: number;
  treatment: number;
  /** treatment − control, with its confidence interval. */
  difference: number;
  differenceInterval: [number, number];
  /**
   * treatment / control − 1, with its confidence interval by Fieller's theorem: asymmetric, and excluding 0 exactly
   * when the difference's interval excludes 0. Unbounded (±Infinity) when control is not distinguishable from 0.
   */
  relativeDifference: number;
  relativeInterval: [number, number];
  standardError: number;
  /** Standard error of the relative difference (delta method; the sequential test uses it). */
  relativeStandardError: number;
  /** z or t. */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom (t tests only). */
  degreesOfFreedom?: number;
  /** Two-sided p-value of "no difference". */
  pValue: number;
  /** Confidence level of the intervals, e.g. 0.95. */
  confidence: number;
  /** pValue < 1 − confidence. */
  significant: boolean;
}

export interface ComparisonOptions {
  /** Confidence level of the intervals; the test's α is 1 − confidence (default 0.95). */
  confidence?: number;
}

/** n, mean and unbiased variance of a sample. */
export interface MeanSample {
  n: number;
  mean: number;
  variance: number;
}

export function summarize(values: ArrayLike<number>): MeanSample {
  const n = values.length;
  let mean = 0;
  let squares = 0;
  // Welford's update: stable for large samples of nearly equal values.
  for (let j = 0; j < n; j++) {
    const delta = values[j] - mean;
    mean += delta / (j + 1);
    squares += delta * (values[j] - mean);
  }
  return { n, mean: n ? mean : Number.NaN, variance: n > 1 ? squares / (n - 1) : Number.NaN };
}

export function checkConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new InvalidInputError(`confidence must be between 0 and 1 (got ${confidence})`, {
      context: { field: 'confidence' },
    });
  }
  return confidence;
}

/**
 * Variance of treatment / control − 1 by the delta method, from the two estimates and their variances
 * (independent samples): Var(T)/C² + T²·Var(C)/C⁴.
 */
export function relativeVariance(
  control: number,
  controlVariance: number,
  treatment: number,
  treatmentVariance: number,
) {
  return treatmentVariance / control ** 2 + (treatment ** 2 * controlVariance) / control ** 4;
}

/**
 * Fieller's interval of treatment / control − 1 (Fieller 1954): the ratios ρ with
 * (T − ρC)² ≤ k²(V_T + ρ²V_C), independent estimates. Unbounded when C² ≤ k²V_C.
 */
export function fiellerInterval(options: {
  control: number;
  treatment: number;
  controlVariance: number;
  treatmentVariance: number;
  critical: number;
}): [number, number] {
  const { control: c, treatment: t, critical } = options;
  const k2 = critical * critical;
  const a = c * c - k2 * options.controlVariance;
  if (!(a > 0)) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const discriminant = t * t * c * c - a * (t * t - k2 * options.treatmentVariance);
  const root = Math.sqrt(Math.max(0, discriminant));
  return [(t * c - root) / a - 1, (t * c + root) / a - 1];
}

/** Assembles a comparison from estimates, their variances, the test statistic and the quantile of the intervals. */
export function buildComparison(options: {
  test: TestName;
  control: number;
  treatment: number;
  controlVariance: number;
  treatmentVariance: number;
  statistic: number;
  pValue: number;
  /** Quantile of the intervals (z or t). */
  critical: number;
  confidence: number;
  degreesOfFreedom?: number;
}): Comparison {
  const { control, treatment, critical } = options;
  const difference = treatment - control;
  const standardError = Math.sqrt(options.controlVariance + options.treatmentVariance);
  const relativeDifference = control !== 0 ? treatment / control - 1 : Number.NaN;
  const relativeError = Math.sqrt(
    relativeVariance(control, options.controlVariance, treatment, options.treatmentVariance),
  );
  const comparison: Comparison = {
    test: options.test,
    control,
    treatment,
    difference,
    differenceInterval: [difference - critical * standardError, difference + critical * standardError],
    relativeDifference,
    relativeInterval: fiellerInterval({ ...options, critical }),
    standardError,
    relativeStandardError: relativeError,
    statistic: options.statistic,
    pValue: options.pValue,
    confidence: options.confidence,
    significant: options.pValue < 1 - options.confidence,
  };
  if (options.degreesOfFreedom !== undefined) comparison.degreesOfFreedom = options.degreesOfFreedom;
  return comparison;
}

/** The two-sided normal critical value of a confidence level. */
export function normalCritical(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

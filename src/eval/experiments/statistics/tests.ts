// The three fixed-horizon tests: two-proportion z-test (binary outcome per unit), Welch's t-test (a mean per unit,
// unequal variances) and the delta-method z-test of a ratio metric such as CTR = Σ clicks / Σ impressions, where the
// unit of randomisation (the user) is not the unit of the metric (the impression) (Deng et al. 2018, "Applying the
// delta method in metric analytics").

import { InvalidInputError } from '../../../core/errors.ts';
import {
  buildComparison,
  type Comparison,
  type ComparisonOptions,
  checkConfidence,
  type MeanSample,
  normalCritical,
} from './comparison.ts';
import { normalTwoSidedP, studentQuantile, studentTwoSidedP } from './distributions.ts';

/** Units with a success, out of units. */
export interface ProportionSample {
  successes: number;
  trials: number;
}

function checkProportion(sample: ProportionSample, field: string): void {
  const { successes, trials } = sample;
  if (!(trials > 0) || !(successes >= 0) || successes > trials) {
    throw new InvalidInputError(
      `${field}: need 0 ≤ successes ≤ trials and trials > 0 (got ${successes} of ${trials})`,
      {
        context: { field },
      },
    );
  }
}

/**
 * Two-proportion z-test: the pooled standard error for the test, the unpooled one for the intervals (Wald).
 */
export function twoProportionTest(
  control: ProportionSample,
  treatment: ProportionSample,
  options: ComparisonOptions = {},
): Comparison {
  checkProportion(control, 'control');
  checkProportion(treatment, 'treatment');
  const confidence = checkConfidence(options.confidence ?? 0.95);
  const p1 = control.successes / control.trials;
  const p2 = treatment.successes / treatment.trials;
  const pooled = (control.successes + treatment.successes) / (control.trials + treatment.trials);
  const pooledError = Math.sqrt(pooled * (1 - pooled) * (1 / control.trials + 1 / treatment.trials));
  const statistic = pooledError > 0 ? (p2 - p1) / pooledError : 0;
  return buildComparison({
    test: 'two-proportion-z',
    control: p1,
    treatment: p2,
    controlVariance: (p1 * (1 - p1)) / control.trials,
    treatmentVariance: (p2 * (1 - p2)) / treatment.trials,
    statistic,
    pValue: pooledError > 0 ? normalTwoSidedP(statistic) : 1,
    critical: normalCritical(confidence),
    confidence,
  });
}

/** Welch's t-test of two means with unequal variances; Welch–Satterthwaite degrees of freedom. */
export function welchTest(control: MeanSample, treatment: MeanSample, options: ComparisonOptions = {}): Comparison {
  for (const [field, sample] of [
    ['control', control],
    ['treatment', treatment],
  ] as const) {
    if (!(sample.n >= 2) || !Number.isFinite(sample.variance)) {
      throw new InvalidInputError(`${field}: Welch's t-test needs at least 2 units (got ${sample.n})`, {
        context: { field },
      });
    }
  }
  const confidence = checkConfidence(options.confidence ?? 0.95);
  const a = control.variance / control.n;
  const b = treatment.variance / treatment.n;
  const error = Math.sqrt(a + b);
  const degrees = (a + b) ** 2 / (a ** 2 / (control.n - 1) + b ** 2 / (treatment.n - 1));
  const difference = treatment.mean - control.mean;
  const statistic = error > 0 ? difference / error : 0;
  const df = Number.isFinite(degrees) ? degrees : control.n + treatment.n - 2;
  return buildComparison({
    test: 'welch-t',
    control: control.mean,
    treatment: treatment.mean,
    controlVariance: a,
    treatmentVariance: b,
    statistic,
    pValue: error > 0 ? studentTwoSidedP(statistic, df) : difference === 0 ? 1 : 0,
    critical: studentQuantile(1 - (1 - confidence) / 2, df),
    confidence,
    degreesOfFreedom: df,
  });
}

/** Per-unit sums of a ratio metric's numerator and denominator, summarised. */
export interface RatioSample {
  n: number;
  numeratorMean: number;
  denominatorMean: number;
  numeratorVariance: number;
  denominatorVariance: number;
  covariance: number;
}

export function summarizeRatio(numerators: ArrayLike<number>, denominators: ArrayLike<number>): RatioSample {
  const n = numerators.length;
  if (denominators.length !== n) {
    throw new InvalidInputError(`numerators and denominators differ in length (${n} vs ${denominators.length})`);
  }
  let sumX = 0;
  let sumY = 0;
  for (let j = 0; j < n; j++) {
    sumX += numerators[j];
    sumY += denominators[j];
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let j = 0; j < n; j++) {
    const dx = numerators[j] - meanX;
    const dy = denominators[j] - meanY;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  const divisor = n > 1 ? n - 1 : Number.NaN;
  return {
    n,
    numeratorMean: meanX,
    denominatorMean: meanY,
    numeratorVariance: xx / divisor,
    denominatorVariance: yy / divisor,
    covariance: xy / divisor,
  };
}

/** The ratio Σx / Σy of a sample and the delta-method variance of that estimate. */
export function ratioEstimate(sample: RatioSample): { value: number; variance: number } {
  const { n, numeratorMean: x, denominatorMean: y } = sample;
  const value = x / y;
  const variance =
    (sample.numeratorVariance / y ** 2 -
      (2 * x * sample.covariance) / y ** 3 +
      (x ** 2 * sample.denominatorVariance) / y ** 4) /
    n;
  return { value, variance: Math.max(0, variance) };
}

/** z-test of two ratio metrics with delta-method variances (units independent across variants). */
export function ratioTest(control: RatioSample, treatment: RatioSample, options: ComparisonOptions = {}): Comparison {
  for (const [field, sample] of [
    ['control', control],
    ['treatment', treatment],
  ] as const) {
    if (!(sample.n >= 2) || !(sample.denominatorMean > 0)) {
      throw new InvalidInputError(`${field}: a ratio metric needs at least 2 units and a positive denominator`, {
        context: { field },
      });
    }
  }
  const confidence = checkConfidence(options.confidence ?? 0.95);
  const c = ratioEstimate(control);
  const t = ratioEstimate(treatment);
  const error = Math.sqrt(c.variance + t.variance);
  const statistic = error > 0 ? (t.value - c.value) / error : 0;
  return buildComparison({
    test: 'delta-method-z',
    control: c.value,
    treatment: t.value,
    controlVariance: c.variance,
    treatmentVariance: t.variance,
    statistic,
    pValue: error > 0 ? normalTwoSidedP(statistic) : t.value === c.value ? 1 : 0,
    critical: normalCritical(confidence),
    confidence,
  });
}

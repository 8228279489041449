// Paired comparisons of two models across the same users: a paired t-test on the per-user differences and a
// bootstrap confidence interval of the mean difference (resampling users; Efron & Tibshirani 1993). Pairing
// removes the between-user variance that dominates recommender metrics (Sakai 2014, on IR significance tests).

import { InvalidInputError } from '../core/errors.ts';
import { createRandom } from '../core/random.ts';

export interface PairedComparison {
  /** Number of paired observations (users, over all runs). */
  n: number;
  /** Mean of a − b. */
  meanDifference: number;
  /** Paired t statistic (NaN when n < 2). */
  t: number;
  /** Two-sided p-value of the paired t-test (1 when every difference is 0). */
  pValue: number;
  /** Bootstrap percentile confidence interval of the mean difference. */
  interval: [number, number];
  /** Confidence level of the interval, e.g. 0.95. */
  confidence: number;
}

export interface PairedOptions {
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** Confidence level of the interval (default 0.95). */
  confidence?: number;
  seed?: number;
}

/** Compares per-user values `a` and `b` (same users, same order); pairs where either is NaN are left out. */
export function pairedComparison(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: PairedOptions = {},
): PairedComparison {
  if (a.length !== b.length) {
    throw new InvalidInputError(`paired samples differ in length (${a.length} vs ${b.length})`);
  }
  const differences: number[] = [];
  for (let j = 0; j < a.length; j++) {
    const d = a[j] - b[j];
    if (!Number.isNaN(d)) differences.push(d);
  }
  const n = differences.length;
  const confidence = options.confidence ?? 0.95;
  const mean = n ? differences.reduce((sum, d) => sum + d, 0) / n : Number.NaN;
  let variance = 0;
  for (const d of differences) variance += (d - mean) ** 2;
  variance = n > 1 ? variance / (n - 1) : Number.NaN;
  let t = Number.NaN;
  let pValue = Number.NaN;
  if (n > 1) {
    if (variance === 0) {
      t = mean === 0 ? 0 : Math.sign(mean) * Number.POSITIVE_INFINITY;
      pValue = mean === 0 ? 1 : 0;
    } else {
      t = mean / Math.sqrt(variance / n);
      pValue = studentTwoSidedP(t, n - 1);
    }
  }
  return { n, meanDifference: mean, t, pValue, interval: bootstrapInterval(differences, options), confidence };
}

/** A p-value for people: two significant digits, and `<1e-15` below double precision's resolution of 1 − p. */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  return p < 1e-15 ? '<1e-15' : p.toExponential(1);
}

/** Percentile bootstrap of the mean of `values`. */
export function bootstrapInterval(values: readonly number[], options: PairedOptions = {}): [number, number] {
  const n = values.length;
  if (n === 0) return [Number.NaN, Number.NaN];
  const resamples = options.resamples ?? 2000;
  const alpha = 1 - (options.confidence ?? 0.95);
  const random = createRandom(options.seed ?? 1);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += values[random.int(n)];
    means[b] = sum / n;
  }
  means.sort();
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))];
  return [at(alpha / 2), at(1 - alpha / 2)];
}

/** Two-sided p-value of Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a+1)/(a+b+2); otherwise use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedIncompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let step = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + step * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + step / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    step = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + step * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + step / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return (front * h) / a;
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9). */
export function logGamma(x: number): number {
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let sum = coefficients[0];
  for (let j = 1; j < 9; j++) sum += coefficients[j] / (x + j);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

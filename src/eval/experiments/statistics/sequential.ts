// Always-valid inference for experiments watched continuously: the mixture sequential probability ratio test
// (mSPRT) with a normal mixing distribution N(0, τ²) over the effect (Johari, Koomen, Pekelis & Walsh 2017,
// "Peeking at A/B tests"; Robbins 1970). With an estimate Δ̂ of the effect and its variance V at a look,
//   Λ = √(V / (V + τ²)) · exp(τ² Δ̂² / (2 V (V + τ²))),
// and p = min over looks so far of 1/Λ stays a valid p-value however often the experiment is looked at.

import { InvalidInputError } from '../../../core/errors.ts';
import { normalTwoSidedP } from './distributions.ts';

/** One look at the data: the effect estimate and its (estimated) variance. */
export interface SequentialLook {
  estimate: number;
  variance: number;
  /** When the look was taken (ms), for the report. */
  at?: number;
}

export interface SequentialResult {
  /** Always-valid p-value after the last look. */
  pValue: number;
  /** Always-valid confidence interval after the last look (the intersection over looks). */
  interval: [number, number];
  /** Looks taken. */
  looks: number;
  /** The look (0-based) at which p first fell below α, or null. */
  rejectedAt: number | null;
  /** The always-valid p-value after each look. */
  path: number[];
  /** The plain fixed-horizon z-test's p-value at each look: rejecting on any of them is what peeking does. */
  naivePath: number[];
  tau: number;
  alpha: number;
}

/** The mixture likelihood ratio of one look against effect `null` (default 0). */
export function mixtureLikelihoodRatio(look: SequentialLook, tau: number, nullEffect = 0): number {
  const { variance } = look;
  if (!(variance > 0)) return look.estimate === nullEffect ? 1 : Number.POSITIVE_INFINITY;
  const tau2 = tau * tau;
  const shift = look.estimate - nullEffect;
  return (
    Math.sqrt(variance / (variance + tau2)) * Math.exp((tau2 * shift * shift) / (2 * variance * (variance + tau2)))
  );
}

/** Half-width of the effects θ not rejected at one look: {θ : Λ(θ) < 1/α}. */
function halfWidth(variance: number, tau: number, alpha: number): number {
  const tau2 = tau * tau;
  return Math.sqrt(
    ((2 * variance * (variance + tau2)) / tau2) * (Math.log(1 / alpha) + 0.5 * Math.log((variance + tau2) / variance)),
  );
}

/**
 * Runs the mSPRT over a sequence of looks. `tau` is the scale of effects expected (the standard deviation of the
 * mixing prior; Johari et al. suggest the minimum effect of interest). It must be fixed before the data is seen.
 */
export function sequentialTest(
  looks: readonly SequentialLook[],
  options: { tau: number; alpha?: number },
): SequentialResult {
  const alpha = options.alpha ?? 0.05;
  const { tau } = options;
  if (!(tau > 0)) throw new InvalidInputError(`tau must be positive (got ${tau})`, { context: { field: 'tau' } });
  if (!(alpha > 0 && alpha < 1)) {
    throw new InvalidInputError(`alpha must be between 0 and 1 (got ${alpha})`, { context: { field: 'alpha' } });
  }
  let pValue = 1;
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  let rejectedAt: number | null = null;
  const path: number[] = [];
  const naivePath: number[] = [];
  looks.forEach((look, index) => {
    if (!Number.isFinite(look.estimate) || !(look.variance >= 0)) {
      path.push(pValue);
      naivePath.push(1);
      return;
    }
    naivePath.push(look.variance > 0 ? normalTwoSidedP(look.estimate / Math.sqrt(look.variance)) : 1);
    pValue = Math.min(pValue, 1 / mixtureLikelihoodRatio(look, tau));
    if (look.variance > 0) {
      const width = halfWidth(look.variance, tau, alpha);
      low = Math.max(low, look.estimate - width);
      high = Math.min(high, look.estimate + width);
    }
    if (rejectedAt === null && pValue < alpha) rejectedAt = index;
    path.push(pValue);
  });
  // Intervals of separate looks can fail to overlap only by chance (probability ≤ α); report the last one then.
  if (low > high && looks.length > 0) {
    const last = looks[looks.length - 1];
    const width = halfWidth(last.variance, tau, alpha);
    low = last.estimate - width;
    high = last.estimate + width;
  }
  return { pValue, interval: [low, high], looks: looks.length, rejectedAt, path, naivePath, tau, alpha };
}

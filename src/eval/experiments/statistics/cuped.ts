// CUPED: variance reduction with a pre-experiment covariate (Deng, Xu, Kohavi & Walker 2013). Y' = Y − θ(X − X̄)
// with θ = cov(X, Y) / var(X) estimated on all units of all variants, so the adjustment is the same in each and
// leaves the difference unbiased (X is measured before assignment). For a ratio metric the numerator is adjusted
// against the linearised metric x − R·y, which is what drives the ratio's variance (Deng et al. 2018, section 3.3).

import { InvalidInputError } from '../../../core/errors.ts';
import { summarizeRatio } from './tests.ts';

export interface CupedResult {
  /** The coefficient θ. */
  theta: number;
  /** Mean of the covariate over all units (the centre of the adjustment). */
  covariateMean: number;
  /** Squared correlation of outcome and covariate: the share of variance removed (0 … 1). */
  varianceReduction: number;
}

/** θ, X̄ and ρ² from outcomes `y` and covariates `x` of the same units (all variants pooled). */
export function cupedFit(y: ArrayLike<number>, x: ArrayLike<number>): CupedResult {
  if (x.length !== y.length) {
    throw new InvalidInputError(`outcomes and covariates differ in length (${y.length} vs ${x.length})`);
  }
  // Means, variances and covariance of the pairs (y, x).
  const moments = summarizeRatio(y, x);
  const covariateMean = y.length ? moments.denominatorMean : 0;
  // A constant covariate (no pre-period data) carries no information: θ = 0 leaves Y unchanged.
  if (!(moments.denominatorVariance > 0) || !(moments.numeratorVariance > 0)) {
    return { theta: 0, covariateMean, varianceReduction: 0 };
  }
  return {
    theta: moments.covariance / moments.denominatorVariance,
    covariateMean,
    varianceReduction: moments.covariance ** 2 / (moments.denominatorVariance * moments.numeratorVariance),
  };
}

/** Y − θ(X − X̄), unit by unit. */
export function cupedAdjust(y: ArrayLike<number>, x: ArrayLike<number>, fit: CupedResult): Float64Array {
  const adjusted = new Float64Array(y.length);
  for (let j = 0; j < y.length; j++) adjusted[j] = y[j] - fit.theta * (x[j] - fit.covariateMean);
  return adjusted;
}

/** The linearisation numerator − R·denominator of a ratio metric, R = Σnumerator / Σdenominator. */
export function linearise(numerators: ArrayLike<number>, denominators: ArrayLike<number>): Float64Array {
  let sumX = 0;
  let sumY = 0;
  for (let j = 0; j < numerators.length; j++) {
    sumX += numerators[j];
    sumY += denominators[j];
  }
  const ratio = sumY > 0 ? sumX / sumY : 0;
  const linearised = new Float64Array(numerators.length);
  for (let j = 0; j < numerators.length; j++) linearised[j] = numerators[j] - ratio * denominators[j];
  return linearised;
}

/**
 * CUPED for a ratio metric Σnumerator / Σdenominator: θ is fitted on the linearised outcome
 * numerator − R·denominator (R the pooled ratio), and the numerators are adjusted.
 */
export function cupedFitRatio(options: {
  numerators: ArrayLike<number>;
  denominators: ArrayLike<number>;
  covariates: ArrayLike<number>;
}): CupedResult {
  return cupedFit(linearise(options.numerators, options.denominators), options.covariates);
}

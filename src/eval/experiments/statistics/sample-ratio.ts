// The sample ratio mismatch (SRM) check: a chi-square goodness-of-fit test of the units seen per variant against
// the configured split. A mismatch means assignment or logging is broken and the results cannot be trusted
// (Fabijan et al. 2019, "Diagnosing sample ratio mismatch in online controlled experiments"), so the threshold
// is strict (p < 0.001 by default) to keep false alarms rare over many experiments.

import { InvalidInputError } from '../../../core/errors.ts';
import { chiSquareUpperTail } from './distributions.ts';

export interface SampleRatioCheck {
  /** Units observed per variant. */
  observed: Record<string, number>;
  /** Units expected per variant from the split. */
  expected: Record<string, number>;
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  threshold: number;
  /** pValue < threshold. */
  mismatch: boolean;
}

/** Checks observed unit counts against variant weights (any positive scale). */
export function sampleRatioCheck(options: {
  observed: Record<string, number>;
  weights: Record<string, number>;
  /** p-value below which the split counts as broken (default 0.001). */
  threshold?: number;
}): SampleRatioCheck {
  const threshold = options.threshold ?? 0.001;
  const names = Object.keys(options.weights);
  if (names.length < 2) throw new InvalidInputError('a sample ratio check needs at least two variants');
  const totalWeight = names.reduce((sum, name) => sum + options.weights[name], 0);
  if (!(totalWeight > 0) || names.some((name) => !(options.weights[name] > 0))) {
    throw new InvalidInputError('variant weights must be positive', { context: { field: 'weights' } });
  }
  const observed: Record<string, number> = {};
  let total = 0;
  for (const name of names) {
    observed[name] = options.observed[name] ?? 0;
    total += observed[name];
  }
  const unknown = Object.keys(options.observed).filter((name) => !(name in options.weights));
  if (unknown.length) {
    throw new InvalidInputError(`units observed in variants that are not configured: ${unknown.join(', ')}`, {
      context: { field: 'observed' },
    });
  }
  const expected: Record<string, number> = {};
  let chiSquare = 0;
  for (const name of names) {
    expected[name] = (total * options.weights[name]) / totalWeight;
    if (expected[name] > 0) chiSquare += (observed[name] - expected[name]) ** 2 / expected[name];
  }
  const degreesOfFreedom = names.length - 1;
  const pValue = total > 0 ? chiSquareUpperTail(chiSquare, degreesOfFreedom) : 1;
  return { observed, expected, chiSquare, degreesOfFreedom, pValue, threshold, mismatch: pValue < threshold };
}

// Global temporal cut: everything at or after one point in time is test, everything before it train, so no model
// sees the future (Meng et al. 2020, "Exploring Data Splitting Strategies for the Evaluation of Recommendation Models").
// The cut is a time quantile (or a given time); interactions tied with the cut time all go to the later part.

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { checkRatio, Part, partition, type Split } from './split.ts';

export interface TemporalSplitOptions {
  /** Share of interactions after the cut (the last `testRatio` of them by time). Ignored when `cutTime` is set. */
  testRatio?: number;
  /** The cut itself, in the dataset's time unit (seconds): interactions at or after it are test. */
  cutTime?: number;
  /** Share of interactions just before the test cut that become validation (default 0). */
  validationRatio?: number;
}

export function temporalSplit(dataset: Dataset, options: TemporalSplitOptions): Split {
  const validationRatio = options.validationRatio ?? 0;
  checkRatio(validationRatio, 'validationRatio', { allowZero: true });
  const { times } = dataset.byUser;
  const n = times.length;
  const sorted = times.slice().sort();
  let cut: number;
  if (options.cutTime !== undefined) {
    if (!Number.isFinite(options.cutTime)) {
      throw new InvalidInputError(`cutTime must be a number, got ${options.cutTime}`, {
        context: { field: 'cutTime' },
      });
    }
    cut = options.cutTime;
  } else {
    const testRatio = options.testRatio ?? 0.2;
    checkRatio(testRatio, 'testRatio');
    checkRatio(testRatio + validationRatio, 'testRatio + validationRatio');
    cut = n === 0 ? 0 : sorted[Math.min(n - 1, n - Math.max(1, Math.round(n * testRatio)))];
  }
  const firstTest = lowerBound(sorted, cut);
  const validationCount = Math.round(n * validationRatio);
  const validationCut = validationCount > 0 && firstTest > 0 ? sorted[Math.max(0, firstTest - validationCount)] : cut;
  const parts = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    parts[p] = times[p] >= cut ? Part.test : times[p] >= validationCut ? Part.validation : Part.train;
  }
  return partition(dataset, parts, { label: `temporal cut at ${cut}`, withValidation: validationRatio > 0 });
}

/** The first index whose value is >= target in an ascending array. */
function lowerBound(sorted: Uint32Array, target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

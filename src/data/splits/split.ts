// What every splitter returns: train and test (and an optional validation part) over the same id maps, so a
// model fitted on `train` can be scored against `test` by index. Parts come from Dataset.filter on one assignment.

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';

export interface Split {
  /** A short label for messages and reports, e.g. `stratified seed 42` or `fold 3/5`. */
  readonly label: string;
  readonly train: Dataset;
  readonly test: Dataset;
  /** Held out from train for tuning and early stopping, when the splitter was asked for it. */
  readonly validation?: Dataset;
  /** Cold-start splits only: 1 for each item held out entirely (it has no interaction in train or validation). */
  readonly coldItems?: Uint8Array;
}

/** Which part an interaction goes to. */
export const Part = { train: 0, test: 1, validation: 2 } as const;

/** Builds train, test and validation datasets from one part code per interaction position of `dataset`. */
export function partition(dataset: Dataset, parts: Uint8Array, options: { label: string; withValidation: boolean }) {
  const train = dataset.filter((position) => parts[position] === Part.train);
  const test = dataset.filter((position) => parts[position] === Part.test);
  const split: { label: string; train: Dataset; test: Dataset; validation?: Dataset } = {
    label: options.label,
    train,
    test,
  };
  if (options.withValidation) split.validation = dataset.filter((position) => parts[position] === Part.validation);
  return split;
}

/** Rejects a ratio outside (0, 1), naming the option. */
export function checkRatio(value: number, field: string, options: { allowZero?: boolean } = {}): void {
  const low = options.allowZero ? value >= 0 : value > 0;
  if (!Number.isFinite(value) || !low || value >= 1) {
    throw new InvalidInputError(
      `${field} must be ${options.allowZero ? 'in [0, 1)' : 'between 0 and 1'}, got ${value}`,
      {
        context: { field },
      },
    );
  }
}

/** Rejects a seed that is not a non-negative integer. */
export function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0) {
    throw new InvalidInputError(`seed must be a non-negative integer, got ${seed}`, { context: { field: 'seed' } });
  }
}

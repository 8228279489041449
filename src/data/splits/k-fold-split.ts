// Random k-fold cross-validation over all interactions, as Gorse's 2019 benchmark ran it on MovieLens: one seeded
// permutation of every interaction, cut into k folds whose sizes differ by at most one; fold f is the test set of
// split f and the other folds are its train set. Every interaction is tested exactly once.

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { createRandom, shuffle } from '../../core/random.ts';
import { checkSeed, Part, partition, type Split } from './split.ts';

export interface KFoldOptions {
  /** Number of folds, at least 2. */
  folds: number;
  seed: number;
}

/** The fold (0..k-1) of each interaction position. */
export function assignFolds(dataset: Dataset, options: KFoldOptions): Uint8Array {
  const { folds } = options;
  if (!Number.isInteger(folds) || folds < 2 || folds > 255) {
    throw new InvalidInputError(`folds must be an integer from 2 to 255, got ${folds}`, {
      context: { field: 'folds' },
    });
  }
  checkSeed(options.seed);
  const n = dataset.interactionCount;
  if (n < folds) {
    throw new InvalidInputError(`${folds} folds need at least ${folds} interactions, the dataset has ${n}`, {
      context: { field: 'folds' },
    });
  }
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) order[p] = p;
  shuffle(order, createRandom(options.seed));
  const fold = new Uint8Array(n);
  // Fold f takes permutation ranks [floor(f·n/k), floor((f+1)·n/k)).
  for (let f = 0; f < folds; f++) {
    const end = Math.floor(((f + 1) * n) / folds);
    for (let r = Math.floor((f * n) / folds); r < end; r++) fold[order[r]] = f;
  }
  return fold;
}

/** The k train/test splits; computing them lazily keeps only one fold's datasets alive at a time. */
export function* kFoldSplits(dataset: Dataset, options: KFoldOptions): Generator<Split> {
  const fold = assignFolds(dataset, options);
  const parts = new Uint8Array(fold.length);
  for (let f = 0; f < options.folds; f++) {
    for (let p = 0; p < fold.length; p++) parts[p] = fold[p] === f ? Part.test : Part.train;
    yield partition(dataset, parts, {
      label: `fold ${f + 1}/${options.folds}, seed ${options.seed}`,
      withValidation: false,
    });
  }
}

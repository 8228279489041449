// Per-user (or per-item) stratified random holdout, as Microsoft Recommenders' `python_stratified_split`:
// each group's interactions are shuffled with the seed, and the one at shuffled rank r (1-based) of n goes to
// train when r/n <= trainRatio, else to validation or test. So a user with 21 ratings and test ratio 0.25 keeps
// 15 in train and puts 6 in test (the test share is rounded up), exactly as that splitter does.

import type { Dataset } from '../../core/dataset.ts';
import { createRandom, type Random } from '../../core/random.ts';
import { checkRatio, checkSeed, Part, partition, type Split } from './split.ts';

export interface StratifiedSplitOptions {
  /** Share of each group's interactions that goes to test, in (0, 1). */
  testRatio: number;
  /** Share that goes to validation (default 0: no validation part). */
  validationRatio?: number;
  seed: number;
  /**
   * Stratify per user (default; every user keeps the ratio) or per item. Microsoft Recommenders' MovieLens
   * benchmark notebook calls the splitter with `filter_by="item"`, which groups by item.
   */
  by?: 'user' | 'item';
}

export function stratifiedSplit(dataset: Dataset, options: StratifiedSplitOptions): Split {
  const validationRatio = options.validationRatio ?? 0;
  checkRatio(options.testRatio, 'testRatio');
  checkRatio(validationRatio, 'validationRatio', { allowZero: true });
  checkRatio(options.testRatio + validationRatio, 'testRatio + validationRatio');
  checkSeed(options.seed);
  const by = options.by ?? 'user';
  const trainRatio = 1 - options.testRatio - validationRatio;
  const parts = new Uint8Array(dataset.interactionCount);
  assignStratified({
    groups: by === 'user' ? userGroups(dataset) : itemGroups(dataset),
    parts,
    trainRatio,
    validationRatio,
    random: createRandom(options.seed),
  });
  return partition(dataset, parts, {
    label: `stratified by ${by}, test ${options.testRatio}, seed ${options.seed}`,
    withValidation: validationRatio > 0,
  });
}

/** Interaction positions in groups: group g holds positions[groupStart[g] .. groupStart[g+1]-1]. */
export interface PositionGroups {
  groupStart: Int32Array;
  positions: Int32Array;
}

/**
 * Writes a part per position: each group is shuffled (in place) and shuffled rank r of n goes to train when
 * r/n <= trainRatio, to validation when r/n <= trainRatio + validationRatio, else to test.
 */
export function assignStratified(options: {
  groups: PositionGroups;
  /** Output: one part code per interaction position; positions outside the groups are left alone. */
  parts: Uint8Array;
  trainRatio: number;
  validationRatio: number;
  random: Random;
}): void {
  const { groups, parts, trainRatio, random } = options;
  const validationEnd = trainRatio + options.validationRatio;
  const groupCount = groups.groupStart.length - 1;
  for (let g = 0; g < groupCount; g++) {
    const start = groups.groupStart[g];
    const n = groups.groupStart[g + 1] - start;
    const group = groups.positions.subarray(start, start + n);
    // Fisher-Yates on this group's positions: shuffled rank r is group[r - 1].
    for (let i = n - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const swap = group[i];
      group[i] = group[j];
      group[j] = swap;
    }
    for (let r = 1; r <= n; r++) {
      const share = r / n;
      parts[group[r - 1]] = share <= trainRatio ? Part.train : share <= validationEnd ? Part.validation : Part.test;
    }
  }
}

/** Positions grouped by user: the CSR order itself. */
function userGroups(dataset: Dataset): PositionGroups {
  const positions = new Int32Array(dataset.interactionCount);
  for (let p = 0; p < positions.length; p++) positions[p] = p;
  return { groupStart: dataset.byUser.indptr, positions };
}

/** Positions grouped by item (counting sort over the CSR's item column; ascending positions within an item). */
function itemGroups(dataset: Dataset): PositionGroups {
  const { indices } = dataset.byUser;
  const groupStart = new Int32Array(dataset.itemCount + 1);
  for (let p = 0; p < indices.length; p++) groupStart[indices[p] + 1]++;
  for (let i = 0; i < dataset.itemCount; i++) groupStart[i + 1] += groupStart[i];
  const cursor = groupStart.slice(0, dataset.itemCount);
  const positions = new Int32Array(indices.length);
  for (let p = 0; p < indices.length; p++) positions[cursor[indices[p]]++] = p;
  return { groupStart, positions };
}

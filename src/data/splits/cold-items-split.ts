// Cold-start items: a seeded share of the items with interactions is held out entirely, so train never sees them
// and only their content can place them. A per-user stratified share of the remaining (warm) interactions is held
// out too, so one split measures cold items, warm items and both together.

import type { Dataset } from '../../core/dataset.ts';
import { createRandom, shuffle } from '../../core/random.ts';
import { checkRatio, checkSeed, Part, partition, type Split } from './split.ts';
import { assignStratified } from './stratified-split.ts';

export interface ColdItemsSplitOptions {
  /** Share of the items (among those with interactions) held out entirely, in (0, 1). */
  coldItemRatio: number;
  /** Per-user share of the warm items' interactions that also goes to test (default: `coldItemRatio`). */
  warmTestRatio?: number;
  /** Per-user share of the warm items' interactions that goes to validation (default 0). */
  validationRatio?: number;
  seed: number;
}

export function coldItemsSplit(dataset: Dataset, options: ColdItemsSplitOptions): Split & { coldItems: Uint8Array } {
  checkRatio(options.coldItemRatio, 'coldItemRatio');
  const warmTestRatio = options.warmTestRatio ?? options.coldItemRatio;
  const validationRatio = options.validationRatio ?? 0;
  checkRatio(warmTestRatio, 'warmTestRatio', { allowZero: true });
  checkRatio(validationRatio, 'validationRatio', { allowZero: true });
  checkRatio(warmTestRatio + validationRatio, 'warmTestRatio + validationRatio', { allowZero: true });
  checkSeed(options.seed);
  const random = createRandom(options.seed);

  // Draw the cold items among those that have interactions.
  const { indptr: itemStart } = dataset.byItem;
  const active: number[] = [];
  for (let i = 0; i < dataset.itemCount; i++) if (itemStart[i + 1] > itemStart[i]) active.push(i);
  shuffle(active, random);
  const coldCount = Math.round(active.length * options.coldItemRatio);
  const coldItems = new Uint8Array(dataset.itemCount);
  for (let k = 0; k < coldCount; k++) coldItems[active[k]] = 1;

  // Every interaction with a cold item is test; warm interactions are grouped by user and stratified.
  const { indptr, indices } = dataset.byUser;
  const parts = new Uint8Array(indices.length);
  const groupStart = new Int32Array(dataset.userCount + 1);
  const warm: number[] = [];
  for (let u = 0; u < dataset.userCount; u++) {
    for (let p = indptr[u]; p < indptr[u + 1]; p++) {
      if (coldItems[indices[p]]) parts[p] = Part.test;
      else warm.push(p);
    }
    groupStart[u + 1] = warm.length;
  }
  if (warmTestRatio + validationRatio > 0) {
    assignStratified({
      groups: { groupStart, positions: Int32Array.from(warm) },
      parts,
      trainRatio: 1 - warmTestRatio - validationRatio,
      validationRatio,
      random,
    });
  }
  const split = partition(dataset, parts, {
    label: `cold items ${options.coldItemRatio}, seed ${options.seed}`,
    withValidation: validationRatio > 0,
  });
  return { ...split, coldItems };
}

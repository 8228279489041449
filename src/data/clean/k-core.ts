// Iterative k-core filtering: drop users with fewer than k interactions and items with fewer than k users, and
// repeat until nothing changes, since each removal can push others below k (the usual recsys preprocessing,
// e.g. the 5-core Amazon sets of He & McAuley, WWW 2016).

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';

export interface KCoreOptions {
  /** Minimum interactions per user and per item (both, unless set apart below). */
  k: number;
  /** Minimum interactions per user (default k). */
  userK?: number;
  /** Minimum interactions per item (default k). */
  itemK?: number;
}

export interface KCoreResult {
  /** Same id maps as the input; removed users and items keep their index with no interactions. */
  dataset: Dataset;
  /** 1 for users and items in the core. */
  keptUsers: Uint8Array;
  keptItems: Uint8Array;
  /** Passes until nothing changed. */
  rounds: number;
}

export function kCore(dataset: Dataset, options: KCoreOptions): KCoreResult {
  const userK = options.userK ?? options.k;
  const itemK = options.itemK ?? options.k;
  for (const [name, value] of [
    ['userK', userK],
    ['itemK', itemK],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidInputError(`k-core: ${name} must be a whole number ≥ 0 (got ${value})`, {
        context: { field: name },
      });
    }
  }
  const { indptr, indices } = dataset.byUser;
  const keptUsers = new Uint8Array(dataset.userCount).fill(1);
  const keptItems = new Uint8Array(dataset.itemCount).fill(1);
  const userDegree = new Int32Array(dataset.userCount);
  const itemDegree = new Int32Array(dataset.itemCount);
  for (let u = 0; u < dataset.userCount; u++) {
    userDegree[u] = indptr[u + 1] - indptr[u];
    for (let p = indptr[u]; p < indptr[u + 1]; p++) itemDegree[indices[p]]++;
  }
  // Peel with a work queue: removing a user lowers its items' degrees and may queue them, and the other way round.
  const { indptr: itemPtr, indices: itemUsers } = dataset.byItem;
  const userQueue: number[] = [];
  const itemQueue: number[] = [];
  for (let u = 0; u < dataset.userCount; u++) if (userDegree[u] < userK) userQueue.push(u);
  for (let i = 0; i < dataset.itemCount; i++) if (itemDegree[i] < itemK) itemQueue.push(i);
  let rounds = 0;
  while (userQueue.length > 0 || itemQueue.length > 0) {
    rounds++;
    while (userQueue.length > 0) {
      const u = userQueue.pop() as number;
      if (!keptUsers[u]) continue;
      keptUsers[u] = 0;
      for (let p = indptr[u]; p < indptr[u + 1]; p++) {
        const i = indices[p];
        if (keptItems[i] && --itemDegree[i] < itemK) itemQueue.push(i);
      }
    }
    while (itemQueue.length > 0) {
      const i = itemQueue.pop() as number;
      if (!keptItems[i]) continue;
      keptItems[i] = 0;
      for (let p = itemPtr[i]; p < itemPtr[i + 1]; p++) {
        const u = itemUsers[p];
        if (keptUsers[u] && --userDegree[u] < userK) userQueue.push(u);
      }
    }
  }
  const filtered = dataset.filter((position, user) => keptUsers[user] === 1 && keptItems[indices[position]] === 1);
  return { dataset: filtered, keptUsers, keptItems, rounds };
}

/** Convenience for pipelines: the k-core as a Dataset. */
export function kCoreDataset(dataset: Dataset, options: KCoreOptions): Dataset {
  return kCore(dataset, options).dataset;
}

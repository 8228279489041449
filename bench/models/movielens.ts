// ML-100K for the sequential bench, through the shared importer (into a throwaway in-memory store) and the shared
// leave-last-out splitter: each user's last item by time is the test item, the one before it the validation item.
// Items come in ascending movie id, so equal timestamps fall back to the ascending id (as LlamaRec orders them).

import fs from 'node:fs';
import path from 'node:path';
import { loadDataInto } from '../../src/cli/eval-source.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import { datasetFromStore } from '../../src/data/dataset-from-store.ts';
import { leaveLastOutSplit } from '../../src/data/splits/leave-last-out-split.ts';
import { SqliteStore } from '../../src/store/sqlite/store.ts';

export interface LeaveLastOut {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
}

export function datasetsFolder(): string {
  return process.env.LMREC_DATASETS ?? path.join(import.meta.dirname, '..', '..', '..', 'shared', 'datasets');
}

/** The split, or null when the dataset folder has no ml-100k. */
export async function loadMovielens100k(folder = path.join(datasetsFolder(), 'ml-100k')): Promise<LeaveLastOut | null> {
  if (!fs.existsSync(path.join(folder, 'u.data'))) return null;
  const store = SqliteStore.open(':memory:');
  try {
    await loadDataInto(store, { data: folder, format: 'movielens' });
    const { dataset } = await datasetFromStore(store, { weighting: 'binary' });
    const split = leaveLastOutSplit(dataset, { validation: true });
    return { train: split.train, validation: split.validation as Dataset, test: split.test };
  } finally {
    await store.close();
  }
}

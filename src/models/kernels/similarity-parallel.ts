// Top-k neighbour lists for every entity, split across worker threads by row range on larger inputs.

import type { SparseRows } from '../../core/dataset.ts';
import { concatenateRows, type SimilarityInput, similarityRows } from './sparse-similarity.ts';
import { balancedRanges, WorkerPool, workerCount } from './worker-pool.ts';

/** Neighbour lists (CSR, best first per row) of all entities of `input.rows`. */
export async function neighbourLists(input: SimilarityInput, workers: number | undefined): Promise<SparseRows> {
  const entities = input.rows.indptr.length - 1;
  // Work is Σ over an entity's features of the feature's degree; estimate it to balance and to decide on threads.
  const cost = (entity: number) => {
    let total = 1;
    for (let p = input.rows.indptr[entity]; p < input.rows.indptr[entity + 1]; p++) {
      const feature = input.rows.indices[p];
      total += input.columns.indptr[feature + 1] - input.columns.indptr[feature];
    }
    return total;
  };
  let work = 0;
  for (let entity = 0; entity < entities; entity++) work += cost(entity);
  const threads =
    workers !== undefined
      ? workerCount(workers)
      : Math.min(workerCount(undefined), Math.max(1, Math.floor(work / 5_000_000)));
  if (threads <= 1) return similarityRows(input, 0, entities);
  const pool = WorkerPool.create({
    module: new URL('./similarity-worker.ts', import.meta.url),
    size: threads,
    shared: input,
  });
  try {
    const ranges = balancedRanges(entities, threads * 8, cost);
    const blocks = await pool.map<SparseRows>(
      'rows',
      ranges.map(([start, end]) => ({ start, end })),
    );
    return concatenateRows(blocks);
  } finally {
    await pool.close();
  }
}

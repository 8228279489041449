// Recommendations for many users at once, in parallel: the model's snapshot is shipped to worker threads, each
// restores it through the registry and answers a range of users. Works for every registered algorithm.

import type { SparseRows } from '../core/dataset.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import { balancedRanges, WorkerPool, workerCount } from './kernels/worker-pool.ts';
import type { Model } from './recommender.ts';
import { checkCount } from './scoring-model.ts';

export interface BatchOptions {
  k: number;
  /** Users to answer (default: every training user). */
  users?: Int32Array;
  /** Per-user exclusions, rows indexed by user (e.g. the training interactions). */
  exclude?: SparseRows;
  /** Only these items are ranked. */
  candidates?: Int32Array;
  /** Worker threads (default: the number of cores); 1 runs in this thread. */
  workers?: number;
  progress?: Progress;
}

/** Row r holds user users[r]'s top-k items (padded with −1 when fewer qualify) and their scores. */
export interface BatchResult {
  users: Int32Array;
  k: number;
  items: Int32Array;
  scores: Float32Array;
}

export interface BatchTask {
  users: Int32Array;
  k: number;
  exclude?: SparseRows;
  candidates?: Int32Array;
}

/** Answers one task with `model` (in a worker or in this thread). */
export function recommendRange(model: Model, task: BatchTask): { items: Int32Array; scores: Float32Array } {
  const { users, k, exclude } = task;
  const items = new Int32Array(users.length * k).fill(-1);
  const scores = new Float32Array(users.length * k);
  for (let row = 0; row < users.length; row++) {
    const user = users[row];
    const excluded = exclude ? exclude.indices.subarray(exclude.indptr[user], exclude.indptr[user + 1]) : undefined;
    const result = model.recommend(user, k, { exclude: excluded, candidates: task.candidates });
    items.set(result.items, row * k);
    scores.set(result.scores, row * k);
  }
  return { items, scores };
}

export async function recommendAll(model: Model, options: BatchOptions): Promise<BatchResult> {
  checkCount(options.k);
  const users = options.users ?? Int32Array.from({ length: model.userCount }, (_, user) => user);
  const { k, exclude, candidates } = options;
  const progress = options.progress ?? silentProgress;
  // An explicit worker count is honoured; by default small batches stay in this thread (start-up costs ~50 ms).
  const threads =
    options.workers !== undefined
      ? Math.min(workerCount(options.workers), Math.max(1, users.length))
      : Math.min(workerCount(undefined), Math.max(1, Math.floor(users.length / 256)));
  progress.start(`${model.name}: recommending for ${users.length} users`, users.length);
  const result: BatchResult = {
    users,
    k,
    items: new Int32Array(users.length * k),
    scores: new Float32Array(users.length * k),
  };
  if (threads === 1) {
    const answer = recommendRange(model, { users, k, exclude, candidates });
    result.items.set(answer.items);
    result.scores.set(answer.scores);
    progress.done();
    return result;
  }
  const pool = WorkerPool.create({
    module: new URL('./batch-worker.ts', import.meta.url),
    size: threads,
    shared: { snapshot: model.snapshot(), exclude, candidates },
  });
  try {
    const ranges = balancedRanges(users.length, threads * 8, () => 1);
    await Promise.all(
      ranges.map(async ([start, end]) => {
        const answer = await pool.run<{ items: Int32Array; scores: Float32Array }>('recommend', {
          users: users.subarray(start, end),
          k,
        });
        result.items.set(answer.items, start * k);
        result.scores.set(answer.scores, start * k);
        progress.tick(end - start);
      }),
    );
  } finally {
    await pool.close();
  }
  progress.done();
  return result;
}

// Worker thread for batch recommendation: restores the shipped snapshot once, then answers user ranges.

import type { SparseRows } from '../core/dataset.ts';
import { type BatchTask, recommendRange } from './batch-recommend.ts';
import { serveTasks } from './kernels/worker-pool.ts';
import type { Model, ModelSnapshot } from './recommender.ts';
import { loadSnapshot } from './registry.ts';

interface Shared {
  snapshot: ModelSnapshot;
  exclude?: SparseRows;
  candidates?: Int32Array;
}

let model: Model | null = null;

serveTasks({
  recommend: (task: Pick<BatchTask, 'users' | 'k'>, shared: Shared) => {
    model ??= loadSnapshot(shared.snapshot);
    return recommendRange(model, { ...task, exclude: shared.exclude, candidates: shared.candidates });
  },
});

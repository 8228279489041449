// Worker thread for parallel BPR: SGD epochs on factor matrices in shared memory (Hogwild, Recht et al. 2011).

import { type BprEpochOptions, type BprState, bprEpoch } from './bpr-sgd.ts';
import { serveTasks } from './worker-pool.ts';

serveTasks({
  epoch: (task: BprEpochOptions, shared: BprState) => bprEpoch(shared, task),
});

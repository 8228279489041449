// Worker thread for SASRec training: computes its share of each batch's gradients in the shared memory.

import { serveTasks } from '../kernels/worker-pool.ts';
import {
  type GradientTask,
  type SasRecShared,
  shareGradients,
  type ThreadContext,
  threadContext,
} from './sasrec-gradients.ts';

let context: ThreadContext | null = null;

serveTasks({
  gradients: (task: GradientTask, shared: SasRecShared, index: number) => {
    context ??= threadContext(shared, index);
    return shareGradients(context, task);
  },
});

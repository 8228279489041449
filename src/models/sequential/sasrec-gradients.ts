// The per-thread half of SASRec training: the state every thread shares (one WebAssembly memory holding parameters,
// per-thread gradients and workspaces, the batch's candidates and the training sequences), and the gradient of one
// share of a batch. The main thread and worker threads run the same `shareGradients`.

import { GemmKernels } from '../kernels/gemm-kernels.ts';
import { MaskRandom } from '../neural/elementwise.ts';
import { FloatBump } from '../neural/float-bump.ts';
import type { DropoutRates } from '../neural/transformer-block.ts';
import { type Candidates, nextItemLoss } from './next-item-loss.ts';
import { backwardSequence, encodeSequence, SasRecWorkspace } from './sasrec-network.ts';
import { bindWeights, type SasRecShape, type SasRecWeights } from './sasrec-weights.ts';

/** Byte offsets of one thread's regions. */
export interface ThreadRegions {
  gradients: number;
  workspace: number;
  workspaceFloats: number;
  candidateGradient: number;
  logits: number;
}

/** Everything the threads share; structured-cloneable for worker_threads. */
export interface SasRecShared {
  memory: WebAssembly.Memory;
  shape: SasRecShape;
  dropout: DropoutRates;
  parameters: number;
  parameterCount: number;
  threads: ThreadRegions[];
  /** Full softmax over all items, or sampled candidates. */
  full: boolean;
  /** Most candidates per batch (the item count when full). */
  candidateCapacity: number;
  candidateRows: number;
  /** Item → candidate index, −1 when not a candidate (items long). */
  candidateIndex: number;
  /** Training sequences, concatenated (windows index into it). */
  sequence: Int32Array;
}

/** Bytes a thread's workspace needs. */
export function workspaceFloats(shape: SasRecShape): number {
  const bump = FloatBump.measure();
  new SasRecWorkspace(bump, shape);
  return bump.used;
}

export interface ThreadContext {
  shared: SasRecShared;
  gemm: GemmKernels;
  weights: SasRecWeights;
  gradients: Float32Array;
  gradientWeights: SasRecWeights;
  workspace: SasRecWorkspace;
  candidateGradient: Float32Array;
  logits: Float32Array;
}

const floats = (memory: WebAssembly.Memory, offset: number, length: number) =>
  new Float32Array(memory.buffer, offset, length);

export function threadContext(shared: SasRecShared, thread: number): ThreadContext {
  const { memory, shape } = shared;
  const regions = shared.threads[thread];
  const parameters = floats(memory, shared.parameters, shared.parameterCount);
  const gradients = floats(memory, regions.gradients, shared.parameterCount);
  const d = shape.dimension;
  return {
    shared,
    gemm: new GemmKernels(memory),
    weights: bindWeights(new FloatBump(parameters), shape),
    gradients,
    gradientWeights: bindWeights(new FloatBump(gradients), shape),
    workspace: new SasRecWorkspace(new FloatBump(floats(memory, regions.workspace, regions.workspaceFloats)), shape),
    candidateGradient: floats(memory, regions.candidateGradient, shared.candidateCapacity * d),
    logits: floats(memory, regions.logits, shape.maxLength * shared.candidateCapacity),
  };
}

/** One thread's share of a batch. */
export interface GradientTask {
  /** [start, end) pairs into the shared sequence: inputs sequence[start..end), targets one further. */
  windows: number[];
  candidateCount: number;
  /** Seeds the dropout masks (per window, so results do not depend on how a batch is split). */
  seed: number;
  /** 1 / positions in the whole batch. */
  weight: number;
}

/** Zeroes this thread's gradients, adds the batch share's gradients, and returns its summed loss. */
export function shareGradients(context: ThreadContext, task: GradientTask): number {
  const { shared, gemm, weights, workspace } = context;
  const { memory, shape } = shared;
  const d = shape.dimension;
  context.gradients.fill(0);
  const count = shared.full ? shape.items : task.candidateCount;
  context.candidateGradient.fill(0, 0, count * d);
  const candidates: Candidates = shared.full
    ? {
        count: shape.items,
        rows: weights.items,
        gradient: context.gradientWeights.items,
        full: true,
        indexOf: new Int32Array(0),
      }
    : {
        count,
        rows: floats(memory, shared.candidateRows, count * d),
        gradient: context.candidateGradient.subarray(0, count * d),
        full: false,
        indexOf: new Int32Array(memory.buffer, shared.candidateIndex, shape.items),
      };
  let loss = 0;
  for (let w = 0; w + 1 < task.windows.length; w += 2) {
    const start = task.windows[w];
    const end = task.windows[w + 1];
    const tokens = shared.sequence.subarray(start, end);
    const targets = shared.sequence.subarray(start + 1, end + 1);
    const random = new MaskRandom(Math.imul(task.seed ^ Math.imul(start + 1, 0x9e3779b1), 0x85ebca6b));
    const pass = { gemm, shape, weights, workspace, dropout: { ...shared.dropout, random } };
    const hidden = encodeSequence(pass, tokens);
    loss += nextItemLoss({
      gemm,
      dimension: d,
      hidden,
      targets,
      candidates,
      items: weights.items,
      itemGradient: context.gradientWeights.items,
      logits: context.logits,
      hiddenGradient: workspace.hiddenGradient,
      weight: task.weight,
    });
    backwardSequence({ ...pass, gradients: context.gradientWeights }, tokens);
  }
  return loss;
}

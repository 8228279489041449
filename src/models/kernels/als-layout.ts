// Puts an implicit-ALS problem into one shared WasmArena: both factor matrices, the interactions by user and by
// item with their confidence weights, the Gram matrix and a scratch slot per thread.

import type { Dataset, SparseRows } from '../../core/dataset.ts';
import type { Random } from '../../core/random.ts';
import { type AlsLayout, type AlsSide, scratchFloats } from './als-solver.ts';
import { paddedStride, WasmArena } from './wasm-arena.ts';

export interface AlsProblem {
  arena: WasmArena;
  layout: AlsLayout;
  /** An identity index list and ones, for Gram matrices through the sparse kernel. */
  identity: { indices: number; ones: number };
  userFactors: Float32Array;
  itemFactors: Float32Array;
}

export interface AlsProblemOptions {
  dataset: Dataset;
  factors: number;
  /** w = c − 1 of one interaction value. */
  extraConfidence: (value: number) => number;
  /** Thread slots: workers plus the main thread. */
  slots: number;
  random: Random;
  /** Standard deviation of the initial factors. */
  initScale: number;
  settings: Pick<AlsLayout, 'regularization' | 'regularizationExponent' | 'cgSteps' | 'solver'>;
}

export function createAlsProblem(options: AlsProblemOptions): AlsProblem {
  const { dataset, random } = options;
  const stride = paddedStride(options.factors);
  // Up to 4096 rows (1 MiB at 64 factors) per slot: the longest rows solve in place, the rest from the gathered copy.
  const compactRows = 4096;
  const nnz = dataset.interactionCount;
  const rows = Math.max(dataset.userCount, dataset.itemCount);
  const floats =
    (dataset.userCount + dataset.itemCount) * stride +
    6 * nnz +
    stride * stride +
    options.slots * scratchFloats(stride, compactRows) +
    2 * Math.max(rows, compactRows);
  const arena = WasmArena.create(floats * 4 + 65536);
  const userFactors = arena.float32(dataset.userCount * stride);
  const itemFactors = arena.float32(dataset.itemCount * stride);
  for (const matrix of [userFactors, itemFactors]) {
    for (let index = 0; index < matrix.length; index++) {
      matrix[index] = index % stride < options.factors ? random.normal() * options.initScale : 0;
    }
  }
  const side = (matrix: SparseRows, factors: Float32Array): AlsSide => {
    const indices = arena.int32(matrix.indices.length);
    indices.set(matrix.indices);
    const extra = arena.float32(matrix.values.length);
    const confidence = arena.float32(matrix.values.length);
    for (let position = 0; position < extra.length; position++) {
      extra[position] = options.extraConfidence(matrix.values[position]);
      confidence[position] = 1 + extra[position];
    }
    return {
      rows: matrix.indptr.length - 1,
      factors: factors.byteOffset,
      indptr: matrix.indptr,
      indices: indices.byteOffset,
      extra: extra.byteOffset,
      confidence: confidence.byteOffset,
    };
  };
  const users = side(dataset.byUser, userFactors);
  const items = side(dataset.byItem, itemFactors);
  const gram = arena.float32(stride * stride).byteOffset;
  const scratch = Array.from(
    { length: options.slots },
    () => arena.float32(scratchFloats(stride, compactRows)).byteOffset,
  );
  const identityLength = Math.max(rows, compactRows);
  const identityIndices = arena.int32(identityLength);
  for (let row = 0; row < identityLength; row++) identityIndices[row] = row;
  const ones = arena.float32(identityLength).fill(1);
  return {
    arena,
    layout: {
      memory: arena.memory,
      stride,
      users,
      items,
      gram,
      scratch,
      compactRows,
      identity: identityIndices.byteOffset,
      ...options.settings,
    },
    identity: { indices: identityIndices.byteOffset, ones: ones.byteOffset },
    userFactors,
    itemFactors,
  };
}

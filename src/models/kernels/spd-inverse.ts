// The inverse of a symmetric positive definite matrix in a WasmArena, in three dot-product passes that use the
// SIMD dot kernel on contiguous row segments (the last two passes split across workers by row range):
//   1. Cholesky A = L Lᵀ in place (lower triangle), row by row;
//   2. V = L⁻ᵀ row j (columns j..n−1) by forward substitution L w = e_j, written over the upper triangle;
//   3. P = A⁻¹ = V Vᵀ, P[i][j] = V_i[j..] · V_j[j..] for i ≤ j.
// Each pass costs n³/6 multiply-adds.

import type { WasmArena } from './wasm-arena.ts';

/** An n × n row-major matrix (leading dimension `stride` floats) at byte offset `offset` of the arena. */
export interface SquareMatrix {
  offset: number;
  n: number;
  stride: number;
}

/**
 * a · b over `length` floats starting at byte offsets a and b: SIMD for the bulk, scalar for the tail (read through
 * `floats`, a view of the whole memory, so no view is created per call).
 */
function dotRange(arena: WasmArena, floats: Float32Array, a: number, b: number, length: number): number {
  const bulk = length & ~3;
  let sum = bulk > 0 ? arena.kernels.dot(a, b, bulk * 4) : 0;
  for (let index = bulk, x = (a >> 2) + bulk, y = (b >> 2) + bulk; index < length; index++) {
    sum += floats[x++] * floats[y++];
  }
  return sum;
}

/** Pass 1: Cholesky in place; the diagonal of L is also written to `diagonal`. False if not positive definite. */
export function choleskyRows(arena: WasmArena, matrix: SquareMatrix, diagonal: Float32Array): boolean {
  const { offset, n, stride } = matrix;
  const a = new Float32Array(arena.memory.buffer, offset, n * stride);
  const floats = new Float32Array(arena.memory.buffer);
  const rowBytes = stride * 4;
  for (let i = 0; i < n; i++) {
    const rowI = offset + i * rowBytes;
    for (let j = 0; j < i; j++) {
      const value = a[i * stride + j] - dotRange(arena, floats, rowI, offset + j * rowBytes, j);
      a[i * stride + j] = value / diagonal[j];
    }
    const pivot = a[i * stride + i] - dotRange(arena, floats, rowI, rowI, i);
    if (!(pivot > 0)) return false;
    diagonal[i] = Math.sqrt(pivot);
  }
  return true;
}

/** Pass 2 for rows [start, end): V_j[i] for i ≥ j, written to the upper triangle of row j. */
export function inverseFactorRows(options: {
  arena: WasmArena;
  matrix: SquareMatrix;
  diagonal: Float32Array;
  start: number;
  end: number;
}): void {
  const { arena, matrix, diagonal } = options;
  const { offset, n, stride } = matrix;
  const a = new Float32Array(arena.memory.buffer, offset, n * stride);
  const floats = new Float32Array(arena.memory.buffer);
  const rowBytes = stride * 4;
  for (let j = options.start; j < options.end; j++) {
    const rowJ = offset + j * rowBytes;
    a[j * stride + j] = 1 / diagonal[j];
    for (let i = j + 1; i < n; i++) {
      // w_i = −(L_i[j..i−1] · w[j..i−1]) / L_ii, with w[j..] stored at row j from column j.
      const sum = dotRange(arena, floats, offset + i * rowBytes + j * 4, rowJ + j * 4, i - j);
      a[j * stride + i] = -sum / diagonal[i];
    }
  }
}

/** Pass 3 for rows [start, end): P[i][j] = V_i[j..] · V_j[j..] for j ≥ i, written to `out` (rows of `stride`). */
export function inverseProductRows(options: {
  arena: WasmArena;
  matrix: SquareMatrix;
  out: number;
  start: number;
  end: number;
}): void {
  const { arena, matrix } = options;
  const { offset, n, stride } = matrix;
  const rowBytes = stride * 4;
  const out = new Float32Array(arena.memory.buffer, options.out, n * stride);
  const floats = new Float32Array(arena.memory.buffer);
  for (let i = options.start; i < options.end; i++) {
    for (let j = i; j < n; j++) {
      out[i * stride + j] = dotRange(
        arena,
        floats,
        offset + i * rowBytes + j * 4,
        offset + j * rowBytes + j * 4,
        n - j,
      );
    }
  }
}

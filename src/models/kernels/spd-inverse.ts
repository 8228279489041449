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

/** a · b over `length` floats starting at byte offsets a and b: SIMD for the bulk, scalar for the tail. */
function dotRange(arena: WasmArena, a: number, b: number, length: number): number {
  const bulk = length & ~3;
  let sum = bulk > 0 ? arena.kernels.dot(a, b, bulk * 4) : 0;
  if (bulk < length) {
    const memory = arena.memory.buffer;
    const x = new Float32Array(memory, a + bulk * 4, length - bulk);
    const y = new Float32Array(memory, b + bulk * 4, length - bulk);
    for (let index = 0; index < x.length; index++) sum += x[index] * y[index];
  }
  return sum;
}

/** Pass 1: Cholesky in place; the diagonal of L is also written to `diagonal`. False if not positive definite. */
export function choleskyRows(arena: WasmArena, matrix: SquareMatrix, diagonal: Float32Array): boolean {
  const { offset, n, stride } = matrix;
  const a = new Float32Array(arena.memory.buffer, offset, n * stride);
  const rowBytes = stride * 4;
  for (let i = 0; i < n; i++) {
    const rowI = offset + i * rowBytes;
    for (let j = 0; j < i; j++) {
      const value = a[i * stride + j] - dotRange(arena, rowI, offset + j * rowBytes, j);
      a[i * stride + j] = value / diagonal[j];
    }
    const pivot = a[i * stride + i] - dotRange(arena, rowI, rowI, i);
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
  const rowBytes = stride * 4;
  for (let j = options.start; j < options.end; j++) {
    const rowJ = offset + j * rowBytes;
    a[j * stride + j] = 1 / diagonal[j];
    for (let i = j + 1; i < n; i++) {
      // w_i = −(L_i[j..i−1] · w[j..i−1]) / L_ii, with w[j..] stored at row j from column j.
      const sum = dotRange(arena, offset + i * rowBytes + j * 4, rowJ + j * 4, i - j);
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
  for (let i = options.start; i < options.end; i++) {
    for (let j = i; j < n; j++) {
      out[i * stride + j] = dotRange(arena, offset + i * rowBytes + j * 4, offset + j * rowBytes + j * 4, n - j);
    }
  }
}

// The per-row solve of implicit ALS (Hu, Koren & Volinsky 2008): for each user (or item) with items i and
// confidence c_i = 1 + w_i, minimise Σ_i c_i (1 − x·y_i)² + Σ_unobserved (x·y)² + λ|x|², i.e. solve
// (YᵀY + Σ_i w_i y_i y_iᵀ + λI) x = Σ_i c_i y_i. Conjugate gradient with a warm start (Takács, Pilászy & Tikk 2011)
// costs O(steps·(f² + n_u·f)) per row; Cholesky, O(n_u·f² + f³), is the exact option.
// Runs on the main thread or in workers, over one shared WasmArena.

import { choleskySolve } from './dense.ts';
import type { WasmArena } from './wasm-arena.ts';

/** One side of the factorisation: its factors and its rows of the interaction matrix (byte offsets). */
export interface AlsSide {
  rows: number;
  factors: number;
  /** Row pointers (a plain Int32Array; small enough to copy to each worker). */
  indptr: Int32Array;
  indices: number;
  /** w = c − 1 per entry. */
  extra: number;
  /** c per entry. */
  confidence: number;
}

/** Everything a solve needs, as offsets into the shared memory, so it can be posted to workers. */
export interface AlsLayout {
  memory: WebAssembly.Memory;
  stride: number;
  users: AlsSide;
  items: AlsSide;
  /** stride × stride Gram matrix of the fixed side. */
  gram: number;
  /** Per thread slot: 3 vectors of `stride` floats, a stride × stride matrix, then `compactRows` rows. */
  scratch: number[];
  /** Rows with at most this many entries are first gathered into the slot (see gatherRows). */
  compactRows: number;
  /** Offset of the Int32 list 0, 1, 2, … (at least `compactRows` long). */
  identity: number;
  regularization: number;
  /** λ_row = λ · (1 + n_row)^exponent: frequency-scaled regularisation (Rendle et al. 2021); 0 keeps λ flat. */
  regularizationExponent: number;
  cgSteps: number;
  solver: 'cg' | 'cholesky';
}

/** Floats one scratch slot needs. */
export function scratchFloats(stride: number, compactRows: number): number {
  return 3 * stride + stride * stride + compactRows * stride;
}

/** Solves rows [start, end) of `side` ('users' solves user factors against item factors). */
export function solveRows(options: {
  arena: WasmArena;
  layout: AlsLayout;
  side: 'users' | 'items';
  start: number;
  end: number;
  slot: number;
}): void {
  const { arena, layout, start, end } = options;
  const target = layout[options.side];
  const fixed = options.side === 'users' ? layout.items : layout.users;
  const { stride } = layout;
  const bytes = stride * 4;
  const k = arena.kernels;
  const base = layout.scratch[options.slot];
  const [r, p, ap] = [0, 1, 2].map((n) => base + n * bytes);
  const matrix = base + 3 * bytes;
  const rows = matrix + stride * bytes;
  const memory = arena.memory.buffer;
  for (let row = start; row < end; row++) {
    const from = target.indptr[row];
    const count = target.indptr[row + 1] - from;
    const x = target.factors + row * bytes;
    if (count === 0) {
      new Float32Array(memory, x, stride).fill(0);
      continue;
    }
    const lambda = layout.regularization * (1 + count) ** layout.regularizationExponent;
    // The solve reads each fixed row 5+ times: gather them once into the slot so later passes hit the cache.
    let y = fixed.factors;
    let indexPtr = target.indices + from * 4;
    if (count <= layout.compactRows) {
      k.gatherRows(y, bytes, indexPtr, count, rows, bytes);
      y = rows;
      indexPtr = layout.identity;
    }
    if (layout.solver === 'cholesky') {
      const a = new Float32Array(memory, matrix, stride * stride);
      a.set(new Float32Array(memory, layout.gram, stride * stride));
      for (let d = 0; d < stride; d++) a[d * stride + d] += lambda;
      k.sparseOuterSum(y, bytes, indexPtr, target.extra + from * 4, count, matrix, bytes);
      const b = new Float32Array(memory, x, stride).fill(0);
      k.sparseWeightedSum(y, bytes, indexPtr, target.confidence + from * 4, count, x, bytes);
      if (!choleskySolve(a, b, stride)) b.fill(0);
      continue;
    }
    // r = b − A x = Σ (c − w (y·x)) y − (G + λI) x, the data terms in one pass.
    new Float32Array(memory, r, stride).fill(0);
    k.sparseResidual(y, bytes, indexPtr, target.extra + from * 4, count, x, r, bytes, target.confidence + from * 4);
    k.matrixVector(layout.gram, stride, bytes, x, ap, bytes);
    k.axpy(ap, x, lambda, bytes);
    k.axpy(r, ap, -1, bytes);
    const pv = new Float32Array(memory, p, stride);
    pv.set(new Float32Array(memory, r, stride));
    let residual = k.dot(r, r, bytes);
    for (let step = 0; step < layout.cgSteps && residual > 1e-20; step++) {
      k.matrixVector(layout.gram, stride, bytes, p, ap, bytes);
      k.axpy(ap, p, lambda, bytes);
      k.sparseGramVector(y, bytes, indexPtr, target.extra + from * 4, count, p, ap, bytes);
      const alpha = residual / k.dot(p, ap, bytes);
      k.axpy(x, p, alpha, bytes);
      k.axpy(r, ap, -alpha, bytes);
      const next = k.dot(r, r, bytes);
      // p = r + (next / residual) p, done as p *= β then p += r (no scale kernel needed).
      scale(pv, next / residual);
      k.axpy(p, r, 1, bytes);
      residual = next;
    }
  }
}

function scale(vector: Float32Array, factor: number): void {
  for (let d = 0; d < vector.length; d++) vector[d] *= factor;
}

/** Adds Σ_rows y yᵀ for rows [start, end) of `side` into the stride × stride matrix at `out`. */
export function accumulateGram(options: {
  arena: WasmArena;
  layout: AlsLayout;
  side: 'users' | 'items';
  start: number;
  end: number;
  /** Offsets of an Int32 0..n−1 and a Float32 all-ones array, at least `end` long. */
  identity: { indices: number; ones: number };
  out: number;
}): void {
  const { arena, layout, start, end, identity } = options;
  const bytes = layout.stride * 4;
  arena.kernels.sparseOuterSum(
    layout[options.side].factors,
    bytes,
    identity.indices + start * 4,
    identity.ones + start * 4,
    end - start,
    options.out,
    bytes,
  );
}

/**
 * The iALS objective per user over a sample of users, with the Gram matrix of the item factors in `layout.gram`:
 * Σ_i c_i (1 − x·y_i)² + Σ_unobserved (x·y)² + λ|x|² = Σ_i [c_i (1 − p_i)² − p_i²] + xᵀGx + λ|x|², p_i = x·y_i.
 */
export function sampledUserLoss(options: { arena: WasmArena; layout: AlsLayout; users: Int32Array }): number {
  const { arena, layout, users } = options;
  const { stride } = layout;
  const bytes = stride * 4;
  const k = arena.kernels;
  const floats = new Float32Array(arena.memory.buffer);
  const ints = new Int32Array(arena.memory.buffer);
  const scratch = layout.scratch[layout.scratch.length - 1];
  const side = layout.users;
  let total = 0;
  for (const user of users) {
    const x = side.factors + user * bytes;
    k.matrixVector(layout.gram, stride, bytes, x, scratch, bytes);
    const count = side.indptr[user + 1] - side.indptr[user];
    const lambda = layout.regularization * (1 + count) ** layout.regularizationExponent;
    let loss = k.dot(x, scratch, bytes) + lambda * k.dot(x, x, bytes);
    for (let p = side.indptr[user]; p < side.indptr[user + 1]; p++) {
      const prediction = k.dot(x, layout.items.factors + ints[(side.indices >> 2) + p] * bytes, bytes);
      const confidence = floats[(side.confidence >> 2) + p];
      loss += confidence * (1 - prediction) ** 2 - prediction * prediction;
    }
    total += loss;
  }
  return total / Math.max(1, users.length);
}

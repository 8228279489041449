// Dense f32 kernels in WebAssembly SIMD (f32x4), about four times the speed of scalar JavaScript here.
// They read and write one shared memory, so worker threads run them on the same factors without copies.
// All pointers are byte offsets; vector lengths are in bytes and multiples of 16 (rows padded to 4 floats).

import { buildModule, forLoop, horizontalSum, op, type as t, type WasmFunction } from './wasm-builder.ts';

const { i32, v128 } = t;
const get = op.get;
const add = (a: number, b: number) => [...get(a), ...get(b), ...op.i32Add];

/** dot(a, b) over `bytes` bytes; params a, b, bytes; locals j, acc, scratch. */
function dotKernel(): WasmFunction {
  const [a, b, bytes, j, limit, scratch, a0, a1, a2, a3] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  return {
    name: 'dot',
    params: [i32, i32, i32],
    result: t.f32,
    locals: [i32, i32, v128, v128, v128, v128, v128],
    body: [...dotLoop({ a, b, bytes, j, limit, acc: [a0, a1, a2, a3] }), ...horizontalSum(scratch)],
  };
}

/**
 * Pushes the v128 a·b (lane sums pending) over `bytes` bytes, with four independent accumulators so the adds do not
 * wait on each other (one chain made long dot products latency-bound). Locals: j, limit (i32), acc[4] (v128).
 */
export function dotLoop(options: { a: number; b: number; bytes: number; j: number; limit: number; acc: number[] }) {
  const { a, b, bytes, j, limit, acc } = options;
  const madd = (accumulator: number, offset: number) => [
    ...get(accumulator),
    ...add(a, j),
    ...op.v128Load(offset),
    ...add(b, j),
    ...op.v128Load(offset),
    ...op.f32x4Mul,
    ...op.f32x4Add,
    ...op.set(accumulator),
  ];
  return [
    ...acc.flatMap((accumulator) => [...op.v128Zero, ...op.set(accumulator)]),
    ...get(bytes),
    ...op.i32(-64),
    ...[0x71], // i32.and
    ...op.set(limit),
    ...forLoop({
      counter: j,
      from: op.i32(0),
      limit: get(limit),
      step: 64,
      body: [...madd(acc[0], 0), ...madd(acc[1], 16), ...madd(acc[2], 32), ...madd(acc[3], 48)],
    }),
    ...forLoop({ counter: j, from: get(limit), limit: get(bytes), step: 16, body: madd(acc[0], 0) }),
    ...get(acc[0]),
    ...get(acc[1]),
    ...op.f32x4Add,
    ...get(acc[2]),
    ...get(acc[3]),
    ...op.f32x4Add,
    ...op.f32x4Add,
  ];
}

/** acc += load(a + j) * load(b + j) */
function accumulate(acc: number, a: number, b: number, j: number): number[] {
  return [
    ...get(acc),
    ...add(a, j),
    ...op.v128Load(),
    ...add(b, j),
    ...op.v128Load(),
    ...op.f32x4Mul,
    ...op.f32x4Add,
    ...op.set(acc),
  ];
}

/** out + j += splat * load(row + j) for j < bytes. */
function axpyLoop(options: { out: number; row: number; splat: number; j: number; bytes: number }): number[] {
  const { out, row, splat, j, bytes } = options;
  return forLoop({
    counter: j,
    from: op.i32(0),
    limit: get(bytes),
    step: 16,
    body: [
      ...add(out, j),
      ...add(out, j),
      ...op.v128Load(),
      ...get(splat),
      ...add(row, j),
      ...op.v128Load(),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.v128Store(),
    ],
  });
}

/**
 * out += Σ_q w[q] · (Y[index[q]] · p) · Y[index[q]]: the data term of the iALS normal equations times p
 * (Takács et al. 2011, conjugate gradient for ALS). Params: y, rowBytes, indexPtr, weightPtr, count, p, out, bytes.
 */
function sparseGramVectorKernel(): WasmFunction {
  return sparseDotAxpy({ name: 'sparseGramVector', residual: false });
}

/**
 * out += Σ_q (c[q] − w[q] · (Y[index[q]] · x)) · Y[index[q]]: the right-hand side minus the data term of A x in one
 * pass, which starts conjugate gradient (as in `implicit`). Params: y, rowBytes, indexPtr, weightPtr, count, x, out,
 * bytes, confidencePtr.
 */
function sparseResidualKernel(): WasmFunction {
  return sparseDotAxpy({ name: 'sparseResidual', residual: true });
}

/** The body shared by the two kernels above: per entry a dot product, a coefficient, then an axpy. */
function sparseDotAxpy(options: { name: string; residual: boolean }): WasmFunction {
  const [y, rowBytes, indexPtr, weightPtr, count, p, out, bytes, confidencePtr] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [q, end, row, j, limit, splat, a0, a1, a2, a3, product] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  // coefficient = w·d (gram vector) or c − w·d (residual), where d is the dot product on the stack.
  const coefficient = options.residual
    ? [
        ...get(weightPtr),
        ...op.f32Load(),
        ...op.f32Mul,
        ...op.set(product),
        ...get(confidencePtr),
        ...op.f32Load(),
        ...get(product),
        ...op.f32Sub,
        ...advance(confidencePtr, 4),
      ]
    : [...get(weightPtr), ...op.f32Load(), ...op.f32Mul];
  return {
    name: options.name,
    params: [i32, i32, i32, i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, i32, v128, v128, v128, v128, v128, t.f32],
    body: [
      ...forEachEntry({
        q,
        end,
        indexPtr,
        count,
        body: [
          ...rowAddress({ y, rowBytes, q, row }),
          ...dotLoop({ a: row, b: p, bytes, j, limit, acc: [a0, a1, a2, a3] }),
          ...horizontalSum(splat),
          ...coefficient,
          ...op.f32x4Splat,
          ...op.set(splat),
          ...advance(weightPtr, 4),
          ...axpyLoop({ out, row, splat, j, bytes }),
        ],
      }),
    ],
  };
}

/** out += Σ_q w[q] · Y[index[q]]. Params: y, rowBytes, indexPtr, weightPtr, count, out, bytes. */
function sparseWeightedSumKernel(): WasmFunction {
  const [y, rowBytes, indexPtr, weightPtr, count, out, bytes] = [0, 1, 2, 3, 4, 5, 6];
  const [q, end, row, j, splat] = [7, 8, 9, 10, 11];
  return {
    name: 'sparseWeightedSum',
    params: [i32, i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, v128],
    body: [
      ...forEachEntry({
        q,
        end,
        indexPtr,
        count,
        body: [
          ...rowAddress({ y, rowBytes, q, row }),
          ...get(weightPtr),
          ...op.f32Load(),
          ...op.f32x4Splat,
          ...op.set(splat),
          ...advance(weightPtr, 4),
          ...axpyLoop({ out, row, splat, j, bytes }),
        ],
      }),
    ],
  };
}

/** for (q = indexPtr; q < indexPtr + 4·count; q += 4) body — a walk over one sparse row's index list. */
function forEachEntry(options: { q: number; end: number; indexPtr: number; count: number; body: number[] }) {
  const { q, end, indexPtr, count } = options;
  return [
    ...get(indexPtr),
    ...get(count),
    ...op.i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.set(end),
    ...forLoop({ counter: q, from: get(indexPtr), limit: get(end), step: 4, body: options.body }),
  ];
}

/**
 * Copies rows Y[index[q]] to consecutive rows at `out`, so that the several passes of a CG solve read them from
 * cache rather than from scattered memory. Params: y, rowBytes, indexPtr, count, out, bytes.
 */
function gatherRowsKernel(): WasmFunction {
  const [y, rowBytes, indexPtr, count, out, bytes] = [0, 1, 2, 3, 4, 5];
  const [q, end, row, j] = [6, 7, 8, 9];
  return {
    name: 'gatherRows',
    params: [i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32],
    body: forEachEntry({
      q,
      end,
      indexPtr,
      count,
      body: [
        ...rowAddress({ y, rowBytes, q, row }),
        ...forLoop({
          counter: j,
          from: op.i32(0),
          limit: get(bytes),
          step: 16,
          body: [...add(out, j), ...add(row, j), ...op.v128Load(), ...op.v128Store()],
        }),
        ...get(out),
        ...get(bytes),
        ...op.i32Add,
        ...op.set(out),
      ],
    }),
  };
}

/** row = y + i32.load(q) * rowBytes */
function rowAddress(options: { y: number; rowBytes: number; q: number; row: number }): number[] {
  return [
    ...get(options.y),
    ...get(options.q),
    ...op.i32Load(),
    ...get(options.rowBytes),
    ...op.i32Mul,
    ...op.i32Add,
    ...op.set(options.row),
  ];
}

function advance(local: number, by: number): number[] {
  return [...get(local), ...op.i32(by), ...op.i32Add, ...op.set(local)];
}

/**
 * out[r] = M[r] · v for r < rows, four rows at a time so each load of v feeds four products.
 * Params: m, rows, rowBytes, v, out, bytes.
 */
function matrixVectorKernel(): WasmFunction {
  const [m, rows, rowBytes, v, out, bytes] = [0, 1, 2, 3, 4, 5];
  const [r, j, row, a0, a1, a2, a3, x, scratch, end4, p1, p2, p3] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
  // Row pointers of the group, computed once per group rather than per load.
  const pointers = [row, p1, p2, p3];
  const rowOffset = (k: number) => get(pointers[k]);
  const setPointers = [1, 2, 3].flatMap((k) => [
    ...get(pointers[k - 1]),
    ...get(rowBytes),
    ...op.i32Add,
    ...op.set(pointers[k]),
  ]);
  const store = (accumulator: number, k: number) => [
    ...get(out),
    ...get(r),
    ...op.i32(k),
    ...op.i32Add,
    ...op.i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...get(accumulator),
    ...horizontalSum(scratch),
    ...op.f32Store(),
  ];
  const madd = (accumulator: number, k: number) => [
    ...get(accumulator),
    ...rowOffset(k),
    ...get(j),
    ...op.i32Add,
    ...op.v128Load(),
    ...get(x),
    ...op.f32x4Mul,
    ...op.f32x4Add,
    ...op.set(accumulator),
  ];
  return {
    name: 'matrixVector',
    params: [i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, v128, v128, v128, v128, v128, v128, i32, i32, i32, i32],
    body: [
      ...get(rows),
      ...op.i32(-4),
      ...[0x71], // i32.and: rows rounded down to a multiple of 4
      ...op.set(end4),
      ...forLoop({
        counter: r,
        from: op.i32(0),
        limit: get(end4),
        step: 4,
        body: [
          ...get(m),
          ...get(r),
          ...get(rowBytes),
          ...op.i32Mul,
          ...op.i32Add,
          ...op.set(row),
          ...setPointers,
          ...[a0, a1, a2, a3].flatMap((accumulator) => [...op.v128Zero, ...op.set(accumulator)]),
          ...forLoop({
            counter: j,
            from: op.i32(0),
            limit: get(bytes),
            step: 16,
            body: [
              ...add(v, j),
              ...op.v128Load(),
              ...op.set(x),
              ...madd(a0, 0),
              ...madd(a1, 1),
              ...madd(a2, 2),
              ...madd(a3, 3),
            ],
          }),
          ...store(a0, 0),
          ...store(a1, 1),
          ...store(a2, 2),
          ...store(a3, 3),
        ],
      }),
      ...forLoop({
        counter: r,
        from: get(end4),
        limit: get(rows),
        step: 1,
        body: [
          ...get(m),
          ...get(r),
          ...get(rowBytes),
          ...op.i32Mul,
          ...op.i32Add,
          ...op.set(row),
          ...op.v128Zero,
          ...op.set(a0),
          ...forLoop({ counter: j, from: op.i32(0), limit: get(bytes), step: 16, body: accumulate(a0, row, v, j) }),
          ...store(a0, 0),
        ],
      }),
    ],
  };
}

/**
 * A += Σ_q w[q] · Y[index[q]] Y[index[q]]ᵀ on and below the diagonal (A is bytes/4 rows of `bytes` bytes; entries
 * above it are partly written and must be ignored or mirrored): Gram matrices and the Cholesky path of iALS. Params: y, rowBytes, indexPtr, weightPtr, count, a, bytes.
 */
function sparseOuterSumKernel(): WasmFunction {
  const [y, rowBytes, indexPtr, weightPtr, count, a, bytes] = [0, 1, 2, 3, 4, 5, 6];
  const [q, end, row, j, splat, column, aRow, weight, length] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
  return {
    name: 'sparseOuterSum',
    params: [i32, i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, v128, i32, i32, t.f32, i32],
    body: [
      ...forEachEntry({
        q,
        end,
        indexPtr,
        count,
        body: [
          ...rowAddress({ y, rowBytes, q, row }),
          ...get(weightPtr),
          ...op.f32Load(),
          ...op.set(weight),
          ...advance(weightPtr, 4),
          ...get(a),
          ...op.set(aRow),
          ...forLoop({
            counter: column,
            from: op.i32(0),
            limit: get(bytes),
            step: 4,
            body: [
              ...add(row, column),
              ...op.f32Load(),
              ...get(weight),
              ...op.f32Mul,
              ...op.f32x4Splat,
              ...op.set(splat),
              // Only the lower triangle (to the end of the diagonal's 4-float block): A is symmetric.
              ...get(column),
              ...op.i32(-16),
              ...[0x71], // i32.and
              ...op.i32(16),
              ...op.i32Add,
              ...op.set(length),
              ...axpyLoop({ out: aRow, row, splat, j, bytes: length }),
              ...get(aRow),
              ...get(bytes),
              ...op.i32Add,
              ...op.set(aRow),
            ],
          }),
        ],
      }),
    ],
  };
}

/** out += s · x over `bytes` bytes. Params: out, x, s (f32), bytes. */
function axpyKernel(): WasmFunction {
  const [out, x, s, bytes, j, splat] = [0, 1, 2, 3, 4, 5];
  return {
    name: 'axpy',
    params: [i32, i32, t.f32, i32],
    locals: [i32, v128],
    body: [...get(s), ...op.f32x4Splat, ...op.set(splat), ...axpyLoop({ out, row: x, splat, j, bytes })],
  };
}

/**
 * One BPR step on rows u, i, j with gradient scale s = σ(−x_uij), rate η and L2 weight λ:
 * y_i += η(s·x_u − λ·y_i), y_j −= η(s·x_u + λ·y_j), x_u += η(s·(y_i − y_j) − λ·x_u), all from the old values.
 * Params: u, i, j, s (f32), η (f32), λ (f32), bytes.
 */
function bprStepKernel(): WasmFunction {
  const [u, i, j, s, rate, lambda, bytes] = [0, 1, 2, 3, 4, 5, 6];
  const [k, vs, vr, vl, uu, yi, yj] = [7, 8, 9, 10, 11, 12, 13];
  const load = (base: number, into: number) => [...add(base, k), ...op.v128Load(), ...op.set(into)];
  const mul = (a: number, b: number) => [...get(a), ...get(b), ...op.f32x4Mul];
  return {
    name: 'bprStep',
    params: [i32, i32, i32, t.f32, t.f32, t.f32, i32],
    locals: [i32, v128, v128, v128, v128, v128, v128],
    body: [
      ...get(s),
      ...op.f32x4Splat,
      ...op.set(vs),
      ...get(rate),
      ...op.f32x4Splat,
      ...op.set(vr),
      ...get(lambda),
      ...op.f32x4Splat,
      ...op.set(vl),
      ...forLoop({
        counter: k,
        from: op.i32(0),
        limit: get(bytes),
        step: 16,
        body: [
          ...load(u, uu),
          ...load(i, yi),
          ...load(j, yj),
          // y_i + η(s·x_u − λ·y_i)
          ...add(i, k),
          ...get(yi),
          ...get(vr),
          ...mul(vs, uu),
          ...mul(vl, yi),
          ...op.f32x4Sub,
          ...op.f32x4Mul,
          ...op.f32x4Add,
          ...op.v128Store(),
          // y_j − η(s·x_u + λ·y_j)
          ...add(j, k),
          ...get(yj),
          ...get(vr),
          ...mul(vs, uu),
          ...mul(vl, yj),
          ...op.f32x4Add,
          ...op.f32x4Mul,
          ...op.f32x4Sub,
          ...op.v128Store(),
          // x_u + η(s·(y_i − y_j) − λ·x_u)
          ...add(u, k),
          ...get(uu),
          ...get(vr),
          ...get(vs),
          ...get(yi),
          ...get(yj),
          ...op.f32x4Sub,
          ...op.f32x4Mul,
          ...mul(vl, uu),
          ...op.f32x4Sub,
          ...op.f32x4Mul,
          ...op.f32x4Add,
          ...op.v128Store(),
        ],
      }),
    ],
  };
}

/** The compiled module; instantiate it per thread with that thread's view of the shared memory. */
export const kernelModule = new WebAssembly.Module(
  buildModule(
    [
      dotKernel(),
      sparseGramVectorKernel(),
      sparseResidualKernel(),
      sparseWeightedSumKernel(),
      sparseOuterSumKernel(),
      matrixVectorKernel(),
      axpyKernel(),
      bprStepKernel(),
      gatherRowsKernel(),
    ],
    65536,
  ),
);

export interface KernelExports {
  dot(a: number, b: number, bytes: number): number;
  sparseGramVector(...args: [number, number, number, number, number, number, number, number]): void;
  sparseResidual(...args: [number, number, number, number, number, number, number, number, number]): void;
  sparseWeightedSum(...args: [number, number, number, number, number, number, number]): void;
  sparseOuterSum(...args: [number, number, number, number, number, number, number]): void;
  matrixVector(m: number, rows: number, rowBytes: number, v: number, out: number, bytes: number): void;
  axpy(out: number, x: number, s: number, bytes: number): void;
  gatherRows(y: number, rowBytes: number, indexPtr: number, count: number, out: number, bytes: number): void;
  bprStep(u: number, i: number, j: number, s: number, rate: number, lambda: number, bytes: number): void;
}

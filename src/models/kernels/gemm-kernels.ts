// Matrix-product kernels in WebAssembly SIMD for the neural models (SASRec, DeepFM): two strided, band-limited
// primitives cover every product a transformer's forward and backward passes need, causal attention included.
//   dotRows:        C[i][j] += A_i · B_j              for j in [max(0, i + low), min(columns, i + high))
//   weightedRowSum: C_r     += Σ_q A(r, q) · B_q      for q in [max(0, r + low), min(inner, r + high))
// with A(r, q) read at a + r·rStep + q·qStep, so one kernel computes both A·B (rStep = row stride, qStep = 4) and
// Aᵀ·B (rStep = 4, qStep = row stride). All pointers and strides are in bytes; vector lengths are multiples of 16.

import { buildModule, forLoop, horizontalSum, op, type as t, type WasmFunction } from './wasm-builder.ts';
import { dotLoop } from './wasm-kernels.ts';

const { i32, v128 } = t;
const get = op.get;
const select = [0x1b];
const i32GtS = [0x4a];
const add = (a: number, b: number) => [...get(a), ...get(b), ...op.i32Add];
const multiplyAdd = (base: number, index: number, step: number) => [
  ...get(base),
  ...get(index),
  ...get(step),
  ...op.i32Mul,
  ...op.i32Add,
];
/** max(0, x + offset) into `into`. */
const bandStart = (x: number, offset: number, into: number) => [
  ...add(x, offset),
  ...op.set(into),
  ...get(into),
  ...op.i32(0),
  ...get(into),
  ...op.i32(0),
  ...i32GtS,
  ...select,
  ...op.set(into),
];
/** min(limit, x + offset) into `into`. */
const bandEnd = (x: number, offset: number, limit: number, into: number) => [
  ...add(x, offset),
  ...op.set(into),
  ...get(limit),
  ...get(into),
  ...get(limit),
  ...get(into),
  ...op.i32LtS,
  ...select,
  ...op.set(into),
];

/** Params: a, aStride, b, bStride, c, cStride, rows, columns, bytes, low, high. */
function dotRowsKernel(): WasmFunction {
  const [a, aStride, b, bStride, c, cStride, rows, columns, bytes, low, high] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [i, j, jStart, jEnd, rowA, rowB, cPtr, k, limit] = [11, 12, 13, 14, 15, 16, 17, 18, 19];
  const [a0, a1, a2, a3, scratch] = [20, 21, 22, 23, 24];
  return {
    name: 'dotRows',
    params: [i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, i32, i32, i32, i32, i32, v128, v128, v128, v128, v128],
    body: forLoop({
      counter: i,
      from: op.i32(0),
      limit: get(rows),
      step: 1,
      body: [
        ...multiplyAdd(a, i, aStride),
        ...op.set(rowA),
        ...bandStart(i, low, jStart),
        ...bandEnd(i, high, columns, jEnd),
        ...forLoop({
          counter: j,
          from: get(jStart),
          limit: get(jEnd),
          step: 1,
          body: [
            ...multiplyAdd(b, j, bStride),
            ...op.set(rowB),
            ...multiplyAdd(c, i, cStride),
            ...get(j),
            ...op.i32(2),
            ...op.i32Shl,
            ...op.i32Add,
            ...op.set(cPtr),
            ...get(cPtr),
            ...get(cPtr),
            ...op.f32Load(),
            ...dotLoop({ a: rowA, b: rowB, bytes, j: k, limit, acc: [a0, a1, a2, a3] }),
            ...horizontalSum(scratch),
            ...op.f32Add,
            ...op.f32Store(),
          ],
        }),
      ],
    }),
  };
}

/** Params: a, rStep, qStep, b, bStride, c, cStride, rows, inner, bytes, low, high. */
function weightedRowSumKernel(): WasmFunction {
  const [a, rStep, qStep, b, bStride, c, cStride, rows, inner, bytes, low, high] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
  ];
  const [r, q, qEnd, qEnd4, j, cRow, aRow, aPtr, b0, b1, b2, b3] = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const [s0, s1, s2, s3] = [24, 25, 26, 27];
  const splatAt = (offsetSteps: number, into: number) => [
    ...get(aPtr),
    ...(offsetSteps === 0 ? [] : [...get(qStep), ...op.i32(offsetSteps), ...op.i32Mul, ...op.i32Add]),
    ...op.f32Load(),
    ...op.f32x4Splat,
    ...op.set(into),
  ];
  const term = (splat: number, row: number) => [
    ...get(splat),
    ...add(row, j),
    ...op.v128Load(),
    ...op.f32x4Mul,
    ...op.f32x4Add,
  ];
  return {
    name: 'weightedRowSum',
    params: [i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, v128, v128, v128, v128],
    body: forLoop({
      counter: r,
      from: op.i32(0),
      limit: get(rows),
      step: 1,
      body: [
        ...multiplyAdd(c, r, cStride),
        ...op.set(cRow),
        ...multiplyAdd(a, r, rStep),
        ...op.set(aRow),
        ...bandStart(r, low, q),
        ...bandEnd(r, high, inner, qEnd),
        ...get(qEnd),
        ...op.i32(3),
        ...op.i32Sub,
        ...op.set(qEnd4),
        // Four rows of B per pass over C_r: a quarter of the loads and stores of C.
        ...forLoop({
          counter: q,
          from: get(q),
          limit: get(qEnd4),
          step: 4,
          body: [
            ...multiplyAdd(aRow, q, qStep),
            ...op.set(aPtr),
            ...splatAt(0, s0),
            ...splatAt(1, s1),
            ...splatAt(2, s2),
            ...splatAt(3, s3),
            ...multiplyAdd(b, q, bStride),
            ...op.set(b0),
            ...add(b0, bStride),
            ...op.set(b1),
            ...add(b1, bStride),
            ...op.set(b2),
            ...add(b2, bStride),
            ...op.set(b3),
            ...forLoop({
              counter: j,
              from: op.i32(0),
              limit: get(bytes),
              step: 16,
              body: [
                ...add(cRow, j),
                ...add(cRow, j),
                ...op.v128Load(),
                ...term(s0, b0),
                ...term(s1, b1),
                ...term(s2, b2),
                ...term(s3, b3),
                ...op.v128Store(),
              ],
            }),
          ],
        }),
        ...forLoop({
          counter: q,
          from: get(q),
          limit: get(qEnd),
          step: 1,
          body: [
            ...multiplyAdd(aRow, q, qStep),
            ...op.set(aPtr),
            ...splatAt(0, s0),
            ...multiplyAdd(b, q, bStride),
            ...op.set(b0),
            ...forLoop({
              counter: j,
              from: op.i32(0),
              limit: get(bytes),
              step: 16,
              body: [...add(cRow, j), ...add(cRow, j), ...op.v128Load(), ...term(s0, b0), ...op.v128Store()],
            }),
          ],
        }),
      ],
    }),
  };
}

const gemmModule = new WebAssembly.Module(buildModule([dotRowsKernel(), weightedRowSumKernel()], 65536));

interface RawGemm {
  dotRows(...args: [number, number, number, number, number, number, number, number, number, number, number]): void;
  weightedRowSum(
    ...args: [number, number, number, number, number, number, number, number, number, number, number, number]
  ): void;
}

/** A band of rows or columns: `[max(0, index + low), min(count, index + high))`; no limit by default. */
export interface Band {
  low?: number;
  high?: number;
}

/** Matrix operands: a byte offset into the memory, and a row stride in floats. */
export interface Operand {
  offset: number;
  stride: number;
}

const unlimited = 1 << 30;

/** Operands and sizes of `multiply` and `multiplyTransposed`. */
type ProductOptions = { a: Operand; b: Operand; c: Operand; rows: number; inner: number; width: number } & Band;

/** The two kernels on one memory, with operands in floats rather than bytes. */
export class GemmKernels {
  readonly #raw: RawGemm;

  constructor(memory: WebAssembly.Memory) {
    this.#raw = new WebAssembly.Instance(gemmModule, { env: { memory } }).exports as unknown as RawGemm;
  }

  /** C[i][j] += A_i · B_j over the first `width` floats (a multiple of 4), i < rows, j < columns within the band. */
  dotRows(options: { a: Operand; b: Operand; c: Operand; rows: number; columns: number; width: number } & Band) {
    const { a, b, c } = options;
    this.#raw.dotRows(
      a.offset,
      a.stride * 4,
      b.offset,
      b.stride * 4,
      c.offset,
      c.stride * 4,
      options.rows,
      options.columns,
      options.width * 4,
      options.low ?? -unlimited,
      options.high ?? unlimited,
    );
  }

  /** C_i += Σ_q A[i][q] · B_q (C += A·B), q < inner within the band; rows of `width` floats. */
  multiply(options: ProductOptions): void {
    this.#weightedRowSum(options, options.a.stride * 4, 4);
  }

  /** C_p += Σ_i A[i][p] · B_i (C += Aᵀ·B), i < inner within the band of p; C has `rows` rows of `width` floats. */
  multiplyTransposed(options: ProductOptions): void {
    this.#weightedRowSum(options, 4, options.a.stride * 4);
  }

  #weightedRowSum(options: ProductOptions, rowStep: number, innerStep: number): void {
    const { a, b, c } = options;
    this.#raw.weightedRowSum(
      a.offset,
      rowStep,
      innerStep,
      b.offset,
      b.stride * 4,
      c.offset,
      c.stride * 4,
      options.rows,
      options.inner,
      options.width * 4,
      options.low ?? -unlimited,
      options.high ?? unlimited,
    );
  }
}

// A dense layer y = x·W + b on rows in WebAssembly memory, forward and backward through the SIMD GEMM kernels.
// W is stored input × output, row-major, so the forward pass is one `multiply` and dx = dy·Wᵀ one `dotRows`.

import type { GemmKernels } from '../kernels/gemm-kernels.ts';
import { addColumnSums, fillRows } from './elementwise.ts';

export interface LinearShape {
  rows: number;
  inputWidth: number;
  outputWidth: number;
}

const operand = (array: Float32Array, stride: number) => ({ offset: array.byteOffset, stride });

/** output = input·weight + bias (output rows are overwritten). */
export function linearForward(
  gemm: GemmKernels,
  options: LinearShape & { input: Float32Array; weight: Float32Array; bias: Float32Array; output: Float32Array },
): void {
  const { rows, inputWidth, outputWidth } = options;
  fillRows(options.output, options.bias, rows);
  gemm.multiply({
    a: operand(options.input, inputWidth),
    b: operand(options.weight, outputWidth),
    c: operand(options.output, outputWidth),
    rows,
    inner: inputWidth,
    width: outputWidth,
  });
}

/** Adds dW = xᵀ·dy, db = Σ dy, and (when given) dx += dy·Wᵀ. */
export function linearBackward(
  gemm: GemmKernels,
  options: LinearShape & {
    input: Float32Array;
    weight: Float32Array;
    outputGradient: Float32Array;
    weightGradient: Float32Array;
    biasGradient: Float32Array;
    inputGradient?: Float32Array;
  },
): void {
  const { rows, inputWidth, outputWidth, outputGradient } = options;
  addColumnSums(outputGradient, options.biasGradient, rows);
  gemm.multiplyTransposed({
    a: operand(options.input, inputWidth),
    b: operand(outputGradient, outputWidth),
    c: operand(options.weightGradient, outputWidth),
    rows: inputWidth,
    inner: rows,
    width: outputWidth,
  });
  if (options.inputGradient) {
    gemm.dotRows({
      a: operand(outputGradient, outputWidth),
      b: operand(options.weight, outputWidth),
      c: operand(options.inputGradient, inputWidth),
      rows,
      columns: inputWidth,
      width: outputWidth,
    });
  }
}

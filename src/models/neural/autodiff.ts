// A small reverse-mode autodiff tape over row-major Float32Array matrices in WebAssembly memory: enough for MLP
// towers (DeepFM's deep part). Each op computes its output now and records how to push gradients back; `backward`
// replays the records in reverse. Matrix products run on the SIMD GEMM kernels; scratch is recycled by `reset`.

import type { GemmKernels } from '../kernels/gemm-kernels.ts';
import { FloatBump } from './float-bump.ts';

/** A rows × columns matrix; `gradient` is null for values that need none. */
export class Tensor {
  readonly rows: number;
  readonly columns: number;
  readonly data: Float32Array;
  readonly gradient: Float32Array | null;

  constructor(options: { rows: number; columns: number; data: Float32Array; gradient: Float32Array | null }) {
    this.rows = options.rows;
    this.columns = options.columns;
    this.data = options.data;
    this.gradient = options.gradient;
  }
}

const operand = (array: Float32Array, stride: number) => ({ offset: array.byteOffset, stride });

export class Tape {
  readonly #gemm: GemmKernels;
  readonly #scratch: FloatBump;
  readonly #records: Array<() => void> = [];

  /** `scratch` must be a region of the memory `gemm` runs on. */
  constructor(options: { gemm: GemmKernels; scratch: Float32Array }) {
    this.#gemm = options.gemm;
    this.#scratch = new FloatBump(options.scratch);
  }

  /** A zeroed scratch matrix (with a zeroed gradient when `trainable`). */
  matrix(rows: number, columns: number, trainable = true): Tensor {
    const data = this.#scratch.take(rows * columns).fill(0);
    const gradient = trainable ? this.#scratch.take(rows * columns).fill(0) : null;
    return new Tensor({ rows, columns, data, gradient });
  }

  /** x·W (x: n × in, W: in × out; `out` a multiple of 4). */
  matmul(x: Tensor, weight: Tensor): Tensor {
    const out = this.matrix(x.rows, weight.columns);
    const shape = { rows: x.rows, inner: x.columns, width: weight.columns };
    this.#gemm.multiply({
      a: operand(x.data, x.columns),
      b: operand(weight.data, weight.columns),
      c: operand(out.data, out.columns),
      ...shape,
    });
    this.#records.push(() => {
      const gradient = out.gradient!;
      if (weight.gradient) {
        this.#gemm.multiplyTransposed({
          a: operand(x.data, x.columns),
          b: operand(gradient, out.columns),
          c: operand(weight.gradient, weight.columns),
          rows: x.columns,
          inner: x.rows,
          width: weight.columns,
        });
      }
      if (x.gradient) {
        this.#gemm.dotRows({
          a: operand(gradient, out.columns),
          b: operand(weight.data, weight.columns),
          c: operand(x.gradient, x.columns),
          rows: x.rows,
          columns: x.columns,
          width: weight.columns,
        });
      }
    });
    return out;
  }

  /** x + b with the 1 × columns row b added to every row. */
  addRow(x: Tensor, bias: Tensor): Tensor {
    const out = this.matrix(x.rows, x.columns);
    const width = x.columns;
    for (let index = 0; index < x.data.length; index++) out.data[index] = x.data[index] + bias.data[index % width];
    this.#records.push(() => {
      const gradient = out.gradient!;
      for (let index = 0; index < gradient.length; index++) {
        if (x.gradient) x.gradient[index] += gradient[index];
        if (bias.gradient) bias.gradient[index % width] += gradient[index];
      }
    });
    return out;
  }

  relu(x: Tensor): Tensor {
    const out = this.matrix(x.rows, x.columns);
    for (let index = 0; index < x.data.length; index++) out.data[index] = Math.max(x.data[index], 0);
    this.#records.push(() => {
      if (!x.gradient) return;
      const gradient = out.gradient!;
      for (let index = 0; index < gradient.length; index++) if (x.data[index] > 0) x.gradient[index] += gradient[index];
    });
    return out;
  }

  /** x·v + c per row (v: 1 × columns, c: 1 × 1): an n × 1 column, for a final scalar output. */
  project(x: Tensor, vector: Tensor, constant: Tensor): Tensor {
    const out = this.matrix(x.rows, 1);
    const width = x.columns;
    for (let row = 0; row < x.rows; row++) {
      let sum = constant.data[0];
      for (let column = 0; column < width; column++) sum += x.data[row * width + column] * vector.data[column];
      out.data[row] = sum;
    }
    this.#records.push(() => {
      const gradient = out.gradient!;
      for (let row = 0; row < x.rows; row++) {
        const g = gradient[row];
        if (constant.gradient) constant.gradient[0] += g;
        for (let column = 0; column < width; column++) {
          if (vector.gradient) vector.gradient[column] += g * x.data[row * width + column];
          if (x.gradient) x.gradient[row * width + column] += g * vector.data[column];
        }
      }
    });
    return out;
  }

  /** Sets dL/d`output` and pushes gradients back through every recorded op, newest first. */
  backward(output: Tensor, seed: ArrayLike<number>): void {
    if (!output.gradient) throw new Error('backward: the output has no gradient buffer');
    for (let index = 0; index < output.gradient.length; index++) output.gradient[index] += seed[index];
    for (let record = this.#records.length - 1; record >= 0; record--) this.#records[record]();
  }

  /** Drops the records and recycles the scratch (tensors made since the last reset become invalid). */
  reset(): void {
    this.#records.length = 0;
    this.#scratch.reset();
  }
}

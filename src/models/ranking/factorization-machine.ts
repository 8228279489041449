// A factorization machine (Rendle 2010) over hashed fields, trained by AdaGrad on the log loss:
//   ŷ = w₀ + Σ_f w_{i_f} x_f + ½ Σ_k [(Σ_f v_{i_f,k} x_f)² − Σ_f v_{i_f,k}² x_f²]
// Every pair of fields interacts through the dot product of their factor vectors, so user × item × context
// crosses are learned without enumerating them.

import { createRandom } from '../../core/random.ts';
import {
  type ClickModel,
  type ClickTraining,
  type EncodedExamples,
  logisticLoss,
  shuffledRows,
  sigmoid,
} from './click-model.ts';

export interface FactorizationMachineOptions {
  buckets: number;
  factors?: number;
  learningRate?: number;
  /** L2 weight on the touched linear weights and factors. */
  regularization?: number;
  initScale?: number;
  seed?: number;
}

export class FactorizationMachine implements ClickModel {
  readonly kind: string = 'fm';
  readonly options: Required<FactorizationMachineOptions>;
  /** [w₀, w_0 … w_{buckets−1}]. */
  readonly linear: Float32Array;
  /** buckets × factors. */
  readonly factors: Float32Array;
  readonly #linearSquares: Float32Array;
  readonly #factorSquares: Float32Array;
  readonly #sums: Float64Array;

  constructor(options: FactorizationMachineOptions, state?: { linear: Float32Array; factors: Float32Array }) {
    this.options = { factors: 8, learningRate: 0.05, regularization: 1e-5, initScale: 0.01, seed: 0, ...options };
    const { buckets, factors } = this.options;
    this.linear = state?.linear ?? new Float32Array(buckets + 1);
    if (state) this.factors = state.factors;
    else {
      const random = createRandom(this.options.seed);
      this.factors = Float32Array.from({ length: buckets * factors }, () => random.normal() * this.options.initScale);
    }
    this.#linearSquares = new Float32Array(buckets + 1);
    this.#factorSquares = new Float32Array(buckets * factors);
    this.#sums = new Float64Array(factors);
  }

  logit(examples: EncodedExamples, row: number): number {
    const k = this.options.factors;
    const base = row * examples.fieldCount;
    const sums = this.#sums;
    sums.fill(0);
    let value = this.linear[0];
    let squares = 0;
    for (let field = 0; field < examples.fieldCount; field++) {
      const bucket = examples.indices[base + field];
      const x = examples.values[base + field];
      if (x === 0) continue;
      value += this.linear[bucket + 1] * x;
      const offset = bucket * k;
      for (let f = 0; f < k; f++) {
        const term = this.factors[offset + f] * x;
        sums[f] += term;
        squares += term * term;
      }
    }
    let pairwise = 0;
    for (let f = 0; f < k; f++) pairwise += sums[f] * sums[f];
    return value + 0.5 * (pairwise - squares);
  }

  /**
   * AdaGrad step for one example given dL/dlogit (`residual`); `logit` must have just been called on it. `extra`
   * adds a gradient per field factor vector from elsewhere (DeepFM's deep part), with respect to v · x.
   */
  protected update(
    examples: EncodedExamples,
    row: number,
    residual: number,
    extra?: { gradient: Float32Array; offset: number },
  ): void {
    const { factors: k, learningRate: rate, regularization: lambda } = this.options;
    const base = row * examples.fieldCount;
    const sums = this.#sums;
    const adagrad = (values: Float32Array, squares: Float32Array, index: number, gradient: number) => {
      squares[index] += gradient * gradient;
      values[index] -= (rate * gradient) / Math.sqrt(squares[index] + 1e-8);
    };
    adagrad(this.linear, this.#linearSquares, 0, residual);
    for (let field = 0; field < examples.fieldCount; field++) {
      const bucket = examples.indices[base + field];
      const x = examples.values[base + field];
      if (x === 0) continue;
      adagrad(this.linear, this.#linearSquares, bucket + 1, residual * x + lambda * this.linear[bucket + 1]);
      const offset = bucket * k;
      for (let f = 0; f < k; f++) {
        const v = this.factors[offset + f];
        const deep = extra ? extra.gradient[extra.offset + field * k + f] : 0;
        adagrad(this.factors, this.#factorSquares, offset + f, x * (residual * (sums[f] - v * x) + deep) + lambda * v);
      }
    }
  }

  trainEpoch(training: ClickTraining): number {
    const { examples, labels } = training;
    let loss = 0;
    for (const row of shuffledRows(training.rows, training.seed)) {
      const logit = this.logit(examples, row);
      const weight = training.weights?.[row] ?? 1;
      loss += weight * logisticLoss(logit, labels[row]);
      this.update(examples, row, (sigmoid(logit) - labels[row]) * weight);
    }
    return training.rows.length ? loss / training.rows.length : 0;
  }

  state() {
    return { meta: { options: this.options }, arrays: { linear: this.linear, factors: this.factors } };
  }
}

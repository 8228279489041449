// Logistic regression trained by FTRL-Proximal (McMahan et al. 2013, "Ad click prediction: a view from the
// trenches"): per-coordinate learning rates and L1 regularisation that keeps most hashed weights at exactly zero.
//   w_i = 0 if |z_i| ≤ λ₁, else −(z_i − sgn(z_i)·λ₁) / ((β + √n_i)/α + λ₂)

import {
  type ClickModel,
  type ClickTraining,
  type EncodedExamples,
  logisticLoss,
  shuffledRows,
  sigmoid,
} from './click-model.ts';

export interface FtrlOptions {
  buckets: number;
  alpha?: number;
  beta?: number;
  l1?: number;
  l2?: number;
}

export class FtrlModel implements ClickModel {
  readonly kind = 'ftrl';
  readonly options: Required<FtrlOptions>;
  readonly z: Float32Array;
  readonly n: Float32Array;

  constructor(options: FtrlOptions, state?: { z: Float32Array; n: Float32Array }) {
    this.options = { alpha: 0.05, beta: 1, l1: 0.5, l2: 1, ...options };
    this.z = state?.z ?? new Float32Array(options.buckets);
    this.n = state?.n ?? new Float32Array(options.buckets);
  }

  #weight(bucket: number): number {
    const { alpha, beta, l1, l2 } = this.options;
    const z = this.z[bucket];
    if (Math.abs(z) <= l1) return 0;
    return -(z - Math.sign(z) * l1) / ((beta + Math.sqrt(this.n[bucket])) / alpha + l2);
  }

  logit(examples: EncodedExamples, row: number): number {
    const base = row * examples.fieldCount;
    let sum = 0;
    for (let field = 0; field < examples.fieldCount; field++) {
      sum += this.#weight(examples.indices[base + field]) * examples.values[base + field];
    }
    return sum;
  }

  trainEpoch(training: ClickTraining): number {
    const { examples, labels } = training;
    const { alpha } = this.options;
    let loss = 0;
    for (const row of shuffledRows(training.rows, training.seed)) {
      const logit = this.logit(examples, row);
      const label = labels[row];
      const weight = training.weights?.[row] ?? 1;
      loss += weight * logisticLoss(logit, label);
      const residual = (sigmoid(logit) - label) * weight;
      const base = row * examples.fieldCount;
      for (let field = 0; field < examples.fieldCount; field++) {
        const bucket = examples.indices[base + field];
        const gradient = residual * examples.values[base + field];
        if (gradient === 0) continue;
        const n = this.n[bucket];
        const sigma = (Math.sqrt(n + gradient * gradient) - Math.sqrt(n)) / alpha;
        this.z[bucket] += gradient - sigma * this.#weight(bucket);
        this.n[bucket] = n + gradient * gradient;
      }
    }
    return training.rows.length ? loss / training.rows.length : 0;
  }

  state() {
    return { meta: { options: this.options }, arrays: { z: this.z, n: this.n } };
  }
}

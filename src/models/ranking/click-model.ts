// The shape shared by the CTR/CVR models (FTRL logistic regression, factorization machine, DeepFM): a logit for an
// encoded example row, training over chosen rows with 0/1 labels, and a serialisable state.

import type { ModelSnapshot } from '../recommender.ts';

/** Encoded rows: `fieldCount` (bucket, value) pairs per row. */
export interface EncodedExamples {
  fieldCount: number;
  indices: Int32Array;
  values: Float32Array;
}

export interface ClickTraining {
  examples: EncodedExamples;
  /** 0/1 label per example row (indexed like the examples). */
  labels: Uint8Array;
  /** The rows to train on. */
  rows: Int32Array;
  /** Per-row loss weights (e.g. inverse propensities), indexed like the examples; 1 when absent. */
  weights?: Float32Array;
  seed: number;
}

export interface ClickModel {
  readonly kind: string;
  /** log-odds of a positive label for `row` of `examples`. */
  logit(examples: EncodedExamples, row: number): number;
  /** One training pass (rows shuffled by the seed); returns the mean log loss seen while training. */
  trainEpoch(training: ClickTraining): number;
  /** Parameters as snapshot arrays and metadata. */
  state(): Pick<ModelSnapshot, 'meta' | 'arrays'>;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The rows in a seeded random order (Fisher-Yates with a local xorshift). */
export function shuffledRows(rows: Int32Array, seed: number): Int32Array {
  const order = rows.slice();
  let bits = seed >>> 0 || 1;
  for (let k = order.length - 1; k > 0; k--) {
    bits ^= bits << 13;
    bits ^= bits >>> 17;
    bits ^= bits << 5;
    const j = (bits >>> 0) % (k + 1);
    const swap = order[k];
    order[k] = order[j];
    order[j] = swap;
  }
  return order;
}

/** −log p(label) for a logit. */
export function logisticLoss(logit: number, label: number): number {
  return label ? Math.log1p(Math.exp(-logit)) : Math.log1p(Math.exp(logit));
}

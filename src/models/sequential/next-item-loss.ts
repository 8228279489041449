// Softmax cross-entropy for next-item prediction over candidate items: every item (full softmax), or the target plus
// sampled negatives shared by a batch (sampled softmax, Jean et al. 2015). Cross-entropy rather than SASRec's original
// one-negative BCE: Klenitskiy & Vasilev 2023 ("Turning dross into gold loss") show it is much stronger.

import type { GemmKernels } from '../kernels/gemm-kernels.ts';

export interface Candidates {
  /** How many candidates there are. */
  count: number;
  /** count × d rows of their embeddings (the item matrix itself for the full softmax). */
  rows: Float32Array;
  /** Gradient rows parallel to `rows`. */
  gradient: Float32Array;
  /** True when the candidates are the whole catalog in order (the target's logit is then among them). */
  full: boolean;
  /** Per item: its index among the candidates, or −1 (sampled mode: masks accidental hits). */
  indexOf: Int32Array;
}

export interface LossPass {
  gemm: GemmKernels;
  dimension: number;
  /** n × d hidden rows. */
  hidden: Float32Array;
  /** The next item at each position. */
  targets: Int32Array;
  candidates: Candidates;
  /** Item embeddings and their gradient (for the positive logits of the sampled mode). */
  items: Float32Array;
  itemGradient: Float32Array;
  /** n × |candidates| scratch. */
  logits: Float32Array;
  /** Output: dL/d hidden (n × d, overwritten). */
  hiddenGradient: Float32Array;
  /** Each position's loss is multiplied by this (1 / positions in the batch). */
  weight: number;
}

/** Adds the gradients and returns the summed (unweighted) loss of the n positions. */
export function nextItemLoss(pass: LossPass): number {
  const { gemm, dimension: d, hidden, targets, candidates, items, logits, hiddenGradient, weight } = pass;
  const n = targets.length;
  const count = candidates.count;
  logits.fill(0, 0, n * count);
  gemm.dotRows({
    a: { offset: hidden.byteOffset, stride: d },
    b: { offset: candidates.rows.byteOffset, stride: d },
    c: { offset: logits.byteOffset, stride: count },
    rows: n,
    columns: count,
    width: d,
  });
  hiddenGradient.fill(0, 0, n * d);
  let loss = 0;
  for (let t = 0; t < n; t++) {
    const target = targets[t];
    const row = logits.subarray(t * count, (t + 1) * count);
    let positive = 0;
    let max: number;
    if (candidates.full) {
      max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < count; k++) if (row[k] > max) max = row[k];
    } else {
      for (let column = 0; column < d; column++) positive += hidden[t * d + column] * items[target * d + column];
      const hit = candidates.indexOf[target];
      if (hit >= 0) row[hit] = Number.NEGATIVE_INFINITY;
      max = positive;
      for (let k = 0; k < count; k++) if (row[k] > max) max = row[k];
    }
    let total = candidates.full ? 0 : Math.exp(positive - max);
    for (let k = 0; k < count; k++) {
      const value = Math.exp(row[k] - max);
      row[k] = value;
      total += value;
    }
    const inverse = 1 / total;
    for (let k = 0; k < count; k++) row[k] *= inverse * weight;
    if (candidates.full) {
      loss -= Math.log(Math.max(row[target] / weight, 1e-30));
      row[target] -= weight;
    } else {
      const probability = Math.exp(positive - max) * inverse;
      loss -= Math.log(Math.max(probability, 1e-30));
      const coefficient = (probability - 1) * weight;
      for (let column = 0; column < d; column++) {
        hiddenGradient[t * d + column] += coefficient * items[target * d + column];
        pass.itemGradient[target * d + column] += coefficient * hidden[t * d + column];
      }
    }
  }
  // dH += G·C, dC += Gᵀ·H, with G the n × count logit gradients.
  gemm.multiply({
    a: { offset: logits.byteOffset, stride: count },
    b: { offset: candidates.rows.byteOffset, stride: d },
    c: { offset: hiddenGradient.byteOffset, stride: d },
    rows: n,
    inner: count,
    width: d,
  });
  gemm.multiplyTransposed({
    a: { offset: logits.byteOffset, stride: count },
    b: { offset: hidden.byteOffset, stride: d },
    c: { offset: candidates.gradient.byteOffset, stride: d },
    rows: count,
    inner: n,
    width: d,
  });
  return loss;
}

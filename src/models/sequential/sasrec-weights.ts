// SASRec's parameters in one flat Float32Array (so AdamW updates them in one loop and workers share them): item and
// position embeddings, per block a pre-norm causal self-attention and a feed-forward layer, and a final norm.

import type { Random } from '../../core/random.ts';
import type { Activation } from '../neural/elementwise.ts';
import { FloatBump } from '../neural/float-bump.ts';
import type { BlockParameters } from '../neural/transformer-block.ts';

/** The network's size. */
export interface SasRecShape {
  items: number;
  /** Hidden size d (a multiple of 4 × heads). */
  dimension: number;
  heads: number;
  /** Feed-forward inner size (a multiple of 4). */
  inner: number;
  blocks: number;
  /** Longest input sequence; position embeddings count back from the newest item. */
  maxLength: number;
  activation: Activation;
}

export interface SasRecWeights {
  /** items × d; also the output layer (tied embeddings, as in SASRec). */
  items: Float32Array;
  /** maxLength × d. */
  positions: Float32Array;
  blocks: BlockParameters[];
  finalGamma: Float32Array;
  finalBeta: Float32Array;
}

/** Views of `buffer` in the fixed layout; with a measuring bump, only the size. */
export function bindWeights(bump: FloatBump, shape: SasRecShape): SasRecWeights {
  const d = shape.dimension;
  const f = shape.inner;
  const matrix = (rows: number, columns: number) => bump.take(rows * columns);
  const items = matrix(shape.items, d);
  const positions = matrix(shape.maxLength, d);
  const blocks = Array.from({ length: shape.blocks }, () => ({
    attentionGamma: bump.take(d),
    attentionBeta: bump.take(d),
    query: matrix(d, d),
    queryBias: bump.take(d),
    key: matrix(d, d),
    keyBias: bump.take(d),
    value: matrix(d, d),
    valueBias: bump.take(d),
    output: matrix(d, d),
    outputBias: bump.take(d),
    feedForwardGamma: bump.take(d),
    feedForwardBeta: bump.take(d),
    expand: matrix(d, f),
    expandBias: bump.take(f),
    contract: matrix(f, d),
    contractBias: bump.take(d),
  }));
  return { items, positions, blocks, finalGamma: bump.take(d), finalBeta: bump.take(d) };
}

/** Floats in the flat parameter array. */
export function parameterCount(shape: SasRecShape): number {
  const bump = FloatBump.measure();
  bindWeights(bump, shape);
  return bump.used;
}

/** Embeddings and weight matrices decay; biases and norm parameters do not. */
export function decayMask(shape: SasRecShape): Uint8Array {
  const size = parameterCount(shape);
  const marks = new Float32Array(size);
  const weights = bindWeights(new FloatBump(marks), shape);
  const decaying = [weights.items, weights.positions];
  for (const block of weights.blocks) decaying.push(block.query, block.key, block.value, block.output, block.expand);
  for (const block of weights.blocks) decaying.push(block.contract);
  for (const array of decaying) array.fill(1);
  return Uint8Array.from(marks);
}

/** Truncated-normal embeddings (σ = 0.02, as BERT), Glorot-normal matrices, unit norm gains, zero biases. */
export function initializeWeights(weights: SasRecWeights, random: Random): void {
  const normal = (array: Float32Array, deviation: number) => {
    for (let index = 0; index < array.length; index++) {
      let value = random.normal();
      while (Math.abs(value) > 2) value = random.normal();
      array[index] = value * deviation;
    }
  };
  normal(weights.items, 0.02);
  normal(weights.positions, 0.02);
  const d = weights.finalGamma.length;
  for (const block of weights.blocks) {
    for (const matrix of [block.query, block.key, block.value, block.output]) normal(matrix, Math.sqrt(1 / d));
    const inner = block.expandBias.length;
    normal(block.expand, Math.sqrt(2 / (d + inner)));
    normal(block.contract, Math.sqrt(2 / (d + inner)));
    block.attentionGamma.fill(1);
    block.feedForwardGamma.fill(1);
  }
  weights.finalGamma.fill(1);
}

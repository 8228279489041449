// The SASRec network on one sequence (Kang & McAuley 2018): item plus position embeddings, causal transformer blocks
// and a final norm give one hidden vector per position; the next item is scored by its dot product with the item
// embeddings (tied input and output embeddings). Forward and backward run in one thread's workspace.

import type { GemmKernels } from '../kernels/gemm-kernels.ts';
import { applyDropout, type MaskRandom, multiplyInPlace } from '../neural/elementwise.ts';
import type { FloatBump } from '../neural/float-bump.ts';
import { layerNormBackward, layerNormForward } from '../neural/layer-norm.ts';
import {
  BlockCache,
  BlockGradientScratch,
  blockBackward,
  blockForward,
  type DropoutRates,
} from '../neural/transformer-block.ts';
import type { SasRecShape, SasRecWeights } from './sasrec-weights.ts';

/** One thread's buffers for sequences up to `maxLength`. */
export class SasRecWorkspace {
  readonly embedded: Float32Array;
  readonly embeddingMask: Float32Array;
  readonly caches: BlockCache[];
  readonly finalHidden: Float32Array;
  readonly finalMean: Float32Array;
  readonly finalInverse: Float32Array;
  readonly scratch: BlockGradientScratch;
  readonly residualGradient: Float32Array;
  readonly hiddenGradient: Float32Array;

  constructor(bump: FloatBump, shape: SasRecShape) {
    const rowsByWidth = shape.maxLength * shape.dimension;
    this.embedded = bump.take(rowsByWidth);
    this.embeddingMask = bump.take(rowsByWidth);
    this.caches = Array.from({ length: shape.blocks }, () => new BlockCache(bump, shape));
    this.finalHidden = bump.take(rowsByWidth);
    this.finalMean = bump.take(shape.maxLength);
    this.finalInverse = bump.take(shape.maxLength);
    this.scratch = new BlockGradientScratch(bump, shape);
    this.residualGradient = bump.take(rowsByWidth);
    this.hiddenGradient = bump.take(rowsByWidth);
  }
}

export interface SequencePass {
  gemm: GemmKernels;
  shape: SasRecShape;
  weights: SasRecWeights;
  workspace: SasRecWorkspace;
  /** Dropout while training; null at inference. */
  dropout: (DropoutRates & { random: MaskRandom }) | null;
}

/** Runs the network on `tokens` (oldest first, at most maxLength); returns the final hidden rows (n × d). */
export function encodeSequence(pass: SequencePass, tokens: Int32Array): Float32Array {
  const { gemm, shape, weights, workspace, dropout } = pass;
  const n = tokens.length;
  const d = shape.dimension;
  const firstPosition = shape.maxLength - n;
  const embedded = workspace.embedded;
  for (let t = 0; t < n; t++) {
    const item = tokens[t] * d;
    const position = (firstPosition + t) * d;
    for (let column = 0; column < d; column++) {
      embedded[t * d + column] = weights.items[item + column] + weights.positions[position + column];
    }
  }
  if (dropout && dropout.hidden > 0) {
    applyDropout({
      values: embedded,
      mask: workspace.embeddingMask,
      length: n * d,
      rate: dropout.hidden,
      random: dropout.random,
    });
  }
  let input = embedded;
  workspace.caches.forEach((cache, block) => {
    blockForward({ gemm, shape, parameters: weights.blocks[block], cache, length: n, dropout }, input);
    input = cache.output;
  });
  layerNormForward({
    input,
    output: workspace.finalHidden,
    mean: workspace.finalMean,
    inverseDeviation: workspace.finalInverse,
    gamma: weights.finalGamma,
    beta: weights.finalBeta,
    rows: n,
    width: d,
  });
  return workspace.finalHidden.subarray(0, n * d);
}

/** Backward from dL/d(final hidden) in `workspace.hiddenGradient`; adds parameter gradients into `gradients`. */
export function backwardSequence(pass: SequencePass & { gradients: SasRecWeights }, tokens: Int32Array): void {
  const { gemm, shape, weights, workspace, dropout, gradients } = pass;
  const n = tokens.length;
  const d = shape.dimension;
  const caches = workspace.caches;
  const residual = workspace.residualGradient;
  residual.fill(0, 0, n * d);
  layerNormBackward({
    input: caches.length ? caches[caches.length - 1].output : workspace.embedded,
    output: workspace.finalHidden,
    mean: workspace.finalMean,
    inverseDeviation: workspace.finalInverse,
    gamma: weights.finalGamma,
    beta: weights.finalBeta,
    rows: n,
    width: d,
    outputGradient: workspace.hiddenGradient,
    inputGradient: residual,
    gammaGradient: gradients.finalGamma,
    betaGradient: gradients.finalBeta,
  });
  for (let block = caches.length - 1; block >= 0; block--) {
    blockBackward(
      {
        gemm,
        shape,
        parameters: weights.blocks[block],
        cache: caches[block],
        length: n,
        dropout,
        input: block === 0 ? workspace.embedded : caches[block - 1].output,
        gradients: gradients.blocks[block],
        scratch: workspace.scratch,
      },
      residual,
    );
  }
  if (dropout && dropout.hidden > 0) multiplyInPlace(residual, workspace.embeddingMask, n * d);
  const firstPosition = shape.maxLength - n;
  for (let t = 0; t < n; t++) {
    const item = tokens[t] * d;
    const position = (firstPosition + t) * d;
    for (let column = 0; column < d; column++) {
      const gradient = residual[t * d + column];
      gradients.items[item + column] += gradient;
      gradients.positions[position + column] += gradient;
    }
  }
}

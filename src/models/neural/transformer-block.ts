// One pre-norm transformer block with causal multi-head self-attention (Vaswani et al. 2017; pre-norm as in
// Xiong et al. 2020), forward and backward on one sequence held in WebAssembly memory:
//   x₁ = x + Drop(Attention(LN₁(x)))    y = x₁ + Drop(W₂·act(W₁·LN₂(x₁)))    (act: ReLU as SASRec, or GELU)
// Position t attends to positions ≤ t only, so a sequence needs no padding mask and is processed at its own length.

import type { GemmKernels } from '../kernels/gemm-kernels.ts';
import {
  type Activation,
  activationBackward,
  activationForward,
  applyDropout,
  type MaskRandom,
  multiplyInPlace,
} from './elementwise.ts';
import type { FloatBump } from './float-bump.ts';
import { layerNormBackward, layerNormForward } from './layer-norm.ts';
import { linearBackward, linearForward } from './linear.ts';

export interface BlockParameters {
  attentionGamma: Float32Array;
  attentionBeta: Float32Array;
  query: Float32Array;
  queryBias: Float32Array;
  key: Float32Array;
  keyBias: Float32Array;
  value: Float32Array;
  valueBias: Float32Array;
  output: Float32Array;
  outputBias: Float32Array;
  feedForwardGamma: Float32Array;
  feedForwardBeta: Float32Array;
  expand: Float32Array;
  expandBias: Float32Array;
  contract: Float32Array;
  contractBias: Float32Array;
}

export interface BlockShape {
  dimension: number;
  heads: number;
  inner: number;
  maxLength: number;
  /** The feed-forward layer's activation. */
  activation: Activation;
}

export interface DropoutRates {
  /** On the attention and feed-forward outputs. */
  hidden: number;
  /** On the attention probabilities. */
  attention: number;
}

/** What the forward pass keeps for the backward pass (sized for `maxLength`; a sequence uses its first rows). */
export class BlockCache {
  readonly normalizedInput: Float32Array;
  readonly mean1: Float32Array;
  readonly inverse1: Float32Array;
  readonly query: Float32Array;
  readonly key: Float32Array;
  readonly value: Float32Array;
  /** heads × n × n softmax probabilities (row stride n). */
  readonly probabilities: Float32Array;
  /** The same after dropout, and its mask. */
  readonly dropped: Float32Array;
  readonly attentionMask: Float32Array;
  readonly attended: Float32Array;
  readonly outputMask: Float32Array;
  /** x₁, the residual after attention. */
  readonly middle: Float32Array;
  readonly normalizedMiddle: Float32Array;
  readonly mean2: Float32Array;
  readonly inverse2: Float32Array;
  readonly hidden: Float32Array;
  readonly activated: Float32Array;
  readonly feedForwardMask: Float32Array;
  /** y, the block's output. */
  readonly output: Float32Array;

  constructor(bump: FloatBump, shape: BlockShape) {
    const rowsByWidth = shape.maxLength * shape.dimension;
    const square = shape.heads * shape.maxLength * shape.maxLength;
    this.normalizedInput = bump.take(rowsByWidth);
    this.mean1 = bump.take(shape.maxLength);
    this.inverse1 = bump.take(shape.maxLength);
    this.query = bump.take(rowsByWidth);
    this.key = bump.take(rowsByWidth);
    this.value = bump.take(rowsByWidth);
    this.probabilities = bump.take(square);
    this.dropped = bump.take(square);
    this.attentionMask = bump.take(square);
    this.attended = bump.take(rowsByWidth);
    this.outputMask = bump.take(rowsByWidth);
    this.middle = bump.take(rowsByWidth);
    this.normalizedMiddle = bump.take(rowsByWidth);
    this.mean2 = bump.take(shape.maxLength);
    this.inverse2 = bump.take(shape.maxLength);
    this.hidden = bump.take(shape.maxLength * shape.inner);
    this.activated = bump.take(shape.maxLength * shape.inner);
    this.feedForwardMask = bump.take(rowsByWidth);
    this.output = bump.take(rowsByWidth);
  }
}

/** Gradient scratch shared by all blocks (the backward pass runs one block at a time). */
export class BlockGradientScratch {
  readonly feedForward: Float32Array;
  readonly hidden: Float32Array;
  readonly normalized: Float32Array;
  readonly attentionOutput: Float32Array;
  readonly attended: Float32Array;
  readonly probabilities: Float32Array;
  readonly query: Float32Array;
  readonly key: Float32Array;
  readonly value: Float32Array;

  constructor(bump: FloatBump, shape: BlockShape) {
    const rowsByWidth = shape.maxLength * shape.dimension;
    this.feedForward = bump.take(rowsByWidth);
    this.hidden = bump.take(shape.maxLength * shape.inner);
    this.normalized = bump.take(rowsByWidth);
    this.attentionOutput = bump.take(rowsByWidth);
    this.attended = bump.take(rowsByWidth);
    this.probabilities = bump.take(shape.maxLength * shape.maxLength);
    this.query = bump.take(rowsByWidth);
    this.key = bump.take(rowsByWidth);
    this.value = bump.take(rowsByWidth);
  }
}

const at = (array: Float32Array, floats: number, stride: number) => ({
  offset: array.byteOffset + floats * 4,
  stride,
});

export interface BlockPass {
  gemm: GemmKernels;
  shape: BlockShape;
  parameters: BlockParameters;
  cache: BlockCache;
  /** Rows of this sequence. */
  length: number;
  /** Dropout for training; null at inference. */
  dropout: (DropoutRates & { random: MaskRandom }) | null;
}

/** y = block(x) for the first `length` rows of `input`; the output lands in `cache.output`. */
export function blockForward(pass: BlockPass, input: Float32Array): void {
  const { gemm, shape, parameters: p, cache, length: n, dropout } = pass;
  const d = shape.dimension;
  const headWidth = d / shape.heads;
  const scale = 1 / Math.sqrt(headWidth);
  layerNormForward({
    input,
    output: cache.normalizedInput,
    mean: cache.mean1,
    inverseDeviation: cache.inverse1,
    gamma: p.attentionGamma,
    beta: p.attentionBeta,
    rows: n,
    width: d,
  });
  const projection = { rows: n, inputWidth: d, outputWidth: d, input: cache.normalizedInput };
  linearForward(gemm, { ...projection, weight: p.query, bias: p.queryBias, output: cache.query });
  linearForward(gemm, { ...projection, weight: p.key, bias: p.keyBias, output: cache.key });
  linearForward(gemm, { ...projection, weight: p.value, bias: p.valueBias, output: cache.value });
  cache.attended.fill(0, 0, n * d);
  for (let head = 0; head < shape.heads; head++) {
    const probabilities = cache.probabilities.subarray(head * n * n, (head + 1) * n * n);
    probabilities.fill(0);
    gemm.dotRows({
      a: at(cache.query, head * headWidth, d),
      b: at(cache.key, head * headWidth, d),
      c: at(probabilities, 0, n),
      rows: n,
      columns: n,
      width: headWidth,
      high: 1,
    });
    causalSoftmax(probabilities, n, scale);
    let weights = probabilities;
    if (dropout && dropout.attention > 0) {
      weights = cache.dropped.subarray(head * n * n, (head + 1) * n * n);
      weights.set(probabilities);
      applyDropout({
        values: weights,
        mask: cache.attentionMask.subarray(head * n * n),
        length: n * n,
        rate: dropout.attention,
        random: dropout.random,
      });
    }
    gemm.multiply({
      a: at(weights, 0, n),
      b: at(cache.value, head * headWidth, d),
      c: at(cache.attended, head * headWidth, d),
      rows: n,
      inner: n,
      width: headWidth,
      high: 1,
    });
  }
  const middle = cache.middle;
  linearForward(gemm, {
    rows: n,
    inputWidth: d,
    outputWidth: d,
    input: cache.attended,
    weight: p.output,
    bias: p.outputBias,
    output: middle,
  });
  if (dropout && dropout.hidden > 0) {
    applyDropout({
      values: middle,
      mask: cache.outputMask,
      length: n * d,
      rate: dropout.hidden,
      random: dropout.random,
    });
  }
  for (let index = 0; index < n * d; index++) middle[index] += input[index];
  layerNormForward({
    input: middle,
    output: cache.normalizedMiddle,
    mean: cache.mean2,
    inverseDeviation: cache.inverse2,
    gamma: p.feedForwardGamma,
    beta: p.feedForwardBeta,
    rows: n,
    width: d,
  });
  const f = shape.inner;
  linearForward(gemm, {
    rows: n,
    inputWidth: d,
    outputWidth: f,
    input: cache.normalizedMiddle,
    weight: p.expand,
    bias: p.expandBias,
    output: cache.hidden,
  });
  activationForward(shape.activation, cache.hidden, cache.activated, n * f);
  const output = cache.output;
  linearForward(gemm, {
    rows: n,
    inputWidth: f,
    outputWidth: d,
    input: cache.activated,
    weight: p.contract,
    bias: p.contractBias,
    output,
  });
  if (dropout && dropout.hidden > 0) {
    applyDropout({
      values: output,
      mask: cache.feedForwardMask,
      length: n * d,
      rate: dropout.hidden,
      random: dropout.random,
    });
  }
  for (let index = 0; index < n * d; index++) output[index] += middle[index];
}

/** Row-wise softmax of scale·S over the causal band (columns ≤ row); entries above it stay 0. */
function causalSoftmax(scores: Float32Array, n: number, scale: number): void {
  for (let row = 0; row < n; row++) {
    const base = row * n;
    let max = Number.NEGATIVE_INFINITY;
    for (let column = 0; column <= row; column++) max = Math.max(max, scores[base + column] * scale);
    let total = 0;
    for (let column = 0; column <= row; column++) {
      const value = Math.exp(scores[base + column] * scale - max);
      scores[base + column] = value;
      total += value;
    }
    for (let column = 0; column <= row; column++) scores[base + column] /= total;
  }
}

/**
 * Backward through the block. `residualGradient` holds dL/dy on entry and dL/dx on exit (the residual stream's
 * gradient, updated in place); parameter gradients are added into `gradients`.
 */
export function blockBackward(
  pass: BlockPass & { input: Float32Array; gradients: BlockParameters; scratch: BlockGradientScratch },
  residualGradient: Float32Array,
): void {
  const { gemm, shape, parameters: p, cache, length: n, dropout, input, gradients: g, scratch } = pass;
  const d = shape.dimension;
  const f = shape.inner;
  const headWidth = d / shape.heads;
  const scale = 1 / Math.sqrt(headWidth);
  const dropping = dropout !== null && dropout.hidden > 0;
  // Feed-forward branch: y = x₁ + Drop(contract(act(expand(LN₂(x₁))))).
  const feedForward = scratch.feedForward;
  feedForward.set(residualGradient.subarray(0, n * d));
  if (dropping) multiplyInPlace(feedForward, cache.feedForwardMask, n * d);
  const hidden = scratch.hidden;
  hidden.fill(0, 0, n * f);
  linearBackward(gemm, {
    rows: n,
    inputWidth: f,
    outputWidth: d,
    input: cache.activated,
    weight: p.contract,
    outputGradient: feedForward,
    weightGradient: g.contract,
    biasGradient: g.contractBias,
    inputGradient: hidden,
  });
  activationBackward(shape.activation, cache.hidden, hidden, n * f);
  const normalized = scratch.normalized;
  normalized.fill(0, 0, n * d);
  linearBackward(gemm, {
    rows: n,
    inputWidth: d,
    outputWidth: f,
    input: cache.normalizedMiddle,
    weight: p.expand,
    outputGradient: hidden,
    weightGradient: g.expand,
    biasGradient: g.expandBias,
    inputGradient: normalized,
  });
  layerNormBackward({
    input: cache.middle,
    output: cache.normalizedMiddle,
    mean: cache.mean2,
    inverseDeviation: cache.inverse2,
    gamma: p.feedForwardGamma,
    beta: p.feedForwardBeta,
    rows: n,
    width: d,
    outputGradient: normalized,
    inputGradient: residualGradient,
    gammaGradient: g.feedForwardGamma,
    betaGradient: g.feedForwardBeta,
  });
  // Attention branch: x₁ = x + Drop(output(Attention(LN₁(x)))).
  const attentionOutput = scratch.attentionOutput;
  attentionOutput.set(residualGradient.subarray(0, n * d));
  if (dropping) multiplyInPlace(attentionOutput, cache.outputMask, n * d);
  const attended = scratch.attended;
  attended.fill(0, 0, n * d);
  linearBackward(gemm, {
    rows: n,
    inputWidth: d,
    outputWidth: d,
    input: cache.attended,
    weight: p.output,
    outputGradient: attentionOutput,
    weightGradient: g.output,
    biasGradient: g.outputBias,
    inputGradient: attended,
  });
  const { query, key, value } = scratch;
  query.fill(0, 0, n * d);
  key.fill(0, 0, n * d);
  value.fill(0, 0, n * d);
  const attentionDropping = dropout !== null && dropout.attention > 0;
  for (let head = 0; head < shape.heads; head++) {
    const offset = head * headWidth;
    const probabilities = cache.probabilities.subarray(head * n * n, (head + 1) * n * n);
    const weights = attentionDropping ? cache.dropped.subarray(head * n * n, (head + 1) * n * n) : probabilities;
    const gradient = scratch.probabilities.subarray(0, n * n);
    gradient.fill(0);
    // d(weights) = dO·Vᵀ, dV = weightsᵀ·dO.
    gemm.dotRows({
      a: at(attended, offset, d),
      b: at(cache.value, offset, d),
      c: at(gradient, 0, n),
      rows: n,
      columns: n,
      width: headWidth,
      high: 1,
    });
    gemm.multiplyTransposed({
      a: at(weights, 0, n),
      b: at(attended, offset, d),
      c: at(value, offset, d),
      rows: n,
      inner: n,
      width: headWidth,
      low: 0,
    });
    if (attentionDropping) multiplyInPlace(gradient, cache.attentionMask.subarray(head * n * n), n * n);
    // Softmax backward: dS = scale · P ⊙ (dP − Σ_j dP_j P_j).
    for (let row = 0; row < n; row++) {
      const base = row * n;
      let dot = 0;
      for (let column = 0; column <= row; column++) dot += gradient[base + column] * probabilities[base + column];
      for (let column = 0; column <= row; column++) {
        gradient[base + column] = scale * probabilities[base + column] * (gradient[base + column] - dot);
      }
    }
    gemm.multiply({
      a: at(gradient, 0, n),
      b: at(cache.key, offset, d),
      c: at(query, offset, d),
      rows: n,
      inner: n,
      width: headWidth,
      high: 1,
    });
    gemm.multiplyTransposed({
      a: at(gradient, 0, n),
      b: at(cache.query, offset, d),
      c: at(key, offset, d),
      rows: n,
      inner: n,
      width: headWidth,
      low: 0,
    });
  }
  const normalizedInput = scratch.normalized;
  normalizedInput.fill(0, 0, n * d);
  const projection = { rows: n, inputWidth: d, outputWidth: d, input: cache.normalizedInput };
  const inputGradient = normalizedInput;
  linearBackward(gemm, {
    ...projection,
    weight: p.query,
    outputGradient: query,
    weightGradient: g.query,
    biasGradient: g.queryBias,
    inputGradient,
  });
  linearBackward(gemm, {
    ...projection,
    weight: p.key,
    outputGradient: key,
    weightGradient: g.key,
    biasGradient: g.keyBias,
    inputGradient,
  });
  linearBackward(gemm, {
    ...projection,
    weight: p.value,
    outputGradient: value,
    weightGradient: g.value,
    biasGradient: g.valueBias,
    inputGradient,
  });
  layerNormBackward({
    input,
    output: cache.normalizedInput,
    mean: cache.mean1,
    inverseDeviation: cache.inverse1,
    gamma: p.attentionGamma,
    beta: p.attentionBeta,
    rows: n,
    width: d,
    outputGradient: normalizedInput,
    inputGradient: residualGradient,
    gammaGradient: g.attentionGamma,
    betaGradient: g.attentionBeta,
  });
}

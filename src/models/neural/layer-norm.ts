// Layer normalisation over rows (Ba et al. 2016): y = γ ⊙ (x − μ) / σ + β, with the backward pass that adds into the
// input gradient (so residual branches can share one gradient buffer). Statistics are kept for the backward pass.

export interface LayerNormBuffers {
  /** rows × width, contiguous. */
  input: Float32Array;
  output: Float32Array;
  /** Per row, written by the forward pass. */
  mean: Float32Array;
  inverseDeviation: Float32Array;
  gamma: Float32Array;
  beta: Float32Array;
  rows: number;
  width: number;
}

const epsilon = 1e-5;

export function layerNormForward(buffers: LayerNormBuffers): void {
  const { input, output, mean, inverseDeviation, gamma, beta, rows, width } = buffers;
  for (let row = 0; row < rows; row++) {
    const base = row * width;
    let sum = 0;
    for (let column = 0; column < width; column++) sum += input[base + column];
    const mu = sum / width;
    let squares = 0;
    for (let column = 0; column < width; column++) {
      const centred = input[base + column] - mu;
      squares += centred * centred;
    }
    const inverse = 1 / Math.sqrt(squares / width + epsilon);
    mean[row] = mu;
    inverseDeviation[row] = inverse;
    for (let column = 0; column < width; column++) {
      output[base + column] = (input[base + column] - mu) * inverse * gamma[column] + beta[column];
    }
  }
}

/**
 * Given dL/dy in `outputGradient`: adds dL/dx into `inputGradient` and dL/dγ, dL/dβ into the parameter gradients.
 * dx = σ⁻¹ (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂)), dx̂ = dy ⊙ γ.
 */
export function layerNormBackward(
  buffers: LayerNormBuffers & {
    outputGradient: Float32Array;
    inputGradient: Float32Array;
    gammaGradient: Float32Array;
    betaGradient: Float32Array;
  },
): void {
  const { input, mean, inverseDeviation, gamma, rows, width, outputGradient, inputGradient } = buffers;
  const { gammaGradient, betaGradient } = buffers;
  for (let row = 0; row < rows; row++) {
    const base = row * width;
    const mu = mean[row];
    const inverse = inverseDeviation[row];
    let sumGradient = 0;
    let sumProduct = 0;
    for (let column = 0; column < width; column++) {
      const normalized = (input[base + column] - mu) * inverse;
      const gradient = outputGradient[base + column];
      gammaGradient[column] += gradient * normalized;
      betaGradient[column] += gradient;
      const scaled = gradient * gamma[column];
      sumGradient += scaled;
      sumProduct += scaled * normalized;
    }
    sumGradient /= width;
    sumProduct /= width;
    for (let column = 0; column < width; column++) {
      const normalized = (input[base + column] - mu) * inverse;
      const scaled = outputGradient[base + column] * gamma[column];
      inputGradient[base + column] += inverse * (scaled - sumGradient - normalized * sumProduct);
    }
  }
}

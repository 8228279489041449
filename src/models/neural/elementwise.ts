// Element-wise pieces of the neural models: ReLU and GELU (Hendrycks & Gimpel 2016, tanh form), inverted dropout
// masks from a seeded xorshift generator, bias rows and column sums.

export type Activation = 'relu' | 'gelu';

/** output = activation(input) over the first `length` entries. */
export function activationForward(kind: Activation, input: Float32Array, output: Float32Array, length: number): void {
  if (kind === 'gelu') geluForward(input, output, length);
  else for (let index = 0; index < length; index++) output[index] = Math.max(input[index], 0);
}

/** gradient ← gradient ⊙ activation′(input), in place. */
export function activationBackward(kind: Activation, input: Float32Array, gradient: Float32Array, length: number) {
  if (kind === 'gelu') geluBackward(input, gradient, length);
  else for (let index = 0; index < length; index++) if (!(input[index] > 0)) gradient[index] = 0;
}

const root = Math.sqrt(2 / Math.PI);

/** output = GELU(input) over the first `length` entries. */
export function geluForward(input: Float32Array, output: Float32Array, length: number): void {
  for (let index = 0; index < length; index++) {
    const x = input[index];
    output[index] = 0.5 * x * (1 + Math.tanh(root * (x + 0.044715 * x * x * x)));
  }
}

/** gradient ← gradient ⊙ GELU′(input), in place. */
export function geluBackward(input: Float32Array, gradient: Float32Array, length: number): void {
  for (let index = 0; index < length; index++) {
    const x = input[index];
    const tanh = Math.tanh(root * (x + 0.044715 * x * x * x));
    const derivative = 0.5 * (1 + tanh) + 0.5 * x * (1 - tanh * tanh) * root * (1 + 3 * 0.044715 * x * x);
    gradient[index] *= derivative;
  }
}

/** A fast seeded generator for dropout masks (xorshift32, Marsaglia 2003). */
export class MaskRandom {
  #bits: number;

  constructor(seed: number) {
    this.#bits = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let bits = this.#bits;
    bits ^= bits << 13;
    bits ^= bits >>> 17;
    bits ^= bits << 5;
    this.#bits = bits;
    return (bits >>> 0) / 4294967296;
  }
}

/** Fills `mask` with 0 (dropped, probability `rate`) or 1 / (1 − rate), and multiplies `values` by it. */
export function applyDropout(options: {
  values: Float32Array;
  mask: Float32Array;
  length: number;
  rate: number;
  random: MaskRandom;
}): void {
  const { values, mask, length, rate, random } = options;
  const keep = 1 / (1 - rate);
  for (let index = 0; index < length; index++) {
    const factor = random.next() < rate ? 0 : keep;
    mask[index] = factor;
    values[index] *= factor;
  }
}

/** Each of `rows` rows of `output` (width `bias.length`) set to `bias`. */
export function fillRows(output: Float32Array, bias: Float32Array, rows: number): void {
  const width = bias.length;
  for (let row = 0; row < rows; row++) output.set(bias, row * width);
}

/** total[column] += Σ_rows matrix[row][column]. */
export function addColumnSums(matrix: Float32Array, total: Float32Array, rows: number): void {
  const width = total.length;
  for (let row = 0; row < rows; row++) {
    const base = row * width;
    for (let column = 0; column < width; column++) total[column] += matrix[base + column];
  }
}

/** values[i] *= factors[i] for the first `length` entries. */
export function multiplyInPlace(values: Float32Array, factors: Float32Array, length: number): void {
  for (let index = 0; index < length; index++) values[index] *= factors[index];
}

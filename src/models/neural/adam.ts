// AdamW over one flat parameter array (Kingma & Ba 2015; decoupled weight decay, Loshchilov & Hutter 2019), with
// global gradient-norm clipping. Parameters and gradients are parallel Float32Arrays, so one loop updates a model.

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay per step, applied only where `decayMask` is 1. */
  weightDecay?: number;
  /** Clip the gradient to this global L2 norm (0: no clipping). */
  clipNorm?: number;
}

export class Adam {
  readonly #first: Float32Array;
  readonly #second: Float32Array;
  readonly #decayMask: Uint8Array | null;
  readonly options: Required<AdamOptions>;
  #step = 0;

  /** `decayMask` (one byte per parameter) marks the weights that decay; biases and norms usually do not. */
  constructor(size: number, options: AdamOptions, decayMask: Uint8Array | null = null) {
    this.#first = new Float32Array(size);
    this.#second = new Float32Array(size);
    this.#decayMask = decayMask;
    this.options = {
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0,
      clipNorm: 0,
      ...options,
    };
  }

  get steps(): number {
    return this.#step;
  }

  /** One update of `parameters` from `gradients`; returns the gradient norm before clipping. */
  step(parameters: Float32Array, gradients: Float32Array): number {
    const { learningRate, beta1, beta2, epsilon, weightDecay, clipNorm } = this.options;
    let squares = 0;
    for (let index = 0; index < gradients.length; index++) squares += gradients[index] * gradients[index];
    const norm = Math.sqrt(squares);
    const scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1;
    this.#step++;
    const correction1 = 1 - beta1 ** this.#step;
    const correction2 = 1 - beta2 ** this.#step;
    const rate = learningRate / correction1;
    const first = this.#first;
    const second = this.#second;
    const mask = this.#decayMask;
    const decay = learningRate * weightDecay;
    for (let index = 0; index < parameters.length; index++) {
      const gradient = gradients[index] * scale;
      const m = (first[index] = beta1 * first[index] + (1 - beta1) * gradient);
      const v = (second[index] = beta2 * second[index] + (1 - beta2) * gradient * gradient);
      let value = parameters[index];
      if (decay > 0 && (mask === null || mask[index])) value -= decay * value;
      parameters[index] = value - (rate * m) / (Math.sqrt(v / correction2) + epsilon);
    }
    return norm;
  }
}

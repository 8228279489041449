// DeepFM (Guo et al. 2017): a factorization machine and an MLP tower share the field embeddings; the logit is the
// sum of both. The tower (ReLU layers, then a scalar output) runs on our autodiff tape with SIMD matrix products
// and AdamW; the sparse embeddings and linear weights keep the FM's AdaGrad updates.

import { createRandom } from '../../core/random.ts';
import { GemmKernels } from '../kernels/gemm-kernels.ts';
import { WasmArena } from '../kernels/wasm-arena.ts';
import { Adam } from '../neural/adam.ts';
import { Tape, Tensor } from '../neural/autodiff.ts';
import { FloatBump } from '../neural/float-bump.ts';
import { type ClickTraining, type EncodedExamples, logisticLoss, shuffledRows, sigmoid } from './click-model.ts';
import { FactorizationMachine, type FactorizationMachineOptions } from './factorization-machine.ts';

export interface DeepFmOptions extends FactorizationMachineOptions {
  fieldCount: number;
  /** Hidden layer sizes (multiples of 4). */
  hidden?: readonly number[];
  batchSize?: number;
  /** AdamW learning rate of the tower. */
  towerLearningRate?: number;
}

interface Layer {
  weight: Tensor;
  bias: Tensor;
}

export class DeepFm extends FactorizationMachine {
  override readonly kind = 'deepfm';
  readonly deepOptions: Required<Pick<DeepFmOptions, 'fieldCount' | 'hidden' | 'batchSize' | 'towerLearningRate'>>;
  /** The tower's parameters, flat (layer weights and biases, then the output vector and constant). */
  readonly tower: Float32Array;
  readonly #gradient: Float32Array;
  readonly #layers: Layer[];
  readonly #output: Layer;
  readonly #tape: Tape;
  readonly #adam: Adam;

  constructor(options: DeepFmOptions, state?: { linear: Float32Array; factors: Float32Array; tower: Float32Array }) {
    super(options, state);
    this.deepOptions = { hidden: [64, 32], batchSize: 256, towerLearningRate: 0.001, ...options };
    const { fieldCount, hidden, batchSize } = this.deepOptions;
    const input = fieldCount * this.options.factors;
    const sizes = [input, ...hidden];
    const towerSize =
      sizes.slice(1).reduce((sum, size, layer) => sum + sizes[layer] * size + size, 0) + hidden.at(-1)! + 4;
    // Per batch the tape holds the input and, per layer, three matrices (product, biased, activated), each with a
    // gradient, plus the output column.
    const scratch = batchSize * (2 * input + 6 * hidden.reduce((sum, size) => sum + size, 0) + 16) + 4096;
    const arena = WasmArena.create(4 * (2 * towerSize + scratch + 1024));
    this.tower = arena.float32(towerSize);
    this.#gradient = arena.float32(towerSize);
    const parameters = new FloatBump(this.tower);
    const gradients = new FloatBump(this.#gradient);
    const tensor = (rows: number, columns: number) =>
      new Tensor({ rows, columns, data: parameters.take(rows * columns), gradient: gradients.take(rows * columns) });
    this.#layers = sizes.slice(1).map((size, layer) => ({ weight: tensor(sizes[layer], size), bias: tensor(1, size) }));
    this.#output = { weight: tensor(1, hidden.at(-1)!), bias: tensor(1, 1) };
    if (state) this.tower.set(state.tower);
    else {
      const random = createRandom(this.options.seed + 1);
      // The output starts at zero, so training starts from the plain FM and the tower learns what it adds.
      for (const { weight } of this.#layers) {
        const scale = Math.sqrt(2 / weight.rows);
        for (let index = 0; index < weight.data.length; index++) weight.data[index] = random.normal() * scale;
      }
    }
    this.#tape = new Tape({ gemm: new GemmKernels(arena.memory), scratch: arena.float32(scratch) });
    this.#adam = new Adam(towerSize, { learningRate: this.deepOptions.towerLearningRate, weightDecay: 1e-4 });
  }

  /** The tower's input: each field's factor vector times its value, for `rows` of `examples`. */
  #embed(examples: EncodedExamples, rows: ArrayLike<number>, trainable: boolean): Tensor {
    const k = this.options.factors;
    const fields = examples.fieldCount;
    const input = this.#tape.matrix(rows.length, fields * k, trainable);
    for (let r = 0; r < rows.length; r++) {
      const base = rows[r] * fields;
      for (let field = 0; field < fields; field++) {
        const x = examples.values[base + field];
        const offset = examples.indices[base + field] * k;
        for (let f = 0; f < k; f++) input.data[(r * fields + field) * k + f] = this.factors[offset + f] * x;
      }
    }
    return input;
  }

  #towerForward(input: Tensor): Tensor {
    let hidden = input;
    for (const layer of this.#layers)
      hidden = this.#tape.relu(this.#tape.addRow(this.#tape.matmul(hidden, layer.weight), layer.bias));
    return this.#tape.project(hidden, this.#output.weight, this.#output.bias);
  }

  override logit(examples: EncodedExamples, row: number): number {
    const fm = super.logit(examples, row);
    this.#tape.reset();
    const deep = this.#towerForward(this.#embed(examples, [row], false));
    return fm + deep.data[0];
  }

  /** Logits of many rows at once (batched tower). */
  logits(examples: EncodedExamples, rows: Int32Array): Float32Array {
    const out = new Float32Array(rows.length);
    const batch = this.deepOptions.batchSize;
    for (let start = 0; start < rows.length; start += batch) {
      const slice = rows.subarray(start, start + batch);
      this.#tape.reset();
      const deep = this.#towerForward(this.#embed(examples, slice, false));
      slice.forEach((row, r) => {
        out[start + r] = super.logit(examples, row) + deep.data[r];
      });
    }
    return out;
  }

  override trainEpoch(training: ClickTraining): number {
    const { examples, labels } = training;
    const batch = this.deepOptions.batchSize;
    const order = shuffledRows(training.rows, training.seed);
    let loss = 0;
    for (let start = 0; start < order.length; start += batch) {
      const rows = order.subarray(start, start + batch);
      this.#tape.reset();
      this.#gradient.fill(0);
      const input = this.#embed(examples, rows, true);
      const deep = this.#towerForward(input);
      const residuals = new Float32Array(rows.length);
      rows.forEach((row, r) => {
        const logit = super.logit(examples, row) + deep.data[r];
        const weight = training.weights?.[row] ?? 1;
        loss += weight * logisticLoss(logit, labels[row]);
        residuals[r] = (sigmoid(logit) - labels[row]) * weight;
      });
      this.#tape.backward(
        deep,
        residuals.map((residual) => residual / rows.length),
      );
      this.#adam.step(this.tower, this.#gradient);
      const fieldWidth = examples.fieldCount * this.options.factors;
      const inputGradient = input.gradient!;
      // The tower's input gradient is per batch mean; scale back to the example so it matches the FM's gradient.
      for (let index = 0; index < inputGradient.length; index++) inputGradient[index] *= rows.length;
      // Sparse updates one example at a time, each with its residual under the current FM weights: 256 updates
      // from one stale residual would overshoot on frequent features (the bias, positions, hours).
      rows.forEach((row, r) => {
        const logit = super.logit(examples, row) + deep.data[r];
        const residual = (sigmoid(logit) - labels[row]) * (training.weights?.[row] ?? 1);
        this.update(examples, row, residual, { gradient: inputGradient, offset: r * fieldWidth });
      });
    }
    return training.rows.length ? loss / training.rows.length : 0;
  }

  override state() {
    const base = super.state();
    return {
      meta: { ...base.meta, deep: this.deepOptions },
      arrays: { ...base.arrays, tower: this.tower },
    };
  }
}

// SASRec: self-attentive sequential recommendation (Kang & McAuley 2018), our own typed-array forward and backward
// passes on WebAssembly SIMD kernels, trained with softmax cross-entropy (full, or sampled negatives) and AdamW.
// Recommends the next item from the user's most recent `maxLength` items, anonymous sessions included.

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { GemmKernels } from '../kernels/gemm-kernels.ts';
import { selectTopK } from '../kernels/top-k.ts';
import { WasmArena } from '../kernels/wasm-arena.ts';
import { workerCount } from '../kernels/worker-pool.ts';
import type { Activation } from '../neural/elementwise.ts';
import { FloatBump } from '../neural/float-bump.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, ModelSnapshot, Recommender, ScoredItems } from '../recommender.ts';
import { checkCount, checkItem } from '../scoring-model.ts';
import { runEpochs, validationNdcg } from '../training.ts';
import type { UserHistories } from '../user-history.ts';
import { workspaceFloats } from './sasrec-gradients.ts';
import { encodeSequence, SasRecWorkspace } from './sasrec-network.ts';
import { SasRecTrainer } from './sasrec-trainer.ts';
import { bindWeights, parameterCount, type SasRecShape, type SasRecWeights } from './sasrec-weights.ts';
import { SequenceModel, sequenceData, sequenceDataFromSnapshot } from './sequence-model.ts';

export const sasrecDefaults = {
  /** Hidden size (a multiple of 4 × heads). */
  dimension: 64,
  blocks: 2,
  heads: 2,
  /** Feed-forward inner size (a multiple of 4; SASRec uses the hidden size). */
  inner: 64,
  /** Feed-forward activation: relu (SASRec) or gelu. */
  activation: 'relu',
  /** Most recent items the model reads. */
  maxLength: 200,
  dropout: 0.2,
  attentionDropout: 0.2,
  epochs: 200,
  /** Sequence windows per AdamW step. */
  batchSize: 8,
  learningRate: 0.002,
  weightDecay: 0.01,
  /** Sampled negatives shared by a batch; 0, or at least the catalog size − 1, trains with the full softmax. */
  negatives: 2048,
  /** Clip the gradient's global norm (0: off). */
  clipNorm: 5,
};

export type SasRecParams = typeof sasrecDefaults;
const choices = { activation: ['relu', 'gelu'] };

export class SasRecModel extends SequenceModel {
  readonly name = 'sasrec';
  readonly shape: SasRecShape;
  /** The flat parameter array (see sasrec-weights.ts). */
  readonly parameters: Float32Array;
  readonly #weights: SasRecWeights;
  readonly #gemm: GemmKernels;
  readonly #workspace: SasRecWorkspace;
  readonly #scores: Float32Array;
  #norms: Float32Array | null = null;

  constructor(options: {
    params: Readonly<Record<string, unknown>>;
    shape: SasRecShape;
    parameters: Float32Array;
    histories: UserHistories;
    popularity: Float32Array;
  }) {
    super(options);
    this.shape = options.shape;
    const count = parameterCount(this.shape);
    if (options.parameters.length !== count) {
      throw new InvalidInputError(`sasrec: ${options.parameters.length} parameters for a shape that needs ${count}`, {
        context: { field: 'parameters' },
      });
    }
    const workspace = workspaceFloats(this.shape);
    const arena = WasmArena.create(4 * (count + workspace + this.shape.items + 256));
    this.parameters = arena.float32(count);
    this.parameters.set(options.parameters);
    this.#weights = bindWeights(new FloatBump(this.parameters), this.shape);
    this.#workspace = new SasRecWorkspace(new FloatBump(arena.float32(workspace)), this.shape);
    this.#scores = arena.float32(this.shape.items);
    this.#gemm = new GemmKernels(arena.memory);
  }

  /** Replaces the parameters (training copies its current state in for validation). */
  setParameters(parameters: Float32Array): void {
    this.parameters.set(parameters);
    this.#norms = null;
  }

  protected scoreSequence(sequence: Int32Array, out: Float32Array): void {
    const { maxLength, dimension: d, items } = this.shape;
    const tokens = sequence.subarray(Math.max(0, sequence.length - maxLength));
    const pass = { gemm: this.#gemm, shape: this.shape, weights: this.#weights, workspace: this.#workspace };
    const hidden = encodeSequence({ ...pass, dropout: null }, tokens);
    const last = hidden.subarray((tokens.length - 1) * d, tokens.length * d);
    this.#scores.fill(0);
    this.#gemm.dotRows({
      a: { offset: last.byteOffset, stride: d },
      b: { offset: this.#weights.items.byteOffset, stride: d },
      c: { offset: this.#scores.byteOffset, stride: items },
      rows: 1,
      columns: items,
      width: d,
    });
    out.set(this.#scores);
  }

  /** Items whose embeddings have the highest cosine with `item`'s. */
  similarItems(item: number, k: number): ScoredItems {
    checkItem(item, this.itemCount);
    checkCount(k);
    const d = this.shape.dimension;
    const embeddings = this.#weights.items;
    if (!this.#norms) {
      const norms = new Float32Array(this.itemCount);
      for (let other = 0; other < this.itemCount; other++) {
        let sum = 0;
        for (let column = 0; column < d; column++) sum += embeddings[other * d + column] ** 2;
        norms[other] = Math.sqrt(sum);
      }
      this.#norms = norms;
    }
    const norms = this.#norms;
    const scores = new Float32Array(this.itemCount);
    for (let other = 0; other < this.itemCount; other++) {
      let dot = 0;
      for (let column = 0; column < d; column++) dot += embeddings[item * d + column] * embeddings[other * d + column];
      scores[other] = norms[item] > 0 && norms[other] > 0 ? dot / (norms[item] * norms[other]) : 0;
    }
    return selectTopK(scores, k, { exclude: Int32Array.of(item) });
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: { shape: this.shape },
      arrays: { ...this.sequenceArrays(), parameters: this.parameters.slice() },
    };
  }
}

async function fit(dataset: Dataset, given: Partial<SasRecParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'sasrec', defaults: sasrecDefaults, given, choices });
  requireRange('sasrec', params, {
    dimension: [4, 1024],
    blocks: [0, 16],
    heads: [1, 64],
    inner: [4, 8192],
    maxLength: [1, 4096],
    dropout: [0, 0.95],
    attentionDropout: [0, 0.95],
    epochs: [0, 100_000],
    batchSize: [1, 100_000],
    learningRate: [0, 10],
    weightDecay: [0, 10],
    negatives: [0, 1e7],
    clipNorm: [0, 1e9],
  });
  const headWidth = params.dimension / params.heads;
  if (!Number.isInteger(headWidth) || headWidth % 4 !== 0 || params.inner % 4 !== 0) {
    throw new InvalidInputError(
      `sasrec: dimension / heads (${params.dimension} / ${params.heads}) and inner (${params.inner}) must be multiples of 4`,
      { context: { field: 'sasrec.dimension' } },
    );
  }
  const shape: SasRecShape = {
    items: dataset.itemCount,
    dimension: params.dimension,
    heads: params.heads,
    inner: params.inner,
    blocks: params.blocks,
    maxLength: params.maxLength,
    activation: params.activation as Activation,
  };
  // Threads pay once a batch holds enough work to amortise a message round trip; an explicit count is honoured.
  const threads =
    options.workers !== undefined
      ? workerCount(options.workers)
      : Math.min(workerCount(undefined), Math.max(1, Math.floor(dataset.interactionCount / 50_000)));
  const trainer = new SasRecTrainer(dataset, {
    shape,
    dropout: { hidden: params.dropout, attention: params.attentionDropout },
    negatives: params.negatives,
    batchSize: params.batchSize,
    learningRate: params.learningRate,
    weightDecay: params.weightDecay,
    clipNorm: params.clipNorm,
    threads,
    seed: options.seed ?? 0,
  });
  const model = new SasRecModel({ params, shape, parameters: trainer.parameters, ...sequenceData(dataset) });
  let best: Float32Array | null = null;
  try {
    await runEpochs({
      label: 'sasrec',
      epochs: params.epochs,
      // Validation NDCG of a small next-item split is noisy: wait longer than the shared default before stopping.
      fit: { ...options, patience: options.patience ?? 10 },
      epoch: (epoch) => trainer.epoch(epoch),
      validate: () => {
        model.setParameters(trainer.parameters);
        return validationNdcg({ model, train: dataset, validation: options.validation as Dataset, k: 10 });
      },
      keepBest: () => {
        best = trainer.parameters.slice();
      },
      restoreBest: () => {
        if (best) trainer.parameters.set(best);
      },
    });
  } finally {
    await trainer.close();
  }
  model.setParameters(trainer.parameters);
  return model;
}

export const sasrec: Recommender<SasRecParams> = {
  name: 'sasrec',
  defaults: sasrecDefaults,
  choices,
  fit,
  load: (snapshot) =>
    new SasRecModel({
      params: snapshot.params,
      shape: snapshot.meta.shape as SasRecShape,
      parameters: snapshot.arrays.parameters as Float32Array,
      ...sequenceDataFromSnapshot(snapshot),
    }),
};

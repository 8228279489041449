// FPMC: factorised personalised Markov chains (Rendle, Freudenthaler & Schmidt-Thieme 2010), trained with S-BPR.
//   x(t, j) = b_j + ⟨ū_t, V_j⟩ + ⟨L_{s_{t−1}}, N_j⟩
// The second term factorises the first-order transition from the last item. For the first, personal term, the user
// factor is the mean of the last `context` items' factors W (as Fossil, He & McAuley 2016, does with FISM), so an
// anonymous session is scored like a known user and no per-user parameters are stored.

import type { Dataset } from '../../core/dataset.ts';
import { createRandom } from '../../core/random.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, ModelSnapshot, Recommender } from '../recommender.ts';
import { runEpochs, validationNdcg } from '../training.ts';
import type { UserHistories } from '../user-history.ts';
import { SequenceModel, sequenceData, sequenceDataFromSnapshot } from './sequence-model.ts';

export const fpmcDefaults = {
  factors: 64,
  /** Recent items averaged into the personal term. */
  context: 20,
  epochs: 30,
  learningRate: 0.05,
  regularization: 0.0005,
  /** Negatives drawn per positive (uniformly). */
  negatives: 2,
  initScale: 0.05,
};

export type FpmcParams = typeof fpmcDefaults;

/** The four factor matrices (items × factors) and the item biases. */
export interface FpmcFactors {
  /** W: items as context of the personal term. */
  context: Float32Array;
  /** V: items as targets of the personal term. */
  target: Float32Array;
  /** L: items as the previous item of a transition. */
  previous: Float32Array;
  /** N: items as the next item of a transition. */
  next: Float32Array;
  bias: Float32Array;
}

export class FpmcModel extends SequenceModel {
  readonly name = 'fpmc';
  readonly factors: FpmcFactors;
  readonly #dimension: number;
  readonly #context: number;
  readonly #user: Float32Array;

  constructor(options: {
    params: FpmcParams;
    histories: UserHistories;
    popularity: Float32Array;
    factors: FpmcFactors;
  }) {
    super(options);
    this.factors = options.factors;
    this.#dimension = options.params.factors;
    this.#context = options.params.context;
    this.#user = new Float32Array(this.#dimension);
  }

  protected scoreSequence(sequence: Int32Array, out: Float32Array): void {
    const d = this.#dimension;
    const user = contextMean(this.factors.context, sequence, sequence.length, this.#context, d, this.#user);
    const last = sequence[sequence.length - 1] * d;
    const { target, previous, next, bias } = this.factors;
    for (let item = 0; item < this.itemCount; item++) {
      const row = item * d;
      let score = bias[item];
      for (let k = 0; k < d; k++) score += user[k] * target[row + k] + previous[last + k] * next[row + k];
      out[item] = score;
    }
  }

  snapshot(): ModelSnapshot {
    const { context, target, previous, next, bias } = this.factors;
    return {
      name: this.name,
      params: { ...this.params },
      meta: {},
      arrays: { ...this.sequenceArrays(), context, target, previous, next, bias },
    };
  }
}

/** Mean of W over the `window` items before position `end` of `sequence`, into `out`. */
function contextMean(
  factors: Float32Array,
  sequence: Int32Array,
  end: number,
  window: number,
  d: number,
  out: Float32Array,
): Float32Array {
  out.fill(0);
  const start = Math.max(0, end - window);
  if (end <= start) return out;
  const scale = 1 / (end - start);
  for (let p = start; p < end; p++) {
    const row = sequence[p] * d;
    for (let k = 0; k < d; k++) out[k] += factors[row + k] * scale;
  }
  return out;
}

/** One S-BPR epoch over every (prefix, next item) pair, users in random order. */
function fpmcEpoch(options: {
  dataset: Dataset;
  factors: FpmcFactors;
  params: FpmcParams;
  seed: number;
  user: Float32Array;
  userGradient: Float32Array;
}): number {
  const { dataset, factors, params, user, userGradient } = options;
  const { context, target, previous, next, bias } = factors;
  const d = params.factors;
  const rate = params.learningRate;
  const lambda = params.regularization;
  const random = createRandom(options.seed);
  const { indptr, indices } = dataset.byUser;
  const order = Array.from({ length: dataset.userCount }, (_, index) => index);
  for (let k = order.length - 1; k > 0; k--) {
    const j = random.int(k + 1);
    [order[k], order[j]] = [order[j], order[k]];
  }
  let loss = 0;
  let steps = 0;
  for (const u of order) {
    const sequence = indices.subarray(indptr[u], indptr[u + 1]);
    for (let t = 1; t < sequence.length; t++) {
      const positive = sequence[t];
      const last = sequence[t - 1] * d;
      contextMean(context, sequence, t, params.context, d, user);
      userGradient.fill(0);
      for (let draw = 0; draw < params.negatives; draw++) {
        const negative = random.int(dataset.itemCount);
        if (negative === positive) continue;
        const p = positive * d;
        const n = negative * d;
        let difference = bias[positive] - bias[negative];
        for (let k = 0; k < d; k++) {
          difference += user[k] * (target[p + k] - target[n + k]) + previous[last + k] * (next[p + k] - next[n + k]);
        }
        const sigma = 1 / (1 + Math.exp(difference));
        loss += Math.log1p(Math.exp(-difference));
        steps++;
        bias[positive] += rate * (sigma - lambda * bias[positive]);
        bias[negative] += rate * (-sigma - lambda * bias[negative]);
        for (let k = 0; k < d; k++) {
          const targetGap = target[p + k] - target[n + k];
          const nextGap = next[p + k] - next[n + k];
          userGradient[k] += sigma * targetGap;
          const lastValue = previous[last + k];
          previous[last + k] += rate * (sigma * nextGap - lambda * lastValue);
          target[p + k] += rate * (sigma * user[k] - lambda * target[p + k]);
          target[n + k] += rate * (-sigma * user[k] - lambda * target[n + k]);
          next[p + k] += rate * (sigma * lastValue - lambda * next[p + k]);
          next[n + k] += rate * (-sigma * lastValue - lambda * next[n + k]);
        }
      }
      // The personal term's gradient reaches each context item's W through the mean.
      const start = Math.max(0, t - params.context);
      const share = 1 / (t - start);
      for (let q = start; q < t; q++) {
        const row = sequence[q] * d;
        for (let k = 0; k < d; k++) context[row + k] += rate * (share * userGradient[k] - lambda * context[row + k]);
      }
    }
  }
  return steps ? loss / steps : 0;
}

async function fit(dataset: Dataset, given: Partial<FpmcParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'fpmc', defaults: fpmcDefaults, given });
  requireRange('fpmc', params, {
    factors: [1, 1024],
    context: [1, 1e6],
    epochs: [0, 100_000],
    learningRate: [0, 10],
    regularization: [0, 1e6],
    negatives: [1, 1000],
    initScale: [0, 10],
  });
  const random = createRandom(options.seed ?? 0);
  const size = dataset.itemCount * params.factors;
  const initial = () => Float32Array.from({ length: size }, () => random.normal() * params.initScale);
  const factors: FpmcFactors = {
    context: initial(),
    target: initial(),
    previous: initial(),
    next: initial(),
    bias: new Float32Array(dataset.itemCount),
  };
  const model = new FpmcModel({ params, factors, ...sequenceData(dataset) });
  const user = new Float32Array(params.factors);
  const userGradient = new Float32Array(params.factors);
  let best: Float32Array[] | null = null;
  const arrays = () => [factors.context, factors.target, factors.previous, factors.next, factors.bias];
  await runEpochs({
    label: 'fpmc',
    epochs: params.epochs,
    fit: options,
    epoch: (epoch) =>
      fpmcEpoch({ dataset, factors, params, seed: ((options.seed ?? 0) * 7919 + epoch) >>> 0, user, userGradient }),
    validate: () => validationNdcg({ model, train: dataset, validation: options.validation as Dataset, k: 10 }),
    keepBest: () => {
      best = arrays().map((array) => array.slice());
    },
    restoreBest: () => {
      const saved = best;
      if (!saved) return;
      arrays().forEach((array, index) => {
        array.set(saved[index]);
      });
    },
  });
  return model;
}

export const fpmc: Recommender<FpmcParams> = {
  name: 'fpmc',
  defaults: fpmcDefaults,
  fit,
  load: (snapshot) =>
    new FpmcModel({
      params: snapshot.params as FpmcParams,
      factors: {
        context: snapshot.arrays.context as Float32Array,
        target: snapshot.arrays.target as Float32Array,
        previous: snapshot.arrays.previous as Float32Array,
        next: snapshot.arrays.next as Float32Array,
        bias: snapshot.arrays.bias as Float32Array,
      },
      ...sequenceDataFromSnapshot(snapshot),
    }),
};

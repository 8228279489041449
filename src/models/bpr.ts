// BPR-MF: matrix factorisation trained on pairwise rankings by SGD (Rendle et al. 2009), with item biases and
// uniform or adaptive (dynamic) negative sampling. With several workers the epochs run Hogwild on shared memory
// (Recht et al. 2011): faster, but no longer bit-reproducible; one worker (the default on small data) is.

import type { Dataset } from '../core/dataset.ts';
import { createRandom } from '../core/random.ts';
import { FactorModel } from './factor-model.ts';
import { type BprState, bprEpoch } from './kernels/bpr-sgd.ts';
import { WorkerPool, workerCount } from './kernels/worker-pool.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, Recommender } from './recommender.ts';
import { runEpochs, validationNdcg } from './training.ts';

export const bprDefaults = {
  factors: 64,
  epochs: 60,
  learningRate: 0.05,
  regularization: 0.002,
  biasRegularization: 0,
  /** uniform, or adaptive: the best-scored of `candidates` uniform draws. */
  negatives: 'uniform',
  candidates: 3,
  /** SGD steps per epoch as a multiple of the interaction count. */
  samplesPerInteraction: 1,
  initScale: 0.1,
};

export type BprParams = typeof bprDefaults;
const choices = { negatives: ['uniform', 'adaptive'] };

function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

function createState(dataset: Dataset, params: BprParams, seed: number): BprState {
  const stride = params.factors + 1;
  const random = createRandom(seed);
  const userFactors = sharedFloat32(dataset.userCount * stride);
  const itemFactors = sharedFloat32(dataset.itemCount * stride);
  for (let index = 0; index < userFactors.length; index++) {
    userFactors[index] = index % stride === params.factors ? 1 : random.normal() * params.initScale;
  }
  for (let index = 0; index < itemFactors.length; index++) {
    itemFactors[index] = index % stride === params.factors ? 0 : random.normal() * params.initScale;
  }
  const { indptr, indices } = dataset.byUser;
  const sortedItems = new Int32Array(new SharedArrayBuffer(indices.byteLength));
  const positionUser = new Int32Array(new SharedArrayBuffer(indices.byteLength));
  for (let user = 0; user < dataset.userCount; user++) {
    const row = indices.slice(indptr[user], indptr[user + 1]).sort();
    sortedItems.set(row, indptr[user]);
    positionUser.fill(user, indptr[user], indptr[user + 1]);
  }
  return {
    userFactors,
    itemFactors,
    stride,
    factors: params.factors,
    indptr,
    sortedItems,
    positionUser,
    itemCount: dataset.itemCount,
  };
}

async function fit(dataset: Dataset, given: Partial<BprParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'bpr', defaults: bprDefaults, given, choices });
  requireRange('bpr', params, {
    factors: [1, 1024],
    epochs: [0, 100_000],
    learningRate: [0, 10],
    regularization: [0, 1e6],
    biasRegularization: [0, 1e6],
    candidates: [1, 1000],
    samplesPerInteraction: [0, 1000],
  });
  const seed = options.seed ?? 0;
  const state = createState(dataset, params, seed);
  const samples = Math.round(dataset.interactionCount * params.samplesPerInteraction);
  // Hogwild pays off only on larger data; an explicit worker count is honoured.
  const threads =
    options.workers !== undefined
      ? workerCount(options.workers)
      : Math.min(workerCount(undefined), Math.max(1, Math.floor(dataset.interactionCount / 500_000)));
  const pool =
    threads > 1
      ? WorkerPool.create({ module: new URL('./kernels/bpr-worker.ts', import.meta.url), size: threads, shared: state })
      : null;
  const step = {
    learningRate: params.learningRate,
    regularization: params.regularization,
    biasRegularization: params.biasRegularization,
    candidates: params.negatives === 'adaptive' ? params.candidates : 1,
  };
  const toModel = () =>
    new FactorModel({
      name: 'bpr',
      params,
      factors: state.stride,
      userCount: dataset.userCount,
      itemCount: dataset.itemCount,
      userFactors: state.userFactors,
      itemFactors: state.itemFactors,
      foldIn: { regularization: 1, alpha: 1, unobservedWeight: 0.1 },
    });
  let best: [Float32Array, Float32Array] | null = null;
  try {
    await runEpochs({
      label: 'bpr',
      epochs: params.epochs,
      fit: options,
      epoch: async (epoch) => {
        const epochSeed = (seed * 1_000_003 + epoch * 7919) >>> 0;
        if (!pool) return bprEpoch(state, { ...step, samples, seed: epochSeed });
        const share = Math.ceil(samples / threads);
        const losses = await pool.map<number>(
          'epoch',
          Array.from({ length: threads }, (_, worker) => ({ ...step, samples: share, seed: epochSeed + worker })),
        );
        return losses.reduce((sum, loss) => sum + loss, 0) / threads;
      },
      validate: () =>
        validationNdcg({ model: toModel(), train: dataset, validation: options.validation as Dataset, k: 10 }),
      keepBest: () => {
        best = [state.userFactors.slice(), state.itemFactors.slice()];
      },
      restoreBest: () => {
        if (!best) return;
        state.userFactors.set(best[0]);
        state.itemFactors.set(best[1]);
      },
    });
  } finally {
    await pool?.close();
  }
  return toModel();
}

export const bpr: Recommender<BprParams> = {
  name: 'bpr',
  defaults: bprDefaults,
  choices,
  fit,
  load: (snapshot) => FactorModel.fromSnapshot(snapshot),
};

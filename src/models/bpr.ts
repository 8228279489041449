// BPR-MF: matrix factorisation trained on pairwise rankings by SGD (Rendle et al. 2009), with item biases and
// uniform or adaptive (dynamic) negative sampling. With several workers the epochs run Hogwild on shared memory
// (Recht et al. 2011): faster, but no longer bit-reproducible; one worker (the default on small data) is.

import type { Dataset } from '../core/dataset.ts';
import { createRandom } from '../core/random.ts';
import { FactorModel } from './factor-model.ts';
import { type BprState, bprEpoch } from './kernels/bpr-sgd.ts';
import { paddedStride, WasmArena } from './kernels/wasm-arena.ts';
import { WorkerPool, workerCount } from './kernels/worker-pool.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, Recommender } from './recommender.ts';
import { runEpochs, validationNdcg } from './training.ts';

export const bprDefaults = {
  factors: 64,
  epochs: 500,
  learningRate: 0.01,
  regularization: 0.015,
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

/** Factors in a shared WasmArena (random normal, bias columns 0, the user's bias column 1). */
function createState(
  dataset: Dataset,
  params: BprParams,
  seed: number,
): { state: BprState; users: Float32Array; items: Float32Array } {
  const stride = paddedStride(params.factors + 1);
  const random = createRandom(seed);
  const arena = WasmArena.create((dataset.userCount + dataset.itemCount) * stride * 4 + 4096);
  const users = arena.float32(dataset.userCount * stride);
  const items = arena.float32(dataset.itemCount * stride);
  const fill = (matrix: Float32Array, bias: number) => {
    for (let index = 0; index < matrix.length; index++) {
      const column = index % stride;
      matrix[index] =
        column < params.factors ? random.normal() * params.initScale : column === params.factors ? bias : 0;
    }
  };
  fill(users, 1);
  fill(items, 0);
  const { indptr, indices } = dataset.byUser;
  const sortedItems = new Int32Array(new SharedArrayBuffer(indices.byteLength));
  const positionUser = new Int32Array(new SharedArrayBuffer(indices.byteLength));
  for (let user = 0; user < dataset.userCount; user++) {
    sortedItems.set(indices.slice(indptr[user], indptr[user + 1]).sort(), indptr[user]);
    positionUser.fill(user, indptr[user], indptr[user + 1]);
  }
  const state: BprState = {
    memory: arena.memory,
    userFactors: users.byteOffset,
    itemFactors: items.byteOffset,
    stride,
    factors: params.factors,
    indptr,
    sortedItems,
    positionUser,
    itemCount: dataset.itemCount,
  };
  return { state, users, items };
}

/** Rows of `stride` floats cut to their first `width` columns. */
function firstColumns(matrix: Float32Array, stride: number, width: number): Float32Array {
  const rows = matrix.length / stride;
  const out = new Float32Array(rows * width);
  for (let row = 0; row < rows; row++) out.set(matrix.subarray(row * stride, row * stride + width), row * width);
  return out;
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
  const { state, users, items } = createState(dataset, params, seed);
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
      factors: params.factors + 1,
      userCount: dataset.userCount,
      itemCount: dataset.itemCount,
      userFactors: firstColumns(users, state.stride, params.factors + 1),
      itemFactors: firstColumns(items, state.stride, params.factors + 1),
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
        best = [users.slice(), items.slice()];
      },
      restoreBest: () => {
        if (!best) return;
        users.set(best[0]);
        items.set(best[1]);
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

// iALS: implicit-feedback matrix factorisation with confidence weights c = 1 + alpha·r (Hu, Koren & Volinsky 2008),
// solved by conjugate gradient per row (Takács, Pilászy & Tikk 2011; as in the `implicit` library) or by Cholesky,
// in worker threads over one shared WebAssembly memory. Defaults tuned on ML-100K (docs/models.md).

import type { Dataset } from '../core/dataset.ts';
import { createRandom } from '../core/random.ts';
import { FactorModel } from './factor-model.ts';
import { type AlsProblem, createAlsProblem } from './kernels/als-layout.ts';
import { accumulateGram, sampledUserLoss, solveRows } from './kernels/als-solver.ts';
import { balancedRanges, WorkerPool, workerCount } from './kernels/worker-pool.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, ModelSnapshot, Recommender } from './recommender.ts';
import { runEpochs, validationNdcg } from './training.ts';

export const ialsDefaults = {
  factors: 64,
  iterations: 15,
  regularization: 8,
  /** Confidence slope: c = 1 + alpha · weight(value). */
  alpha: 3,
  /** How an interaction value becomes a weight: 1, the value itself, or log(1 + value). */
  weighting: 'binary',
  solver: 'cg',
  cgSteps: 3,
  /** λ_row = λ·(1 + n_row)^exponent (Rendle et al. 2021 frequency scaling); 0 keeps λ flat. */
  regularizationExponent: 0.3,
  initScale: 0.01,
};

export type IalsParams = typeof ialsDefaults;

const choices = { weighting: ['binary', 'value', 'log'], solver: ['cg', 'cholesky'] };

/** Maps an interaction value to its weight under `weighting`. */
export function valueWeight(weighting: string): (value: number) => number {
  if (weighting === 'value') return (value) => value;
  if (weighting === 'log') return (value) => Math.log1p(Math.max(0, value));
  return () => 1;
}

async function fit(dataset: Dataset, given: Partial<IalsParams> = {}, options: FitOptions = {}): Promise<FactorModel> {
  const params = resolveParams({ model: 'ials', defaults: ialsDefaults, given, choices });
  requireRange('ials', params, {
    factors: [1, 1024],
    iterations: [0, 10_000],
    regularization: [0, 1e9],
    alpha: [0, 1e9],
    cgSteps: [1, 1000],
  });
  // Worker threads pay off only on larger data (start-up costs tens of milliseconds).
  const threads = Math.min(workerCount(options.workers), Math.max(1, Math.floor(dataset.interactionCount / 200_000)));
  const weight = valueWeight(params.weighting);
  const problem = createAlsProblem({
    dataset,
    factors: params.factors,
    extraConfidence: (value) => params.alpha * weight(value),
    slots: threads + 1,
    random: createRandom(options.seed ?? 0),
    initScale: params.initScale,
    settings: {
      regularization: params.regularization,
      regularizationExponent: params.regularizationExponent,
      cgSteps: params.cgSteps,
      solver: params.solver as 'cg' | 'cholesky',
    },
  });
  const pool =
    threads > 1
      ? WorkerPool.create({
          module: new URL('./kernels/als-worker.ts', import.meta.url),
          size: threads,
          shared: { layout: problem.layout, identity: problem.identity },
        })
      : null;
  const toModel = () =>
    new FactorModel({
      name: 'ials',
      params,
      factors: params.factors,
      userCount: dataset.userCount,
      itemCount: dataset.itemCount,
      userFactors: unpadded(problem.userFactors, problem.layout.stride, params.factors),
      itemFactors: unpadded(problem.itemFactors, problem.layout.stride, params.factors),
      foldIn: { regularization: params.regularization, alpha: params.alpha, unobservedWeight: 1 },
    });
  const lossSample = Int32Array.from({ length: Math.min(1000, dataset.userCount) }, (_, index) =>
    Math.floor((index * dataset.userCount) / Math.min(1000, dataset.userCount)),
  );
  let best: [Float32Array, Float32Array] | null = null;
  try {
    await runEpochs({
      label: 'ials',
      epochs: params.iterations,
      fit: options,
      epoch: async () => {
        await halfStep(problem, pool, 'users');
        // The loss right after the user step, while layout.gram still holds YᵀY; a fixed user sample keeps it cheap.
        const loss = sampledUserLoss({ arena: problem.arena, layout: problem.layout, users: lossSample });
        await halfStep(problem, pool, 'items');
        return loss;
      },
      validate: () =>
        validationNdcg({ model: toModel(), train: dataset, validation: options.validation as Dataset, k: 10 }),
      keepBest: () => {
        best = [problem.userFactors.slice(), problem.itemFactors.slice()];
      },
      restoreBest: () => {
        if (!best) return;
        problem.userFactors.set(best[0]);
        problem.itemFactors.set(best[1]);
      },
    });
  } finally {
    await pool?.close();
  }
  return toModel();
}

/** Recomputes the fixed side's Gram matrix, then solves every row of `side`. */
async function halfStep(problem: AlsProblem, pool: WorkerPool | null, side: 'users' | 'items'): Promise<void> {
  const { arena, layout, identity } = problem;
  const fixed = side === 'users' ? 'items' : 'users';
  const gramFloats = layout.stride * layout.stride;
  const gram = arena.view(layout.gram, gramFloats);
  gram.fill(0);
  const target = layout[side];
  if (!pool) {
    accumulateGram({ arena, layout, side: fixed, start: 0, end: layout[fixed].rows, identity, out: layout.gram });
    mirrorLower(gram, layout.stride);
    solveRows({ arena, layout, side, start: 0, end: target.rows, slot: layout.scratch.length - 1 });
    return;
  }
  const partials = layout.scratch
    .slice(0, pool.size)
    .map((slot) => arena.view(slot + 3 * layout.stride * 4, gramFloats));
  for (const partial of partials) partial.fill(0);
  const gramRanges = balancedRanges(layout[fixed].rows, pool.size, () => 1);
  await pool.map(
    'gram',
    gramRanges.map(([start, end]) => ({ side: fixed, start, end })),
  );
  for (const partial of partials) for (let index = 0; index < gramFloats; index++) gram[index] += partial[index];
  mirrorLower(gram, layout.stride);
  const cost = (row: number) => target.indptr[row + 1] - target.indptr[row] + layout.stride;
  const ranges = balancedRanges(target.rows, pool.size * 16, cost);
  await pool.map(
    'solve',
    ranges.map(([start, end]) => ({ side, start, end })),
  );
}

/** Copies the lower triangle of an n × n matrix onto the upper one (the Gram kernel fills only the lower). */
function mirrorLower(matrix: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) matrix[i * n + j] = matrix[j * n + i];
}

function unpadded(source: Float32Array, stride: number, factors: number): Float32Array {
  if (stride === factors) return source.slice();
  const rows = source.length / stride;
  const out = new Float32Array(rows * factors);
  for (let row = 0; row < rows; row++) out.set(source.subarray(row * stride, row * stride + factors), row * factors);
  return out;
}

export const ials: Recommender<IalsParams> = {
  name: 'ials',
  defaults: ialsDefaults,
  choices,
  fit,
  load: (snapshot: ModelSnapshot) => FactorModel.fromSnapshot(snapshot),
};

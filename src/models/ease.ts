// EASE: a linear item-item model with the closed form B = I − P·diag(1/diag P), P = (XᵀX + λI)⁻¹ (Steck 2019,
// "Embarrassingly Shallow Autoencoders"). Dense item × item, practical up to about 20k items (4n² bytes twice).

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { silentProgress } from '../core/progress.ts';
import { DenseItemModel } from './dense-item-model.ts';
import { valueWeight } from './ials.ts';
import { invertSymmetric } from './kernels/spd-parallel.ts';
import { paddedStride, WasmArena } from './kernels/wasm-arena.ts';
import { workerCount } from './kernels/worker-pool.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, Recommender } from './recommender.ts';
import { UserHistories } from './user-history.ts';

export const easeDefaults = {
  /** λ, the L2 penalty added to the Gram diagonal. */
  regularization: 400,
  weighting: 'binary',
  /** Refuse catalogs larger than this: fitting holds 8·n² bytes in one WebAssembly memory, at most 4 GiB. */
  maxItems: 20_000,
};

export type EaseParams = typeof easeDefaults;
const choices = { weighting: ['binary', 'value', 'log'] };

async function fit(dataset: Dataset, given: Partial<EaseParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'ease', defaults: easeDefaults, given, choices });
  requireRange('ease', params, { regularization: [0, 1e12], maxItems: [1, 22_000] });
  const n = dataset.itemCount;
  if (n > params.maxItems) {
    throw new InvalidInputError(`ease: ${n} items exceed maxItems ${params.maxItems} (dense n² matrices)`, {
      context: { field: 'ease.maxItems' },
    });
  }
  const progress = options.progress ?? silentProgress;
  progress.start('ease: Gram matrix and inverse');
  const histories = UserHistories.fromDataset(dataset, valueWeight(params.weighting));
  const stride = paddedStride(n);
  const arena = WasmArena.create(2 * n * stride * 4 + 65536);
  const gram = arena.float32(n * stride);
  const out = arena.float32(n * stride);
  // G = XᵀX, lower triangle (the Cholesky pass reads only that), plus λ on the diagonal.
  const { indptr, indices, values } = histories;
  for (let user = 0; user < histories.userCount; user++) {
    for (let p = indptr[user]; p < indptr[user + 1]; p++) {
      const rowOffset = indices[p] * stride;
      const weight = values[p];
      for (let q = indptr[user]; q < indptr[user + 1]; q++) {
        if (indices[q] <= indices[p]) gram[rowOffset + indices[q]] += weight * values[q];
      }
    }
  }
  for (let item = 0; item < n; item++) gram[item * stride + item] += params.regularization;
  const threads = Math.min(workerCount(options.workers), n >= 1000 ? 8 : 1);
  await invertSymmetric({ arena, matrix: { offset: gram.byteOffset, n, stride }, out: out.byteOffset, threads });
  // B[i][j] = −P[i][j] / P[j][j] off the diagonal, 0 on it; P's upper triangle is in `out`.
  const diagonal = Float32Array.from({ length: n }, (_, item) => out[item * stride + item]);
  for (let i = 0; i < n; i++) {
    out[i * stride + i] = 0;
    for (let j = i + 1; j < n; j++) {
      const value = out[i * stride + j];
      out[i * stride + j] = -value / diagonal[j];
      out[j * stride + i] = -value / diagonal[i];
    }
  }
  progress.done();
  return new DenseItemModel({ name: 'ease', params, histories, matrix: out });
}

export const ease: Recommender<EaseParams> = {
  name: 'ease',
  defaults: easeDefaults,
  choices,
  fit,
  load: (snapshot) => DenseItemModel.fromSnapshot(snapshot),
};

// The training frame shared by SGD factor models whose factors carry a bias column (Rel-MF, SocialMF): factors
// initialised at random with the user's column fixed at 1 and the item's bias at 0, epochs with validation-based
// early stopping that keeps the best factors, and the FactorModel they become.

import type { Dataset } from '../core/dataset.ts';
import { createRandom } from '../core/random.ts';
import { FactorModel } from './factor-model.ts';
import type { FitOptions } from './recommender.ts';
import { runEpochs, validationNdcg } from './training.ts';

export interface BiasedFactors {
  /** users × (factors + 1); the last column is 1. */
  users: Float32Array;
  /** items × (factors + 1); the last column is the item bias. */
  items: Float32Array;
  stride: number;
}

export function biasedFactors(dataset: Dataset, options: { factors: number; initScale: number; seed: number }) {
  const random = createRandom(options.seed);
  const d = options.factors;
  const stride = d + 1;
  const users = Float32Array.from({ length: dataset.userCount * stride }, (_, index) =>
    index % stride === d ? 1 : random.normal() * options.initScale,
  );
  const items = Float32Array.from({ length: dataset.itemCount * stride }, (_, index) =>
    index % stride === d ? 0 : random.normal() * options.initScale,
  );
  return { users, items, stride };
}

/** Runs `epoch` for `epochs` epochs (early stopping on `fit.validation`) and returns the best state as a model. */
export async function trainFactors(options: {
  name: string;
  params: Readonly<Record<string, unknown>>;
  dataset: Dataset;
  factors: BiasedFactors;
  epochs: number;
  fit: FitOptions;
  /** One epoch of updates; returns its mean loss. */
  epoch: () => number;
}): Promise<FactorModel> {
  const { dataset, factors, fit } = options;
  const { users, items, stride } = factors;
  const toModel = () =>
    new FactorModel({
      name: options.name,
      params: options.params,
      factors: stride,
      userCount: dataset.userCount,
      itemCount: dataset.itemCount,
      userFactors: users,
      itemFactors: items,
      foldIn: { regularization: 1, alpha: 1, unobservedWeight: 0.1 },
    });
  let best: [Float32Array, Float32Array] | null = null;
  await runEpochs({
    label: options.name,
    epochs: options.epochs,
    fit,
    epoch: options.epoch,
    validate: () => validationNdcg({ model: toModel(), train: dataset, validation: fit.validation as Dataset }),
    keepBest: () => {
      best = [users.slice(), items.slice()];
    },
    restoreBest: () => {
      if (!best) return;
      users.set(best[0]);
      items.set(best[1]);
    },
  });
  return toModel();
}

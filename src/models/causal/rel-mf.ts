// Matrix factorisation trained on clicks with inverse-propensity weighting, to undo exposure and popularity bias
// (Rel-MF, Saito et al. 2020, "Unbiased recommender learning from missing-not-at-random implicit feedback"):
//   L = Σ_(u,i) [ (Y_ui/θ_i) · −log σ(r_ui) + (1 − Y_ui/θ_i) · −log(1 − σ(r_ui)) ]
// with unobserved pairs sampled. `estimator`: ips (the unbiased weights), snips (weights divided by their mean over
// the positives, Swaminathan & Joachims 2015: lower variance) or naive (θ = 1: plain pointwise MF, the biased one).

import type { Dataset } from '../../core/dataset.ts';
import { createRandom } from '../../core/random.ts';
import { biasedFactors, trainFactors } from '../factor-epochs.ts';
import { FactorModel } from '../factor-model.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, Recommender } from '../recommender.ts';
import { popularityPropensities } from './exposure-propensity.ts';

export const relMfDefaults = {
  factors: 32,
  epochs: 30,
  learningRate: 0.05,
  regularization: 0.002,
  /** ips, snips or naive (no weighting). */
  estimator: 'ips',
  /** η in θ_i = (n_i / max n)^η. */
  propensityPower: 0.5,
  /** Smallest propensity used (clipping bounds the weights, Saito et al. 2020). */
  propensityFloor: 0.05,
  /** Unobserved pairs sampled per observed one. */
  negatives: 4,
  initScale: 0.1,
};

export type RelMfParams = typeof relMfDefaults;
const choices = { estimator: ['ips', 'snips', 'naive'] };

/** Trains Rel-MF; `propensities` (one per item) replaces the popularity estimate when given. */
export async function fitRelMf(
  dataset: Dataset,
  given: Partial<RelMfParams> = {},
  options: FitOptions & { propensities?: Float32Array } = {},
) {
  const params = resolveParams({ model: 'rel-mf', defaults: relMfDefaults, given, choices });
  requireRange('rel-mf', params, {
    factors: [1, 1024],
    epochs: [0, 100_000],
    learningRate: [0, 10],
    regularization: [0, 1e6],
    propensityPower: [0, 10],
    propensityFloor: [1e-6, 1],
    negatives: [0, 1000],
    initScale: [0, 10],
  });
  const d = params.factors;
  const random = createRandom(options.seed ?? 0);
  const factors = biasedFactors(dataset, { factors: d, initScale: params.initScale, seed: options.seed ?? 0 });
  const { users, items, stride } = factors;
  const propensity = (
    options.propensities ?? popularityPropensities(dataset, { power: params.propensityPower, floor: 0 })
  ).map((value) => (params.estimator === 'naive' ? 1 : Math.max(params.propensityFloor, value)));
  const { indptr, indices } = dataset.byUser;
  let normaliser = 1;
  if (params.estimator === 'snips') {
    let total = 0;
    for (const item of indices) total += 1 / propensity[item];
    normaliser = indices.length ? total / indices.length : 1;
  }
  const positiveUsers = new Int32Array(indices.length);
  for (let user = 0; user < dataset.userCount; user++) positiveUsers.fill(user, indptr[user], indptr[user + 1]);
  const step = (user: number, item: number, weight: number) => {
    const u = user * stride;
    const i = item * stride;
    let score = 0;
    for (let k = 0; k <= d; k++) score += users[u + k] * items[i + k];
    const p = 1 / (1 + Math.exp(-score));
    // d/dscore of w·(−log σ) + (1 − w)·(−log(1 − σ)) = p − w.
    const gradient = p - weight;
    for (let k = 0; k < d; k++) {
      const userValue = users[u + k];
      users[u + k] -= params.learningRate * (gradient * items[i + k] + params.regularization * userValue);
      items[i + k] -= params.learningRate * (gradient * userValue + params.regularization * items[i + k]);
    }
    items[i + d] -= params.learningRate * gradient;
    return weight > 0
      ? -weight * Math.log(Math.max(p, 1e-7)) - (1 - weight) * Math.log(Math.max(1 - p, 1e-7))
      : -Math.log(Math.max(1 - p, 1e-7));
  };
  return trainFactors({
    name: 'rel-mf',
    params,
    dataset,
    factors,
    epochs: params.epochs,
    fit: options,
    epoch: () => {
      let loss = 0;
      for (let draw = 0; draw < indices.length; draw++) {
        const position = random.int(indices.length);
        const item = indices[position];
        loss += step(positiveUsers[position], item, 1 / propensity[item] / normaliser);
        for (let negative = 0; negative < params.negatives; negative++) {
          loss += step(positiveUsers[position], random.int(dataset.itemCount), 0);
        }
      }
      return indices.length ? loss / indices.length : 0;
    },
  });
}

export const relMf: Recommender<RelMfParams> = {
  name: 'rel-mf',
  defaults: relMfDefaults,
  choices,
  fit: (dataset, params, options) => fitRelMf(dataset, params, options),
  load: (snapshot) => FactorModel.fromSnapshot(snapshot),
};

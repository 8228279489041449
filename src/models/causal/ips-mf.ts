// Matrix factorisation trained on clicks with inverse-propensity weighting, to undo exposure and popularity bias: a
// click on an item few users were exposed to says more than one on an item everybody saw. Pointwise log loss on
// observed clicks and sampled unobserved pairs, with `estimator`:
//   ips     clicks weighted by 1/θ_i (IPS-weighted loss on the observed entries, Schnabel et al. 2016)
//   snips   the same weights divided by their mean over the clicks (self-normalised, Swaminathan & Joachims 2015)
//   rel-mf  Rel-MF's unbiased loss (Y/θ)·−log σ + (1 − Y/θ)·−log(1 − σ) (Saito et al. 2020); unbiased but its
//           negative weights make it unstable without strong clipping
//   naive   θ = 1: plain pointwise MF, the biased baseline

import type { Dataset } from '../../core/dataset.ts';
import { createRandom } from '../../core/random.ts';
import { biasedFactors, trainFactors } from '../factor-epochs.ts';
import { FactorModel } from '../factor-model.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, Recommender } from '../recommender.ts';
import { popularityPropensities } from './exposure-propensity.ts';

export const ipsMfDefaults = {
  factors: 32,
  epochs: 30,
  learningRate: 0.05,
  regularization: 0.002,
  /** ips, snips, rel-mf or naive (no weighting). */
  estimator: 'ips',
  /** η in θ_i = (n_i / max n)^η. */
  propensityPower: 0.5,
  /** Smallest propensity used (clipping bounds the weights, Saito et al. 2020). */
  propensityFloor: 0.05,
  /** Unobserved pairs sampled per observed one. */
  negatives: 4,
  initScale: 0.1,
};

export type IpsMfParams = typeof ipsMfDefaults;
const choices = { estimator: ['ips', 'snips', 'rel-mf', 'naive'] };

/** Trains IPS-weighted MF; `propensities` (one per item) replace the popularity estimate when given. */
export async function fitIpsMf(
  dataset: Dataset,
  given: Partial<IpsMfParams> = {},
  options: FitOptions & { propensities?: Float32Array } = {},
) {
  const params = resolveParams({ model: 'ips-mf', defaults: ipsMfDefaults, given, choices });
  requireRange('ips-mf', params, {
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
  const relMf = params.estimator === 'rel-mf';
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
    // d/dscore: unobserved −log(1 − σ) → p; a click's w·−log σ → w(p − 1); Rel-MF's w·−log σ + (1 − w)·−log(1 − σ) → p − w.
    const gradient = weight === 0 ? p : relMf ? p - weight : weight * (p - 1);
    for (let k = 0; k < d; k++) {
      const userValue = users[u + k];
      users[u + k] -= params.learningRate * (gradient * items[i + k] + params.regularization * userValue);
      items[i + k] -= params.learningRate * (gradient * userValue + params.regularization * items[i + k]);
    }
    items[i + d] -= params.learningRate * gradient;
    const positive = -Math.log(Math.max(p, 1e-7));
    const negative = -Math.log(Math.max(1 - p, 1e-7));
    if (weight === 0) return negative;
    return relMf ? weight * positive + (1 - weight) * negative : weight * positive;
  };
  return trainFactors({
    name: 'ips-mf',
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

export const ipsMf: Recommender<IpsMfParams> = {
  name: 'ips-mf',
  defaults: ipsMfDefaults,
  choices,
  fit: (dataset, params, options) => fitIpsMf(dataset, params, options),
  load: (snapshot) => FactorModel.fromSnapshot(snapshot),
};

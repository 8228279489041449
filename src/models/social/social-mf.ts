// SocialMF (Jamali & Ester 2010) for implicit feedback: BPR matrix factorisation (Rendle et al. 2009) whose user
// factors are pulled towards the trust-weighted mean of the factors of the users they trust,
//   L = Σ_(u,i,j) −ln σ(x_ui − x_uj) + λ‖Θ‖² + β Σ_u ‖U_u − Σ_v T_uv U_v‖²   (T row-normalised),
// so users with few interactions borrow taste from the people they follow. The social term takes one full gradient
// step per epoch (its gradient couples all users).

import type { Dataset, SparseRows } from '../../core/dataset.ts';
import { createRandom } from '../../core/random.ts';
import { biasedFactors, trainFactors } from '../factor-epochs.ts';
import { FactorModel } from '../factor-model.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, Recommender } from '../recommender.ts';
import { socialGraph } from './trust.ts';

export const socialMfDefaults = {
  factors: 32,
  epochs: 40,
  learningRate: 0.05,
  regularization: 0.01,
  /** β, the weight of the social term. */
  socialWeight: 0.5,
  initScale: 0.1,
};

export type SocialMfParams = typeof socialMfDefaults;

/** Row-normalised trust T (rows of users who trust nobody stay empty). */
function normalisedTrust(social: SparseRows): SparseRows {
  const values = new Float32Array(social.values.length);
  for (let user = 0; user + 1 < social.indptr.length; user++) {
    let total = 0;
    for (let p = social.indptr[user]; p < social.indptr[user + 1]; p++) total += social.values[p];
    for (let p = social.indptr[user]; p < social.indptr[user + 1]; p++)
      values[p] = total > 0 ? social.values[p] / total : 0;
  }
  return { indptr: social.indptr, indices: social.indices, values };
}

/** One gradient step on β Σ_u ‖U_u − Σ_v T_uv U_v‖² for all users (columns < factors only). */
function socialStep(options: {
  users: Float32Array;
  trust: SparseRows;
  stride: number;
  factors: number;
  rate: number;
}) {
  const { users, trust, stride, factors, rate } = options;
  const count = trust.indptr.length - 1;
  const difference = new Float32Array(count * stride);
  for (let user = 0; user < count; user++) {
    if (trust.indptr[user] === trust.indptr[user + 1]) continue;
    for (let k = 0; k < factors; k++) difference[user * stride + k] = users[user * stride + k];
    for (let p = trust.indptr[user]; p < trust.indptr[user + 1]; p++) {
      const other = trust.indices[p] * stride;
      for (let k = 0; k < factors; k++) difference[user * stride + k] -= trust.values[p] * users[other + k];
    }
  }
  // ∂/∂U_w = 2β (D_w − Σ_{u trusts w} T_uw D_u).
  const gradient = difference.slice();
  for (let user = 0; user < count; user++) {
    for (let p = trust.indptr[user]; p < trust.indptr[user + 1]; p++) {
      const other = trust.indices[p] * stride;
      for (let k = 0; k < factors; k++) gradient[other + k] -= trust.values[p] * difference[user * stride + k];
    }
  }
  for (let index = 0; index < users.length; index++)
    if (index % stride < factors) users[index] -= rate * 2 * gradient[index];
}

async function fit(dataset: Dataset, given: Partial<SocialMfParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'social-mf', defaults: socialMfDefaults, given });
  requireRange('social-mf', params, {
    factors: [1, 1024],
    epochs: [0, 100_000],
    learningRate: [0, 10],
    regularization: [0, 1e6],
    socialWeight: [0, 1e6],
    initScale: [0, 10],
  });
  const trust = normalisedTrust(socialGraph('social-mf', options, dataset.userCount));
  const d = params.factors;
  const random = createRandom(options.seed ?? 0);
  const factors = biasedFactors(dataset, { factors: d, initScale: params.initScale, seed: options.seed ?? 0 });
  const { users, items, stride } = factors;
  const { indptr, indices } = dataset.byUser;
  const owner = new Int32Array(indices.length);
  for (let user = 0; user < dataset.userCount; user++) owner.fill(user, indptr[user], indptr[user + 1]);
  const has = (user: number, item: number) => {
    for (let p = indptr[user]; p < indptr[user + 1]; p++) if (indices[p] === item) return true;
    return false;
  };
  const { learningRate: rate, regularization: lambda } = params;
  return trainFactors({
    name: 'social-mf',
    params,
    dataset,
    factors,
    epochs: params.epochs,
    fit: options,
    epoch: () => {
      let loss = 0;
      for (let step = 0; step < indices.length; step++) {
        const position = random.int(indices.length);
        const user = owner[position] * stride;
        const positive = indices[position] * stride;
        let negative = random.int(dataset.itemCount);
        if (has(owner[position], negative)) negative = random.int(dataset.itemCount);
        const j = negative * stride;
        let difference = 0;
        for (let k = 0; k <= d; k++) difference += users[user + k] * (items[positive + k] - items[j + k]);
        const sigma = 1 / (1 + Math.exp(difference));
        loss += Math.log1p(Math.exp(-difference));
        for (let k = 0; k < d; k++) {
          const u = users[user + k];
          users[user + k] += rate * (sigma * (items[positive + k] - items[j + k]) - lambda * u);
          items[positive + k] += rate * (sigma * u - lambda * items[positive + k]);
          items[j + k] += rate * (-sigma * u - lambda * items[j + k]);
        }
        items[positive + d] += rate * sigma;
        items[j + d] -= rate * sigma;
      }
      if (params.socialWeight > 0) socialStep({ users, trust, stride, factors: d, rate: rate * params.socialWeight });
      return indices.length ? loss / indices.length : 0;
    },
  });
}

export const socialMf: Recommender<SocialMfParams> = {
  name: 'social-mf',
  defaults: socialMfDefaults,
  fit,
  load: (snapshot) => FactorModel.fromSnapshot(snapshot),
};

// Trust-propagated neighbourhood recommendation: items the users one trusts (directly or within a few hops,
// propagated as in MoleTrust) interacted with, each weighted by the trust, recent interactions more (Massa &
// Avesani 2007; Golbeck 2005 TidalTrust). Users who trust nobody, and anonymous sessions, fall back to popularity.

import type { Dataset, SparseRows } from '../../core/dataset.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, ModelSnapshot, Recommender, UserRef } from '../recommender.ts';
import { ScoringModel } from '../scoring-model.ts';
import { neighbourArrays, neighboursFromArrays } from '../sparse-item-model.ts';
import { checkUser, historiesFromArrays, historyArrays, historyOf, UserHistories } from '../user-history.ts';
import { propagateTrust, socialGraph } from './trust.ts';

export const trustKnnDefaults = {
  /** Hops trust travels. */
  depth: 2,
  /** Multiplies trust per extra hop. */
  decay: 0.5,
  /** Trusted users kept per user. */
  neighbours: 50,
  /** Each trusted user's latest interactions that count. */
  recentItems: 30,
  /** Weight of the popularity prior added to every score (breaks ties, fills short lists). */
  popularityWeight: 0.001,
};

export type TrustKnnParams = typeof trustKnnDefaults;

export class TrustKnnModel extends ScoringModel {
  readonly name = 'trust-knn';
  readonly histories: UserHistories;
  readonly trust: SparseRows;
  readonly popularity: Float32Array;
  readonly #knn: TrustKnnParams;

  constructor(options: {
    params: TrustKnnParams;
    histories: UserHistories;
    trust: SparseRows;
    popularity: Float32Array;
  }) {
    super({ params: options.params, userCount: options.histories.userCount, itemCount: options.histories.itemCount });
    this.#knn = options.params;
    this.histories = options.histories;
    this.trust = options.trust;
    this.popularity = options.popularity;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    const weight = this.#knn.popularityWeight;
    for (let item = 0; item < out.length; item++) out[item] = weight * this.popularity[item];
    if (typeof user !== 'number') {
      historyOf(user, this.itemCount);
      return;
    }
    checkUser(user, this.userCount);
    const { indptr, indices, values } = this.trust;
    for (let p = indptr[user]; p < indptr[user + 1]; p++) {
      const items = this.histories.of(indices[p]).items;
      const start = Math.max(0, items.length - this.#knn.recentItems);
      for (let q = start; q < items.length; q++) {
        // Newer interactions of the trusted user weigh more (rank-based recency).
        out[items[q]] += values[p] / (1 + 0.1 * (items.length - 1 - q));
      }
    }
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: {},
      arrays: { ...historyArrays(this.histories), ...neighbourArrays(this.trust), popularity: this.popularity },
    };
  }
}

/** Interactions per item, normalised to a maximum of 1. */
export function normalisedPopularity(dataset: Dataset): Float32Array {
  const counts = new Float32Array(dataset.itemCount);
  for (const item of dataset.byUser.indices) counts[item]++;
  let max = 1;
  for (const count of counts) max = Math.max(max, count);
  return counts.map((count) => count / max);
}

async function fit(dataset: Dataset, given: Partial<TrustKnnParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'trust-knn', defaults: trustKnnDefaults, given });
  requireRange('trust-knn', params, {
    depth: [1, 6],
    decay: [0, 1],
    neighbours: [1, 1e6],
    recentItems: [1, 1e6],
    popularityWeight: [0, 1e6],
  });
  const social = socialGraph('trust-knn', options, dataset.userCount);
  return new TrustKnnModel({
    params,
    histories: UserHistories.fromDataset(dataset, () => 1),
    trust: propagateTrust(social, { depth: params.depth, decay: params.decay, limit: params.neighbours }),
    popularity: normalisedPopularity(dataset),
  });
}

export const trustKnn: Recommender<TrustKnnParams> = {
  name: 'trust-knn',
  defaults: trustKnnDefaults,
  fit,
  load: (snapshot) =>
    new TrustKnnModel({
      params: snapshot.params as TrustKnnParams,
      histories: historiesFromArrays(snapshot.arrays, (snapshot.arrays.popularity as Float32Array).length),
      trust: neighboursFromArrays(snapshot.arrays),
      popularity: snapshot.arrays.popularity as Float32Array,
    }),
};

// Hybrid: a weighted fusion of other models. Score fusion adds each model's per-user z-scored scores; rank fusion
// adds w / (60 + rank) over each model's top `depth` (reciprocal rank fusion, Cormack et al. 2009). Weights are
// fitted by coordinate ascent on NDCG@10 of the validation split (or of a held-out item per user when none is given).

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { createRandom } from '../core/random.ts';
import { selectTopK } from './kernels/top-k.ts';
import { resolveParams } from './params.ts';
import type { FitOptions, Model, ModelSnapshot, Recommender, UserRef } from './recommender.ts';
import { ScoringModel } from './scoring-model.ts';

export const hybridDefaults = {
  /** Registry names joined by '+', each fitted with its defaults. */
  models: 'ease+ials',
  fusion: 'score',
  /** Weights joined by '+', one per model; empty fits them on validation data. */
  weights: '',
  /** Rank fusion counts ranks within each model's top `depth`. */
  depth: 100,
};

export type HybridParams = typeof hybridDefaults;
const choices = { fusion: ['score', 'rank'] };

export class HybridModel extends ScoringModel {
  readonly name = 'hybrid';
  readonly parts: Model[];
  readonly weights: Float32Array;
  readonly #all: Int32Array;

  constructor(options: { params: HybridParams; parts: Model[]; weights: Float32Array }) {
    const [first] = options.parts;
    super({ params: options.params, userCount: first.userCount, itemCount: first.itemCount });
    this.parts = options.parts;
    this.weights = options.weights;
    this.#all = Int32Array.from({ length: first.itemCount }, (_, item) => item);
  }

  /** Model `index`'s contribution for `user` before weighting (z-scores or reciprocal ranks). */
  contribution(index: number, user: UserRef, out: Float32Array): void {
    const params = this.params as HybridParams;
    const part = this.parts[index];
    if (params.fusion === 'rank') {
      out.fill(0);
      const { items } = part.recommend(user, params.depth);
      for (let rank = 0; rank < items.length; rank++) out[items[rank]] = 1 / (60 + rank + 1);
      return;
    }
    out.set(part.score(user, this.#all));
    let mean = 0;
    for (const value of out) mean += value;
    mean /= out.length;
    let variance = 0;
    for (const value of out) variance += (value - mean) ** 2;
    const scale = 1 / (Math.sqrt(variance / out.length) || 1);
    for (let item = 0; item < out.length; item++) out[item] = (out[item] - mean) * scale;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    out.fill(0);
    const buffer = new Float32Array(this.itemCount);
    for (let index = 0; index < this.parts.length; index++) {
      if (this.weights[index] === 0) continue;
      this.contribution(index, user, buffer);
      for (let item = 0; item < out.length; item++) out[item] += this.weights[index] * buffer[item];
    }
  }

  snapshot(): ModelSnapshot {
    const arrays: ModelSnapshot['arrays'] = { weights: this.weights };
    const parts = this.parts.map((part, index) => {
      const snapshot = part.snapshot();
      for (const [key, array] of Object.entries(snapshot.arrays)) arrays[`part${index}.${key}`] = array;
      return {
        name: snapshot.name,
        params: snapshot.params,
        meta: snapshot.meta,
        arrays: Object.keys(snapshot.arrays),
      };
    });
    return { name: this.name, params: { ...this.params }, meta: { parts }, arrays };
  }
}

/** Builds the hybrid recommender over a registry lookup (passed in, so the registry imports this file, not back). */
export function createHybrid(lookup: (name: string) => Recommender): Recommender<HybridParams> {
  const partNames = (params: HybridParams) => {
    const names = params.models
      .split('+')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    if (names.length === 0 || names.includes('hybrid')) {
      throw new InvalidInputError(`hybrid: models must name other models joined by '+' (got "${params.models}")`, {
        context: { field: 'hybrid.models' },
      });
    }
    for (const name of names) lookup(name);
    return names;
  };
  const fitParts = (names: string[], dataset: Dataset, options: FitOptions) =>
    Promise.all(names.map((name) => lookup(name).fit(dataset, {}, { ...options, validation: undefined })));

  async function fit(dataset: Dataset, given: Partial<HybridParams> = {}, options: FitOptions = {}) {
    const params = resolveParams({ model: 'hybrid', defaults: hybridDefaults, given, choices });
    const names = partNames(params);
    if (params.weights !== '') {
      const weights = params.weights.split('+').map(Number);
      if (weights.length !== names.length || weights.some((weight) => !Number.isFinite(weight))) {
        throw new InvalidInputError(
          `hybrid: weights "${params.weights}" must be ${names.length} numbers joined by '+'`,
          {
            context: { field: 'hybrid.weights' },
          },
        );
      }
      const parts = await fitParts(names, dataset, options);
      return new HybridModel({ params, parts, weights: Float32Array.from(weights) });
    }
    if (options.validation) {
      const parts = await fitParts(names, dataset, options);
      const model = new HybridModel({ params, parts, weights: new Float32Array(names.length).fill(1) });
      model.weights.set(fitWeights(model, dataset, options.validation));
      return model;
    }
    // No validation split: hold out one random item per user, fit weights there, then refit on everything.
    const random = createRandom(options.seed ?? 0);
    const held = new Int32Array(dataset.userCount).fill(-1);
    for (let user = 0; user < dataset.userCount; user++) {
      const count = dataset.byUser.indptr[user + 1] - dataset.byUser.indptr[user];
      if (count >= 3) held[user] = dataset.byUser.indptr[user] + random.int(count);
    }
    const inner = dataset.filter((position, user) => held[user] !== position);
    const validation = dataset.filter((position, user) => held[user] === position);
    const probe = new HybridModel({
      params,
      parts: await fitParts(names, inner, options),
      weights: new Float32Array(names.length).fill(1),
    });
    const weights = fitWeights(probe, inner, validation);
    return new HybridModel({ params, parts: await fitParts(names, dataset, options), weights });
  }

  return {
    name: 'hybrid',
    defaults: hybridDefaults,
    choices,
    fit,
    load: (snapshot) => {
      const parts = (snapshot.meta.parts as Array<Omit<ModelSnapshot, 'arrays'> & { arrays: string[] }>).map(
        (part, index) =>
          lookup(part.name).load({
            ...part,
            arrays: Object.fromEntries(part.arrays.map((key) => [key, snapshot.arrays[`part${index}.${key}`]])),
          }),
      );
      return new HybridModel({
        params: snapshot.params as HybridParams,
        parts,
        weights: snapshot.arrays.weights as Float32Array,
      });
    },
  };
}

/** Coordinate ascent over the weights on NDCG@10, with each part's contributions cached per validation user. */
function fitWeights(model: HybridModel, train: Dataset, validation: Dataset): Float32Array {
  const users: number[] = [];
  for (let user = 0; user < validation.userCount && users.length < 1000; user++) {
    if (validation.itemsOf(user).length > 0) users.push(user);
  }
  const n = model.itemCount;
  const cache = users.map((user) =>
    model.parts.map((_, index) => {
      const out = new Float32Array(n);
      model.contribution(index, user, out);
      return out;
    }),
  );
  const fused = new Float32Array(n);
  const evaluate = (weights: Float32Array) => {
    let total = 0;
    users.forEach((user, row) => {
      fused.fill(0);
      cache[row].forEach((contribution, index) => {
        for (let item = 0; item < n; item++) fused[item] += weights[index] * contribution[item];
      });
      const { items } = selectTopK(fused, 10, { exclude: train.itemsOf(user) });
      const relevant = new Set(validation.itemsOf(user));
      let dcg = 0;
      let ideal = 0;
      for (let rank = 0; rank < items.length; rank++) if (relevant.has(items[rank])) dcg += 1 / Math.log2(rank + 2);
      for (let rank = 0; rank < Math.min(10, relevant.size); rank++) ideal += 1 / Math.log2(rank + 2);
      total += dcg / ideal;
    });
    return total / Math.max(1, users.length);
  };
  const weights = new Float32Array(model.parts.length).fill(1);
  let best = evaluate(weights);
  for (let round = 0; round < 3; round++) {
    let improved = false;
    for (let index = 0; index < weights.length; index++) {
      for (const factor of [0, 0.25, 0.5, 2, 4]) {
        const trial = weights.slice();
        trial[index] = weights[index] === 0 ? factor : weights[index] * factor;
        if (trial.every((weight) => weight === 0)) continue;
        const value = evaluate(trial);
        if (value > best + 1e-6) {
          best = value;
          weights.set(trial);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return weights;
}

// Popularity: the items with the most (time-decayed) interactions, the same for every user, plus per-category
// lists when side.itemCategory is given. The fallback of every pipeline and the ItemPop baseline.

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { selectTopK } from './kernels/top-k.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, ModelSnapshot, Recommender, ScoredItems, UserRef } from './recommender.ts';
import { checkCount, ScoringModel } from './scoring-model.ts';
import { checkUser, historyOf } from './user-history.ts';

export const popularityDefaults = {
  /** Half-life of an interaction's weight, in days before the newest interaction; 0 means no decay. */
  halfLifeDays: 0,
  /** Count each interaction once, or weigh it by its value. */
  weighting: 'count',
};

export type PopularityParams = typeof popularityDefaults;
const choices = { weighting: ['count', 'value'] };

export class PopularityModel extends ScoringModel {
  readonly name = 'popularity';
  readonly popularity: Float32Array;
  /** Category index per item (-1 for none), when fitted with side.itemCategory. */
  readonly itemCategory: Int32Array | null;

  constructor(options: {
    params: Readonly<Record<string, unknown>>;
    userCount: number;
    popularity: Float32Array;
    itemCategory: Int32Array | null;
  }) {
    super({ params: options.params, userCount: options.userCount, itemCount: options.popularity.length });
    this.popularity = options.popularity;
    this.itemCategory = options.itemCategory;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    if (typeof user === 'number') checkUser(user, this.userCount);
    else historyOf(user, this.itemCount);
    out.set(this.popularity);
  }

  /** The most popular items of one category (side.itemCategory index). */
  topInCategory(category: number, k: number, exclude?: Int32Array): ScoredItems {
    checkCount(k);
    if (!this.itemCategory) {
      throw new InvalidInputError('popularity: per-category lists need side.itemCategory at fit time', {
        context: { field: 'category' },
      });
    }
    const candidates: number[] = [];
    this.itemCategory.forEach((value, item) => {
      if (value === category) candidates.push(item);
    });
    return selectTopK(this.popularity, k, { candidates: Int32Array.from(candidates), exclude });
  }

  snapshot(): ModelSnapshot {
    const arrays: ModelSnapshot['arrays'] = { popularity: this.popularity };
    if (this.itemCategory) arrays.itemCategory = this.itemCategory;
    return { name: this.name, params: { ...this.params }, meta: { userCount: this.userCount }, arrays };
  }
}

/** Per-item sum of interaction weights, each decayed by 2^(−age / half-life) from the newest interaction. */
export function itemPopularity(dataset: Dataset, options: { halfLifeDays: number; byValue: boolean }): Float32Array {
  const { indices, values, times } = dataset.byUser;
  let newest = 0;
  for (let position = 0; position < times.length; position++) if (times[position] > newest) newest = times[position];
  const halfLifeSeconds = options.halfLifeDays * 86_400;
  const scores = new Float64Array(dataset.itemCount);
  for (let position = 0; position < indices.length; position++) {
    const weight = options.byValue ? values[position] : 1;
    const decay = halfLifeSeconds > 0 ? 2 ** (-(newest - times[position]) / halfLifeSeconds) : 1;
    scores[indices[position]] += weight * decay;
  }
  return Float32Array.from(scores);
}

async function fit(dataset: Dataset, given: Partial<PopularityParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'popularity', defaults: popularityDefaults, given, choices });
  requireRange('popularity', params, { halfLifeDays: [0, 1e6] });
  const category = options.side?.itemCategory ?? null;
  if (category && category.length !== dataset.itemCount) {
    throw new InvalidInputError(`side.itemCategory has ${category.length} entries for ${dataset.itemCount} items`, {
      context: { field: 'side.itemCategory' },
    });
  }
  return new PopularityModel({
    params,
    userCount: dataset.userCount,
    popularity: itemPopularity(dataset, { halfLifeDays: params.halfLifeDays, byValue: params.weighting === 'value' }),
    itemCategory: category,
  });
}

export const popularity: Recommender<PopularityParams> = {
  name: 'popularity',
  defaults: popularityDefaults,
  choices,
  fit,
  load: (snapshot) =>
    new PopularityModel({
      params: snapshot.params,
      userCount: snapshot.meta.userCount as number,
      popularity: snapshot.arrays.popularity as Float32Array,
      itemCategory: (snapshot.arrays.itemCategory as Int32Array | undefined) ?? null,
    }),
};

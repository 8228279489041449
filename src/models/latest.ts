// Latest: the newest items first, the same for every user (freshness). Item age comes from side.itemCreatedAt,
// or, for items without it, the item's first interaction in the data.

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { resolveParams } from './params.ts';
import type { FitOptions, ModelSnapshot, Recommender, UserRef } from './recommender.ts';
import { ScoringModel } from './scoring-model.ts';
import { checkUser, historyOf } from './user-history.ts';

export const latestDefaults = {
  /** Where an item's time comes from: side.itemCreatedAt with first interaction as fallback, or only the latter. */
  source: 'created',
};

export type LatestParams = typeof latestDefaults;
const choices = { source: ['created', 'first-seen'] };

/** A model whose scores are one fixed value per item (latest, trending). */
export class StaticScoreModel extends ScoringModel {
  readonly name: string;
  readonly itemScores: Float32Array;

  constructor(options: {
    name: string;
    params: Readonly<Record<string, unknown>>;
    userCount: number;
    itemScores: Float32Array;
  }) {
    super({ params: options.params, userCount: options.userCount, itemCount: options.itemScores.length });
    this.name = options.name;
    this.itemScores = options.itemScores;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    if (typeof user === 'number') checkUser(user, this.userCount);
    else historyOf(user, this.itemCount);
    out.set(this.itemScores);
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: { userCount: this.userCount },
      arrays: { itemScores: this.itemScores },
    };
  }

  static fromSnapshot(snapshot: ModelSnapshot): StaticScoreModel {
    return new StaticScoreModel({
      name: snapshot.name,
      params: snapshot.params,
      userCount: snapshot.meta.userCount as number,
      itemScores: snapshot.arrays.itemScores as Float32Array,
    });
  }
}

/** Seconds of each item's first interaction (0 when none). */
export function firstSeen(dataset: Dataset): Float64Array {
  const first = new Float64Array(dataset.itemCount).fill(Number.POSITIVE_INFINITY);
  const { indices, times } = dataset.byUser;
  for (let position = 0; position < indices.length; position++) {
    if (times[position] < first[indices[position]]) first[indices[position]] = times[position];
  }
  return first.map((time) => (Number.isFinite(time) ? time : 0));
}

async function fit(dataset: Dataset, given: Partial<LatestParams> = {}, options: FitOptions = {}) {
  const params = resolveParams({ model: 'latest', defaults: latestDefaults, given, choices });
  const created = params.source === 'created' ? options.side?.itemCreatedAt : undefined;
  if (created && created.length !== dataset.itemCount) {
    throw new InvalidInputError(`side.itemCreatedAt has ${created.length} entries for ${dataset.itemCount} items`, {
      context: { field: 'side.itemCreatedAt' },
    });
  }
  const seen = firstSeen(dataset);
  // Scores in days since the epoch keep float32 precision at about a second.
  const itemScores = Float32Array.from(seen, (time, item) => ((created?.[item] || time) - 1_000_000_000) / 86_400);
  return new StaticScoreModel({ name: 'latest', params, userCount: dataset.userCount, itemScores });
}

export const latest: Recommender<LatestParams> = {
  name: 'latest',
  defaults: latestDefaults,
  choices,
  fit,
  load: (snapshot) => StaticScoreModel.fromSnapshot(snapshot),
};

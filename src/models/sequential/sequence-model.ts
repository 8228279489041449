// The base of the sequential recall models: each user's items in time order (a training user's history, or an
// anonymous session's items, oldest first), scored from that sequence; an empty sequence falls back to popularity.

import type { Dataset } from '../../core/dataset.ts';
import type { ModelSnapshot, UserRef } from '../recommender.ts';
import { ScoringModel } from '../scoring-model.ts';
import { historiesFromArrays, historyArrays, UserHistories } from '../user-history.ts';

export abstract class SequenceModel extends ScoringModel {
  /** Training users' items in time order (weights unused). */
  readonly histories: UserHistories;
  /** Interactions per item, the fallback for an empty sequence. */
  readonly popularity: Float32Array;

  constructor(options: {
    params: Readonly<Record<string, unknown>>;
    histories: UserHistories;
    popularity: Float32Array;
  }) {
    super({ params: options.params, userCount: options.histories.userCount, itemCount: options.histories.itemCount });
    this.histories = options.histories;
    this.popularity = options.popularity;
  }

  /** The user's items, oldest first; validates the user. */
  sequenceOf(user: UserRef): Int32Array {
    return this.histories.of(user).items;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    const sequence = this.sequenceOf(user);
    if (sequence.length === 0) out.set(this.popularity);
    else this.scoreSequence(sequence, out);
  }

  /** Writes a score for every item given a non-empty sequence (oldest first). */
  protected abstract scoreSequence(sequence: Int32Array, out: Float32Array): void;

  /** Histories and popularity as snapshot arrays. */
  protected sequenceArrays(): ModelSnapshot['arrays'] {
    return { ...historyArrays(this.histories), popularity: this.popularity };
  }
}

/** Histories (binary weights) and item counts of a training set. */
export function sequenceData(dataset: Dataset): { histories: UserHistories; popularity: Float32Array } {
  const popularity = new Float32Array(dataset.itemCount);
  for (const item of dataset.byUser.indices) popularity[item]++;
  return { histories: UserHistories.fromDataset(dataset, () => 1), popularity };
}

/** Histories and popularity restored from snapshot arrays written by `sequenceArrays`. */
export function sequenceDataFromSnapshot(snapshot: ModelSnapshot): {
  histories: UserHistories;
  popularity: Float32Array;
} {
  const popularity = snapshot.arrays.popularity as Float32Array;
  return { histories: historiesFromArrays(snapshot.arrays, popularity.length), popularity };
}

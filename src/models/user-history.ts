// The training interactions a model keeps to score users: a CSR of item indices and weights per user.
// Also resolves a UserRef (training user or anonymous history) to its items, for fold-in.

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { UserRef } from './recommender.ts';

/** A user's items and their weights. */
export interface History {
  items: Int32Array;
  weights: Float32Array;
}

export class UserHistories {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly itemCount: number;

  constructor(options: { indptr: Int32Array; indices: Int32Array; values: Float32Array; itemCount: number }) {
    this.indptr = options.indptr;
    this.indices = options.indices;
    this.values = options.values;
    this.itemCount = options.itemCount;
  }

  /** The dataset's rows with values mapped by `weight` (e.g. binarised). */
  static fromDataset(dataset: Dataset, weight: (value: number) => number = (value) => value): UserHistories {
    const { indptr, indices, values } = dataset.byUser;
    return new UserHistories({
      indptr,
      indices,
      values: Float32Array.from(values, weight),
      itemCount: dataset.itemCount,
    });
  }

  get userCount(): number {
    return this.indptr.length - 1;
  }

  /** The user's items and weights; anonymous histories are checked against the catalog. */
  of(user: UserRef): History {
    if (typeof user === 'number') {
      checkUser(user, this.userCount);
      const start = this.indptr[user];
      const end = this.indptr[user + 1];
      return { items: this.indices.subarray(start, end), weights: this.values.subarray(start, end) };
    }
    return historyOf(user, this.itemCount);
  }
}

/** Throws unless `user` is a training user's index. */
export function checkUser(user: number, userCount: number): void {
  if (!Number.isInteger(user) || user < 0 || user >= userCount) {
    throw new InvalidInputError(`user index ${user} is outside the model's ${userCount} users`, {
      context: { field: 'user' },
    });
  }
}

/** An anonymous history's items and weights (weight 1 by default), checked against the catalog. */
export function historyOf(user: Exclude<UserRef, number>, itemCount: number): History {
  const { history } = user;
  for (const item of history) {
    if (!Number.isInteger(item) || item < 0 || item >= itemCount) {
      throw new InvalidInputError(`history item ${item} is outside the model's ${itemCount} items`, {
        context: { field: 'history' },
      });
    }
  }
  if (user.weights && user.weights.length !== history.length) {
    throw new InvalidInputError(`history has ${history.length} items but ${user.weights.length} weights`, {
      context: { field: 'weights' },
    });
  }
  return { items: history, weights: user.weights ?? new Float32Array(history.length).fill(1) };
}

/** The histories as snapshot arrays (`indptr`, `indices`, `values`). */
export function historyArrays(histories: UserHistories): Record<string, Int32Array | Float32Array> {
  return { indptr: histories.indptr, indices: histories.indices, values: histories.values };
}

/** Histories restored from snapshot arrays written by `historyArrays`. */
export function historiesFromArrays(arrays: Record<string, unknown>, itemCount: number): UserHistories {
  return new UserHistories({
    indptr: arrays.indptr as Int32Array,
    indices: arrays.indices as Int32Array,
    values: arrays.values as Float32Array,
    itemCount,
  });
}

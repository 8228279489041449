// The base of every model: an algorithm writes a score per item, and this class turns scores into
// recommendations (exclusions, candidates, top-K with ties by ascending item index) and per-item scores.

import { InvalidInputError } from '../core/errors.ts';
import { selectTopK } from './kernels/top-k.ts';
import type { Model, ModelSnapshot, RecommendOptions, ScoredItems, UserRef } from './recommender.ts';

export abstract class ScoringModel implements Model {
  abstract readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly userCount: number;
  readonly itemCount: number;
  #scratch: Float32Array | null = null;
  #mask: Uint8Array | null = null;

  constructor(options: { params: Readonly<Record<string, unknown>>; userCount: number; itemCount: number }) {
    this.params = options.params;
    this.userCount = options.userCount;
    this.itemCount = options.itemCount;
  }

  /** Writes a score for every item into `out` (length itemCount); validates `user`. */
  protected abstract scoreAll(user: UserRef, out: Float32Array): void;

  abstract snapshot(): ModelSnapshot;

  recommend(user: UserRef, k: number, options: RecommendOptions = {}): ScoredItems {
    checkCount(k);
    const scores = this.scratchScores();
    this.scoreAll(user, scores);
    this.#mask ??= new Uint8Array(this.itemCount);
    return selectTopK(scores, k, { ...options, scratchMask: this.#mask });
  }

  score(user: UserRef, items: Int32Array): Float32Array {
    for (const item of items) checkItem(item, this.itemCount);
    const scores = this.scratchScores();
    this.scoreAll(user, scores);
    return Float32Array.from(items, (item) => scores[item]);
  }

  /** One reusable score buffer: recommend is synchronous, so no two calls share it at once. */
  protected scratchScores(): Float32Array {
    this.#scratch ??= new Float32Array(this.itemCount);
    return this.#scratch;
  }
}

export function checkCount(k: number): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new InvalidInputError(`k must be a non-negative integer (got ${k})`, { context: { field: 'k' } });
  }
}

export function checkItem(item: number, itemCount: number): void {
  if (!Number.isInteger(item) || item < 0 || item >= itemCount) {
    throw new InvalidInputError(`item index ${item} is outside the model's ${itemCount} items`, {
      context: { field: 'item' },
    });
  }
}

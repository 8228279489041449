// A mock recommender for pipeline and server tests: its models rank items by a fixed score table (and similar items
// by a fixed similarity), record every call, and throw "not implemented" for what the test did not define.

import type { Dataset } from '../core/dataset.ts';
import type {
  FitOptions,
  Model,
  ModelSnapshot,
  Recommender,
  RecommendOptions,
  ScoredItems,
  UserRef,
} from '../models/recommender.ts';

export interface MockRecommenderOptions {
  name: string;
  /** Score of an item (by id) for every user; recommend and score throw "not implemented" without it. */
  itemScore?: (id: string) => number;
  /** Similarity of two items by id; the model has no similarItems without it. */
  similarity?: (a: string, b: string) => number;
  /** Throw this from fit (to test failing training). */
  fitError?: Error;
}

export interface MockCall {
  method: 'fit' | 'recommend' | 'score' | 'similarItems' | 'load';
  args: unknown[];
}

export class MockModel implements Model {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly userCount: number;
  readonly itemCount: number;
  readonly calls: MockCall[];
  readonly #scores: Float32Array | null;
  readonly #similarity: Float32Array | null;
  declare similarItems?: (item: number, k: number) => ScoredItems;

  constructor(options: {
    name: string;
    params?: Record<string, unknown>;
    userCount: number;
    itemCount: number;
    scores: Float32Array | null;
    /** itemCount × itemCount, row-major. */
    similarity: Float32Array | null;
    calls: MockCall[];
  }) {
    this.name = options.name;
    this.params = options.params ?? {};
    this.userCount = options.userCount;
    this.itemCount = options.itemCount;
    this.#scores = options.scores;
    this.#similarity = options.similarity;
    this.calls = options.calls;
    if (this.#similarity) {
      this.similarItems = (item: number, k: number) => {
        this.calls.push({ method: 'similarItems', args: [item, k] });
        const row = this.#similarity!.subarray(item * this.itemCount, (item + 1) * this.itemCount);
        return top(row, k, (other) => other !== item);
      };
    }
  }

  recommend(user: UserRef, k: number, options: RecommendOptions = {}): ScoredItems {
    this.calls.push({ method: 'recommend', args: [user, k, options] });
    if (!this.#scores) throw new Error(`${this.name}: recommend is not implemented by this mock`);
    const exclude = new Set(options.exclude ?? []);
    if (typeof user !== 'number') for (const item of user.history) exclude.add(item);
    const allowed = options.candidates ? new Set(options.candidates) : null;
    return top(this.#scores, k, (item) => !exclude.has(item) && (!allowed || allowed.has(item)));
  }

  score(user: UserRef, items: Int32Array): Float32Array {
    this.calls.push({ method: 'score', args: [user, items] });
    if (!this.#scores) throw new Error(`${this.name}: score is not implemented by this mock`);
    return Float32Array.from(items, (item) => this.#scores![item]);
  }

  snapshot(): ModelSnapshot {
    const arrays: ModelSnapshot['arrays'] = {};
    if (this.#scores) arrays.scores = this.#scores;
    if (this.#similarity) arrays.similarity = this.#similarity;
    return {
      name: this.name,
      params: { ...this.params },
      meta: { userCount: this.userCount, itemCount: this.itemCount },
      arrays,
    };
  }
}

function top(scores: Float32Array, k: number, keep: (item: number) => boolean): ScoredItems {
  const items: number[] = [];
  for (let item = 0; item < scores.length; item++) if (keep(item)) items.push(item);
  items.sort((a, b) => scores[b] - scores[a] || a - b);
  const chosen = items.slice(0, k);
  return { items: Int32Array.from(chosen), scores: Float32Array.from(chosen, (item) => scores[item]) };
}

export function mockRecommender(options: MockRecommenderOptions): Recommender & { calls: MockCall[] } {
  const calls: MockCall[] = [];
  return {
    name: options.name,
    defaults: {},
    calls,
    async fit(dataset: Dataset, params: Record<string, unknown> = {}, fitOptions: FitOptions = {}): Promise<Model> {
      calls.push({ method: 'fit', args: [dataset, params, fitOptions] });
      if (options.fitError) throw options.fitError;
      const ids = dataset.items.ids();
      const scores = options.itemScore ? Float32Array.from(ids, (id) => options.itemScore!(id)) : null;
      let similarity: Float32Array | null = null;
      if (options.similarity) {
        similarity = new Float32Array(ids.length * ids.length);
        for (let a = 0; a < ids.length; a++) {
          for (let b = 0; b < ids.length; b++) similarity[a * ids.length + b] = options.similarity(ids[a], ids[b]);
        }
      }
      fitOptions.progress?.start(`${options.name}`, 1);
      fitOptions.progress?.tick();
      fitOptions.progress?.done();
      return new MockModel({
        name: options.name,
        params,
        userCount: dataset.userCount,
        itemCount: dataset.itemCount,
        scores,
        similarity,
        calls,
      });
    },
    load(snapshot: ModelSnapshot): Model {
      calls.push({ method: 'load', args: [snapshot] });
      return new MockModel({
        name: snapshot.name,
        params: snapshot.params,
        userCount: Number(snapshot.meta.userCount),
        itemCount: Number(snapshot.meta.itemCount),
        scores: (snapshot.arrays.scores as Float32Array | undefined) ?? null,
        similarity: (snapshot.arrays.similarity as Float32Array | undefined) ?? null,
        calls,
      });
    },
  };
}
